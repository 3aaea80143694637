package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeUser;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitUser;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three kits enabled by the workspace configuration next to a healthy one: a kit that throws from
 * every call, a kit stuck forever in its first call, and a kit whose factory cannot create it. The
 * host's threads never wait for a kit, every event still reaches the platform, the healthy kit gets
 * every event in order, every failure and drop is counted and reported, and close() stays within
 * its timeout.
 */
class KitIsolationTest {
  private static final int THROWING = 990_101;
  private static final int HANGING = 990_102;
  private static final int HEALTHY = 990_103;
  private static final int FAILING_CREATE = 990_104;
  private static final int THREADS = 2;
  private static final int PER_THREAD = 6_000;
  private static final int EVENTS = THREADS * PER_THREAD;

  /**
   * Each kit's queue bound (docs/KITS.md: "The queue holds 10,000 calls"); the hung kit fills it.
   */
  private static final int KIT_QUEUE = 10_000;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void slowHangingThrowingAndUncreatableKitsHurtNeitherTheHostNorUploadsNorOtherKits(
      @TempDir Path dir) throws Exception {
    E2e.Figures figures = new E2e.Figures("KitIsolationTest");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger throwingCalls = new AtomicInteger();
    AtomicInteger hangingCalls = new AtomicInteger();
    ConcurrentLinkedQueue<Long> healthySeqs = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
    SpokeListener listener =
        new SpokeListener() {
          @Override
          public void onKit(int moduleId, String kitName, String message) {
            reports.add(moduleId + " " + kitName + " " + message);
          }
        };

    try (DevServer server = E2e.server(dir.resolve("server"))) {
      server.kits(
          E2e.API_KEY,
          List.of(
              WorkspacesFile.Kit.of(THROWING, Map.of()),
              WorkspacesFile.Kit.of(HANGING, Map.of()),
              WorkspacesFile.Kit.of(HEALTHY, Map.of()),
              WorkspacesFile.Kit.of(FAILING_CREATE, Map.of())));
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .kitsEnabled(true)
                  .kitDiscovery(false)
                  .listener(listener)
                  .kit(E2e.kitFactory(THROWING, "throwing", () -> new ThrowingKit(throwingCalls)))
                  .kit(
                      E2e.kitFactory(
                          HANGING, "hanging", () -> new HangingKit(hangingCalls, release)))
                  .kit(
                      E2e.kitFactory(
                          HEALTHY,
                          "healthy",
                          () ->
                              (Kit & EventListener)
                                  (event, user) -> {
                                    Object seq = event.customAttributes().get(E2e.SEQ);
                                    if (seq != null)
                                      healthySeqs.add(Long.parseLong(seq.toString()));
                                  }))
                  .kit(
                      E2e.kitFactory(
                          FAILING_CREATE,
                          "failing-create",
                          () -> {
                            throw new IllegalStateException("setting 'apiKey' is missing");
                          }))
                  .build());
      try {
        // Wait until the configuration is applied and every create has run (or failed), so that no
        // event is held in the pre-configuration replay buffer and the figures below are exact.
        E2e.await(
            "kits created",
            Duration.ofSeconds(10),
            () ->
                count(reports, HEALTHY, "KIT_CREATED") == 1
                    && count(reports, THROWING, "KIT_CREATED") == 1
                    && count(reports, HANGING, "KIT_CREATED") == 1
                    && count(reports, FAILING_CREATE, "KIT_CREATE_FAILED") == 1);
        assertThat(spoke.activeKits()).containsExactlyInAnyOrder(THROWING, HANGING, HEALTHY);

        long[] callNanos = new long[EVENTS];
        long gcMillisBefore = gcMillis();
        long logStart = System.nanoTime();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> loggers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> loggerErrors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Thread th =
              new Thread(
                  () -> {
                    try {
                      SpokeUser u = spoke.user("kit-iso-" + thread);
                      start.await();
                      for (int i = 0; i < PER_THREAD; i++) {
                        long n0 = System.nanoTime();
                        u.logEvent(E2e.numbered((long) thread * PER_THREAD + i));
                        callNanos[thread * PER_THREAD + i] = System.nanoTime() - n0;
                      }
                    } catch (Throwable e) {
                      loggerErrors.add(e);
                    }
                  },
                  "host-logger-" + t);
          loggers.add(th);
          th.start();
        }
        for (Thread th : loggers) {
          th.join(Duration.ofSeconds(30).toMillis());
          assertThat(th.isAlive())
              .as("%s still logging after 30 s: a logEvent is blocked", th.getName())
              .isFalse();
        }
        assertThat(loggerErrors).isEmpty();
        long logMillis = (System.nanoTime() - logStart) / 1_000_000;
        long gcDuringLogging = gcMillis() - gcMillisBefore;
        // The hung kit is stuck in its first call for the rest of the test (released only in the
        // finally).
        E2e.await(
            "the hung kit to enter its first call",
            Duration.ofSeconds(10),
            () -> hangingCalls.get() == 1);
        long[] sorted = callNanos.clone();
        Arrays.sort(sorted);
        long worstNanos = sorted[EVENTS - 1];
        long p99Nanos = sorted[EVENTS * 99 / 100];

        FlushResult flush = spoke.flush(Duration.ofSeconds(30));
        E2e.await(
            "the healthy kit to receive every event",
            Duration.ofSeconds(10),
            () -> healthySeqs.size() >= EVENTS);
        E2e.await(
            "the throwing kit to see every event",
            Duration.ofSeconds(10),
            () -> stat(spoke, "throwing", "failed") >= EVENTS);
        Map<String, Long> throwing = spoke.metrics().kits().get("throwing");
        Map<String, Long> hanging = spoke.metrics().kits().get("hanging");
        Map<String, Long> healthy = spoke.metrics().kits().get("healthy");
        Map<String, Long> failingCreate = spoke.metrics().kits().get("failing-create");

        long t0 = System.nanoTime();
        spoke.close(CLOSE_TIMEOUT);
        long closeMillis = (System.nanoTime() - t0) / 1_000_000;

        Map<Long, Integer> stored = E2e.storedSeqs(server);
        List<Long> healthyList = new ArrayList<>(healthySeqs);
        figures
            .put("events", EVENTS)
            .put("threads", THREADS)
            .put("delivered", stored.size())
            .put("duplicates", E2e.duplicates(stored))
            .put("logging_ms", logMillis)
            .put("gc_pause_ms_during_logging", gcDuringLogging)
            .put("p99_logEvent_us", p99Nanos / 1_000)
            .put("worst_logEvent_ms", worstNanos / 1_000_000)
            .put("healthy_received_in_order", healthyList.size())
            .put("throwing_failed", throwing.get("failed"))
            .put("hanging_received", hanging.get("received"))
            .put("hanging_dropped", hanging.get("dropped"))
            .put("hanging_calls_started", hangingCalls.get())
            .put("create_failed_report", count(reports, FAILING_CREATE, "KIT_CREATE_FAILED"))
            .put("kit_reports", reports.size())
            .put("close_ms", closeMillis)
            .put("close_timeout_ms", CLOSE_TIMEOUT.toMillis())
            .print();

        // The host: logEvent never waited for a kit. The hung kit's call never returns until the
        // finally
        // below, so one call that waited for it would never end either; the bound only has to stay
        // clear of
        // stop-the-world GC pauses and preemption on a loaded 2-core machine (young pauses of 175
        // ms seen
        // at load 9), which is why it is 1 s and not the 200 ms the calls take nowhere near.
        assertThat(worstNanos).isLessThan(Duration.ofSeconds(1).toNanos());
        assertThat(p99Nanos).isLessThan(Duration.ofMillis(50).toNanos());
        // The platform: every event delivered exactly once.
        assertThat(flush.complete()).isTrue();
        assertThat(stored.keySet())
            .containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, EVENTS).boxed().collect(Collectors.toList()));
        assertThat(E2e.duplicates(stored)).isZero();
        // The healthy kit: every custom event, in each thread's order.
        for (int t = 0; t < THREADS; t++) {
          long lo = (long) t * PER_THREAD;
          List<Long> ofThread =
              healthyList.stream()
                  .filter(s -> s >= lo && s < lo + PER_THREAD)
                  .collect(Collectors.toList());
          assertThat(ofThread)
              .containsExactlyElementsOf(
                  LongStream.range(lo, lo + PER_THREAD).boxed().collect(Collectors.toList()));
        }
        assertThat(healthyList).hasSize(EVENTS);
        assertThat(healthy.get("delivered")).isEqualTo(EVENTS);
        assertThat(healthy.get("failed")).isZero();
        assertThat(healthy.get("dropped")).isZero();
        // The throwing kit: every call reached it, threw, and was counted and reported.
        assertThat(throwingCalls.get()).isEqualTo(EVENTS);
        assertThat(throwing.get("received")).isEqualTo(EVENTS);
        assertThat(throwing.get("failed")).isEqualTo(EVENTS);
        assertThat(throwing.get("delivered")).isZero();
        assertThat(reports)
            .anyMatch(
                r ->
                    r.startsWith(THROWING + " throwing KIT_CALL_FAILED: ")
                        && r.contains("IllegalStateException"));
        // The hung kit: one call in progress, its queue full, everything beyond dropped, counted
        // and reported.
        assertThat(hangingCalls.get()).isEqualTo(1);
        assertThat(hanging.get("received")).isEqualTo(EVENTS);
        assertThat(hanging.get("dropped")).isEqualTo(EVENTS - KIT_QUEUE - 1L);
        assertThat(count(reports, HANGING, "KIT_QUEUE_FULL")).isEqualTo(1);
        // The kit whose create threw: excluded, reported with its exception, given nothing.
        assertThat(reports)
            .anyMatch(
                r ->
                    r.startsWith(FAILING_CREATE + " failing-create KIT_CREATE_FAILED: ")
                        && r.contains("could not be created and is excluded")
                        && r.contains("setting 'apiKey' is missing"));
        assertThat(failingCreate == null ? 0L : failingCreate.get("received")).isZero();
        // close(): bounded even though the hung kit never returns; the hung kit is reported, the
        // others closed.
        assertThat(closeMillis).isLessThan(CLOSE_TIMEOUT.toMillis() + 1_000);
        assertThat(count(reports, HANGING, "KIT_CLOSE_TIMED_OUT")).isEqualTo(1);
        assertThat(count(reports, HEALTHY, "KIT_CLOSED")).isEqualTo(1);
        assertThat(count(reports, THROWING, "KIT_CLOSED")).isEqualTo(1);
      } finally {
        release.countDown();
        spoke.close(CLOSE_TIMEOUT);
      }
    }
  }

  /** Total stop-the-world collection time so far, across collectors (-1 entries are skipped). */
  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  private static long stat(Spoke spoke, String kit, String counter) {
    Map<String, Long> m = spoke.metrics().kits().get(kit);
    return m == null ? 0 : m.getOrDefault(counter, 0L);
  }

  private static long count(ConcurrentLinkedQueue<String> reports, int moduleId, String kind) {
    String prefix = moduleId + " ";
    return reports.stream()
        .filter(r -> r.startsWith(prefix) && r.contains(" " + kind + ": "))
        .count();
  }

  /** Throws from every call, close included. */
  private static final class ThrowingKit implements Kit, EventListener {
    private final AtomicInteger calls;

    ThrowingKit(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    public void onEvent(CustomEvent event, KitUser user) {
      calls.incrementAndGet();
      throw new IllegalStateException("partner SDK failure");
    }

    @Override
    public void close() {
      throw new IllegalStateException("partner SDK failure on close");
    }
  }

  /**
   * Stuck in its first call until the test releases it; ignores interrupts, like a kit stuck in
   * native I/O.
   */
  private static final class HangingKit implements Kit, EventListener {
    private final AtomicInteger calls;
    private final CountDownLatch release;

    HangingKit(AtomicInteger calls, CountDownLatch release) {
      this.calls = calls;
      this.release = release;
    }

    @Override
    public void onEvent(CustomEvent event, KitUser user) {
      calls.incrementAndGet();
      boolean interrupted = false;
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
