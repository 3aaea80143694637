package dev.spoke.bench.jmh;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes the calling thread alone allocated, beside JMH's GC profiler (which counts every thread of
 * the fork): read from the thread's own allocation counter around each batch of calls. Two counters
 * summed the same way, so their ratio is bytes per call whatever JMH's aggregation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CallerBytes {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Bytes allocated by the measured thread in this iteration. */
  public long callerBytes;

  /** Calls made in this iteration. */
  public long callerCalls;

  @Setup(Level.Iteration)
  public void clear() {
    callerBytes = 0;
    callerCalls = 0;
  }

  static long now() {
    return MX.getCurrentThreadAllocatedBytes();
  }

  void add(long since, int calls) {
    callerBytes += now() - since;
    callerCalls += calls;
  }
}
