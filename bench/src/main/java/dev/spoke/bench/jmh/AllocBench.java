package dev.spoke.bench.jmh;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import dev.spoke.DropReason;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.bench.Sink;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Bytes allocated per tracking call: W1's event (5 attributes, user {@code user-<i % 5000>}) built
 * and handed to Spoke's {@code logEvent} or to Segment's {@code enqueue}, one call per operation.
 * Run it with JMH's GC profiler ({@code -prof gc}): {@code gc.alloc.rate.norm} counts every
 * thread's allocations (the worker and the uploader included) per call. Each state also measures
 * the calling thread alone ({@code ThreadMXBean.getThreadAllocatedBytes}) and prints it at the end
 * of the trial as {@code caller-thread bytes/call}: the figure the capture path is judged by.
 *
 * <p>The workload's own strings (user ids, SKUs) are built once, before the clock, for both SDKs:
 * they are the application's allocation, not the SDK's. The two SDKs must run in separate JVMs with
 * their own class paths (bench/target/classpath-spoke.txt and classpath-segment.txt): pick one with
 * JMH's include pattern ({@code AllocBench.SpokeCall} or {@code AllocBench.SegmentCall}: each
 * nested class is its own benchmark and state, so neither loads the other SDK).
 *
 * <p>Spoke's capture queue is flushed before each iteration and the iterations are short, so the
 * calls measure the capture path, not the drop path of a full queue (a warning is printed if any
 * call met a full queue).
 */
public class AllocBench {
  static final int USERS = 5000;
  static final String[] USER_IDS = new String[USERS];
  static final String[] SKUS = new String[1000];

  static {
    for (int i = 0; i < USERS; i++) {
      USER_IDS[i] = "user-" + i;
    }
    for (int i = 0; i < SKUS.length; i++) {
      SKUS[i] = "SKU-" + i;
    }
  }

  /** Counts the calling thread's allocations between the start and the end of each iteration. */
  public abstract static class CallerBytes {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int i;
    private long calls0;
    private long bytes0;
    private long calls;
    private long bytes;

    private boolean measuring;

    void startIteration(IterationParams p) {
      // Warmup iterations run partly interpreted, without escape analysis: only measured ones
      // count.
      measuring = p.getType() == IterationType.MEASUREMENT;
      calls0 = i;
      bytes0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    void endIteration() {
      if (!measuring) {
        return;
      }
      bytes += THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes0;
      calls += i - calls0;
    }

    void print(String sdk) {
      System.out.printf(
          "%s caller-thread bytes/call: %.1f (%d calls)%n",
          sdk, calls == 0 ? 0.0 : (double) bytes / calls, calls);
    }
  }

  /** Spoke with its defaults except the endpoint (kits off), as in W1. */
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
  @Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
  @Threads(1)
  @State(Scope.Thread)
  public static class SpokeCall extends CallerBytes {
    Sink sink;
    Spoke spoke;

    @Setup(Level.Trial)
    public void start() throws IOException {
      sink = Sink.start(4);
      spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("bench-key", "bench-secret").build())
                  .endpoint(URI.create("http://127.0.0.1:" + sink.port()))
                  .kitsEnabled(false)
                  .build());
    }

    @Setup(Level.Iteration)
    public void drain(IterationParams p) {
      spoke.flush(Duration.ofSeconds(60));
      startIteration(p);
    }

    @TearDown(Level.Iteration)
    public void count() {
      endIteration();
    }

    @TearDown(Level.Trial)
    public void stop() {
      print("spoke");
      Long full = spoke.metrics().dropped().get(DropReason.QUEUE_FULL);
      if (full != null && full > 0) {
        System.out.println("warning: " + full + " calls met a full queue (the drop path)");
      }
      spoke.close(Duration.ofSeconds(10));
      sink.close();
    }

    @Benchmark
    public void logEvent() {
      int n = i++;
      spoke
          .user(UserIdentities.of(IdentityType.CUSTOMER_ID, USER_IDS[n % USERS]))
          .logEvent(
              CustomEvent.builder("Product Viewed")
                  .customEventType(CustomEventType.OTHER)
                  .attribute("sku", SKUS[n % 1000])
                  .attribute("price", 19.99 + (n % 7))
                  .attribute("qty", n % 5)
                  .attribute("category", "shoes")
                  .attribute("campaign", "winter-sale")
                  .build());
    }
  }

  /** Segment analytics-java with its defaults except the endpoint, as in W1. */
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
  @Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
  @Threads(1)
  @State(Scope.Thread)
  public static class SegmentCall extends CallerBytes {
    Sink sink;
    Analytics analytics;

    @Setup(Level.Trial)
    public void start() throws IOException {
      sink = Sink.start(4);
      analytics =
          Analytics.builder("bench-write-key").endpoint("http://127.0.0.1:" + sink.port()).build();
    }

    @Setup(Level.Iteration)
    public void begin(IterationParams p) {
      startIteration(p);
    }

    @TearDown(Level.Iteration)
    public void count() {
      endIteration();
      analytics.flush();
    }

    @TearDown(Level.Trial)
    public void stop() {
      print("segment");
      analytics.shutdown();
      sink.close();
    }

    @Benchmark
    public void enqueue() {
      int n = i++;
      Map<String, Object> props = new LinkedHashMap<>(8);
      props.put("sku", SKUS[n % 1000]);
      props.put("price", 19.99 + (n % 7));
      props.put("qty", n % 5);
      props.put("category", "shoes");
      props.put("campaign", "winter-sale");
      analytics.enqueue(
          TrackMessage.builder("Product Viewed").userId(USER_IDS[n % USERS]).properties(props));
    }
  }
}
