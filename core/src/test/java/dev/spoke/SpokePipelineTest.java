package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.SessionEnd;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.internal.json.ParsedEvent;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokePipelineTest {
  private static final long T0 = 1_790_000_000_000L;

  private static Workspace ws() {
    return Workspace.builder("key-1", "secret-1").build();
  }

  @Test
  void sessionEndsAfterInactivityOnTheInjectedClock() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .sessionTimeout(Duration.ofMinutes(30))
                  .build());
      SpokeUser u = spoke.user("u1");
      u.logEvent(CustomEvent.builder("a").build());
      clock.advanceMillis(Duration.ofMinutes(10).toMillis());
      u.logEvent(CustomEvent.builder("b").build());
      clock.advanceMillis(Duration.ofMinutes(31).toMillis());
      u.logEvent(CustomEvent.builder("c").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();

      List<ParsedEvent> events = s.events();
      assertThat(events)
          .extracting(e -> e.event().type().wireName())
          .containsExactly(
              "session_start",
              "custom_event",
              "custom_event",
              "session_end",
              "session_start",
              "custom_event");
      ParsedEvent end = events.get(3);
      assertThat(((SessionEnd) end.event()).sessionDurationMillis())
          .isEqualTo(Duration.ofMinutes(10).toMillis());
      assertThat(end.event().timestampMillis()).isEqualTo(T0 + Duration.ofMinutes(10).toMillis());
      assertThat(events.get(0).session().sessionId())
          .isEqualTo(events.get(2).session().sessionId());
      assertThat(events.get(4).session().sessionId())
          .isNotEqualTo(events.get(0).session().sessionId());
      assertThat(events.get(1).session().eventNum()).isLessThan(events.get(2).session().eventNum());
      // Each event's own number within its session on the wire, the session's fields shared.
      assertThat(events)
          .extracting(e -> e.session().eventNum())
          .containsExactly(1L, 2L, 3L, 4L, 1L, 2L);
      assertThat(events.get(1).session().sessionUuid())
          .isEqualTo(events.get(3).session().sessionUuid());
      assertThat(events.get(5).session().sessionStartMillis())
          .isEqualTo(T0 + Duration.ofMinutes(41).toMillis());
    }
  }

  @Test
  void eventsLoggedDuringLoginAreStampedWithTheResultingMpid() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            if (r.getPath().startsWith("/v1/login")) {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new MockResponse()
                  .setResponseCode(200)
                  .setBody(
                      "{\"mpid\":\"777\",\"context\":\"ctx\",\"is_ephemeral\":false,\"is_logged_in\":true}");
            }
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .uploadInterval(Duration.ofMillis(20))
                  .build());
      CompletableFuture<IdentityResult> f =
          spoke.login(UserIdentities.of(IdentityType.EMAIL, "a@example.com"));
      spoke.logEvent(CustomEvent.builder("during login").build());
      release.countDown();
      assertThat(f.get(10, TimeUnit.SECONDS).mpid()).isEqualTo(777L);
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      ParsedBatch withEvent =
          s.accepted.stream()
              .filter(b -> b.events().stream().anyMatch(e -> e.event() instanceof CustomEvent))
              .findFirst()
              .orElseThrow();
      assertThat(withEvent.mpid()).isEqualTo(777L);
      assertThat(withEvent.identities().get(IdentityType.EMAIL)).isEqualTo("a@example.com");
      assertThat(s.events("profile")).hasSize(1);
      assertThat(s.events("user_identity_change")).hasSize(1);
    }
  }

  @Test
  void durableJournalKeepsEventsAcrossARestartAndReusesSourceRequestIds(@TempDir Path dir)
      throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      s.answer = r -> new MockResponse().setResponseCode(503);
      Spoke first =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .dataDirectory(dir)
                  .uploadInterval(Duration.ofMillis(20))
                  .build());
      for (int i = 0; i < 20; i++)
        first.user("u" + (i % 3)).logEvent(CustomEvent.builder("e" + i).build());
      assertThat(first.flush(Duration.ofMillis(300)).complete()).isFalse();
      FlushResult closed = first.close(Duration.ofMillis(300));
      assertThat(closed.droppedTotal()).isZero();
      Set<String> triedIds = new HashSet<>(s.allSourceRequestIds);
      assertThat(triedIds).isNotEmpty();

      s.answer = r -> new MockResponse().setResponseCode(202);
      Spoke second =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .dataDirectory(dir)
                  .build());
      assertThat(second.flush(Duration.ofSeconds(10)).complete()).isTrue();
      second.close();
      assertThat(s.events("custom_event")).hasSize(20);
      Set<String> names = new HashSet<>();
      for (ParsedEvent e : s.events("custom_event")) names.add(((CustomEvent) e.event()).name());
      assertThat(names).hasSize(20);
      Set<String> deliveredIds = new HashSet<>();
      for (ParsedBatch b : s.accepted) deliveredIds.add(b.sourceRequestId());
      // A batch that reached the server before the restart is sent again under the same id, so the
      // platform can deduplicate it.
      assertThat(deliveredIds).containsAll(triedIds);
    }
  }

  @Test
  void aFullQueueDropsTheNewestCountsThemAndReportsOncePerCycle() throws Exception {
    AtomicLong reported = new AtomicLong();
    CountDownLatch hold = new CountDownLatch(1);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            try {
              hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .queueCapacity(16)
                  .maxBufferedBytes(1024 * 1024)
                  .uploadInterval(Duration.ofMillis(20))
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onDrop(DropReason reason, long count, String detail) {
                          if (reason == DropReason.QUEUE_FULL) reported.addAndGet(count);
                        }
                      })
                  .build());
      int total = 50_000;
      StringBuilder pad = new StringBuilder();
      for (int i = 0; i < 200; i++) pad.append('x');
      for (int i = 0; i < total; i++) {
        spoke
            .user("u" + (i % 50))
            .logEvent(CustomEvent.builder("e").attribute("pad", pad.toString()).build());
      }
      hold.countDown();
      FlushResult r = spoke.flush(Duration.ofSeconds(20));
      spoke.close();
      long dropped = spoke.metrics().dropped().getOrDefault(DropReason.QUEUE_FULL, 0L);
      assertThat(dropped).isPositive();
      assertThat(reported.get()).isEqualTo(dropped);
      SpokeMetrics m = spoke.metrics();
      // Besides the custom events, at most one session_start per user (50) is offered.
      assertThat(m.accepted() + dropped).isBetween((long) total, (long) total + 50);
      assertThat(s.events("custom_event").size() + dropped).isLessThanOrEqualTo(total + 50);
      assertThat(m.delivered()).isEqualTo(m.accepted());
      assertThat((long) s.events().size()).isEqualTo(m.accepted());
      assertThat(r.complete()).isTrue();
    }
  }

  @Test
  void aThrowingListenerHurtsNothing() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onValidation(ValidationIssue issue) {
                          throw new IllegalStateException("boom");
                        }

                        @Override
                        public void onDelivered(int b, int e, long bytes) {
                          throw new IllegalStateException("boom");
                        }
                      })
                  .build());
      spoke.user("u").logEvent(CustomEvent.builder(null).build());
      spoke.user("u").logEvent(CustomEvent.builder("ok").attribute("bad", Double.NaN).build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      assertThat(s.events("custom_event")).hasSize(1);
      assertThat(spoke.metrics().dropped()).containsEntry(DropReason.VALIDATION, 1L);
      assertThat(spoke.metrics().validationIssues()).isNotEmpty();
    }
  }

  @Test
  void badCredentialsPauseUploadsKeepTheDataAndANewSecretResumesThem() throws Exception {
    String good =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("key-1:rotated".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<String> paused = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              good.equals(r.getHeader("Authorization"))
                  ? new MockResponse().setResponseCode(202)
                  : new MockResponse().setResponseCode(403);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onUploadsPaused(int status, String message) {
                          paused.add(message);
                        }
                      })
                  .build());
      spoke.user("u").logEvent(CustomEvent.builder("kept").build());
      assertThat(spoke.flush(Duration.ofMillis(500)).complete()).isFalse();
      assertThat(paused).isNotEmpty();
      assertThat(paused.get(0)).contains("key-1").doesNotContain("secret-1");
      spoke.updateSecret("rotated");
      FlushResult r = spoke.flush(Duration.ofSeconds(10));
      spoke.close();
      assertThat(r.complete()).isTrue();
      assertThat(s.events("custom_event")).hasSize(1);
      assertThat(spoke.metrics().droppedTotal()).isZero();
    }
  }

  @Test
  void idleServerUsersAreForgottenSoStateStaysBounded() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .uploadInterval(Duration.ofMillis(20))
                  .build());
      for (int i = 0; i < 200; i++) spoke.user("u" + i).logEvent(CustomEvent.builder("e").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      assertThat(spoke.trackedUsers()).isGreaterThanOrEqualTo(200);
      clock.advanceMillis(Duration.ofMinutes(31).toMillis()); // sessions end at the next tick
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (s.events("session_end").size() < 200 && System.nanoTime() < deadline) {
        spoke.flush(Duration.ofSeconds(1));
      }
      assertThat(spoke.trackedUsers()).isGreaterThanOrEqualTo(200); // not yet idle for an hour
      clock.advanceMillis(Duration.ofMinutes(61).toMillis());
      while (spoke.trackedUsers() > 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(spoke.trackedUsers()).isLessThanOrEqualTo(1); // only the anonymous current user
      // A forgotten user's handle and a new one both keep working.
      spoke.user("u1").logEvent(CustomEvent.builder("after").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      assertThat(s.events("session_end")).hasSize(200);
      assertThat(s.events("custom_event")).hasSize(201);
    }
  }

  @Test
  void aUserHandedOutButNotYetUsedIsNotForgottenAndStartsOneSession() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .uploadInterval(Duration.ofMillis(10))
                  .build());
      SpokeUser early = spoke.user("fresh");
      assertThat(spoke.trackedUsers()).isEqualTo(2); // the anonymous current user and "fresh"
      clock.advanceMillis(Duration.ofMinutes(50).toMillis());
      spoke.user("fresh"); // asked for again: not idle
      clock.advanceMillis(Duration.ofMinutes(50).toMillis());
      for (int i = 0; i < 5; i++) spoke.flush(Duration.ofSeconds(1)); // several sweeps run
      assertThat(spoke.trackedUsers()).isEqualTo(2);
      early.logEvent(CustomEvent.builder("a").build());
      spoke.user("fresh").logEvent(CustomEvent.builder("b").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      // Both handles share one local state: one session for both events.
      assertThat(s.events("session_start")).hasSize(1);
      assertThat(s.events("custom_event")).hasSize(2);
    }
  }
}
