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
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of one run: one SDK, the W1 workload on {@code threads} producer threads, then
 * flush and wait for the sink (in the parent) to count every event the SDK accepted. Prints one
 * {@code RESULT {...}} line and then waits for its stdin to close, so the parent can read this
 * process's peak RSS and CPU time from /proc while it is still alive. Deliberately uses only the
 * JDK besides the SDK under test, so both children load the same harness classes.
 *
 * <p>Args: {@code sdk=spoke|segment port=P n=N users=U threads=T [journal=DIR] [awaitMs=MS]
 * [flushMs=MS] [workload=w1|mixed] [rate=EVENTS_PER_SEC]}. With a rate the producers are paced
 * (W5): each thread calls on an absolute schedule and every call's own duration is recorded, so a
 * slow call does not hide the ones queued behind it; calls that start late are counted.
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
      long flushMillis,
      String workload,
      long rate) {
    /**
     * @return true for W1-mixed's content (see {@link Mixed}), false for W1's
     */
    public boolean mixed() {
      return "mixed".equals(workload);
    }

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
          Long.parseLong(m.getOrDefault("flushMs", "60000")),
          m.getOrDefault("workload", "w1"),
          Long.parseLong(m.getOrDefault("rate", "0")));
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
    Pacing[] pacing = new Pacing[o.threads()];
    // Each producer's own CPU, read by itself as it ends (a finished thread has no CPU time to
    // ask).
    long[] producerCpu = new long[o.threads()];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < o.threads(); t++) {
      LatencyHistogram h = new LatencyHistogram();
      hist[t] = h;
      int from = (int) ((long) o.n() * t / o.threads());
      int to = (int) ((long) o.n() * (t + 1) / o.threads());
      Thread th;
      if (o.rate() > 0) {
        // Thread t owns every threads-th slot of one schedule at the total rate, offset by t.
        Pacing pc = new Pacing(1e9 * o.threads() / o.rate(), 1e9 * t / o.rate());
        pacing[t] = pc;
        int slot = t;
        th =
            new Thread(
                () -> {
                  paced(driver, h, pc, from, to, go);
                  producerCpu[slot] = ThreadBudget.currentThreadCpuNanos();
                },
                "bench-producer-" + t);
      } else {
        int slot = t;
        th =
            new Thread(
                () -> {
                  produce(driver, h, from, to, go);
                  producerCpu[slot] = ThreadBudget.currentThreadCpuNanos();
                },
                "bench-producer-" + t);
      }
      producers.add(th);
      th.start();
    }

    // Process CPU before the run: startup and SDK construction, left out of the run's CPU budget.
    long cpuStartNanos = ThreadBudget.processCpuNanos();
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
    long producersCpu = 0;
    for (long c : producerCpu) {
      producersCpu += Math.max(0, c);
    }
    String budget = ThreadBudget.measure(producersCpu).toJson();
    long late = 0;
    long maxLate = 0;
    for (Pacing pc : pacing) {
      if (pc != null) {
        late += pc.late;
        maxLate = Math.max(maxLate, pc.maxLateNanos);
      }
    }

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
        .append(",\"p9999\":")
        .append(all.quantile(0.9999))
        .append(",\"max\":")
        .append(all.max())
        .append(",\"mean\":")
        .append((long) all.mean())
        .append(",\"cpuStartNanos\":")
        .append(cpuStartNanos)
        .append(",\"budget\":")
        .append(budget)
        .append(",\"rate\":")
        .append(o.rate())
        .append(",\"lateCalls\":")
        .append(late)
        .append(",\"maxLateNanos\":")
        .append(maxLate)
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

  /** One paced producer's schedule and how often it fell behind it. */
  static final class Pacing {
    /** A call that starts more than this after its slot counts as late. */
    static final long LATE_NANOS = 1_000_000;

    final double intervalNanos;
    final double offsetNanos;
    long late;
    long maxLateNanos;

    Pacing(double intervalNanos, double offsetNanos) {
      this.intervalNanos = intervalNanos;
      this.offsetNanos = offsetNanos;
    }
  }

  /**
   * W5's producer: call k of this thread is due at {@code start + offset + k * interval}, an
   * absolute schedule (a late call does not shift the ones after it). The wait is a park, not a
   * spin, so the SDK's own threads keep the cores. Each call's duration is measured from its own
   * start; how late it started is counted apart.
   */
  private static void paced(
      Driver d, LatencyHistogram h, Pacing pc, int from, int to, CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long start = System.nanoTime();
    for (int i = from, k = 0; i < to; i++, k++) {
      long due = start + (long) (pc.offsetNanos + k * pc.intervalNanos);
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      long lateBy = now - due;
      if (lateBy > Pacing.LATE_NANOS) {
        pc.late++;
      }
      if (lateBy > pc.maxLateNanos) {
        pc.maxLateNanos = lateBy;
      }
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
