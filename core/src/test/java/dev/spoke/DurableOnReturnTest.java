package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.ParsedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code durableOnReturn}: a tracking call journals its event before returning, so the journal
 * holds it even while the worker thread is busy; without it the worker journals it later.
 */
class DurableOnReturnTest {
  private static final int EVENTS = 100;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theJournalHoldsAnEventWhenTheCallReturnsOnlyWithDurableOnReturn(
      boolean durableOnReturn, @TempDir Path dir) throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    try (RecordingServer s = new RecordingServer()) {
      s.answer = r -> new MockResponse().setResponseCode(down.get() ? 503 : 202);
      SpokeOptions.Builder base =
          SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
              .endpoint(s.root())
              .kitsEnabled(false)
              .dataDirectory(dir)
              .durableOnReturn(durableOnReturn)
              .uploadInterval(Duration.ofMillis(20))
              .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
      // A first run leaves one event in the journal, so the next start has something to replay.
      Spoke first = Spoke.create(base.build());
      first.user("u").logEvent(CustomEvent.builder("before").attribute("seq", -1).build());
      first.close(Duration.ofMillis(300));

      // The worker reports the replay through the listener: holding that call holds the worker.
      CountDownLatch workerHeld = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      down.set(false);
      Spoke second =
          Spoke.create(
              base.listener(
                      new SpokeListener() {
                        @Override
                        public void onJournal(String message) {
                          if (message.startsWith("replayed")) {
                            workerHeld.countDown();
                            try {
                              release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }
                        }
                      })
                  .build());
      try {
        assertThat(workerHeld.await(10, TimeUnit.SECONDS)).isTrue();
        long journalBefore = second.metrics().journalBytes();
        for (int i = 0; i < EVENTS; i++)
          second.user("u").logEvent(CustomEvent.builder("e").attribute("seq", i).build());
        long grown = second.metrics().journalBytes() - journalBefore;
        if (durableOnReturn) {
          assertThat(grown)
              .as("journal growth while the worker is held")
              .isGreaterThan(EVENTS * 100L);
        } else {
          assertThat(grown).as("journal growth while the worker is held").isZero();
        }
      } finally {
        release.countDown();
      }
      assertThat(second.flush(Duration.ofSeconds(10)).complete()).isTrue();
      second.close();
      assertThat(second.metrics().droppedTotal()).isZero();
      // Counted as the platform counts: a batch whose source_request_id it already accepted is a
      // duplicate it drops. The first instance's last request may reach the server after its close
      // gave up on it (the data stays journaled), and the replay then resends it under the same id.
      Map<String, Integer> copies = new HashMap<>();
      java.util.Set<String> seenRequests = new java.util.HashSet<>();
      synchronized (s.accepted) {
        for (dev.spoke.internal.json.ParsedBatch b : s.accepted) {
          if (!seenRequests.add(b.sourceRequestId())) continue;
          for (ParsedEvent e : b.events()) {
            if (!e.event().type().wireName().equals("custom_event")) continue;
            copies.merge(String.valueOf(e.event().customAttributes().get("seq")), 1, Integer::sum);
          }
        }
      }
      assertThat(copies)
          .hasSize(EVENTS + 1)
          .allSatisfy((seq, n) -> assertThat(n).as("copies of %s", seq).isEqualTo(1));
    }
  }

  @org.junit.jupiter.api.Test
  void batchesSealedAfterACloseThatTimedOutStayInTheJournalAndAreNotCountedAsDropped(
      @TempDir Path dir) throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      s.answer = r -> new MockResponse().setResponseCode(503);
      SpokeOptions.Builder base =
          SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
              .endpoint(s.root())
              .kitsEnabled(false)
              .dataDirectory(dir)
              .uploadInterval(Duration.ofMillis(20))
              .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
      Spoke first = Spoke.create(base.build());
      first.user("u").logEvent(CustomEvent.builder("before").attribute("seq", -1).build());
      first.close(Duration.ofMillis(300));

      // The worker is held (ignoring interrupts) until after close has given up on it.
      CountDownLatch workerHeld = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      java.util.List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
      Spoke second =
          Spoke.create(
              base.listener(
                      new SpokeListener() {
                        @Override
                        public void onJournal(String message) {
                          messages.add(message);
                          if (message.startsWith("replayed")) {
                            workerHeld.countDown();
                            while (true) {
                              try {
                                release.await();
                                return;
                              } catch (InterruptedException ignored) {
                                // close interrupts the worker when it does not stop in time
                              }
                            }
                          }
                        }
                      })
                  .build());
      assertThat(workerHeld.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 10; i++)
        second.user("u").logEvent(CustomEvent.builder("e").attribute("seq", i).build());
      FlushResult closed = second.close(Duration.ofMillis(500));
      assertThat(closed.complete()).isFalse();
      release.countDown();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (messages.stream().noneMatch(m -> m.contains("stay in the journal"))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(messages).anyMatch(m -> m.contains("stay in the journal"));
      assertThat(second.metrics().dropped()).doesNotContainKey(DropReason.UNSENT_AT_CLOSE);

      s.answer = r -> new MockResponse().setResponseCode(202);
      Spoke third = Spoke.create(base.listener(new SpokeListener() {}).build());
      assertThat(third.flush(Duration.ofSeconds(10)).complete()).isTrue();
      third.close();
      // Counted as the platform counts: a batch whose source_request_id it already accepted is a
      // duplicate it drops. The first instance's last request may reach the server after its close
      // gave up on it (the data stays journaled), and the replay then resends it under the same id.
      Map<String, Integer> copies = new HashMap<>();
      java.util.Set<String> seenRequests = new java.util.HashSet<>();
      synchronized (s.accepted) {
        for (dev.spoke.internal.json.ParsedBatch b : s.accepted) {
          if (!seenRequests.add(b.sourceRequestId())) continue;
          for (ParsedEvent e : b.events()) {
            if (!e.event().type().wireName().equals("custom_event")) continue;
            copies.merge(String.valueOf(e.event().customAttributes().get("seq")), 1, Integer::sum);
          }
        }
      }
      assertThat(copies).hasSize(11);
    }
  }
}
