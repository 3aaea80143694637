package dev.spoke.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stand-in for partner endpoints (GA4's Measurement Protocol collector, a webhook receiver):
 * a JDK HTTP server on a free loopback port that records every request and answers 204. Kits are
 * pointed at it through their {@code endpoint} / {@code url} settings, so the quickstart and the
 * tests can see exactly what each kit sent without any network.
 */
public final class LocalCollector implements AutoCloseable {
  static {
    // See DevServer: without this the JDK server's small responses wait ~40 ms for a delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final int MAX_BODY_BYTES = 1024 * 1024;

  /** One request as received. */
  public record Request(String method, String path, String query, String body) {}

  private final HttpServer http;
  private final ExecutorService executor;
  private final List<Request> requests = new ArrayList<>();

  private LocalCollector(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  /**
   * Starts a collector on a free loopback port.
   *
   * @return the running collector
   * @throws IOException when no port can be bound
   */
  public static LocalCollector start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "spoke-collector-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    LocalCollector c = new LocalCollector(http, executor);
    http.createContext("/", c::handle);
    http.setExecutor(executor);
    // The dispatcher thread inherits daemon status from the thread that starts it.
    Thread starter = new Thread(http::start, "spoke-collector-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return c;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex;
        InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES);
      Request r =
          new Request(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              ex.getRequestURI().getRawQuery(),
              new String(body, StandardCharsets.UTF_8));
      synchronized (requests) {
        requests.add(r);
      }
      ex.sendResponseHeaders(204, -1);
    }
  }

  /** The base URI, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests received on one path. */
  public List<Request> requests(String path) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests()) {
      if (r.path().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Stops at once. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
