package dev.spoke.serverapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spoke.Spoke;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small back-end HTTP service that tracks many users at once through ONE {@link Spoke} instance,
 * as a real server would: each request names its user, gets that user's handle with {@link
 * Spoke#user(String)} and tracks through it. Spoke keeps one batch per user, so requests of
 * different users interleave freely without mixing their data.
 *
 * <p>Endpoints:
 *
 * <ul>
 *   <li>{@code POST /track?user=<id>&event=<name>[&type=<custom event type>][&<key>=<value>…]}:
 *       logs a custom event for the user (customer id {@code <id>}); other query parameters become
 *       event attributes. Answers 202.
 *   <li>{@code POST /users/<id>/attributes} with a JSON object body: sets user attributes (string,
 *       number or boolean → scalar; array of strings → list; {@code null} → removed). Answers 204.
 *   <li>{@code GET /metrics}: Spoke's counters as JSON.
 * </ul>
 *
 * Bad requests get 400 with {@code {"error": "..."}}; tracking itself never fails a request.
 */
public final class ServerApp implements AutoCloseable {
  static {
    // The JDK HTTP server leaves Nagle's algorithm on unless this is set before its first use;
    // small responses then wait ~40 ms for the client's delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final Spoke spoke;
  private final HttpServer http;
  private final ExecutorService executor;

  private ServerApp(Spoke spoke, HttpServer http, ExecutorService executor) {
    this.spoke = spoke;
    this.http = http;
    this.executor = executor;
  }

  /**
   * Starts serving on a loopback port.
   *
   * @param spoke the instance every request tracks through; the caller keeps ownership and closes
   *     it
   * @param port the port, or 0 for a free one
   * @param threads request-handling threads (1 to 256)
   * @return the running app
   * @throws IllegalArgumentException on a bad argument, naming it
   * @throws IOException when the port cannot be bound
   */
  public static ServerApp start(Spoke spoke, int port, int threads) throws IOException {
    if (spoke == null) {
      throw new IllegalArgumentException(
          "spoke is null: pass the Spoke instance the app tracks through");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " is out of range: use 0 (any free port) to 65535");
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads " + threads + " is out of range: use 1 to 256");
    }
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "spoke-serverapp-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ServerApp app = new ServerApp(spoke, http, executor);
    http.createContext("/track", app::track);
    http.createContext("/users/", app::attributes);
    http.createContext("/metrics", app::metrics);
    http.setExecutor(executor);
    // The JDK's dispatcher thread inherits daemon status from the thread that starts it, so a
    // forgotten close() cannot keep the JVM alive.
    Thread starter = new Thread(http::start, "spoke-serverapp-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return app;
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    return URI.create("http://" + http.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops serving (requests in progress get up to a second). Does not close the Spoke instance. */
  @Override
  public void close() {
    http.stop(1);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------------------------ handlers

  private void track(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        error(ex, 405, "use POST /track?user=<id>&event=<name>");
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String user = q.remove("user");
      String event = q.remove("event");
      String type = q.remove("type");
      if (user == null || user.isBlank() || event == null || event.isBlank()) {
        error(
            ex,
            400,
            "query parameters 'user' and 'event' are required: POST /track?user=<id>&event=<name>");
        return;
      }
      CustomEvent.Builder b = CustomEvent.builder(event);
      if (type != null) {
        CustomEventType t = customType(type);
        if (t == null) {
          error(
              ex,
              400,
              "type '"
                  + type
                  + "' is not a custom event type; use navigation, location, search,"
                  + " transaction, user_content, user_preference, social, other or media");
          return;
        }
        b.customEventType(t);
      }
      q.forEach(b::attribute);
      // Never throws and never blocks: validation problems are fixed or dropped and reported by
      // Spoke.
      spoke.user(user).logEvent(b.build());
      ex.sendResponseHeaders(202, -1);
    }
  }

  private void attributes(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String[] parts = path.split("/");
      // "", "users", "<id>", "attributes"
      if (parts.length != 4 || !"attributes".equals(parts[3]) || parts[2].isEmpty()) {
        error(ex, 404, "use POST /users/<id>/attributes with a JSON object body");
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        error(ex, 405, "use POST /users/<id>/attributes with a JSON object body");
        return;
      }
      String id = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
      JsonNode body;
      try {
        body = JSON.readTree(readBody(ex));
      } catch (IOException | IllegalArgumentException e) {
        error(
            ex,
            400,
            "the body is not JSON: send an object such as {\"plan\":\"pro\",\"tags\":[\"a\",\"b\"]}");
        return;
      }
      if (body == null || !body.isObject()) {
        error(
            ex,
            400,
            "the body must be a JSON object such as {\"plan\":\"pro\",\"tags\":[\"a\",\"b\"]}");
        return;
      }
      SpokeUser u = spoke.user(id);
      for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = f.getValue();
        if (v.isNull()) {
          u.removeAttribute(f.getKey());
        } else if (v.isArray()) {
          List<String> list = new ArrayList<>();
          v.forEach(e -> list.add(e.asText()));
          u.setAttributeList(f.getKey(), list);
        } else if (v.isNumber()) {
          u.setAttribute(f.getKey(), v.numberValue());
        } else if (v.isBoolean()) {
          u.setAttribute(f.getKey(), v.booleanValue());
        } else if (v.isTextual()) {
          u.setAttribute(f.getKey(), v.textValue());
        } else {
          error(
              ex,
              400,
              "attribute '" + f.getKey() + "' must be a string, number, boolean, array or null");
          return;
        }
      }
      ex.sendResponseHeaders(204, -1);
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    try (ex) {
      SpokeMetrics m = spoke.metrics();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("accepted", m.accepted());
      out.put("delivered", m.delivered());
      out.put("pending", m.pending());
      out.put("dropped", m.dropped());
      out.put("validation", m.validationIssues());
      out.put("batchesSent", m.batchesSent());
      out.put("kits", m.kits());
      send(ex, 200, JSON.writeValueAsBytes(out));
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  private static CustomEventType customType(String name) {
    for (CustomEventType t : CustomEventType.values()) {
      if (t.wireName().equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }

  /** Decodes a raw query; a later repeat of a name wins. Insertion order kept. */
  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new IllegalArgumentException("body over " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    send(ex, status, JSON.writeValueAsBytes(Map.of("error", message)));
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  // ------------------------------------------------------------------------------------ main

  /**
   * The workspace the demo's local platform serves: no kits, so every event goes straight to the
   * Events API; {@code uitl} 1 s, because the workspace configuration's upload interval overrides
   * the option's.
   */
  static final String DEMO_KEY = "us1-serverappdemo00000000000001";

  static final String DEMO_SECRET = "demo-secret";
  static final String DEMO_WORKSPACES =
      "{\"organizations\":[{\"id\":\"demo\",\"accounts\":[{\"id\":\"backend\","
          + "\"workspaces\":[{\"id\":\"api\",\"apiKey\":\""
          + DEMO_KEY
          + "\",\"apiSecret\":\""
          + DEMO_SECRET
          + "\","
          + "\"inputKind\":\"platform\",\"identityScope\":\"workspace\",\"environment\":\"development\",\"uitl\":1}]}]}]}";

  /**
   * {@code --demo [--port 8080]}: starts the local platform and the app against it, prints a few
   * {@code curl} lines, and serves until stopped (Ctrl-C flushes and closes). Without {@code
   * --demo}, tracks into the workspace named by the environment variables {@code MP_API_KEY} and
   * {@code MP_API_SECRET}.
   */
  public static void main(String[] args) throws Exception {
    boolean demo = false;
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo":
          demo = true;
          break;
        case "--port":
          if (i + 1 >= args.length) {
            usage("--port needs a number");
            return;
          }
          port = Integer.parseInt(args[++i]);
          break;
        default:
          usage("unknown argument '" + args[i] + "'");
          return;
      }
    }
    DevServer devserver = null;
    SpokeOptions options;
    if (demo) {
      devserver =
          DevServer.builder()
              .workspaces(WorkspacesFile.parse(DEMO_WORKSPACES))
              .dataDirectory(Files.createTempDirectory("spoke-serverapp-"))
              .build()
              .start();
      options =
          SpokeOptions.builder(Workspace.builder(DEMO_KEY, DEMO_SECRET).build())
              .endpoint(devserver.baseUri())
              .uploadInterval(Duration.ofSeconds(1))
              .build();
    } else {
      String key = System.getenv("MP_API_KEY");
      String secret = System.getenv("MP_API_SECRET");
      if (key == null || secret == null) {
        usage("set MP_API_KEY and MP_API_SECRET, or run with --demo");
        return;
      }
      options = SpokeOptions.builder(Workspace.builder(key, secret).build()).build();
    }
    Spoke spoke = Spoke.create(options);
    ServerApp app = ServerApp.start(spoke, port, 8);
    CountDownLatch stopped = new CountDownLatch(1);
    DevServer platform = devserver;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  System.out.println("closing: " + spoke.close(Duration.ofSeconds(10)));
                  if (platform != null) {
                    System.out.println("local platform: " + platform.stats());
                    platform.close();
                  }
                  stopped.countDown();
                },
                "spoke-serverapp-shutdown"));
    URI base = app.baseUri();
    System.out.println("server app listening on " + base);
    if (platform != null) {
      System.out.println(
          "local platform on " + platform.baseUri() + ", received batches: " + platform.batchLog());
    }
    System.out.println("try:");
    System.out.println(
        "  curl -X POST '" + base + "/track?user=alice&event=Viewed%20Pricing&plan=pro'");
    System.out.println(
        "  curl -X POST '"
            + base
            + "/users/alice/attributes' -d '{\"tier\":\"gold\",\"tags\":[\"a\",\"b\"]}'");
    System.out.println("  curl '" + base + "/metrics'");
    stopped.await();
  }

  private static void usage(String problem) {
    System.err.println("server-app: " + problem);
    System.err.println(
        "usage: ServerApp --demo [--port 8080]   (or set MP_API_KEY / MP_API_SECRET)");
    System.exit(2);
  }
}
