package dev.spoke.devserver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the platform: Events API, IDSync, kit configuration, profiles and fault
 * injection, on a loopback port. Used in-process by tests, examples and benchmarks, or standalone
 * via {@link DevServerMain}.
 *
 * <pre>{@code
 * try (DevServer server = DevServer.builder().workspaces(WorkspacesFile.example()).build().start()) {
 *     URI events = server.eventsBaseUri();   // http://127.0.0.1:<port>/v2
 *     ...
 *     server.stats().batchesAccepted();
 * }
 * }</pre>
 *
 * <p>It validates what it receives on its own (the JSON Schema in {@code schema/}); it does not
 * depend on the SDK. All query methods are thread-safe.
 */
public final class DevServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);

  /**
   * JVM-wide (read once by the JDK's HTTP server): seconds a client may take to send a complete
   * request.
   */
  static final String READ_TIMEOUT_PROPERTY = "sun.net.httpserver.maxReqTime";

  static final long DEFAULT_READ_TIMEOUT_SECONDS = 10;

  /**
   * How long a request waits for a handler thread when {@code maxConnections} are busy before it is
   * refused.
   */
  static final long REFUSE_AFTER_MS = 100;

  static {
    // The JDK server leaves Nagle on unless this property is set before its config class loads;
    // with Nagle on, a
    // response split over two writes waits for the client's delayed ACK (~40 ms per request on
    // loopback).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // Without a limit the JDK server waits forever for a request that was only half sent, holding a
    // handler
    // thread; with it, its timer closes any connection whose request is not complete within this
    // many seconds.
    if (System.getProperty(READ_TIMEOUT_PROPERTY) == null) {
      System.setProperty(READ_TIMEOUT_PROPERTY, Long.toString(DEFAULT_READ_TIMEOUT_SECONDS));
    }
  }

  /** Path prefix of the partner sink (see {@link #sink}). */
  static final String SINK = "/sink/";

  private final ObjectMapper json;
  private final Clock clock;
  private final boolean validateSchema;
  private final int port;
  private final int threads;
  private final int maxConnections;
  private final int backlog;
  private final Path dataDirectory;
  private final boolean retainBatches;
  private final AtomicReference<WorkspacesFile> workspaces;
  private final AtomicReference<Faults> faults = new AtomicReference<>();
  private final Object drawLock = new Object();
  private SplittableRandom draw;
  private final Counters counters = new Counters();
  private final Map<String, List<JsonNode>> rawKitEntries = new ConcurrentHashMap<>();
  private final Profiles profiles = new Profiles();
  private final Identities identities;

  private BatchStore store;
  private EventsEndpoint events;
  private IdentityEndpoint identity;
  private ConfigEndpoint config;
  private ForwardingEndpoint forwarding;
  private LiveFeed live;
  private LivePage page;
  private HttpServer http;
  private ExecutorService executor;
  private volatile boolean closed;

  private DevServer(Builder b) {
    this.json =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.clock = b.clock;
    this.validateSchema = b.validateSchema;
    this.port = b.port;
    this.threads = b.threads;
    this.maxConnections = Math.max(b.maxConnections, b.threads);
    this.backlog = b.backlog;
    this.dataDirectory = b.dataDirectory;
    this.retainBatches = b.retainBatches;
    this.workspaces = new AtomicReference<>(b.workspaces);
    this.identities = new Identities(b.seed);
    faults(b.faults);
  }

  /** A builder; {@link Builder#workspaces} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds a free loopback port (or the configured one) and starts serving.
   *
   * @return this server
   * @throws UncheckedIOException if the port cannot be bound or the data directory cannot be
   *     written
   */
  public synchronized DevServer start() {
    if (http != null) {
      throw new IllegalStateException("DevServer already started at " + baseUri());
    }
    try {
      Path dir =
          dataDirectory != null ? dataDirectory : Files.createTempDirectory("spoke-devserver-");
      store = new BatchStore(dir, retainBatches);
      BatchSchema schema = validateSchema ? BatchSchema.load() : null;
      live = new LiveFeed(json, clock, counters::snapshot, this::workspacesJson);
      page = new LivePage(json, counters, live);
      events = new EventsEndpoint(this, json, clock, counters, store, profiles, schema);
      identity = new IdentityEndpoint(this, json, counters, identities);
      config = new ConfigEndpoint(this, json, counters, clock);
      forwarding = new ForwardingEndpoint(this, json, counters);
      http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    } catch (IOException e) {
      if (live != null) {
        live.close();
      }
      throw new UncheckedIOException("devserver: cannot start on port " + port, e);
    }
    executor = handlerPool();
    http.setExecutor(executor);
    String base = baseUri().toString();
    workspaces.updateAndGet(w -> w.withServer(base));
    http.createContext("/", this::route);
    // The JDK's dispatcher thread inherits daemon status from the thread that starts it.
    Thread starter = new Thread(http::start, "spoke-devserver-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the devserver", e);
    }
    LOG.info("devserver listening on {}", baseUri());
    return this;
  }

  /**
   * The JDK server reads each request's headers and body on the executor's threads, so a client
   * that sends half a request and goes silent holds a thread until the read timeout closes it. A
   * fixed pool of a few threads is therefore frozen by as many slow clients; this pool keeps {@code
   * threads} alive and grows on demand up to {@code maxConnections}, so idle clients never take the
   * last thread a normal request needs. Past that many requests at once, a new one waits at most
   * {@value #REFUSE_AFTER_MS} ms for a thread, then is refused (its connection is closed by the
   * read timeout) rather than queued behind clients that may never finish.
   */
  private ExecutorService handlerPool() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads(),
            (task, p) -> {
              // All threads busy: a thread finishing its request may be just about to take the next
              // one, so
              // wait briefly for it (this holds the JDK's dispatcher thread only while the server
              // is full).
              try {
                if (!p.isShutdown()
                    && p.getQueue().offer(task, REFUSE_AFTER_MS, TimeUnit.MILLISECONDS)) {
                  return;
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              counters.fault("refused");
              LOG.warn(
                  "devserver: {} requests in progress (maxConnections); refusing one more",
                  maxConnections);
            });
    return pool;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "spoke-devserver-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ------------------------------------------------------------------------------------------------ routing

  private void route(HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    if (LivePage.serves(path)) {
      servePage(ex, path);
      return;
    }
    if (path.startsWith(SINK)) {
      sink(ex, path);
      return;
    }
    counters.requests.increment();
    try {
      if (applyFaults(ex)) {
        return;
      }
      if (ForwardingEndpoint.serves(path)) {
        forwarding.handle(ex, path);
      } else if (path.startsWith("/v2/")) {
        events.handle(ex, path);
      } else if (path.startsWith("/v1/")) {
        identity.handle(ex, path);
      } else if (path.startsWith("/v4/")) {
        config.handle(ex, path);
      } else {
        Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
      }
    } catch (IOException e) {
      LOG.debug("devserver: I/O error answering {}: {}", ex.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      LOG.warn("devserver: failure handling {}", ex.getRequestURI(), e);
      try {
        Http.sendError(ex, 500, "INTERNAL", List.of("devserver error: " + e), json, counters);
      } catch (IOException | RuntimeException ignored) {
        // headers may already be sent; the close below ends the exchange
      }
    } finally {
      ex.close();
      live.countersChanged();
    }
  }

  /** The live page, its stream and {@code /stats}: never faulted, not counted as API requests. */
  private void servePage(HttpExchange ex, String path) {
    boolean keepOpen = false;
    try {
      keepOpen = page.handle(ex, path);
    } catch (IOException e) {
      LOG.debug("devserver: I/O error answering {}: {}", path, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("devserver: failure answering {}", path, e);
    } finally {
      if (!keepOpen) {
        ex.close();
      }
    }
  }

  /**
   * A stand-in partner API for kits: answers 204 to anything under {@code /sink/<partner>/}, counts
   * it per partner for the live page and {@code GET /stats}, and keeps nothing. The example
   * workspaces point their kits here, so a kit they enable starts and forwards without reaching the
   * internet.
   */
  private void sink(HttpExchange ex, String path) {
    try (ex) {
      byte[] buf = new byte[8192];
      long total = 0;
      var in = ex.getRequestBody();
      int n;
      while ((n = in.read(buf)) >= 0 && total < EventsEndpoint.MAX_REQUEST_BYTES) {
        total += n;
      }
      String rest = path.substring(SINK.length());
      int slash = rest.indexOf('/');
      live.partnerRequest(slash < 0 ? rest : rest.substring(0, slash));
      ex.sendResponseHeaders(204, -1);
    } catch (IOException e) {
      LOG.debug("devserver: I/O error answering {}: {}", path, e.toString());
    }
  }

  /**
   * The workspaces as the live page shows them: never the secret; each with the configuration it
   * serves.
   */
  private ArrayNode workspacesJson() {
    var out = json.createArrayNode();
    for (WorkspacesFile.Workspace ws : workspaces.get().workspaces()) {
      var n = out.addObject();
      n.put("id", ws.id());
      n.put("organization", ws.organizationId());
      n.put("account", ws.accountId());
      n.put("apiKey", ws.apiKey());
      n.put("pod", ws.pod());
      n.put("inputKind", String.valueOf(ws.inputKind()));
      n.put("identityScope", String.valueOf(ws.identityScope()));
      n.put("environment", ws.environment());
      n.set("config", config.document(ws));
    }
    return out;
  }

  /**
   * @return true when the request was consumed by a fault
   */
  private boolean applyFaults(HttpExchange ex) throws IOException {
    Faults f = faults.get();
    if (f.outage()) {
      counters.fault("outage");
      drop(ex);
      return true;
    }
    if (f.latencyMillis() > 0) {
      try {
        Thread.sleep(f.latencyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double failing = f.dropRate() + f.tooManyRequestsRate() + f.errorRate();
    if (failing <= 0) {
      return false;
    }
    double u;
    synchronized (drawLock) {
      u = draw.nextDouble();
    }
    if (u < f.dropRate()) {
      counters.fault("drop");
      drop(ex);
      return true;
    }
    if (u < f.dropRate() + f.tooManyRequestsRate()) {
      counters.fault("429");
      if (f.retryAfterSeconds() >= 0) {
        ex.getResponseHeaders().set("Retry-After", Integer.toString(f.retryAfterSeconds()));
      }
      ex.getResponseHeaders().set("X-mp-rate-limit-exceeded", "devserver-fault");
      Http.sendError(
          ex, 429, "TOO_MANY_REQUESTS", List.of("rate limited (injected fault)"), json, counters);
      return true;
    }
    if (u < failing) {
      counters.fault("500");
      Http.sendError(ex, 500, "INTERNAL", List.of("server error (injected fault)"), json, counters);
      return true;
    }
    return false;
  }

  /**
   * Closing an exchange whose response was never started closes the TCP connection: the client sees
   * no answer.
   */
  private static void drop(HttpExchange ex) {
    ex.close();
  }

  // ------------------------------------------------------------------------------------------------ addresses

  /** {@code http://127.0.0.1:<port>} (no trailing slash). */
  public URI baseUri() {
    requireStarted();
    return URI.create(
        "http://"
            + http.getAddress().getAddress().getHostAddress()
            + ":"
            + http.getAddress().getPort());
  }

  /** The bound port. */
  public int port() {
    requireStarted();
    return http.getAddress().getPort();
  }

  /**
   * The live page: batches per user, rejections with their reasons, counters and kit configuration.
   */
  public URI livePageUri() {
    return URI.create(baseUri() + "/");
  }

  /**
   * Events API base, {@code …/v2}: POST {@code /events}, {@code /bulkevents}, {@code
   * /bulkevents/historical}.
   */
  public URI eventsBaseUri() {
    return URI.create(baseUri() + "/v2");
  }

  /**
   * The alias requests this server accepted ({@code POST /v1/identity/<apiKey>/alias}), oldest
   * first.
   */
  public List<AliasRecord> aliasRequests() {
    return identity == null ? List.of() : identity.aliases();
  }

  /**
   * IDSync base, {@code …/v1}: POST {@code /identify}, {@code /login}, {@code /logout}, {@code
   * /search}, {@code /{mpid}/modify}.
   */
  public URI identityBaseUri() {
    return URI.create(baseUri() + "/v1");
  }

  /** Kit configuration base, {@code …/v4}: GET {@code /<apiKey>/config?av=&sv=}. */
  public URI configBaseUri() {
    return URI.create(baseUri() + "/v4");
  }

  // ------------------------------------------------------------------------------------------------ runtime knobs

  /**
   * Replaces the injected faults, effective for the next request; re-seeds the per-request draw.
   */
  public void faults(Faults newFaults) {
    Objects.requireNonNull(newFaults, "faults");
    synchronized (drawLock) {
      draw = new SplittableRandom(newFaults.seed());
      faults.set(newFaults);
    }
  }

  /** The faults in force. */
  public Faults faults() {
    return faults.get();
  }

  /**
   * Replaces one workspace's kits; the config endpoint serves them (with a new ETag) from the next
   * request.
   */
  public void kits(String apiKey, List<WorkspacesFile.Kit> kits) {
    workspaces.updateAndGet(
        w ->
            w.withKits(
                apiKey,
                http == null ? kits : WorkspacesFile.withServer(kits, baseUri().toString())));
    if (live != null) {
      live.configChanged();
    }
  }

  /**
   * Serves {@code entries} verbatim at the end of one workspace's {@code eks}, after its kits, from
   * the next configuration request: to test how a client copes with an entry it cannot read (a
   * duplicate id, half a {@code bk}, consent rules without {@code i}, a filter key that is not a
   * number, a value of the wrong type). Each entry must be JSON (any shape); an empty list stops
   * serving them.
   *
   * @param apiKey the workspace's key
   * @param entries JSON texts, served as they are
   * @throws IllegalArgumentException if an entry is not JSON, naming it
   */
  public void rawKitEntries(String apiKey, List<String> entries) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String e : entries) {
      try {
        nodes.add(json.readTree(e));
      } catch (IOException ex) {
        throw new IllegalArgumentException(
            "raw kit entry is not JSON: " + e + " (" + ex.getMessage() + ")", ex);
      }
    }
    rawKitEntries.put(apiKey, List.copyOf(nodes));
  }

  /** The raw entries served after a workspace's kits, see {@link #rawKitEntries(String, List)}. */
  List<JsonNode> rawKitEntries(String apiKey) {
    return rawKitEntries.getOrDefault(apiKey, List.of());
  }

  /** The workspaces being served. */
  public WorkspacesFile workspacesFile() {
    return workspaces.get();
  }

  /** Handler threads now serving a request (including one still arriving); for tests. */
  int busyHandlers() {
    return executor instanceof ThreadPoolExecutor p ? p.getActiveCount() : 0;
  }

  LiveFeed liveFeed() {
    return live;
  }

  boolean validatesSchema() {
    return validateSchema;
  }

  // ------------------------------------------------------------------------------------------------ queries

  /** Counters since start. */
  public Stats stats() {
    return counters.snapshot();
  }

  /**
   * @param apiKey a workspace key
   * @return the forwarding statistics records accepted for it (the last 10,000), oldest first
   */
  public List<JsonNode> forwardingRecords(String apiKey) {
    requireStarted();
    return forwarding.records(apiKey);
  }

  /**
   * The JSONL log: one accepted batch per line, exactly as received (after gzip), CR/LF whitespace
   * removed.
   */
  public Path batchLog() {
    requireStarted();
    return store.log();
  }

  /**
   * Copies of the batches accepted for a key, in arrival order, as stored (timestamps over 15
   * minutes ahead reset to the server's now, missing event timestamps filled). Empty when {@link
   * Builder#retainBatches} is off.
   */
  public List<JsonNode> batches(String apiKey) {
    requireStarted();
    return BatchStore.copies(store.stored(apiKey));
  }

  /**
   * Copies of the stored events of one user (by the batches' {@code mpid}) for a key, in arrival
   * order.
   */
  public List<JsonNode> events(String apiKey, long mpid) {
    requireStarted();
    List<JsonNode> out = new ArrayList<>();
    for (BatchStore.Stored s : store.stored(apiKey)) {
      if (s.mpid() != null && s.mpid() == mpid) {
        s.batch().path("events").forEach(e -> out.add(e.deepCopy()));
      }
    }
    return out;
  }

  /** Events accepted for a key (counted even when batches are not retained). */
  public long eventCount(String apiKey) {
    requireStarted();
    return store.eventCount(apiKey);
  }

  /** Batches refused (most recent {@value BatchStore#MAX_FAILURES}), all keys. */
  public List<BatchFailure> failures() {
    requireStarted();
    return store.failures();
  }

  /** Batches refused for one key. */
  public List<BatchFailure> failures(String apiKey) {
    List<BatchFailure> out = new ArrayList<>();
    for (BatchFailure f : failures()) {
      if (f.apiKey().equals(apiKey)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Kit configuration requests seen, with the {@code x-mp-env} / {@code x-mp-kits} headers they
   * carried.
   */
  public List<ConfigRequest> configRequests() {
    requireStarted();
    return config.requests();
  }

  /**
   * The merged user profile of an MPID as seen from a workspace (profiles are shared per identity
   * scope): attribute name to String, List&lt;String&gt;, or null for a tag. Empty when unknown.
   */
  public Map<String, Object> profile(String apiKey, long mpid) {
    return profiles.profile(scopeKey(apiKey), mpid);
  }

  /**
   * The source type that last wrote a profile attribute ({@code sdk}, {@code custom_feed}, …), if
   * any.
   */
  public Optional<String> attributeSource(String apiKey, long mpid, String attribute) {
    return Optional.ofNullable(profiles.sourceOf(scopeKey(apiKey), mpid, attribute));
  }

  /**
   * The MPID that holds an IDSync identity (e.g. {@code "customerid"}) in the key's identity scope.
   */
  public Optional<Long> mpidOf(String apiKey, String identityType, String value) {
    return Optional.ofNullable(identities.mpidOf(scopeKey(apiKey), identityType, value));
  }

  private String scopeKey(String apiKey) {
    return workspaces
        .get()
        .workspace(apiKey)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "apiKey '" + apiKey + "' is not a workspace of this server"))
        .scopeKey();
  }

  private void requireStarted() {
    if (http == null) {
      throw new IllegalStateException("DevServer not started; call start() first");
    }
  }

  /** Stops serving at once and closes the log. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed || http == null) {
      closed = true;
      return;
    }
    closed = true;
    live.close();
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      store.close();
    } catch (IOException e) {
      LOG.warn("devserver: cannot close {}", store.log(), e);
    }
  }

  /** The identity graphs, for the Events API's resolution of batches without an MPID. */
  Identities identityGraph() {
    return identities;
  }

  /** Builds a {@link DevServer}. */
  public static final class Builder {
    private WorkspacesFile workspaces;
    private Path dataDirectory;
    private Faults faults = Faults.none();
    private Clock clock = Clock.systemUTC();
    private boolean validateSchema = true;
    private boolean retainBatches = true;
    private int port;
    private int threads = 4;
    private int maxConnections = 64;
    private int backlog = 64;
    private long seed = System.nanoTime();

    private Builder() {}

    /** The tenants to serve (required). */
    public Builder workspaces(WorkspacesFile workspaces) {
      this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
      return this;
    }

    /** Reads the tenants from a JSON file. */
    public Builder workspaces(Path file) {
      return workspaces(WorkspacesFile.load(file));
    }

    /** Parses the tenants from a JSON document. */
    public Builder workspaces(String json) {
      return workspaces(WorkspacesFile.parse(json));
    }

    /**
     * Where {@code batches.jsonl} is written (truncated at start). Default: a new temporary
     * directory.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Objects.requireNonNull(dir, "dataDirectory");
      return this;
    }

    /**
     * Faults to inject from the start (default none); change later with {@link
     * DevServer#faults(Faults)}.
     */
    public Builder faults(Faults faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /** The server's clock for the 15-minute, 30-day and 72-hour rules. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Validate each batch against the JSON Schema (default true); turn off for benchmarks. */
    public Builder validateSchema(boolean validate) {
      this.validateSchema = validate;
      return this;
    }

    /**
     * Keep accepted batches in memory for {@link #batches}/{@link #events} (default true); off for
     * benchmarks.
     */
    public Builder retainBatches(boolean retain) {
      this.retainBatches = retain;
      return this;
    }

    /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port is " + port + "; use 0 (any free port) to 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Handler threads kept alive (daemon, named spoke-devserver-N); default 4. More are started on
     * demand up to {@link #maxConnections}, so clients that send half a request and go silent
     * cannot take them all.
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads is " + threads + "; use 1 or more");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Requests served at once, including those still being received (default 64; at least {@link
     * #threads}). Each holds a handler thread until it is answered or the read timeout ({@code
     * sun.net.httpserver.maxReqTime}, default 10 s) closes it.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException(
            "maxConnections is " + maxConnections + "; use 1 or more");
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Connections the operating system queues before the server accepts them (default 64). */
    public Builder backlog(int backlog) {
      if (backlog < 1) {
        throw new IllegalArgumentException("backlog is " + backlog + "; use 1 or more");
      }
      this.backlog = backlog;
      return this;
    }

    /** Seed for MPID generation, for reproducible MPIDs. Default: time-based. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds the (not yet started) server. */
    public DevServer build() {
      if (workspaces == null) {
        throw new IllegalStateException(
            "workspaces is not set; call workspaces(WorkspacesFile.example())"
                + " or pass a workspaces file");
      }
      return new DevServer(this);
    }
  }
}
