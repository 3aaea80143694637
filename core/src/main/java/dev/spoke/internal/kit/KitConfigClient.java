package dev.spoke.internal.kit;

import dev.spoke.kit.KitReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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

  private final String apiKey;
  private final KitConfigRequest request;
  private final OkHttpClient http;
  private final KitConfigCache cache;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final long refreshMillis;

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

  KitConfigClient(KitConfigClientBuilder b) {
    this.apiKey = b.apiKey;
    this.request = new KitConfigRequest(b);
    this.http = b.http;
    this.cache = b.cacheDir == null ? null : new KitConfigCache(b.cacheDir, b.apiKey, b.clock);
    this.clock = b.clock;
    this.refreshMillis = b.refreshInterval.toMillis();
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
  public static KitConfigClientBuilder builder(String apiKey) {
    return new KitConfigClientBuilder(apiKey);
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
    return cache == null ? null : cache.file();
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
    String kits;
    String sentEtag;
    String sentModified;
    synchronized (lock) {
      kits = kitIdsHeader;
      sentEtag = etag != null && cached != null ? etag : null;
      sentModified = lastModified != null && cached != null ? lastModified : null;
    }
    Request req = request.build(kits, sentEtag, sentModified);
    try (Response r = http.newCall(req).execute()) {
      if (r.code() == 304 && (sentEtag != null || sentModified != null)) {
        apply(cached, KitReport.Kind.CONFIG_UNCHANGED, "kit configuration unchanged (304)");
        return true;
      }
      if (r.code() == 200) {
        String body = request.readCapped(r.body());
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
        if (cache != null && !closed) {
          cache.save(parsed, newEtag, newModified);
        }
        apply(parsed, KitReport.Kind.CONFIG_APPLIED, "kit configuration applied: " + parsed);
        return true;
      }
      return fallBack("the configuration server answered HTTP " + r.code());
    } catch (IOException e) {
      return fallBack("the configuration server could not be reached: " + e);
    }
  }

  private boolean fallBack(String why) {
    if (current == null && cached != null) {
      apply(
          cached,
          KitReport.Kind.CONFIG_FROM_CACHE,
          why + "; using the configuration cached at " + cacheFile());
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

  private void loadDisk() {
    KitConfigCache.Entry e = cache == null ? null : cache.load();
    if (e != null) {
      cached = e.config();
      etag = e.etag();
      lastModified = e.lastModified();
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
    return "KitConfigClient{" + request.url() + '}';
  }
}
