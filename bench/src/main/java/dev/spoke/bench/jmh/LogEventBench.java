package dev.spoke.bench.jmh;

import dev.spoke.Spoke;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * W3: the caller's cost of {@code logEvent} with 5 attributes (validation, capture, offer) while
 * the queue has room. Any sustained rate beyond the worker's would fill the queue within a second
 * and turn this into the drop path, so each operation is a batch of {@link #CALLS} calls into an
 * empty queue (single-shot), and the queue is flushed to the sink between iterations. The harness
 * divides the score by {@link #CALLS} to report ns per call.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogEventBench {
  /**
   * Calls per operation and thread; with 2 threads and sessions it stays well under the default
   * queue capacity.
   */
  public static final int CALLS = 10_000;

  /** Each thread's position in the workload. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;
  }

  static void logBatch(Spoke spoke, Cursor c) {
    for (int k = 0; k < CALLS; k++) {
      int i = c.i++;
      spoke
          .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % 5000)))
          .logEvent(event(i));
    }
  }

  static CustomEvent event(int i) {
    return CustomEvent.builder("Product Viewed")
        .customEventType(CustomEventType.OTHER)
        .attribute("sku", "SKU-" + (i % 1000))
        .attribute("price", 19.99 + (i % 7))
        .attribute("qty", i % 5)
        .attribute("category", "shoes")
        .attribute("campaign", "winter-sale")
        .build();
  }

  @Benchmark
  @Threads(1)
  public void logEvent1Thread(AllocBench.Instance s, Cursor c) {
    logBatch(s.spoke, c);
  }

  @Benchmark
  @Threads(2)
  public void logEvent2Threads(AllocBench.Instance s, Cursor c) {
    logBatch(s.spoke, c);
  }
}
