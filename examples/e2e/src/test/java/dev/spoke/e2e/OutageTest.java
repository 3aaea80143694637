package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeUser;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform is unreachable for a while, then comes back. */
class OutageTest {
  private static final int USERS = 50;

  /**
   * Memory only: the capture queue and the byte buffers absorb what they can; everything beyond is
   * dropped as QUEUE_FULL, counted exactly and reported to the listener; the heap stays under a
   * bound derived from the options however many events are logged.
   */
  @Test
  void inMemoryModeDropsOnlyBeyondCapacityCountsExactlyAndStaysBounded(@TempDir Path dir) {
    E2e.Figures figures = new E2e.Figures("OutageTest.inMemory");
    int events = 60_000;
    int queueCapacity = 2_000;
    long maxBufferedBytes = 1024L * 1024;
    AtomicLong reportedQueueFull = new AtomicLong();
    try (DevServer server = E2e.server(dir)) {
      server.faults(Faults.builder().outage(true).build());
      long heapBefore = E2e.usedHeapAfterGc();
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .queueCapacity(queueCapacity)
                  .maxBufferedBytes(maxBufferedBytes)
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onDrop(DropReason reason, long count, String detail) {
                          if (reason == DropReason.QUEUE_FULL) reportedQueueFull.addAndGet(count);
                        }
                      })
                  .build());
      List<SpokeUser> users = new ArrayList<>();
      for (int u = 0; u < USERS; u++) users.add(spoke.user("outage-" + u));
      long maxHeapGrowth = 0;
      List<Long> samples = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        users.get(i % USERS).logEvent(E2e.numbered(i));
        if ((i + 1) % 6_000 == 0) {
          long growth = E2e.usedHeapAfterGc() - heapBefore;
          samples.add(growth / 1024);
          maxHeapGrowth = Math.max(maxHeapGrowth, growth);
        }
      }
      long duringOutage = spoke.metrics().dropped().getOrDefault(DropReason.QUEUE_FULL, 0L);
      server.faults(Faults.none());
      FlushResult flushed = spoke.flush(Duration.ofSeconds(60));
      spoke.close(Duration.ofSeconds(5));
      SpokeMetrics m = spoke.metrics();
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      long queueFull = m.dropped().getOrDefault(DropReason.QUEUE_FULL, 0L);
      // Queue entries hold the event objects (a custom event with two attributes is well under 2 KB
      // with its record); the byte buffers hold at most maxBufferedBytes of JSON, counted twice for
      // the request being built; plus 8 MB for the HTTP client, the JIT and measurement noise.
      long bound = queueCapacity * 2048L + 2 * maxBufferedBytes + 8L * 1024 * 1024;
      figures
          .put("events_logged", events)
          .put("queue_capacity", queueCapacity)
          .put("max_buffered_bytes", maxBufferedBytes)
          .put("dropped_queue_full", queueFull)
          .put("reported_queue_full", reportedQueueFull.get())
          .put("delivered_custom_events", stored.size())
          .put("duplicates", E2e.duplicates(stored))
          .put("lost_unreported", events + USERS - queueFull - server.eventCount(E2e.API_KEY))
          .put("heap_growth_kb_samples", samples)
          .put("max_heap_growth_kb", maxHeapGrowth / 1024)
          .put("heap_bound_kb", bound / 1024)
          .print();

      assertThat(duringOutage).as("the outage filled the buffers").isPositive();
      assertThat(flushed.complete()).as("%s", flushed).isTrue();
      assertThat(m.dropped().keySet()).containsOnly(DropReason.QUEUE_FULL);
      assertThat(reportedQueueFull.get()).isEqualTo(queueFull);
      // Every event offered was either accepted (and is now delivered) or counted as dropped.
      assertThat(m.accepted() + queueFull).isEqualTo(events + USERS);
      assertThat(m.delivered()).isEqualTo(m.accepted());
      assertThat(server.eventCount(E2e.API_KEY)).isEqualTo(m.accepted());
      assertThat(E2e.duplicates(stored)).isZero();
      // Accepted events can only be as many as the buffers can hold; the rest were dropped.
      assertThat(queueFull).isGreaterThan(events / 2);
      assertThat(maxHeapGrowth).isLessThan(bound);
    }
  }

  /**
   * With a journal, an outage longer than the retry policy's attempts loses nothing: the data stays
   * on disk and in memory until the platform answers again.
   */
  @Test
  void durableModeLosesNothingThroughAnOutageLongerThanTheRetryBudget(@TempDir Path dir) {
    E2e.Figures figures = new E2e.Figures("OutageTest.durable");
    int events = 20_000;
    AtomicLong retries = new AtomicLong();
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      server.faults(Faults.builder().outage(true).build());
      long heapBefore = E2e.usedHeapAfterGc();
      // 1.5 MB of batch buffers (open batches 1 MB: 1/4 of maxBufferedBytes; upload backlog
      // 512 KB: 1/8, at least two requests) for ~6 MB of events: most batches wait on disk, not in
      // memory. The other 2.5 MB of maxBufferedBytes is the capture queue's share, room for the
      // burst of tracking calls below.
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .dataDirectory(dir.resolve("app"))
                  .maxBufferedBytes(4 * 1024 * 1024)
                  .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onRetry(
                            int status, String cause, int attempt, long delayMillis) {
                          retries.incrementAndGet();
                        }
                      })
                  .build());
      List<SpokeUser> users = new ArrayList<>();
      for (int u = 0; u < USERS; u++) users.add(spoke.user("durable-" + u));
      for (int i = 0; i < events; i++) users.get(i % USERS).logEvent(E2e.numbered(i));
      // The default policy gives up after 12 attempts; outlast that by a margin.
      E2e.await("30 failed attempts", Duration.ofSeconds(60), () -> retries.get() >= 30);
      long heapGrowth = E2e.usedHeapAfterGc() - heapBefore;
      long journalBytes = spoke.metrics().journalBytes();
      int spilled = spoke.metrics().spilledBatches();
      long spilledBytes = spoke.metrics().spilledBytes();
      server.faults(Faults.none());
      FlushResult flushed = spoke.flush(Duration.ofSeconds(60));
      spoke.close(Duration.ofSeconds(5));
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      figures
          .put("events_logged", events)
          .put("failed_attempts_during_outage", retries.get())
          .put("journal_bytes_during_outage", journalBytes)
          .put("spilled_batches_during_outage", spilled)
          .put("spilled_bytes_during_outage", spilledBytes)
          .put("heap_growth_kb", heapGrowth / 1024)
          .put("delivered", stored.size())
          .put("duplicates", E2e.duplicates(stored))
          .put("dropped", spoke.metrics().dropped())
          .put("lost", events - stored.size())
          .print();
      assertThat(flushed.complete()).as("%s", flushed).isTrue();
      assertThat(spoke.metrics().droppedTotal()).as("%s", spoke.metrics().dropped()).isZero();
      assertThat(spilled).as("batches waiting on disk during the outage").isPositive();
      assertThat(heapGrowth).as("heap growth during the outage").isLessThan(16L * 1024 * 1024);
      assertThat(spoke.metrics().spilledBatches()).isZero();
      assertThat(stored).hasSize(events);
      assertThat(E2e.duplicates(stored)).isZero();
    }
  }
}
