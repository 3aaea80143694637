package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** Every identity future completes by the end of {@code close(timeout)}, whatever IDSync does. */
class IdentityCloseTest {

  private static Spoke spoke(RecordingServer s) {
    return Spoke.create(
        SpokeOptions.builder(Workspace.builder("key-ic", "secret-ic").build())
            .endpoint(s.root())
            .kitsEnabled(false)
            .uploadInterval(Duration.ofMillis(20))
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .build());
  }

  private static MockResponse identified(long mpid) {
    return new MockResponse()
        .setResponseCode(200)
        .setBody(
            "{\"mpid\":\""
                + mpid
                + "\",\"context\":\"c\",\"is_ephemeral\":false,\"is_logged_in\":true}");
  }

  private static void assertFailedByClose(CompletableFuture<IdentityResult> f) {
    assertThat(f).as("identity future done after close").isDone();
    if (!f.isCompletedExceptionally()) {
      return; // answered before close: fine
    }
    Throwable cause =
        f.handle(
                (r, e) ->
                    e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)
            .join();
    // A clear cause: IDSync's own failure, the close, or a call made without an MPID yet.
    assertThat(cause).isInstanceOfAny(IdentityException.class, IllegalStateException.class);
    assertThat(cause.getMessage()).isNotBlank();
  }

  @Test
  void queuedAndInFlightIdentityCallsFailWithAClearCauseAtClose() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger identifies = new AtomicInteger();
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            String path = r.getPath();
            if (path.startsWith("/v1/identify") && identifies.getAndIncrement() == 0) {
              return identified(77);
            }
            if (path.startsWith("/v1/")) {
              try {
                release.await(20, TimeUnit.SECONDS); // IDSync never answers while the test runs
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return identified(78);
            }
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke = spoke(s);
      try {
        spoke
            .identify(UserIdentities.of(IdentityType.CUSTOMER_ID, "first"))
            .get(10, TimeUnit.SECONDS);
        List<CompletableFuture<IdentityResult>> futures = new ArrayList<>();
        futures.add(spoke.modify(UserIdentities.of(IdentityType.EMAIL, "a@example.com")));
        futures.add(spoke.login(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-2")));
        futures.add(spoke.logout());
        futures.add(spoke.identify(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-3")));
        futures.add(spoke.login(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-4")));
        long t0 = System.nanoTime();
        spoke.close(Duration.ofMillis(300));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (CompletableFuture<IdentityResult> f : futures) {
          assertThat(f).isCompletedExceptionally();
          Throwable cause = f.handle((r, e) -> e.getCause() != null ? e.getCause() : e).join();
          assertThat(cause)
              .isInstanceOf(IdentityException.class)
              .hasMessageContaining("closed before IDSync answered");
        }
        assertThat(tookMs).as("close stays near its timeout").isLessThan(5_000);
        // After close a call fails at once, naming the reason.
        CompletableFuture<IdentityResult> late = spoke.identify(UserIdentities.empty());
        assertThat(late).isCompletedExceptionally();
        assertThat(late.handle((r, e) -> e.getCause() != null ? e.getCause() : e).join())
            .hasMessageContaining("closed");
      } finally {
        release.countDown();
        spoke.close();
      }
    }
  }

  /**
   * Property: whatever mix of identity calls, events and answer delays (including no answer at all)
   * precedes close, every future the host holds is done when {@code close(timeout)} returns.
   */
  @Property(tries = 12)
  void everyIdentityFutureIsDoneAfterClose(
      @ForAll("ops") List<Integer> ops, @ForAll @IntRange(min = 0, max = 3) int answerMode)
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingServer s = new RecordingServer()) {
      AtomicInteger n = new AtomicInteger();
      s.answer =
          r -> {
            if (!r.getPath().startsWith("/v1/")) {
              return new MockResponse().setResponseCode(202);
            }
            int i = n.incrementAndGet();
            switch ((answerMode + i) % 4) {
              case 0:
                return identified(100 + i);
              case 1:
                return new MockResponse().setResponseCode(503);
              case 2:
                return identified(100 + i).setBodyDelay(50, TimeUnit.MILLISECONDS);
              default:
                try {
                  release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return identified(100 + i);
            }
          };
      Spoke spoke = spoke(s);
      List<CompletableFuture<IdentityResult>> futures = new ArrayList<>();
      try {
        for (int op : ops) {
          switch (op) {
            case 0:
              futures.add(
                  spoke.identify(
                      UserIdentities.of(IdentityType.CUSTOMER_ID, "i" + futures.size())));
              break;
            case 1:
              futures.add(
                  spoke.login(UserIdentities.of(IdentityType.EMAIL, futures.size() + "@x.io")));
              break;
            case 2:
              futures.add(spoke.logout());
              break;
            case 3:
              futures.add(
                  spoke.modify(UserIdentities.of(IdentityType.OTHER, "m" + futures.size())));
              break;
            default:
              spoke.logEvent(CustomEvent.builder("e").build());
              break;
          }
        }
        spoke.close(Duration.ofMillis(200));
        for (CompletableFuture<IdentityResult> f : futures) {
          assertFailedByClose(f);
        }
      } finally {
        release.countDown();
        spoke.close();
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> ops() {
    return Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(12);
  }
}
