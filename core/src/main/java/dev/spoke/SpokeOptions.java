package dev.spoke;

import dev.spoke.kit.KitFactory;
import dev.spoke.kit.SideloadedKit;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.DeviceInfo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * How a {@link Spoke} instance behaves. Built once, immutable. Every setter validates its argument
 * and fails fast with a message naming the parameter, the value and the fix; nothing here is
 * checked again on the tracking path.
 */
public final class SpokeOptions {

  /** How often the durable journal forces its writes to disk. */
  public enum FsyncPolicy {
    /** After every record: safest, slowest. */
    ALWAYS,
    /**
     * At most every {@link Builder#journalFsyncInterval(Duration)} (default 200 ms): a crash of the
     * machine loses at most that window; a crash of the process loses nothing.
     */
    INTERVAL,
    /** Leave it to the operating system: a process crash loses nothing, a power loss may. */
    NEVER
  }

  final Workspace workspace;
  final URI eventsBaseUri;
  final URI identityBaseUri;
  final URI configBaseUri;
  final URI aliasBaseUri;
  final boolean allowInsecureHttp;
  final Boolean gzip;
  final OkHttpClient httpClient;
  final int queueCapacity;
  final Duration uploadInterval;
  final long maxBufferedBytes;
  final int maxRequestsInFlight;
  final Path dataDirectory;
  final boolean durableOnReturn;
  final FsyncPolicy fsyncPolicy;
  final Duration journalFsyncInterval;
  final long journalMaxBytes;
  final boolean strictValidation;
  final SpokeListener listener;
  final Clock clock;
  final DeviceInfo deviceInfo;
  final ApplicationInfo applicationInfo;
  final Duration sessionTimeout;
  final boolean kitDiscovery;
  final List<KitFactory> kits;
  final List<SideloadedKit> sideloadedKits;
  final boolean forwardingStats;
  final URI forwardingStatsBaseUri;
  final boolean kitsEnabled;
  final DataPlanOptions dataPlan;
  final String dataPlanId;
  final Integer dataPlanVersion;
  final Duration identityHoldTimeout;
  final int kitBufferCapacity;
  final Duration retryInitialBackoff;
  final Duration retryMaxBackoff;
  final Duration requestTimeout;
  final Duration closeOnShutdown;

  private SpokeOptions(Builder b) {
    this.workspace = b.workspace;
    Endpoints endpoints =
        Endpoints.resolve(
            b.workspace,
            b.eventsBaseUri,
            b.identityBaseUri,
            b.configBaseUri,
            b.aliasBaseUri,
            b.allowInsecureHttp);
    this.eventsBaseUri = endpoints.events();
    this.identityBaseUri = endpoints.identity();
    this.configBaseUri = endpoints.config();
    this.aliasBaseUri = endpoints.alias();
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.gzip = b.gzip;
    this.httpClient = b.httpClient;
    this.queueCapacity = b.queueCapacity;
    this.uploadInterval = b.uploadInterval;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.maxRequestsInFlight = b.maxRequestsInFlight;
    this.dataDirectory = b.dataDirectory;
    this.durableOnReturn = b.durableOnReturn;
    this.fsyncPolicy = b.fsyncPolicy;
    this.journalFsyncInterval = b.journalFsyncInterval;
    this.journalMaxBytes = b.journalMaxBytes;
    this.strictValidation = b.strictValidation;
    this.listener = b.listener;
    this.clock = b.clock;
    this.deviceInfo = b.deviceInfo != null ? b.deviceInfo : DeviceInfo.detect(b.clock);
    this.applicationInfo = b.applicationInfo;
    this.sessionTimeout = b.sessionTimeout;
    this.kitDiscovery = b.kitDiscovery;
    this.kits = List.copyOf(b.kits);
    this.sideloadedKits = List.copyOf(b.sideloadedKits);
    this.forwardingStats = b.forwardingStats;
    this.forwardingStatsBaseUri =
        b.forwardingStatsBaseUri != null
            ? b.forwardingStatsBaseUri
            : URI.create(DEFAULT_FORWARDING_STATS_BASE);
    if (b.forwardingStats) OptionRules.transport(this.forwardingStatsBaseUri, b.allowInsecureHttp);
    this.kitsEnabled = b.kitsEnabled;
    this.dataPlan = b.dataPlan;
    this.dataPlanId = b.dataPlanId;
    this.dataPlanVersion = b.dataPlanVersion;
    this.identityHoldTimeout = b.identityHoldTimeout;
    this.kitBufferCapacity = b.kitBufferCapacity;
    this.retryInitialBackoff = b.retryInitialBackoff;
    this.retryMaxBackoff = b.retryMaxBackoff;
    this.requestTimeout = b.requestTimeout;
    this.closeOnShutdown = b.closeOnShutdown;
  }

  /** Starts options for a workspace. */
  public static Builder builder(Workspace workspace) {
    return new Builder(workspace);
  }

  /**
   * Starts options from the process's environment variables ({@code SPOKE_…}) and system properties
   * ({@code spoke.…}, which win over the variables): the workspace from {@code SPOKE_API_KEY} and
   * {@code SPOKE_API_SECRET} (required) with {@code SPOKE_POD} and {@code SPOKE_ENVIRONMENT}, and
   * the settings listed in the README ("Configuration from the environment"). Whatever the code
   * then sets on the returned builder wins over the environment.
   *
   * @return a builder holding the environment's settings
   * @throws IllegalArgumentException naming the variable or property when a value is missing or bad
   */
  public static Builder fromEnvironment() {
    return fromEnvironment(System.getenv(), systemProperties());
  }

  /**
   * {@link #fromEnvironment()} reading the given maps instead of the process's, for tests and for
   * hosts that keep their configuration elsewhere.
   *
   * @param env variables by name, e.g. {@code SPOKE_API_KEY}
   * @param properties properties by name, e.g. {@code spoke.apiKey}; they win over {@code env}
   * @return a builder holding those settings
   * @throws IllegalArgumentException naming the variable or property when a value is missing or bad
   */
  public static Builder fromEnvironment(Map<String, String> env, Map<String, String> properties) {
    EnvironmentSettings settings = new EnvironmentSettings(env, properties);
    Builder b = new Builder(settings.workspace());
    b.environmentSettings = settings;
    settings.applyTo(b); // fail now, not at build(), on a bad value
    b.codeSet.clear();
    return b;
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> m = new HashMap<>();
    System.getProperties().forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
    return m;
  }

  public Workspace workspace() {
    return workspace;
  }

  public URI eventsBaseUri() {
    return eventsBaseUri;
  }

  public URI identityBaseUri() {
    return identityBaseUri;
  }

  public URI configBaseUri() {
    return configBaseUri;
  }

  /**
   * @return the base of IDSync alias requests ({@code <base>/<apiKey>/alias})
   */
  public URI aliasBaseUri() {
    return aliasBaseUri;
  }

  /**
   * @return the gzip choice, or null for automatic (on for loopback hosts, off for the platform's
   *     hosts)
   */
  public Boolean gzip() {
    return gzip;
  }

  public int queueCapacity() {
    return queueCapacity;
  }

  public Duration uploadInterval() {
    return uploadInterval;
  }

  /**
   * @return the data directory, or null when nothing is kept on disk
   */
  public Path dataDirectory() {
    return dataDirectory;
  }

  public boolean durableOnReturn() {
    return durableOnReturn;
  }

  public FsyncPolicy fsyncPolicy() {
    return fsyncPolicy;
  }

  public boolean strictValidation() {
    return strictValidation;
  }

  public Clock clock() {
    return clock;
  }

  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  /**
   * @return the delay before the first retry of a failed upload, before jitter
   */
  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  /**
   * @return the cap of the exponential retry delay
   */
  public Duration retryMaxBackoff() {
    return retryMaxBackoff;
  }

  /**
   * @return the bound on one HTTP call, response body included
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * @return the close timeout of the JVM shutdown hook, or null when there is none (the default)
   */
  public Duration closeOnShutdown() {
    return closeOnShutdown;
  }

  /**
   * The Web SDK's host for forwarding statistics (mparticle-web-sdk src/constants.ts,
   * v2SecureServiceUrl).
   */
  static final String DEFAULT_FORWARDING_STATS_BASE = "https://jssdks.mparticle.com";

  /**
   * @return the kits the host registered with their own settings and filters
   */
  public List<SideloadedKit> sideloadedKits() {
    return sideloadedKits;
  }

  /**
   * @return whether what kits forward is reported to the platform
   */
  public boolean forwardingStats() {
    return forwardingStats;
  }

  /**
   * @return the root forwarding statistics go to ({@code root/v2/JS/<apiKey>/Forwarding})
   */
  public URI forwardingStatsBaseUri() {
    return forwardingStatsBaseUri;
  }

  @Override
  public String toString() {
    return "SpokeOptions{workspace="
        + workspace
        + ", events="
        + eventsBaseUri
        + ", queueCapacity="
        + queueCapacity
        + ", uploadInterval="
        + uploadInterval
        + ", dataDirectory="
        + dataDirectory
        + ", durableOnReturn="
        + durableOnReturn
        + ", strict="
        + strictValidation
        + '}';
  }

  /** Builder for {@link SpokeOptions}. */
  public static final class Builder {
    private final Workspace workspace;
    private URI eventsBaseUri;
    private URI identityBaseUri;
    private URI configBaseUri;
    private URI aliasBaseUri;
    private boolean allowInsecureHttp;
    private Boolean gzip;
    private OkHttpClient httpClient;
    private int queueCapacity = 262_144;
    private Duration uploadInterval = Duration.ofSeconds(5);
    private long maxBufferedBytes = 128L * 1024 * 1024;
    private int maxRequestsInFlight = 2;
    private Path dataDirectory;
    private boolean durableOnReturn = true;
    private FsyncPolicy fsyncPolicy = FsyncPolicy.INTERVAL;
    private Duration journalFsyncInterval = Duration.ofMillis(200);
    private long journalMaxBytes = 512L * 1024 * 1024;
    private boolean strictValidation;
    private SpokeListener listener = new SpokeListener() {};
    private Clock clock = Clock.systemUTC();
    private DeviceInfo deviceInfo;
    private ApplicationInfo applicationInfo;
    private Duration sessionTimeout = Duration.ofMinutes(30);
    private boolean kitDiscovery = true;
    private final List<KitFactory> kits = new ArrayList<>();
    private final List<SideloadedKit> sideloadedKits = new ArrayList<>();
    private boolean forwardingStats = true;
    private URI forwardingStatsBaseUri;
    private boolean kitsEnabled = true;
    private DataPlanOptions dataPlan;
    private String dataPlanId;
    private Integer dataPlanVersion;
    private Duration identityHoldTimeout = Duration.ofSeconds(30);
    private int kitBufferCapacity = 10_000;
    private Duration retryInitialBackoff = Duration.ofMillis(200);
    private Duration retryMaxBackoff = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration closeOnShutdown;

    /** Settings from the environment, applied at build() to what the code did not set. */
    private EnvironmentSettings environmentSettings;

    /** The settings the environment may provide that the code set explicitly. */
    private final Set<String> codeSet = new HashSet<>();

    private Builder(Workspace workspace) {
      if (workspace == null) {
        throw new IllegalArgumentException(
            "workspace is null: pass the Workspace built with Workspace.builder(apiKey, apiSecret)");
      }
      this.workspace = workspace;
    }

    /**
     * Points every endpoint at one root, as the local platform serves them: events at {@code
     * root/v2}, IDSync at {@code root/v1}, kit configuration at {@code root/v4/…}.
     */
    public Builder endpoint(URI root) {
      OptionRules.absoluteUri("endpoint", root);
      codeSet.add("endpoint");
      String s = root.toString().replaceAll("/+$", "");
      this.eventsBaseUri = URI.create(s + "/v2");
      this.identityBaseUri = URI.create(s + "/v1");
      this.configBaseUri = URI.create(s);
      this.forwardingStatsBaseUri = URI.create(s);
      this.aliasBaseUri = URI.create(s + "/v1/identity");
      return this;
    }

    /**
     * The Events API base, e.g. {@code https://s2s.eu1.mparticle.com/v2}. Default: from the
     * workspace's pod.
     */
    public Builder eventsBaseUri(URI uri) {
      OptionRules.absoluteUri("eventsBaseUri", uri);
      this.eventsBaseUri = uri;
      codeSet.add("endpoint");
      return this;
    }

    /**
     * The IDSync alias base, e.g. {@code https://nativesdks.eu1.mparticle.com/v1/identity}.
     * Default: from the pod.
     */
    public Builder aliasBaseUri(URI uri) {
      OptionRules.absoluteUri("aliasBaseUri", uri);
      this.aliasBaseUri = uri;
      return this;
    }

    /**
     * The IDSync base, e.g. {@code https://identity.mparticle.com/v1}. Default: from the
     * workspace's pod.
     */
    public Builder identityBaseUri(URI uri) {
      OptionRules.absoluteUri("identityBaseUri", uri);
      this.identityBaseUri = uri;
      codeSet.add("endpoint");
      return this;
    }

    /**
     * The kit configuration base (the part before {@code /v4}). Default: {@code
     * https://config2.mparticle.com}.
     */
    public Builder configBaseUri(URI uri) {
      OptionRules.absoluteUri("configBaseUri", uri);
      this.configBaseUri = uri;
      codeSet.add("endpoint");
      return this;
    }

    /**
     * Allow plain http to hosts that are not loopback (credentials travel unencrypted). Default
     * false.
     */
    public Builder allowInsecureHttp(boolean allow) {
      this.allowInsecureHttp = allow;
      return this;
    }

    /**
     * Compress upload bodies with gzip. Default: on for loopback hosts (the local platform accepts
     * it), off for the platform's hosts, whose public docs do not mention it.
     */
    public Builder gzip(boolean on) {
      this.gzip = on;
      codeSet.add("gzip");
      return this;
    }

    /**
     * Share the host app's OkHttp client (Spoke derives its own with {@code newBuilder()}, keeping
     * the connection pool and dispatcher).
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient =
          OptionRules.notNull("httpClient", client, "omit the call to use Spoke's shared client");
      return this;
    }

    /**
     * A secondary cap on the capture queue, in events (default 262,144). Memory is bounded by
     * {@link #maxBufferedBytes}, which counts the queue's bytes; this cap only matters for very
     * small events, and keeps a queue of tiny records from growing without a count limit. When
     * either is reached, new events are dropped and counted ({@link DropReason#QUEUE_FULL}).
     */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = OptionRules.queueCapacity(capacity);
      codeSet.add("queueCapacity");
      return this;
    }

    /**
     * How often open batches are uploaded (default 5 s; the configuration's {@code uitl} overrides
     * it when present).
     */
    public Builder uploadInterval(Duration interval) {
      this.uploadInterval = OptionRules.uploadInterval(interval);
      codeSet.add("uploadInterval");
      return this;
    }

    /**
     * The one bound on memory held for queued events (default 128 MB): the bytes of every event
     * between the tracking call and the platform's answer, counted as the events' serialized bytes
     * plus a fixed per-event overhead. Shared as: open batches 1/4, at most 32 MB (larger batches
     * carry fewer headers per event); the upload backlog 1/8, at most 8 MB (at least two requests);
     * the capture queue the rest (it absorbs bursts: 88 MB of the default, about 220,000
     * five-attribute events of ~400 bytes held). When the capture queue's share is full, new events
     * are dropped and counted ({@link DropReason#QUEUE_FULL}); when the backlog's is, the worker
     * stops draining until uploads catch up. A value too small for the workspace's request limit
     * fails when the instance is built.
     */
    public Builder maxBufferedBytes(long bytes) {
      this.maxBufferedBytes = OptionRules.maxBufferedBytes(bytes);
      codeSet.add("maxBufferedBytes");
      return this;
    }

    /** Upload requests in flight at once (default 2; while backing off after failures, 1). */
    public Builder maxRequestsInFlight(int n) {
      this.maxRequestsInFlight = OptionRules.maxRequestsInFlight(n);
      return this;
    }

    /**
     * A directory Spoke owns: turns on the durable journal (events survive a crash or restart), the
     * kit configuration cache and the persisted opt-out. Created if missing; must be writable. With
     * a journal, an outage no longer fills memory: sealed batches that do not fit the upload
     * backlog wait in a spill file next to the journal ({@link SpokeMetrics#spilledBatches()}), so
     * disk use during a long outage can reach about twice {@link #journalMaxBytes}.
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory =
          OptionRules.notNull("dataDirectory", dir, "omit the call to keep everything in memory");
      codeSet.add("dataDirectory");
      return this;
    }

    /**
     * With a {@link #dataDirectory}: whether a tracking call returns only once its event is written
     * to the journal (default true). Then a crash of the process after the call loses nothing (the
     * write is in the operating system; the {@link #fsyncPolicy} decides when it reaches the
     * device, which matters only for a machine crash). It costs the calling thread one write system
     * call per event (no fsync unless the policy is {@link FsyncPolicy#ALWAYS}). With false, the
     * worker thread journals each event moments later, so the calling thread never touches the
     * disk, and events still in the capture queue when the process is killed are lost.
     */
    public Builder durableOnReturn(boolean on) {
      this.durableOnReturn = on;
      return this;
    }

    /** The journal's fsync policy (default {@link FsyncPolicy#INTERVAL}, every 200 ms). */
    public Builder fsyncPolicy(FsyncPolicy policy) {
      this.fsyncPolicy =
          OptionRules.notNull("fsyncPolicy", policy, "use ALWAYS, INTERVAL or NEVER");
      return this;
    }

    /** The interval of {@link FsyncPolicy#INTERVAL} (default 200 ms). */
    public Builder journalFsyncInterval(Duration d) {
      this.journalFsyncInterval = OptionRules.journalFsyncInterval(d);
      return this;
    }

    /**
     * Disk bound of the journal (default 512 MB). When reached, new events are refused and counted
     * ({@link DropReason#JOURNAL_FULL}).
     */
    public Builder journalMaxBytes(long bytes) {
      this.journalMaxBytes = OptionRules.journalMaxBytes(bytes);
      codeSet.add("journalMaxBytes");
      return this;
    }

    /**
     * Strict mode: a broken platform limit throws {@link SpokeValidationException} from the
     * tracking call instead of being fixed and reported. For development and tests.
     */
    public Builder strictValidation(boolean strict) {
      this.strictValidation = strict;
      return this;
    }

    /** Who hears about drops, validation actions, retries and pauses. */
    public Builder listener(SpokeListener listener) {
      this.listener = OptionRules.notNull("listener", listener, "omit the call for no listener");
      return this;
    }

    /** The clock for event timestamps, sessions and timestamp rules (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = OptionRules.notNull("clock", clock, "omit the call for the system clock");
      return this;
    }

    /** Device info sent with every batch (default: detected from the JVM). */
    public Builder deviceInfo(DeviceInfo info) {
      this.deviceInfo = Objects.requireNonNull(info, "deviceInfo");
      return this;
    }

    /** Application info sent with every batch (default: none). */
    public Builder applicationInfo(ApplicationInfo info) {
      this.applicationInfo = Objects.requireNonNull(info, "applicationInfo");
      return this;
    }

    /**
     * Inactivity after which a user's session ends (default 30 minutes; the configuration's {@code
     * stl} overrides it).
     */
    public Builder sessionTimeout(Duration timeout) {
      this.sessionTimeout = OptionRules.sessionTimeout(timeout);
      return this;
    }

    /** Registers a kit factory programmatically (in addition to those found with ServiceLoader). */
    public Builder kit(KitFactory factory) {
      if (factory == null) throw new IllegalArgumentException("kit factory is null");
      this.kits.add(factory);
      return this;
    }

    /**
     * Registers a sideloaded kit: a kit with its own settings and filters, enabled whatever the
     * workspace's kit configuration says, with a module id of at least {@link
     * SideloadedKit#MIN_MODULE_ID} (see docs/KITS.md).
     */
    public Builder sideloadedKit(SideloadedKit kit) {
      if (kit == null)
        throw new IllegalArgumentException(
            "sideloaded kit is null; build one with SideloadedKit.builder(factory)");
      for (SideloadedKit s : sideloadedKits) {
        if (s.moduleId() == kit.moduleId()) {
          throw new IllegalArgumentException(
              "sideloaded kit id " + kit.moduleId() + " is registered twice; give each its own id");
        }
      }
      this.sideloadedKits.add(kit);
      return this;
    }

    /**
     * Whether to report what each kit forwarded to the platform ("forwarding statistics", as the
     * platform's Web and Android SDKs do; default on, as there). They go to {@code
     * root/v2/JS/<apiKey>/Forwarding}.
     */
    public Builder forwardingStats(boolean on) {
      this.forwardingStats = on;
      return this;
    }

    /**
     * The root forwarding statistics go to. Default: {@code https://jssdks.mparticle.com}; {@link
     * #endpoint} sets it too.
     */
    public Builder forwardingStatsBaseUri(URI uri) {
      OptionRules.absoluteUri("forwardingStatsBaseUri", uri);
      this.forwardingStatsBaseUri = uri;
      return this;
    }

    /** Whether to discover kit factories on the classpath with ServiceLoader (default true). */
    public Builder kitDiscovery(boolean on) {
      this.kitDiscovery = on;
      return this;
    }

    /** Turns kits off entirely: no configuration fetch, no kit loaded (default: on). */
    public Builder kitsEnabled(boolean on) {
      this.kitsEnabled = on;
      return this;
    }

    /**
     * How many events are buffered for kits before the configuration arrives (default 10,000);
     * beyond that they are dropped for kits only (uploads are unaffected), reported to {@link
     * SpokeListener#onKit} and counted in {@link SpokeMetrics#kits()} under "(before the kit
     * configuration)".
     */
    public Builder kitBufferCapacity(int n) {
      this.kitBufferCapacity = OptionRules.kitBufferCapacity(n);
      return this;
    }

    /**
     * A data plan to hold kits to (see {@link DataPlanOptions}); it replaces the one the
     * workspace's kit configuration carries. Without it, the configuration's plan and blocking
     * switches apply.
     */
    public Builder dataPlan(DataPlanOptions plan) {
      this.dataPlan =
          OptionRules.notNull(
              "dataPlan",
              plan,
              "build one with DataPlanOptions.builder(versionJson) or omit the call");
      return this;
    }

    /**
     * The data plan the platform should validate this instance's data against, as the Web SDK's
     * {@code dataPlan.planId} / {@code dataPlan.planVersion} settings: sent in every batch as
     * {@code context.data_plan} and as {@code plan_id} / {@code plan_version} on the kit
     * configuration request (docs/WIRE.md). Without a version the platform uses the latest one for
     * the environment.
     *
     * @param planId the data plan's id: lowercase letters, digits, {@code _} and {@code -}
     * @param planVersion 1 to 1000, or null for the latest
     * @throws IllegalArgumentException naming the bad value
     */
    public Builder dataPlanId(String planId, Integer planVersion) {
      String id = OptionRules.dataPlanId(planId);
      this.dataPlanVersion = OptionRules.dataPlanVersion(planVersion);
      this.dataPlanId = id;
      return this;
    }

    /**
     * How long events of a user whose IDSync call is in flight are held to be stamped with the
     * resulting MPID (default 30 s).
     */
    public Builder identityHoldTimeout(Duration d) {
      this.identityHoldTimeout = OptionRules.identityHoldTimeout(d);
      return this;
    }

    /**
     * The exponential backoff of upload and IDSync retries: the first retry waits a random time up
     * to {@code initial}, each later one up to twice the previous bound, never more than {@code
     * max} (full jitter). A server's {@code Retry-After} is honoured as a minimum regardless, and
     * while backing off only one request is in flight (no retry storm). Defaults: 200 ms and 60 s,
     * so a sporadic 5xx costs a fraction of a second while a long outage still backs off to a
     * minute.
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      OptionRules.retryInitialBackoff(initial);
      this.retryMaxBackoff = OptionRules.retryMaxBackoff(max, initial);
      this.retryInitialBackoff = initial;
      return this;
    }

    /**
     * Bound on one HTTP call from connect to the last byte of the response (default 60 s); a server
     * that answers too slowly fails the attempt, which is then retried like a network error. Reads
     * between two bytes are bounded by the same value or 30 s, whichever is shorter.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = OptionRules.requestTimeout(timeout);
      return this;
    }

    /**
     * Closes the instance from a JVM shutdown hook, waiting up to {@code timeout}, so that a host
     * that forgets {@code close()} and exits normally still delivers (or, with a data directory,
     * journals) what it logged. Off by default; {@code null} turns it off. The hook is removed by
     * {@code close()}. It does not run when the JVM is killed ({@code kill -9}, a crash): only the
     * journal covers that.
     */
    public Builder closeOnShutdown(Duration timeout) {
      this.closeOnShutdown = OptionRules.closeOnShutdown(timeout);
      codeSet.add("closeOnShutdown");
      return this;
    }

    /**
     * Takes the settings of {@link SpokeOptions#fromEnvironment()} (except the workspace, which the
     * code gave) for whatever the code does not set on this builder, before or after this call.
     *
     * @throws IllegalArgumentException naming the variable or property of a bad value
     */
    public Builder defaultsFromEnvironment() {
      return defaultsFromEnvironment(System.getenv(), systemProperties());
    }

    /**
     * {@link #defaultsFromEnvironment()} reading the given maps instead of the process's.
     *
     * @param env variables by name, e.g. {@code SPOKE_DATA_DIRECTORY}
     * @param properties properties by name, e.g. {@code spoke.dataDirectory}; they win over {@code
     *     env}
     * @return this builder
     */
    public Builder defaultsFromEnvironment(
        Map<String, String> env, Map<String, String> properties) {
      EnvironmentSettings settings = new EnvironmentSettings(env, properties);
      Builder probe = new Builder(workspace);
      settings.applyTo(probe); // fail now, not at build(), on a bad value
      this.environmentSettings = settings;
      return this;
    }

    /** Whether the code set this setting (so the environment must not). */
    boolean codeSet(String name) {
      return codeSet.contains(name);
    }

    public SpokeOptions build() {
      if (environmentSettings != null) {
        Set<String> byCode = new HashSet<>(codeSet);
        environmentSettings.applyTo(this);
        codeSet.retainAll(byCode);
      }
      return new SpokeOptions(this);
    }
  }
}
