package dev.spoke.internal.kit;

import dev.spoke.kit.Kit;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One running kit: its filters, worker, counters and what it is being handed. */
final class ActiveKit {
  /** How many recent deliveries per kit are remembered for reports made after the call returned. */
  static final int RECENT_DELIVERIES = 256;

  final int moduleId;
  final String name;
  final KitCounters counters;
  final RateLimitedReporter failureReports;
  final RateLimitedReporter dropReports;

  /**
   * Distinct data plan blocks already reported (bounded by {@code
   * KitDispatcher.PLAN_REPORTS_PER_KIT}).
   */
  final Set<String> planReported = ConcurrentHashMap.newKeySet();

  volatile KitFilters filters;
  volatile KitPipeline pipeline = KitPipeline.standard();
  volatile Map<String, String> settings;
  volatile Kit kit;
  KitWorker worker;

  /** What the kit is being handed now; read and written on the kit's thread only. */
  Delivery delivering;

  /**
   * The latest deliveries by the name the kit saw, for kits that report what they forwarded later,
   * from their own thread (after their partner answered): bounded, least recently used first out.
   */
  final Map<String, Delivery> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Delivery> eldest) {
              return size() > RECENT_DELIVERIES;
            }
          });

  void deliver(Delivery d, String name) {
    delivering = d;
    if (name != null) {
      recent.put(name, d);
    }
  }

  ActiveKit(int moduleId, String name, KitFilters filters, KitCounters counters, Clock clock) {
    this.moduleId = moduleId;
    this.name = name;
    this.filters = filters;
    this.settings = filters.entry().settings();
    this.counters = counters;
    this.failureReports = new RateLimitedReporter(5, 60_000, clock);
    this.dropReports = new RateLimitedReporter(1, 60_000, clock);
  }

  /**
   * Waits for the kit's thread to end after its close was queued; a kit still running at the
   * deadline is abandoned (its daemon thread interrupted).
   *
   * @param deadlineNanos the {@link System#nanoTime} by which it must have ended
   * @return true if it ended in time
   */
  boolean awaitClosed(long deadlineNanos) {
    boolean done;
    try {
      done =
          worker.awaitTermination(
              Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      worker.abandon();
    }
    return done;
  }
}
