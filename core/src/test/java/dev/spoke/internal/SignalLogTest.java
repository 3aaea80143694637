package dev.spoke.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SignalLogTest {

  private static final String SECRET = "s3cr3t-VALUE-never-logged";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }
      };
  private final List<String> heard = new ArrayList<>();
  private final SpokeListener host =
      new SpokeListener() {
        @Override
        public void onDrop(DropReason reason, long count, String detail) {
          heard.add("drop " + reason + " " + count);
        }

        @Override
        public void onRetry(int s, String c, int a, long d) {
          heard.add("retry " + s);
        }

        @Override
        public void onUploadsPaused(int s, String m) {
          heard.add("paused " + s);
        }

        @Override
        public void onDelivered(int b, int e, long by) {
          heard.add("delivered " + e);
        }
      };

  private SignalLog signalLog(RecordingLogger log) {
    return new SignalLog(host, log, clock, Duration.ofSeconds(60), () -> SECRET, "us1-key");
  }

  @Test
  void aBurstOfOneReasonIsOneLineThenOneSummaryPerInterval() {
    RecordingLogger log = new RecordingLogger(false);
    SignalLog s = signalLog(log);
    for (int i = 0; i < 1000; i++) {
      s.onDrop(DropReason.BAD_REQUEST, 2, "HTTP 400: bad batch " + i);
    }
    assertThat(log.lines())
        .containsExactly(
            "WARN spoke us1-key: 2 events dropped (BAD_REQUEST): HTTP 400: bad batch 0");
    assertThat(heard).hasSize(1000); // the host's listener still hears every one

    now.addAndGet(30_000);
    s.onDelivered(1, 1, 10); // any signal lets due summaries out; not due yet
    assertThat(log.lines()).hasSize(1);

    now.addAndGet(31_000);
    s.onDelivered(1, 1, 10);
    assertThat(log.lines()).hasSize(2);
    assertThat(log.lines().get(1))
        .isEqualTo(
            "WARN spoke us1-key: 1998 more events dropped (BAD_REQUEST) in the last 61 s"
                + " (999 reports); last: HTTP 400: bad batch 999");

    // Still happening: held again, summarized once more after the next interval.
    s.onDrop(DropReason.BAD_REQUEST, 1, "again");
    assertThat(log.lines()).hasSize(2);
    now.addAndGet(60_000);
    s.onDrop(DropReason.BAD_REQUEST, 1, "and again");
    assertThat(log.lines()).hasSize(3);
    assertThat(log.lines().get(2)).contains("1 more events dropped (BAD_REQUEST)", "last: again");

    // A quiet interval: the next occurrence is logged at once.
    now.addAndGet(60_000);
    s.onDelivered(1, 1, 10);
    int before = log.lines().size();
    now.addAndGet(60_000);
    s.onDelivered(1, 1, 10);
    s.onDrop(DropReason.BAD_REQUEST, 3, "later");
    assertThat(log.lines().subList(before, log.lines().size()))
        .containsExactly("WARN spoke us1-key: 3 events dropped (BAD_REQUEST): later");
  }

  @Test
  void eachReasonHasItsOwnLineAndLevel() {
    RecordingLogger log = new RecordingLogger(false);
    SignalLog s = signalLog(log);
    s.onDrop(DropReason.QUEUE_FULL, 500, "queue full");
    s.onDrop(DropReason.RETRIES_EXHAUSTED, 7, "gave up after 12 attempts");
    s.onRetry(503, "HTTP 503", 1, 200);
    s.onRetry(0, "connection reset", 1, 200);
    s.onRetry(503, "HTTP 503", 2, 400);
    s.onUploadsPaused(401, "Events API answered HTTP 401 for workspace key 'us1-key'");
    assertThat(log.lines())
        .containsExactly(
            "WARN spoke us1-key: 500 events dropped (QUEUE_FULL): queue full",
            "ERROR spoke us1-key: 7 events dropped (RETRIES_EXHAUSTED): gave up after 12 attempts",
            "WARN spoke us1-key: 1 failed uploads (HTTP 503), retried with backoff: HTTP 503 (attempt 1, next in 200 ms)",
            "WARN spoke us1-key: 1 failed uploads (network error), retried with backoff: connection reset (attempt 1, next in 200 ms)",
            "ERROR spoke us1-key: 1 upload pauses (HTTP 401): Events API answered HTTP 401 for workspace key 'us1-key'");
  }

  @Test
  void closeLogsWhatWasHeldBackAndWhatWasLeft() {
    RecordingLogger log = new RecordingLogger(false);
    SignalLog s = signalLog(log);
    s.onDrop(DropReason.UNSENT_AT_CLOSE, 10, "close timed out");
    s.onDrop(DropReason.UNSENT_AT_CLOSE, 5, "close timed out");
    s.close(0, false);
    assertThat(log.lines())
        .containsExactly(
            "ERROR spoke us1-key: 10 events dropped (UNSENT_AT_CLOSE): close timed out",
            "ERROR spoke us1-key: 5 more events dropped (UNSENT_AT_CLOSE) in the last 1 s (1 reports); last: close timed out");

    RecordingLogger kept = new RecordingLogger(false);
    signalLog(kept).close(42, true);
    assertThat(kept.lines())
        .singleElement()
        .asString()
        .startsWith(
            "WARN spoke us1-key: closed with 42 events not yet delivered; they stay in the journal");
    RecordingLogger lost = new RecordingLogger(false);
    signalLog(lost).close(3, false);
    assertThat(lost.lines())
        .singleElement()
        .asString()
        .startsWith("ERROR spoke us1-key: closed with 3 events not delivered");
  }

  @Test
  void theSecretIsMaskedWhateverTheServerEchoed() {
    RecordingLogger log = new RecordingLogger(true);
    SignalLog s = signalLog(log);
    s.onDrop(DropReason.BAD_REQUEST, 1, "HTTP 400: invalid credentials us1-key:" + SECRET);
    s.onUploadsPaused(403, "forbidden " + SECRET);
    s.onRetry(500, "oops " + SECRET, 1, 10);
    s.onDrop(DropReason.BAD_REQUEST, 1, "again " + SECRET);
    s.request(0, 10, 1, 5_000_000, "java.io.IOException: " + SECRET);
    now.addAndGet(120_000);
    s.flushAll();
    assertThat(log.lines()).hasSize(5); // the second BAD_REQUEST is in the summary
    assertThat(String.join("\n", log.lines())).doesNotContain(SECRET).contains("****");
  }

  @Test
  void debugShowsEachRequestOnlyWhenEnabled() {
    RecordingLogger debug = new RecordingLogger(true);
    SignalLog s = signalLog(debug);
    s.request(202, 1234, 3, 17_400_000, null);
    s.request(503, 99, 1, 2_000_000, null);
    assertThat(debug.lines())
        .containsExactly(
            "DEBUG spoke us1-key: upload of 3 batches, 1234 bytes: HTTP 202 in 17 ms",
            "DEBUG spoke us1-key: upload of 1 batches, 99 bytes: HTTP 503 in 2 ms");

    RecordingLogger quiet = new RecordingLogger(false);
    signalLog(quiet).request(202, 1234, 3, 17_400_000, null);
    assertThat(quiet.lines()).isEmpty();
  }
}
