package dev.spoke.internal.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoke.Environment;
import dev.spoke.internal.RequestSignature;
import dev.spoke.kit.KitReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Fetches the workspace's kit configuration ({@code GET
 * {base}/v4/{apiKey}/config?av=&sv=}, WIRE.md section 6), caches it on disk and refreshes it.
 *
 * <p>Threads: every fetch runs on the scheduler ({@code spoke-kit-config}, daemon, owned unless one
 * is injected); {@link #start}, {@link #refreshNow} and {@link #close} never block on I/O. The
 * configuration callback runs on that scheduler thread.
 *
 * <p>The request is made as the platform's Android SDK makes it (mparticle-android-sdk, {@code
 * android-core/src/main/java/com/mparticle/internal/MParticleApiClientImpl.java}, {@code
 * fetchConfig}, and {@code networking/MParticleBaseClientImpl.java}, {@code getUrl}; docs/WIRE.md
 * section 6): {@code av}, {@code sv} and, with a data plan, {@code plan_id} and {@code
 * plan_version} (1 to 1000) as query parameters; {@code x-mp-env}; {@code x-mp-kits} only when at
 * least one kit is available; {@code If-None-Match} and {@code If-Modified-Since} from the last
 * answer's {@code ETag} and {@code Last-Modified}; and, when the secret is known, a {@code Date}
 * header and {@code x-mp-signature}, the lower-case hex HMAC-SHA256 with the API secret of {@code
 * "GET\n" + date + "\n" + path and query}.
 *
 * <p>Policy: the first fetch sends the cached ETag, so a 304 applies the cached document without
 * downloading it again; a 200 is parsed, written to {@code <cacheDir>/kit-config-<apiKey>.json}
 * (document and ETag together, via a temporary file and a rename, so a crash never leaves half a
 * file) and applied; an unreachable server, a non-2xx answer or an invalid document applies the
 * disk cache if nothing is in force yet (reported as {@link KitReport.Kind#CONFIG_FROM_CACHE}).
 * Refreshes happen at most once per refresh interval (never under 10 minutes, as the platform
 * asks); after a failure, retries back off from one minute up to the interval. {@link #refreshNow}
 * fetches at once regardless.
 */
public final class KitConfigClient implements AutoCloseable {
  /** The platform's floor for refetching the configuration. */
  public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(10);

  static final String DEFAULT_BASE = "https://config2.mparticle.com";
  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(KitConfigClient.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final String apiKey;
  private final HttpUrl url;
  private final Environment environment;
  private final OkHttpClient http;
  private final Path cacheFile;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final long refreshMillis;
  private final long maxBodyBytes;
  private final Supplier<String> secret;

  private final Object lock = new Object();

  /** Serializes fetches when the scheduler is shared and has several threads. */
  private final Object fetchLock = new Object();

  private volatile boolean closed;
  private String kitIdsHeader = "";
  private Consumer<KitConfiguration> onConfiguration = c -> {};
  private Consumer<KitReport> reports = r -> {};
  private ScheduledFuture<?> next;
  private long nextDueMillis = Long.MIN_VALUE;
  private int failures;
  private boolean diskLoaded;
  private KitConfiguration cached;
  private String etag;
  private String lastModified;
  private volatile KitConfiguration current;

  private KitConfigClient(Builder b) {
    this.apiKey = b.apiKey;
    HttpUrl.Builder u =
        b.base.newBuilder().addPathSegment("v4").addPathSegment(b.apiKey).addPathSegment("config");
    if (b.appVersion != null) {
      u.addQueryParameter("av", b.appVersion);
    }
    if (b.sdkVersion != null) {
      u.addQueryParameter("sv", b.sdkVersion);
    }
    if (b.planId != null) {
      u.addQueryParameter("plan_id", b.planId);
      if (b.planVersion != null) {
        u.addQueryParameter("plan_version", b.planVersion.toString());
      }
    }
    this.url = u.build();
    this.secret = b.secret;
    this.environment = b.environment;
    this.http = b.http;
    this.cacheFile =
        b.cacheDir == null
            ? null
            : b.cacheDir.resolve("kit-config-" + safeFileName(b.apiKey) + ".json");
    this.clock = b.clock;
    this.refreshMillis = b.refreshInterval.toMillis();
    this.maxBodyBytes = b.maxBodyBytes;
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
    } else {
      ScheduledThreadPoolExecutor s =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "spoke-kit-config");
                t.setDaemon(true);
                return t;
              });
      s.setRemoveOnCancelPolicy(true);
      this.scheduler = s;
      this.ownsScheduler = true;
    }
  }

  /**
   * @param apiKey the workspace key (not a secret: it appears in the URL)
   * @return a builder
   */
  public static Builder builder(String apiKey) {
    return new Builder(apiKey);
  }

  static String safeFileName(String key) {
    return key.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Starts fetching, asynchronously.
   *
   * @param kitIds the module ids of the kits available ({@code x-mp-kits})
   * @param onConfiguration receives each configuration applied (on the scheduler thread)
   * @param reports receives what happened to each fetch
   */
  public void start(
      List<Integer> kitIds,
      Consumer<KitConfiguration> onConfiguration,
      Consumer<KitReport> reports) {
    synchronized (lock) {
      this.kitIdsHeader = kitIds.stream().map(String::valueOf).collect(Collectors.joining(","));
      this.onConfiguration = Objects.requireNonNull(onConfiguration, "onConfiguration");
      this.reports = Objects.requireNonNull(reports, "reports");
      scheduleLocked(0);
    }
  }

  /** Fetches as soon as possible, regardless of the refresh interval. Never blocks. */
  public void refreshNow() {
    synchronized (lock) {
      scheduleLocked(0);
    }
  }

  /**
   * Fetches if the refresh interval (or a failure's retry delay) has passed, else does nothing now.
   */
  public void refreshIfDue() {
    long wait;
    synchronized (lock) {
      wait = nextDueMillis == Long.MIN_VALUE ? 0 : nextDueMillis - clock.millis();
      if (wait > 0) {
        scheduleLocked(wait);
        return;
      }
    }
    fetch();
  }

  /**
   * @return the configuration in force, or null before the first one
   */
  public KitConfiguration current() {
    return current;
  }

  /**
   * @return where the configuration is cached, or null without a cache directory
   */
  public Path cacheFile() {
    return cacheFile;
  }

  private void scheduleLocked(long delayMillis) {
    if (closed) {
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    Runnable task = delayMillis == 0 ? this::fetch : this::refreshIfDue;
    try {
      next = scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("kit configuration scheduler refused a task (shutting down?)", e);
    }
  }

  /** One fetch, on the scheduler thread. Never throws. */
  void fetch() {
    if (closed) {
      return;
    }
    boolean ok;
    try {
      synchronized (fetchLock) {
        ok = fetchOnce();
      }
    } catch (RuntimeException e) {
      LOG.warn("kit configuration fetch failed unexpectedly", e);
      ok = false;
    }
    synchronized (lock) {
      long delay;
      if (ok) {
        failures = 0;
        delay = refreshMillis;
      } else {
        long backoff = FIRST_RETRY.toMillis() << Math.min(failures, 10);
        failures++;
        delay = Math.min(backoff, refreshMillis);
      }
      nextDueMillis = clock.millis() + delay;
      scheduleLocked(delay);
    }
  }

  private boolean fetchOnce() {
    synchronized (lock) {
      if (!diskLoaded) {
        diskLoaded = true;
        loadDisk();
      }
    }
    Request.Builder req =
        new Request.Builder()
            .url(url)
            .get()
            .header("x-mp-env", Integer.toString(environment.configHeaderValue()));
    String kits;
    String sentEtag;
    String sentModified;
    synchronized (lock) {
      kits = kitIdsHeader;
      sentEtag = etag != null && cached != null ? etag : null;
      sentModified = lastModified != null && cached != null ? lastModified : null;
    }
    if (!kits.isEmpty()) {
      // The Android SDK leaves the header out when no kit is bundled; an empty list says nothing.
      req.header("x-mp-kits", kits);
    }
    if (sentEtag != null) {
      req.header("If-None-Match", sentEtag);
    }
    if (sentModified != null) {
      req.header("If-Modified-Since", sentModified);
    }
    sign(req);
    try (Response r = http.newCall(req.build()).execute()) {
      if (r.code() == 304 && (sentEtag != null || sentModified != null)) {
        apply(cached, KitReport.Kind.CONFIG_UNCHANGED, "kit configuration unchanged (304)");
        return true;
      }
      if (r.code() == 200) {
        String body = readCapped(r.body());
        KitConfiguration parsed;
        try {
          parsed = KitConfiguration.parse(body);
        } catch (KitConfigurationException e) {
          report(KitReport.Kind.CONFIG_INVALID, "kit configuration rejected: " + e.getMessage(), e);
          return fallBack("the server sent an invalid configuration");
        }
        String newEtag = r.header("ETag");
        String newModified = r.header("Last-Modified");
        synchronized (lock) {
          etag = newEtag;
          lastModified = newModified;
          cached = parsed;
        }
        saveDisk(parsed, newEtag, newModified);
        apply(parsed, KitReport.Kind.CONFIG_APPLIED, "kit configuration applied: " + parsed);
        return true;
      }
      return fallBack("the configuration server answered HTTP " + r.code());
    } catch (IOException e) {
      return fallBack("the configuration server could not be reached: " + e);
    }
  }

  /**
   * Signs the request as the Android SDK signs its configuration requests ({@code
   * MParticleApiClientImpl.addMessageSignature}, {@code
   * MParticleBaseClientImpl.getHeaderHashString}): {@code Date} in the HTTP date format, and {@code
   * x-mp-signature} = hex(HMAC-SHA256(secret, method + "\n" + date + "\n" + path and query)); a GET
   * has no body to append.
   */
  private void sign(Request.Builder req) {
    String key;
    try {
      key = secret == null ? null : secret.get();
    } catch (RuntimeException e) {
      LOG.warn(
          "the API secret supplier failed; the configuration request goes unsigned: {}",
          e.toString());
      key = null;
    }
    if (key == null || key.isEmpty()) {
      return;
    }
    String date = RequestSignature.date(clock.instant());
    String pathAndQuery =
        url.encodedPath() + (url.encodedQuery() != null ? "?" + url.encodedQuery() : "");
    req.header("Date", date);
    req.header("x-mp-signature", signature(key, "GET", date, pathAndQuery, null));
  }

  /**
   * @see RequestSignature#sign
   */
  public static String signature(
      String secret, String method, String date, String pathAndQuery, String body) {
    return RequestSignature.sign(secret, method, date, pathAndQuery, body);
  }

  private boolean fallBack(String why) {
    if (current == null && cached != null) {
      apply(
          cached,
          KitReport.Kind.CONFIG_FROM_CACHE,
          why + "; using the configuration cached at " + cacheFile);
    } else {
      report(
          KitReport.Kind.CONFIG_FETCH_FAILED,
          why
              + (current != null
                  ? "; keeping the configuration in force"
                  : "; no cached configuration, kits stay off"),
          null);
    }
    return false;
  }

  private void apply(KitConfiguration c, KitReport.Kind kind, String message) {
    boolean changed = current == null || !current.equals(c);
    current = c;
    report(kind, message, null);
    if (changed || kind != KitReport.Kind.CONFIG_UNCHANGED) {
      try {
        onConfiguration.accept(c);
      } catch (RuntimeException e) {
        LOG.warn("kit configuration callback failed", e);
      }
    }
  }

  private void report(KitReport.Kind kind, String message, Throwable error) {
    try {
      reports.accept(new KitReport(kind, -1, null, message, error));
    } catch (RuntimeException e) {
      LOG.warn("kit report listener failed", e);
    }
  }

  private String readCapped(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    if (body.contentLength() > maxBodyBytes) {
      throw new IOException(
          "configuration of "
              + body.contentLength()
              + " bytes exceeds the limit of "
              + maxBodyBytes);
    }
    try (InputStream in = body.byteStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > maxBodyBytes) {
          throw new IOException("configuration exceeds the limit of " + maxBodyBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  private void loadDisk() {
    if (cacheFile == null) {
      return;
    }
    try {
      String text = Files.readString(cacheFile, StandardCharsets.UTF_8);
      Map<String, Object> o = Fields.object(JsonTree.parse(text), cacheFile.toString());
      Object config = o.get("config");
      if (!(config instanceof String)) {
        throw new KitConfigurationException("cache file has no config document");
      }
      cached = KitConfiguration.parse((String) config);
      etag = o.get("etag") instanceof String ? (String) o.get("etag") : null;
      lastModified =
          o.get("lastModified") instanceof String ? (String) o.get("lastModified") : null;
    } catch (NoSuchFileException e) {
      // first run: nothing cached yet
    } catch (IOException | KitConfigurationException e) {
      LOG.warn("ignoring unreadable kit configuration cache {}: {}", cacheFile, e.getMessage());
    }
  }

  private void saveDisk(KitConfiguration c, String etag, String lastModified) {
    if (cacheFile == null || closed) {
      return;
    }
    Path tmp = null;
    try {
      Files.createDirectories(cacheFile.getParent());
      tmp = Files.createTempFile(cacheFile.getParent(), cacheFile.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        if (etag != null) {
          g.writeStringField("etag", etag);
        }
        if (lastModified != null) {
          g.writeStringField("lastModified", lastModified);
        }
        g.writeNumberField("savedAtMillis", clock.millis());
        g.writeStringField("config", c.rawJson());
        g.writeEndObject();
      }
      try {
        Files.move(
            tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      LOG.warn("could not cache the kit configuration at {}: {}", cacheFile, e.toString());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /**
   * Stops refreshing; shuts the scheduler down if this client created it and waits (at most 2 s)
   * for a fetch in progress to end, so nothing writes to the cache directory after close.
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "KitConfigClient{" + url + '}';
  }

  /** Builds a {@link KitConfigClient}; {@link #build} fails fast on a wrong setting. */
  public static final class Builder {
    private final String apiKey;
    private HttpUrl base = HttpUrl.parse(DEFAULT_BASE);
    private Environment environment = Environment.PRODUCTION;
    private String appVersion;
    private String sdkVersion;
    private OkHttpClient http;
    private Path cacheDir;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Duration refreshInterval = MIN_REFRESH_INTERVAL;
    private long maxBodyBytes = 2L * 1024 * 1024;
    private Supplier<String> secret;
    private String planId;
    private Integer planVersion;

    private Builder(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException(
            "apiKey is " + (apiKey == null ? "null" : "blank") + "; pass the workspace's API key");
      }
      this.apiKey = apiKey;
    }

    /**
     * @param base the configuration host, e.g. {@code https://config2.mparticle.com} or a local
     *     server
     */
    public Builder configBase(String base) {
      HttpUrl u = base == null ? null : HttpUrl.parse(base);
      if (u == null) {
        throw new IllegalArgumentException(
            "configBase \"" + base + "\" is not an http(s) URL; pass e.g. " + DEFAULT_BASE);
      }
      this.base = u;
      return this;
    }

    /**
     * @param environment sent as {@code x-mp-env}
     */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * @param appVersion sent as {@code av}, or null
     */
    public Builder appVersion(String appVersion) {
      this.appVersion = appVersion;
      return this;
    }

    /**
     * @param sdkVersion sent as {@code sv}, or null
     */
    public Builder sdkVersion(String sdkVersion) {
      this.sdkVersion = sdkVersion;
      return this;
    }

    /**
     * @param secret supplies the workspace's API secret for {@code x-mp-signature} (read at each
     *     fetch, so a rotated secret is used at once); null (default) sends unsigned requests
     * @return this builder
     */
    public Builder secret(Supplier<String> secret) {
      this.secret = secret;
      return this;
    }

    /**
     * @param planId the data plan id, sent as {@code plan_id}, or null for none
     * @param planVersion the data plan version, sent as {@code plan_version}, or null for the
     *     latest
     * @return this builder
     * @throws IllegalArgumentException if the id is blank or the version is outside 1 to 1000 (the
     *     range the Android SDK sends)
     */
    public Builder dataPlan(String planId, Integer planVersion) {
      if (planId != null && planId.isBlank()) {
        throw new IllegalArgumentException("planId is blank; pass the data plan's id or null");
      }
      if (planVersion != null && (planId == null || planVersion < 1 || planVersion > 1000)) {
        throw new IllegalArgumentException(
            "planVersion "
                + planVersion
                + (planId == null
                    ? " needs a planId; pass both or neither"
                    : " is outside 1 to 1000; pass a plan version in that range or null"));
      }
      this.planId = planId;
      this.planVersion = planVersion;
      return this;
    }

    /**
     * @param http the shared client (required)
     */
    public Builder httpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /**
     * @param cacheDir where to cache the configuration, or null for no disk cache
     */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir;
      return this;
    }

    /**
     * @param clock the clock deciding when a refresh is due
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param scheduler runs the fetches; null (default) for an owned {@code spoke-kit-config}
     *     thread
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * @param interval how often to refresh; at least 10 minutes
     */
    public Builder refreshInterval(Duration interval) {
      if (interval == null || interval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
        throw new IllegalArgumentException(
            "refreshInterval "
                + interval
                + " is under the platform's minimum of "
                + "10 minutes; pass Duration.ofMinutes(10) or more (use refreshNow() to fetch at once)");
      }
      this.refreshInterval = interval;
      return this;
    }

    /**
     * @param maxBodyBytes the largest configuration accepted
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes " + maxBodyBytes + " is too small; pass at least 1024");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * @return the client (not started)
     */
    public KitConfigClient build() {
      if (http == null) {
        throw new IllegalArgumentException(
            "httpClient is null; pass the OkHttpClient Spoke shares");
      }
      return new KitConfigClient(this);
    }
  }
}
