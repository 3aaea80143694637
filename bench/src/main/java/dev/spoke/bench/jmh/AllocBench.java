package dev.spoke.bench.jmh;

import dev.spoke.DropReason;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.bench.Sink;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Allocation per {@code logEvent} call, run with JMH's GC profiler ({@code gc.alloc.rate.norm}):
 * W1's event built inside the measured call as an application would, {@link #CALLS} calls per
 * single-shot operation into an empty queue, delivered between iterations ({@code flush}), so the
 * figure covers the call and the pipeline work it causes (the GC profiler counts every thread of
 * the fork) and never the drop path of a full queue. The sink runs in the harness process when
 * {@code -Dbench.sinkPort} is set, so its parsing is not counted. The peer's counterpart is {@link
 * SegmentEnqueueBench}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocBench {
  /** Calls per operation (the harness divides bytes per operation by it). */
  public static final int CALLS = 10_000;

  /**
   * One Spoke instance sending to the harness's sink (or a local one), shared by the benchmark's
   * threads; also {@link LogEventBench}'s. Each iteration starts with the previous one's events
   * delivered.
   */
  @State(Scope.Benchmark)
  public static class Instance {
    Sink ownSink;
    Spoke spoke;

    @Setup(Level.Trial)
    public void start() throws IOException {
      int port = Integer.getInteger("bench.sinkPort", -1);
      if (port < 0) {
        ownSink = Sink.start(4);
        port = ownSink.port();
      }
      spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("bench-key", "bench-secret").build())
                  .endpoint(URI.create("http://127.0.0.1:" + port))
                  .kitsEnabled(false)
                  .build());
    }

    @Setup(Level.Iteration)
    public void drain() {
      // Every iteration starts with an empty queue and the previous one's events delivered.
      spoke.flush(Duration.ofSeconds(60));
    }

    @TearDown(Level.Trial)
    public void stop() {
      Long full = spoke.metrics().dropped().get(DropReason.QUEUE_FULL);
      if (full != null && full > 0) {
        System.err.println(
            "warning: " + full + " events met a full queue; the score mixes in drops");
      }
      spoke.close(Duration.ofSeconds(10));
      if (ownSink != null) {
        ownSink.close();
      }
    }
  }

  /** The thread's position in the workload. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;
  }

  @Benchmark
  @Threads(1)
  public void logEvent(Instance s, Cursor c, CallerBytes a) {
    Spoke spoke = s.spoke;
    long since = CallerBytes.now();
    for (int k = 0; k < CALLS; k++) {
      int i = c.i++;
      spoke
          .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % 5000)))
          .logEvent(LogEventBench.event(i));
    }
    a.add(since, CALLS);
  }
}
