package dev.spoke.bench.jmh;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import dev.spoke.bench.Sink;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * The peer's side of {@link AllocBench}: Segment's {@code
 * Analytics.enqueue(TrackMessage.builder(…))} with W1's properties, built inside the measured call,
 * {@link AllocBench#CALLS} calls per operation. The peer's flush does not wait, so between
 * iterations the benchmark waits on the harness's sink until it has counted every event enqueued so
 * far: each iteration starts with the previous one delivered, as {@link AllocBench}'s do. Runs only
 * on the peer's classpath (its own JVM, started by the harness), never beside Spoke.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SegmentEnqueueBench {
  /** One Analytics client sending to the harness's sink (or a local one). */
  @State(Scope.Benchmark)
  public static class Instance {
    Sink ownSink;
    Analytics analytics;
    String control;
    long base;
    long enqueued;

    @Setup(Level.Trial)
    public void start() throws IOException {
      int port = Integer.getInteger("bench.sinkPort", -1);
      if (port < 0) {
        ownSink = Sink.start(4);
        port = ownSink.port();
      }
      control = "http://127.0.0.1:" + port + "/control/";
      analytics = Analytics.builder("bench-write-key").endpoint("http://127.0.0.1:" + port).build();
      // The sink counts across forks: this fork's events come on top of what it has already.
      base = counted(await(0));
    }

    @Setup(Level.Iteration)
    public void drain() throws IOException {
      analytics.flush();
      String r = await(base + enqueued);
      if (!r.contains("\"reached\":true")) {
        throw new IllegalStateException("the peer did not deliver its events in time: " + r);
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      analytics.shutdown();
      if (ownSink != null) {
        ownSink.close();
      }
    }

    private String await(long target) throws IOException {
      HttpURLConnection c =
          (HttpURLConnection)
              new URL(control + "await?target=" + target + "&timeoutMs=60000").openConnection();
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static long counted(String json) {
      int at = json.indexOf("\"counted\":") + 10;
      int end = at;
      while (end < json.length() && Character.isDigit(json.charAt(end))) {
        end++;
      }
      return Long.parseLong(json.substring(at, end));
    }
  }

  /** The thread's position in the workload. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;
  }

  @Benchmark
  @Threads(1)
  public void enqueue(Instance s, Cursor c, CallerBytes a) {
    Analytics analytics = s.analytics;
    long since = CallerBytes.now();
    for (int k = 0; k < AllocBench.CALLS; k++) {
      int i = c.i++;
      Map<String, Object> props = new LinkedHashMap<>(8);
      props.put("sku", "SKU-" + (i % 1000));
      props.put("price", 19.99 + (i % 7));
      props.put("qty", i % 5);
      props.put("category", "shoes");
      props.put("campaign", "winter-sale");
      analytics.enqueue(
          TrackMessage.builder("Product Viewed").userId("user-" + (i % 5000)).properties(props));
    }
    a.add(since, AllocBench.CALLS);
    s.enqueued += AllocBench.CALLS;
  }
}
