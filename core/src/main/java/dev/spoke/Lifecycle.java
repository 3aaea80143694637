package dev.spoke;

import dev.spoke.internal.SignalLog;
import dev.spoke.internal.identity.IdentityFlow;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.DataPath;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Pipeline;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flush and the close sequence of one {@link Spoke} instance, with the optional JVM shutdown hook
 * ({@code closeOnShutdown}). Close runs once; later calls return the first result.
 */
final class Lifecycle {
  /** Logged under the entry point's name, where hosts configure Spoke's logging. */
  private static final Logger LOG = LoggerFactory.getLogger(Spoke.class);

  static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Pipeline pipeline;
  private final DataPath dataPath;
  private final KitHub kits;
  private final IdentityFlow identity;
  private final SignalLog signalLog;
  private final Counters counters;
  private final Object closeLock = new Object();

  /** The JVM shutdown hook of {@code closeOnShutdown}, or null. */
  private Thread shutdownHook;

  private FlushResult closeResult;

  Lifecycle(
      Pipeline pipeline,
      DataPath dataPath,
      KitHub kits,
      IdentityFlow identity,
      SignalLog signalLog,
      Counters counters) {
    this.pipeline = pipeline;
    this.dataPath = dataPath;
    this.kits = kits;
    this.identity = identity;
    this.signalLog = signalLog;
    this.counters = counters;
  }

  /**
   * Opt-in: a forgotten close() still flushes when the JVM exits normally. Removed again by
   * close(). Called once, at construction.
   */
  void closeOnShutdown(Duration timeout, Function<Duration, FlushResult> close, String apiKey) {
    Thread t = new Thread(() -> close.apply(timeout), "spoke-shutdown-" + apiKey);
    Runtime.getRuntime().addShutdownHook(t);
    synchronized (closeLock) {
      shutdownHook = t;
    }
  }

  /** The shutdown hook of {@code closeOnShutdown}, or null; for tests. */
  Thread shutdownHook() {
    synchronized (closeLock) {
      return shutdownHook;
    }
  }

  /** See {@link Spoke#flush(Duration)}. */
  FlushResult flush(Duration timeout) {
    long t0 = System.nanoTime();
    boolean done;
    try {
      done = pipeline.flush(timeout == null ? DEFAULT_CLOSE_TIMEOUT : timeout);
    } catch (RuntimeException e) {
      LOG.warn("spoke: flush failed; reporting it as incomplete", e);
      done = false;
    }
    return result(done, t0);
  }

  /** See {@link Spoke#close(Duration)}. */
  FlushResult close(Duration timeout) {
    synchronized (closeLock) {
      if (closeResult != null) return closeResult;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook is running or will find this instance closed
        }
      }
      long t0 = System.nanoTime();
      Duration total = timeout == null ? DEFAULT_CLOSE_TIMEOUT : timeout;
      long deadline = t0 + total.toNanos();
      pipeline.intake().stopAccepting();
      // Events logged before the first kit configuration wait in the kits' buffer: give a
      // configuration still on its way a moment (a few seconds at most) so they reach the kits
      // before those close.
      long kitWait =
          Math.min(Duration.ofSeconds(3).toNanos(), Math.max(0, deadline - System.nanoTime()) / 3);
      kits.awaitConfiguration(Duration.ofNanos(kitWait));
      boolean done = pipeline.flush(remaining(deadline));
      boolean allSent = dataPath.stop(deadline);
      kits.close(remaining(deadline));
      identity.close(); // no identity future outlives close: unanswered ones fail naming the reason
      dataPath.closeJournal();
      closeResult = result(done && allSent, t0);
      signalLog.close(closeResult.pending(), dataPath.durable());
      return closeResult;
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  private FlushResult result(boolean complete, long t0) {
    return new FlushResult(
        complete,
        counters.delivered.sum(),
        counters.droppedSnapshot(),
        pipeline.pendingEvents(),
        Duration.ofNanos(System.nanoTime() - t0));
  }
}
