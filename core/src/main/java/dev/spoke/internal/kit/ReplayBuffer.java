package dev.spoke.internal.kit;

import dev.spoke.kit.KitReport;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kit calls made before the first configuration is applied: held in order (bounded; what overflows
 * is counted and reported) and replayed once the enabled kits are set up.
 */
final class ReplayBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);

  private final int capacity;
  private final Consumer<KitReport> reports;
  private final Object lock = new Object();
  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private final RateLimitedReporter drops;
  private long dropped;
  private volatile boolean ready;

  ReplayBuffer(int capacity, Clock clock, Consumer<KitReport> reports) {
    this.capacity = capacity;
    this.reports = reports;
    this.drops = new RateLimitedReporter(3, 60_000, clock);
  }

  /**
   * Holds the call while no configuration was applied yet (or counts it as dropped when the buffer
   * is full); false once ready: the caller runs it now.
   */
  boolean hold(Runnable delivery) {
    if (ready) {
      return false;
    }
    synchronized (lock) {
      if (ready) {
        return false;
      }
      if (held.size() < capacity) {
        held.add(delivery);
      } else {
        dropped++;
        long since = drops.admit();
        if (since >= 0) {
          reports.accept(
              new KitReport(
                  KitReport.Kind.REPLAY_BUFFER_FULL,
                  -1,
                  null,
                  "kit configuration not applied yet and the replay buffer of "
                      + capacity
                      + " calls is full; dropped "
                      + dropped
                      + " so far",
                  null));
        }
      }
      return true;
    }
  }

  /** After the first configuration: the calls held until then, in order, once. */
  void replayOnce() {
    if (ready) {
      return;
    }
    synchronized (lock) {
      Runnable r;
      while ((r = held.poll()) != null) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.warn("replaying a buffered kit call failed", e);
        }
      }
      ready = true;
    }
  }

  /** Calls dropped because the buffer was full before the configuration arrived. */
  long dropped() {
    synchronized (lock) {
      return dropped;
    }
  }
}
