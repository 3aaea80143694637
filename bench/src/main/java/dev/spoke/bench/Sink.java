package dev.spoke.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The loopback sink both SDKs send to: Spoke's {@code POST /v2/bulkevents} and Segment's {@code
 * POST /v1/import}. It decodes gzip when sent, fully parses every body, counts events, body bytes
 * as they arrived on the socket (compressed or not) and requests, and answers 202 (Spoke) or 200
 * {@code {"success":true}} (Segment).
 *
 * <p>It also times the run, so both SDKs are timed by the same clock in the same process: the child
 * calls {@code POST /control/start} just before producing, and the sink notes the moment its count
 * of workload events reaches the target. {@code GET /control/await?target=N&timeoutMs=T} blocks (on
 * a monitor, no polling) until then and answers with the elapsed time; the target may be lowered by
 * the child to the number of events its SDK accepted (Spoke drops, never waits, when its queue is
 * full), which is why every request's count and time are kept.
 *
 * <p>Knobs, set per run: added latency, a seeded failure rate (500s, body drained but not counted)
 * and "down" (every request's connection is dropped without an answer).
 */
public final class Sink implements AutoCloseable {
  /** Per-run fault settings. */
  record Faults(int latencyMillis, double failureRate, long seed, boolean down) {
    static final Faults NONE = new Faults(0, 0, 1, false);
  }

  /** Counters of one run, as a snapshot. */
  record Snapshot(
      long workloadEvents,
      long allEvents,
      long batches,
      long requests,
      long acceptedRequests,
      long failedRequests,
      long droppedRequests,
      long bodyBytes,
      long headerBytes,
      long gzipRequests,
      long parseErrors,
      String lastParseError,
      long startNanos,
      long doneNanos) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final BodyCounter counter = new BodyCounter();
  private final Object lock = new Object();

  // All below guarded by lock; reset by reset().
  private Faults faults = Faults.NONE;
  private Random random = new Random(1);
  private long target = Long.MAX_VALUE;
  private long workload;
  private long all;
  private long batches;
  private long requests;
  private long accepted;
  private long failed;
  private long dropped;
  private long bodyBytes;
  private long headerBytes;
  private long gzip;
  private long parseErrors;
  private long startNanos;
  private long runId;
  private String lastError = "";

  /** (workload count after a request, System.nanoTime then), one pair per counted request. */
  private long[] progress = new long[1024];

  private int progressLen;

  private Sink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a sink on 127.0.0.1, on an ephemeral port.
   *
   * @param threads handler threads (the latency knob holds one per request in flight)
   * @return the running sink; close it when done
   * @throws IOException if the loopback port cannot be bound
   */
  public static Sink start(int threads) throws IOException {
    // Read once by the JDK server when its class initializes: must precede create().
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "sink-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Sink sink = new Sink(server, executor);
    server.createContext("/v2/bulkevents", ex -> sink.ingest(ex, true));
    server.createContext("/v2/events", ex -> sink.ingest(ex, true));
    server.createContext("/v1/import", ex -> sink.ingest(ex, false));
    server.createContext("/v1/batch", ex -> sink.ingest(ex, false));
    server.createContext("/control/start", sink::controlStart);
    server.createContext("/control/await", sink::controlAwait);
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  /**
   * @return the loopback port the sink listens on
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Clears every counter and sets the run's faults and its workload target. */
  void reset(Faults f, long workloadTarget) {
    synchronized (lock) {
      faults = f;
      random = new Random(f.seed());
      target = workloadTarget;
      workload = all = batches = requests = accepted = failed = dropped = 0;
      bodyBytes = headerBytes = gzip = parseErrors = 0;
      startNanos = 0;
      lastError = "";
      progressLen = 0;
      runId++;
      lock.notifyAll();
    }
  }

  Snapshot snapshot() {
    synchronized (lock) {
      return new Snapshot(
          workload,
          all,
          batches,
          requests,
          accepted,
          failed,
          dropped,
          bodyBytes,
          headerBytes,
          gzip,
          parseErrors,
          lastError,
          startNanos,
          doneNanosLocked(target));
    }
  }

  /**
   * @return when the workload count first reached {@code count} (System.nanoTime), or 0
   */
  long doneNanosFor(long count) {
    synchronized (lock) {
      return doneNanosLocked(count);
    }
  }

  /** Marks the start of the run on the sink's clock (also reachable over HTTP). */
  void markStart() {
    synchronized (lock) {
      startNanos = System.nanoTime();
    }
  }

  /**
   * Waits until the workload count reaches {@code newTarget} or the timeout passes.
   *
   * @return true if reached
   */
  boolean await(long newTarget, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (lock) {
      target = newTarget;
      long id = runId;
      while (workload < target && runId == id) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000L));
      }
      return workload >= target;
    }
  }

  private long doneNanosLocked(long t) {
    for (int i = 0; i < progressLen; i += 2) {
      if (progress[i] >= t) {
        return progress[i + 1];
      }
    }
    return 0;
  }

  private void ingest(HttpExchange ex, boolean spoke) throws IOException {
    try (ex) {
      Faults f;
      boolean fail;
      synchronized (lock) {
        requests++;
        headerBytes += headerBytes(ex);
        f = faults;
        fail = !f.down() && f.failureRate() > 0 && random.nextDouble() < f.failureRate();
      }
      CountingStream raw = new CountingStream(ex.getRequestBody());
      if (f.down()) {
        raw.transferTo(OutputStream.nullOutputStream());
        synchronized (lock) {
          dropped++;
          bodyBytes += raw.count;
        }
        // Closing without response headers makes the JDK server drop the connection: the client
        // sees an I/O error, as with a crashed or unreachable server.
        return;
      }
      if (f.latencyMillis() > 0) {
        sleepQuietly(f.latencyMillis());
      }
      if (fail) {
        raw.transferTo(OutputStream.nullOutputStream());
        synchronized (lock) {
          failed++;
          bodyBytes += raw.count;
        }
        respond(ex, 500, "{\"errors\":[{\"code\":\"INTERNAL\",\"message\":\"injected\"}]}");
        return;
      }
      boolean gz = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
      InputStream body = gz ? new GZIPInputStream(raw, 16 * 1024) : raw;
      BodyCounter.Counts c;
      try {
        c = spoke ? counter.countSpoke(body) : counter.countSegment(body);
        raw.transferTo(OutputStream.nullOutputStream());
      } catch (IOException | RuntimeException e) {
        synchronized (lock) {
          parseErrors++;
          lastError = e.toString();
        }
        respond(ex, 400, "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"unparseable\"}]}");
        return;
      }
      long now = System.nanoTime();
      synchronized (lock) {
        accepted++;
        workload += c.workloadEvents();
        all += c.allEvents();
        batches += c.batches();
        bodyBytes += raw.count;
        if (gz) {
          gzip++;
        }
        if (progressLen + 2 > progress.length) {
          progress = java.util.Arrays.copyOf(progress, progress.length * 2);
        }
        progress[progressLen++] = workload;
        progress[progressLen++] = now;
        if (workload >= target) {
          lock.notifyAll();
        }
      }
      if (spoke) {
        respond(ex, 202, "");
      } else {
        respond(ex, 200, "{\"success\":true}");
      }
    }
  }

  private void controlStart(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
      markStart();
      respond(ex, 200, "{}");
    }
  }

  private void controlAwait(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = query(ex.getRequestURI());
      long t = Long.parseLong(q.getOrDefault("target", "0"));
      long timeout = Long.parseLong(q.getOrDefault("timeoutMs", "60000"));
      boolean reached;
      try {
        reached = await(t, timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reached = false;
      }
      Snapshot s = snapshot();
      long end = s.doneNanos() != 0 ? s.doneNanos() : System.nanoTime();
      respond(
          ex,
          200,
          "{\"reached\":"
              + reached
              + ",\"counted\":"
              + s.workloadEvents()
              + ",\"elapsedNanos\":"
              + (end - s.startNanos())
              + "}");
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new java.util.HashMap<>();
    String q = uri.getRawQuery();
    if (q == null) {
      return out;
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return out;
  }

  private static long headerBytes(HttpExchange ex) {
    // Request line plus "Name: value\r\n" per header plus the blank line: what the client wrote
    // before the body, reconstructed (the JDK server does not expose the raw bytes).
    long n =
        ex.getRequestMethod().length()
            + 1
            + ex.getRequestURI().toString().length()
            + " HTTP/1.1\r\n".length()
            + 2;
    Headers h = ex.getRequestHeaders();
    for (Map.Entry<String, List<String>> e : h.entrySet()) {
      for (String v : e.getValue()) {
        n += e.getKey().length() + 2 + v.length() + 2;
      }
    }
    return n;
  }

  private static void respond(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    if (!body.isEmpty()) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  private static void sleepQuietly(int millis) {
    // The latency knob: a slow server holds the request, as a real one would.
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Counts bytes as read from the socket, before any gzip decoding. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }
}
