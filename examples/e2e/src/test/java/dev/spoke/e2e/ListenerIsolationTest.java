package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeUser;
import dev.spoke.ValidationIssue;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import dev.spoke.event.CustomEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host listener that throws from every callback, and one that is slow on Spoke's threads, while
 * the platform fails now and then: every event is still delivered and the caller's thread never
 * waits for the listener.
 */
class ListenerIsolationTest {
  private static final int EVENTS = 5_000;

  @Test
  void throwingAndSlowListenersHurtNeitherUploadsNorTheCaller(@TempDir Path dir) {
    E2e.Figures figures = new E2e.Figures("ListenerIsolationTest");
    AtomicLong calls = new AtomicLong();
    AtomicLong slowCallsOnCaller = new AtomicLong();
    Thread producer = Thread.currentThread();
    SpokeListener hostile =
        new SpokeListener() {
          private void slowThenThrow() {
            calls.incrementAndGet();
            if (Thread.currentThread() == producer) slowCallsOnCaller.incrementAndGet();
            LockSupport.parkNanos(
                Duration.ofMillis(20).toNanos()); // a slow listener, on Spoke's thread
            throw new IllegalStateException("listener failure");
          }

          @Override
          public void onValidation(ValidationIssue issue) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener failure");
          }

          @Override
          public void onDrop(DropReason reason, long count, String detail) {
            // CLOSED and validation drops are reported on the calling thread (SpokeListener's
            // javadoc): not slow here
            if (Thread.currentThread() == producer) {
              calls.incrementAndGet();
              throw new IllegalStateException("listener failure");
            }
            slowThenThrow();
          }

          @Override
          public void onDelivered(int batches, int events, long bytes) {
            slowThenThrow();
          }

          @Override
          public void onRetry(int status, String cause, int attempt, long delayMillis) {
            slowThenThrow();
          }

          @Override
          public void onJournal(String message) {
            slowThenThrow();
          }

          @Override
          public void onUploadsPaused(int status, String message) {
            slowThenThrow();
          }

          @Override
          public void onUploadsResumed() {
            slowThenThrow();
          }
        };
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      server.faults(Faults.builder().errorRate(0.2).seed(3).build());
      Spoke spoke =
          Spoke.create(
              E2e.options(server).dataDirectory(dir.resolve("app")).listener(hostile).build());
      SpokeUser u = spoke.user("listener-1");
      long worstCallNanos = 0;
      for (int i = 0; i < EVENTS; i++) {
        long t = System.nanoTime();
        u.logEvent(E2e.numbered(i));
        if (i % 100 == 0)
          u.logEvent(CustomEvent.builder("bad").attribute("nan", Double.NaN).build());
        worstCallNanos = Math.max(worstCallNanos, System.nanoTime() - t);
      }
      FlushResult r = spoke.flush(Duration.ofSeconds(60));
      spoke.close();
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      figures
          .put("events", EVENTS)
          .put("listener_calls_all_throwing", calls.get())
          .put("delivered", stored.size())
          .put("duplicates", E2e.duplicates(stored))
          .put("worst_logEvent_ms", worstCallNanos / 1_000_000)
          .print();
      assertThat(r.complete()).isTrue();
      assertThat(stored).hasSize(EVENTS);
      assertThat(E2e.duplicates(stored)).isZero();
      assertThat(calls.get()).isPositive();
      // The caller never runs the slow (upload, retry, journal) callbacks: Spoke's threads do.
      // Asserted on
      // the thread, not on a time, so a loaded machine cannot fail it; the worst call is a printed
      // figure.
      assertThat(slowCallsOnCaller.get()).isZero();
    }
  }
}
