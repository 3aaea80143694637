package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeUser;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform misbehaves the way real ones do (500s, 429 with Retry-After, dropped connections,
 * latency): every event still arrives exactly once after the platform's source_request_id dedup,
 * retries stay proportionate, and every 429's Retry-After is waited out.
 */
class ServerFaultsTest {
  private static final int EVENTS = 5_000;
  private static final int USERS = 20;

  /** Producer rate: events arrive over about two seconds, as they would from a live app. */
  private static final int EVENTS_PER_MS = 3;

  @Test
  void everyEventDeliveredOnceUnderServerFaults(@TempDir Path dir) throws Exception {
    E2e.Figures figures = new E2e.Figures("ServerFaultsTest");
    Run baseline = run(dir.resolve("baseline"), Faults.none());
    Run faulted =
        run(
            dir.resolve("faulted"),
            Faults.builder()
                .errorRate(0.30)
                .tooManyRequests(0.10, 1)
                .dropRate(0.05)
                .latencyMillis(5)
                .seed(20240611)
                .build());

    figures
        .put("events_sent", EVENTS)
        .put("users", USERS)
        .put("delivered", faulted.distinct)
        .put("duplicates_after_dedup", faulted.duplicates)
        .put("lost", EVENTS - faulted.distinct)
        .put("requests_fault_free", baseline.requests)
        .put("requests_faulted", faulted.requests)
        .put("ratio", String.format("%.2f", faulted.requests / (double) baseline.requests))
        .put("faults_injected", faulted.faultsByKind)
        .put("retries", faulted.retries)
        .put("retry_after_429s", faulted.retryAfterDelays.size())
        .put(
            "min_delay_after_429_ms",
            faulted.retryAfterDelays.stream().mapToLong(Long::longValue).min().orElse(-1))
        .put("server_dedup_hits", faulted.serverDuplicates)
        .print();

    assertThat(baseline.distinct).isEqualTo(EVENTS);
    assertThat(faulted.flush.complete()).as("flush result %s", faulted.flush).isTrue();
    assertThat(faulted.flush.droppedTotal()).isZero();
    assertThat(faulted.distinct).isEqualTo(EVENTS);
    assertThat(faulted.duplicates).isZero();
    assertThat(faulted.faults).as("faults were really injected").isPositive();
    assertThat(faulted.requests).isLessThanOrEqualTo(2L * baseline.requests);
    assertThat(faulted.retryAfterDelays).as("429s were answered").isNotEmpty();
    // Retry-After: 1 is a minimum; the delay planned for each 429 honours it.
    assertThat(faulted.retryAfterDelays).allMatch(d -> d >= 1000);
  }

  private static final class Run {
    long requests;
    long distinct;
    long duplicates;
    long faults;
    Map<String, Long> faultsByKind;
    long retries;
    long serverDuplicates;
    FlushResult flush;
    final List<Long> retryAfterDelays = Collections.synchronizedList(new ArrayList<>());
  }

  private static Run run(Path dir, Faults faults) {
    Run run = new Run();
    AtomicLong retries = new AtomicLong();
    try (DevServer server = E2e.server(dir)) {
      server.faults(faults);
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onRetry(
                            int status, String cause, int attempt, long delayMillis) {
                          retries.incrementAndGet();
                          if (status == 429) run.retryAfterDelays.add(delayMillis);
                        }
                      })
                  .build());
      List<SpokeUser> users = new ArrayList<>();
      for (int u = 0; u < USERS; u++) users.add(spoke.user("customer-" + u));
      long start = System.nanoTime();
      for (int i = 0; i < EVENTS; i++) {
        users.get(i % USERS).logEvent(E2e.numbered(i));
        // Pace the producer (a load generator, not a wait for a condition).
        long due = start + (i / EVENTS_PER_MS) * 1_000_000L;
        long ahead = due - System.nanoTime();
        if (ahead > 0) LockSupport.parkNanos(ahead);
      }
      run.flush = spoke.flush(Duration.ofSeconds(90));
      spoke.close(Duration.ofSeconds(5));
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      run.distinct = stored.size();
      run.duplicates = E2e.duplicates(stored);
      run.requests = server.stats().requests();
      run.faultsByKind = server.stats().faults();
      run.faults = server.stats().faults().values().stream().mapToLong(Long::longValue).sum();
      run.serverDuplicates = server.stats().duplicates();
      run.retries = retries.get();
    }
    return run;
  }
}
