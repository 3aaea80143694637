package dev.spoke.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of one run: one SDK, the W1 workload on {@code threads} producer threads, then
 * flush and wait for the sink (in the parent) to count every event the SDK accepted. Prints one
 * {@code RESULT {...}} line and then waits for its stdin to close, so the parent can read this
 * process's peak RSS and CPU time from /proc while it is still alive. Deliberately uses only the
 * JDK besides the SDK under test, so both children load the same harness classes.
 *
 * <p>Args: {@code sdk=spoke|segment port=P n=N users=U threads=T [journal=DIR] [awaitMs=MS]
 * [flushMs=MS]}.
 */
public final class ChildMain {
  /** Run options as parsed from {@code key=value} arguments. */
  public record Options(
      String sdk,
      int port,
      int n,
      int users,
      int threads,
      String journalDir,
      long awaitMillis,
      long flushMillis) {
    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("argument '" + a + "' is not key=value");
        }
        m.put(a.substring(0, eq), a.substring(eq + 1));
      }
      return new Options(
          m.getOrDefault("sdk", "spoke"),
          Integer.parseInt(req(m, "port")),
          Integer.parseInt(m.getOrDefault("n", "200000")),
          Integer.parseInt(m.getOrDefault("users", "5000")),
          Integer.parseInt(m.getOrDefault("threads", "2")),
          m.get("journal"),
          Long.parseLong(m.getOrDefault("awaitMs", "120000")),
          Long.parseLong(m.getOrDefault("flushMs", "60000")));
    }

    private static String req(Map<String, String> m, String k) {
      String v = m.get(k);
      if (v == null) {
        throw new IllegalArgumentException("missing argument " + k + "=...");
      }
      return v;
    }
  }

  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Driver driver = newDriver(o);
    String control = "http://127.0.0.1:" + o.port() + "/control/";

    LatencyHistogram[] hist = new LatencyHistogram[o.threads()];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < o.threads(); t++) {
      LatencyHistogram h = new LatencyHistogram();
      hist[t] = h;
      int from = (int) ((long) o.n() * t / o.threads());
      int to = (int) ((long) o.n() * (t + 1) / o.threads());
      Thread th = new Thread(() -> produce(driver, h, from, to, go), "bench-producer-" + t);
      producers.add(th);
      th.start();
    }

    post(control + "start");
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread th : producers) {
      th.join();
    }
    long produced = System.nanoTime() - t0;
    driver.flush(Duration.ofMillis(o.flushMillis()));
    long flushed = System.nanoTime() - t0;
    long dropped = driver.dropped();
    long target = o.n() - dropped;
    String awaited = get(control + "await?target=" + target + "&timeoutMs=" + o.awaitMillis());
    long total = System.nanoTime() - t0;

    LatencyHistogram all = new LatencyHistogram();
    for (LatencyHistogram h : hist) {
      all.add(h);
    }
    StringBuilder r = new StringBuilder(512);
    r.append("{\"sdk\":\"")
        .append(o.sdk())
        .append('"')
        .append(",\"n\":")
        .append(o.n())
        .append(",\"users\":")
        .append(o.users())
        .append(",\"threads\":")
        .append(o.threads())
        .append(",\"dropped\":")
        .append(dropped)
        .append(",\"target\":")
        .append(target)
        .append(",\"produceNanos\":")
        .append(produced)
        .append(",\"flushReturnNanos\":")
        .append(flushed)
        .append(",\"childTotalNanos\":")
        .append(total)
        .append(",\"sink\":")
        .append(awaited)
        .append(",\"calls\":")
        .append(all.count())
        .append(",\"p50\":")
        .append(all.quantile(0.50))
        .append(",\"p90\":")
        .append(all.quantile(0.90))
        .append(",\"p99\":")
        .append(all.quantile(0.99))
        .append(",\"p999\":")
        .append(all.quantile(0.999))
        .append(",\"max\":")
        .append(all.max())
        .append(",\"mean\":")
        .append((long) all.mean())
        .append(",\"metrics\":\"")
        .append(escape(driver.metrics()))
        .append("\"}");
    System.out.println("RESULT " + r);
    System.out.flush();

    // Hold still until the parent has read /proc/<pid>/status and /proc/<pid>/stat.
    System.in.transferTo(OutputStream.nullOutputStream());
    try {
      driver.close();
    } finally {
      // Segment's executors are non-daemon; the run is over either way.
      System.exit(0);
    }
  }

  private static void produce(Driver d, LatencyHistogram h, int from, int to, CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    for (int i = from; i < to; i++) {
      long s = System.nanoTime();
      d.track(i);
      h.record(System.nanoTime() - s);
    }
  }

  static Driver newDriver(Options o) throws ReflectiveOperationException {
    String cls =
        switch (o.sdk()) {
          case "segment" -> "dev.spoke.bench.SegmentDriver";
          case "spoke" -> "dev.spoke.bench.spoke.SpokeDriver";
          default -> throw new IllegalArgumentException("sdk=" + o.sdk() + " is not spoke|segment");
        };
    // By name: each child's classpath holds only its own SDK.
    var ctor = Class.forName(cls).getDeclaredConstructor(int.class, int.class, Options.class);
    ctor.setAccessible(true);
    return (Driver) ctor.newInstance(o.port(), o.users(), o);
  }

  private static void post(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.getOutputStream().close();
    read(c);
  }

  private static String get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setReadTimeout(0);
    return read(c);
  }

  private static String read(HttpURLConnection c) throws IOException {
    int code = c.getResponseCode();
    try (InputStream in = c.getInputStream()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (code != 200) {
        throw new IOException("control call answered " + code + ": " + body);
      }
      return body;
    }
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(' ');
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
