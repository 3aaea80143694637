package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStatusTest {
  private static final String GOOD =
      "Basic "
          + Base64.getEncoder().encodeToString("key-1:rotated".getBytes(StandardCharsets.UTF_8));

  @Test
  void okBeforeAnythingIsSentThenOkWithTheDeliveryTime() throws Exception {
    MutableClock clock = new MutableClock(1_790_000_000_000L);
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .build());
      UploadStatus before = spoke.uploadStatus();
      assertThat(before.state()).isEqualTo(UploadStatus.State.OK);
      assertThat(before.lastDelivery()).isNull();
      assertThat(before.httpStatus()).isEqualTo(-1);
      assertThat(before.reason()).isNull();

      spoke.user("u").logEvent(CustomEvent.builder("e").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      UploadStatus after = spoke.uploadStatus();
      spoke.close();
      assertThat(after.state()).isEqualTo(UploadStatus.State.OK);
      assertThat(after.lastDelivery()).isEqualTo(clock.instant());
      assertThat(after.consecutiveFailures()).isZero();
    }
  }

  @Test
  void rejectedCredentialsPauseWithTheReasonAndANewSecretMakesItOkAgain() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              GOOD.equals(r.getHeader("Authorization"))
                  ? new MockResponse().setResponseCode(202)
                  : new MockResponse().setResponseCode(401);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .build());
      spoke.user("u").logEvent(CustomEvent.builder("kept").build());
      UploadStatus paused = await(spoke, st -> st.state() == UploadStatus.State.PAUSED);
      assertThat(paused.httpStatus()).isEqualTo(401);
      assertThat(paused.reason())
          .contains("key-1")
          .contains("updateSecret")
          .doesNotContain("secret-1");
      assertThat(paused.toString()).doesNotContain("secret-1");
      assertThat(paused.lastDelivery()).isNull();

      spoke.updateSecret("rotated");
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      UploadStatus ok = spoke.uploadStatus();
      spoke.close();
      assertThat(ok.state()).isEqualTo(UploadStatus.State.OK);
      assertThat(ok.lastDelivery()).isNotNull();
      assertThat(ok.reason()).isNull();
    }
  }

  @Test
  void serverErrorsMakeItFailingAndCountedUntilAnAttemptIsAccepted(@TempDir Path dir)
      throws Exception {
    AtomicInteger uploads = new AtomicInteger();
    AtomicBoolean down = new AtomicBoolean(true);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            if (!r.getPath().startsWith("/v2/")) return new MockResponse().setResponseCode(202);
            uploads.incrementAndGet();
            return new MockResponse().setResponseCode(down.get() ? 503 : 202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  // With a journal uploads retry until accepted, so the batch outlives the outage
                  // however long the test waits.
                  .dataDirectory(dir)
                  .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                  .build());
      spoke.user("u").logEvent(CustomEvent.builder("e").build());
      UploadStatus failing =
          await(
              spoke,
              st -> st.state() == UploadStatus.State.FAILING && st.consecutiveFailures() >= 2);
      assertThat(failing.httpStatus()).isEqualTo(503);
      assertThat(failing.reason()).contains("503").contains("retrying");
      assertThat(failing.since()).isNotNull();

      down.set(false);
      assertThat(spoke.flush(Duration.ofSeconds(20)).complete()).isTrue();
      UploadStatus ok = spoke.uploadStatus();
      spoke.close();
      assertThat(uploads.get()).isGreaterThanOrEqualTo(3);
      assertThat(ok.state()).isEqualTo(UploadStatus.State.OK);
      assertThat(ok.consecutiveFailures()).isZero();
      assertThat(ok.httpStatus()).isEqualTo(-1);
      assertThat(spoke.metrics().failuresByStatus().get(503)).isEqualTo(uploads.get() - 1L);
    }
  }

  /** Polls the status until it matches (bounded: fails after 10 s). */
  private static UploadStatus await(Spoke spoke, Predicate<UploadStatus> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    UploadStatus st = spoke.uploadStatus();
    while (!condition.test(st) && System.nanoTime() < deadline) {
      spoke.flush(Duration.ofMillis(20));
      st = spoke.uploadStatus();
    }
    assertThat(condition.test(st)).as("upload status reached the expected state: %s", st).isTrue();
    return st;
  }
}
