package dev.spoke;

import dev.spoke.event.Event;
import dev.spoke.event.IdentityChange;
import dev.spoke.event.OptOut;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.internal.SignalLog;
import dev.spoke.internal.identity.IdSyncClient;
import dev.spoke.internal.durability.JournalConfig;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.json.UserSnapshot;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.DataPath;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Pipeline;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.SerializerPool;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.HttpClients;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.internal.upload.UploadListener;
import dev.spoke.internal.upload.UploaderConfig;
import dev.spoke.internal.validate.HeaderValidator;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.internal.validate.Validator;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: one instance per workspace, created from {@link SpokeOptions}, closed when the
 * host app is done with it.
 *
 * <pre>{@code
 * try (Spoke spoke = Spoke.create(SpokeOptions.builder(workspace).build())) {
 *   spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "42"))
 *        .logEvent(CustomEvent.builder("Signed Up").attribute("plan", "pro").build());
 * }
 * }</pre>
 *
 * <p>Tracking calls ({@link #logEvent}, the {@link SpokeUser} methods) validate and capture on the
 * calling thread and hand the record to a bounded queue; they never block and, outside strict
 * mode, never throw. A worker thread batches and uploads; kits run on their own threads. Instances
 * share nothing mutable: two instances for two workspaces in one JVM are independent.
 */
public final class Spoke implements AutoCloseable {
  /** This library's version, sent as {@code sdk_version}. */
  public static final String SDK_VERSION = "0.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(Spoke.class);
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  /** How long a user with no session and no activity is kept before being forgotten. */
  static final long USER_IDLE_MILLIS = Duration.ofMinutes(60).toMillis();

  enum AttrOp { SET, LIST, INCREMENT, REMOVE, TAG }

  private final SpokeOptions options;
  private final Workspace workspace;
  private final Clock clock;
  private final Counters counters = new Counters();
  private final UploadStatus.Tracker uploadStatus;
  private final SpokeListener listener;
  /** Logs what the listener hears (rate-limited) before passing it on to the host's listener. */
  private final SignalLog signalLog;
  private final Validator validator;
  private final IdentityValidator identityValidator;
  private final HeaderValidator headerValidator;
  private final Pipeline pipeline;
  private final DataPath dataPath;
  private final IdSyncClient idsync;
  private final ExecutorService identityExecutor;
  private final KitHub kits;
  private final EventSerializer serializerForWorker = new EventSerializer();
  private final SerializerPool serializers = new SerializerPool();
  private final HeaderSerializer headerSerializer = new HeaderSerializer();
  /** For user fragments built on tracking threads (durableOnReturn); used under its own lock. */
  private final HeaderSerializer callerHeaderSerializer = new HeaderSerializer();
  /** Whether tracking calls journal their events before returning (durable mode with durableOnReturn). */
  private final boolean journalOnReturn;
  private final byte[] instanceFragment;
  private final ConcurrentHashMap<UserIdentities, UserContext> users = new ConcurrentHashMap<>();
  private volatile UserContext current;
  private volatile Secret secret;
  private volatile long sessionTimeoutMillis;
  private volatile boolean optedOut;
  private volatile boolean keepCollectingAfterOptOut;
  private final Object closeLock = new Object();
  /** Identity futures handed to the host and not yet done; failed by close (see {@link #guard}). */
  private final Map<CompletableFuture<?>, IdentityCall> hostIdentityFutures = new ConcurrentHashMap<>();
  private volatile boolean closing;
  /** The JVM shutdown hook of {@code closeOnShutdown}, or null. */
  private final Thread shutdownHook;
  private FlushResult closeResult;

  private Spoke(SpokeOptions o, KitHub kitHub, Sleeper sleeper) {
    this.options = o;
    this.workspace = o.workspace;
    this.clock = o.clock;
    this.uploadStatus = new UploadStatus.Tracker(o.clock);
    this.signalLog = new SignalLog(new GuardedListener(o.listener), LOG, o.clock, SignalLog.DEFAULT_INTERVAL,
        () -> secret.reveal(), o.workspace.apiKey());
    this.listener = signalLog;
    this.sessionTimeoutMillis = o.sessionTimeout.toMillis();
    this.secret = o.workspace.secret();
    ServiceLimits limits = workspace.limits();
    this.validator = new Validator(limits, o.strictValidation, clock, issue -> {
      counters.validation(issue.rule());
      listener.onValidation(issue);
    });
    this.identityValidator = new IdentityValidator(limits, o.strictValidation, issue -> {
      counters.validation(issue.rule());
      listener.onValidation(issue);
    });
    this.headerValidator = new HeaderValidator(limits, o.strictValidation, issue -> {
      counters.validation(issue.rule());
      listener.onValidation(issue);
    });
    this.instanceFragment = headerSerializer.instanceFragment(workspace.environment(),
        headerValidator.device(o.deviceInfo), headerValidator.application(o.applicationInfo), SDK_VERSION, null, null,
        null);

    OkHttpClient base = o.httpClient != null ? HttpClients.derive(o.httpClient) : HttpClients.shared();
    if (!o.requestTimeout.equals(Duration.ofSeconds(60))) {
      // newBuilder() keeps the shared pool and dispatcher; only the bounds change.
      long ms = o.requestTimeout.toMillis();
      base = base.newBuilder().callTimeout(ms, TimeUnit.MILLISECONDS)
          .readTimeout(Math.min(ms, 30_000), TimeUnit.MILLISECONDS).build();
    }
    boolean gzip = o.gzip != null ? o.gzip : SpokeOptions.isLoopback(o.eventsBaseUri.getHost());
    String name = workspace.apiKey().length() > 12 ? workspace.apiKey().substring(0, 12) : workspace.apiKey();
    name = name + "-" + Integer.toHexString(System.identityHashCode(this));
    this.kits = kitHub != null ? kitHub
        : o.kitsEnabled ? new KitBridge(o, base, listener, this::applyConfiguration, () -> secret.reveal()) : KitHub.NONE;

    Pipeline.Config pc = new Pipeline.Config();
    pc.name = name;
    pc.queueCapacity = o.queueCapacity;
    pc.serializer = serializerForWorker;
    pc.headers = new Pipeline.HeaderSource() {
      @Override public byte[] header(UserContext user, long nowMillis) {
        return Spoke.this.header(user, nowMillis);
      }

      @Override public int estimate(UserContext user) {
        byte[] cached = user.cachedFragmentForWorker();
        return cached != null ? cached.length : instanceFragment.length + 256;
      }

      @Override public byte[] userFragment(UserContext user) {
        return Spoke.this.userFragment(user);
      }

      @Override public byte[] instanceFragment() {
        return instanceFragment;
      }
    };
    pc.kits = this.kits;
    pc.counters = counters;
    pc.listener = listener;
    pc.clock = clock;
    pc.batchMaxBytes = limits.batchMaxBytes();
    pc.historicalAfterMillis = limits.historicalAfterMillis();
    pc.maxOpenBytes = o.maxBufferedBytes / 2;
    pc.identityHoldMillis = o.identityHoldTimeout.toMillis();
    pc.uploadIntervalMillis = o.uploadInterval.toMillis();
    pc.sessionSweeper = this::expireSessions;
    UploaderConfig.Builder uc = UploaderConfig.builder()
        .baseUrl(o.eventsBaseUri.toString())
        .apiKey(workspace.apiKey())
        .apiSecret(() -> secret.reveal().toCharArray())
        .gzip(gzip)
        .maxInFlight(o.maxRequestsInFlight)
        .batchMaxBytes(limits.batchMaxBytes())
        .requestMaxBytes(limits.requestMaxBytes())
        .batchesPerRequest(limits.batchesPerRequest())
        .maxBacklogBytes(Math.max(limits.requestMaxBytes() * 2L, o.maxBufferedBytes / 2))
        .client(base)
        .clock(clock);
    if (sleeper != null) uc.sleeper(sleeper);
    JournalConfig jc = JournalConfig.builder().maxTotalBytes(o.journalMaxBytes)
        .segmentBytes(Math.min(8L * 1024 * 1024, Math.max(1024L * 1024, o.journalMaxBytes / 8)))
        .fsync(o.fsyncPolicy).fsyncInterval(o.journalFsyncInterval).build();
    this.dataPath = DataPath.open(pc, uc,
        RetryPolicy.builder().initialBackoff(o.retryInitialBackoff).maxBackoff(o.retryMaxBackoff),
        o.dataDirectory != null ? journalDirectory(o) : null, jc, new UploadHealth());
    this.pipeline = dataPath.pipeline();
    this.journalOnReturn = dataPath.durable() && o.durableOnReturn;

    RetryPolicy retry = RetryPolicy.builder().initialBackoff(o.retryInitialBackoff).maxBackoff(o.retryMaxBackoff).build();
    ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), r -> {
      Thread t = new Thread(r, "spoke-identity-" + workspace.apiKey().hashCode());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    ex.allowCoreThreadTimeOut(true);
    this.identityExecutor = ex;
    this.idsync = new IdSyncClient(base, o.identityBaseUri.toString(), workspace.apiKey(),
        () -> secret.reveal(), workspace.environment(), SDK_VERSION, clock, identityExecutor, retry,
        new Backoff(retry, java.util.concurrent.ThreadLocalRandom.current()::nextDouble),
        sleeper != null ? sleeper : Sleeper.SYSTEM);

    this.current = context(UserIdentities.empty());
    this.optedOut = loadOptOut();
    dataPath.start();
    this.kits.start();
    if (optedOut) this.kits.onOptOut(true);
    this.shutdownHook = o.closeOnShutdown != null ? addShutdownHook(o.closeOnShutdown) : null;
  }

  /** The shutdown hook of {@code closeOnShutdown}, or null; for tests. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  /** Opt-in: a forgotten close() still flushes when the JVM exits normally. Removed again by close(). */
  private Thread addShutdownHook(Duration timeout) {
    Thread t = new Thread(() -> close(timeout), "spoke-shutdown-" + workspace.apiKey());
    Runtime.getRuntime().addShutdownHook(t);
    return t;
  }

  private Path journalDirectory(SpokeOptions o) {
    return o.dataDirectory.resolve("journal-" + safe(workspace.apiKey()));
  }

  /** Creates and starts an instance. Fails fast (IllegalArgumentException / IllegalStateException) on bad configuration. */
  public static Spoke create(SpokeOptions options) {
    Objects.requireNonNull(options, "options is null: build them with SpokeOptions.builder(workspace)");
    return new Spoke(options, null, null);
  }

  /** For tests in this package: an injected kit hub and sleeper. */
  static Spoke create(SpokeOptions options, KitHub kits, Sleeper sleeper) {
    return new Spoke(options, kits, sleeper);
  }

  // ------------------------------------------------------------------------------ users

  /** The current user of a client-style app (anonymous until {@link #identify} or {@link #login}). */
  public SpokeUser currentUser() {
    return new SpokeUser(this, current);
  }

  /** A server-style handle for one user, named by their identities. Handles for equal identities share state. */
  public SpokeUser user(UserIdentities identities) {
    UserIdentities ids = identities == null ? UserIdentities.empty() : cleanIdentities(identities);
    return new SpokeUser(this, context(ids));
  }

  /** Shorthand for {@code user(UserIdentities.of(IdentityType.CUSTOMER_ID, customerId))}. */
  public SpokeUser user(String customerId) {
    return user(customerId == null ? UserIdentities.empty() : UserIdentities.of(IdentityType.CUSTOMER_ID, customerId));
  }

  private UserContext context(UserIdentities ids) {
    UserContext u = users.get(ids);
    if (u != null) {
      u.touch(clock.millis());
      return u;
    }
    return users.computeIfAbsent(ids, k -> new UserContext(k, newAttributeState(), clock.millis()));
  }

  private UserAttributeState newAttributeState() {
    return new UserAttributeState(workspace.limits(), options.strictValidation, issue -> {
      counters.validation(issue.rule());
      listener.onValidation(issue);
    });
  }

  private UserIdentities cleanIdentities(UserIdentities ids) {
    UserIdentities.Builder b = null;
    for (Map.Entry<IdentityType, String> e : ids.asMap().entrySet()) {
      String v = identityValidator.clean(e.getKey(), e.getValue());
      if (b == null && !Objects.equals(v, e.getValue())) {
        // First change: copy what was already accepted, then continue on the copy.
        b = UserIdentities.builder();
        for (Map.Entry<IdentityType, String> earlier : ids.asMap().entrySet()) {
          if (earlier.getKey() == e.getKey()) break;
          b.put(earlier.getKey(), earlier.getValue());
        }
      }
      if (b != null && v != null) b.put(e.getKey(), v);
    }
    return b == null ? ids : b.build();
  }

  // ------------------------------------------------------------------------------ tracking

  /** Logs an event for the current user. */
  public void logEvent(Event event) {
    track(current, event);
  }

  void track(UserContext u, Event event) {
    try {
      if (pipeline.isClosed()) {
        pipeline.dropClosed("an event");
        return;
      }
      if (optedOut && !keepCollectingAfterOptOut) {
        pipeline.dropOptedOut();
        return;
      }
      if (pipeline.dropIfFull()) {
        return; // as cheap as possible when overloaded: no validation, no serialization
      }
      capture(u, event);
    } catch (SpokeValidationException e) {
      throw e;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
      counters.drop(DropReason.VALIDATION, 1);
      LOG.warn("spoke: an event could not be captured and was dropped", t);
      listener.onDrop(DropReason.VALIDATION, 1, "an event could not be captured and was dropped: " + t);
    }
  }

  private void capture(UserContext u, Event event) {
    if (event == null) {
      counters.drop(DropReason.VALIDATION, 1);
      listener.onDrop(DropReason.VALIDATION, 1, "logEvent(null): pass an event built with one of the dev.spoke.event builders");
      return;
    }
    Event valid = validator.validate(event);
    if (valid == null) {
      counters.drop(DropReason.VALIDATION, 1);
      listener.onDrop(DropReason.VALIDATION, 1, "a " + event.type().wireName() + " event broke a platform limit and was dropped");
      return;
    }
    long now = clock.millis();
    SessionContext session;
    SessionCollector sc = new SessionCollector();
    synchronized (u.lock) {
      session = u.sessionForEventLocked(Math.max(now, valid.timestampMillis()), sessionTimeoutMillis, sc);
    }
    if (sc.events != null) {
      for (int i = 0; i < sc.events.size(); i++) offerSerialized(u, sc.events.get(i), sc.sessions.get(i));
    }
    offerSerialized(u, valid, session);
  }

  /**
   * Serializes on the calling thread (once) and queues a compact record; the event object travels
   * too only while kits may want it.
   */
  private void offerSerialized(UserContext u, Event valid, SessionContext session) {
    byte[] json;
    try {
      json = serializers.serialize(valid, session);
    } catch (IllegalArgumentException e) {
      counters.drop(DropReason.VALIDATION, 1);
      listener.onDrop(DropReason.VALIDATION, 1, "a " + valid.type().wireName() + " event could not be sent: " + e.getMessage());
      return;
    }
    Record r = Record.serialized(u, kits.wantsEvents() ? valid : null, json, valid.timestampMillis(), valid.type());
    if (journalOnReturn) {
      pipeline.offerDurably(r, journalFragment(u));
    } else {
      pipeline.offer(r);
    }
  }

  /** Collects the session start/end events a tracking call must emit, in order. */
  private static final class SessionCollector implements UserContext.SessionSink {
    List<Event> events;
    List<SessionContext> sessions;

    @Override public void start(UserContext user, SessionContext s, long ts) {
      add(SessionStart.builder().timestamp(ts).sourceMessageId(dev.spoke.internal.Ids.uuid()).build(), s);
    }

    @Override public void end(UserContext user, SessionContext s, long ts, long durationMillis) {
      add(SessionEnd.builder(durationMillis).timestamp(ts).sourceMessageId(dev.spoke.internal.Ids.uuid()).build(), s);
    }

    private void add(Event e, SessionContext s) {
      if (events == null) {
        events = new ArrayList<>(2);
        sessions = new ArrayList<>(2);
      }
      events.add(e);
      sessions.add(s);
    }

    /** The collected events as records for the worker to serialize (used on the worker thread). */
    List<Record> records(UserContext u) {
      List<Record> out = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) out.add(new Record(u, events.get(i), sessions.get(i)));
      return out;
    }
  }

  void startSession(UserContext u) {
    sessionCall(u, "startSession", true);
  }

  void endSession(UserContext u) {
    sessionCall(u, "endSession", false);
  }

  /** Starts (after ending the current one) or ends a user's session now and queues the events that emits. */
  private void sessionCall(UserContext u, String what, boolean start) {
    try {
      if (pipeline.isClosed()) return;
      SessionCollector sc = new SessionCollector();
      long now = clock.millis();
      synchronized (u.lock) {
        if (start) {
          u.restartSessionLocked(now, sc);
        } else {
          u.endSessionLocked(now, sc);
        }
      }
      if (sc.events != null) {
        for (int i = 0; i < sc.events.size(); i++) offerSerialized(u, sc.events.get(i), sc.sessions.get(i));
      }
    } catch (RuntimeException e) {
      LOG.warn("spoke: {} failed", what, e);
    }
  }

  /**
   * Runs on the worker at every upload tick: ends sessions idle past the timeout, and forgets users
   * idle for longer than {@link #USER_IDLE_MILLIS} (or the session timeout, if longer) so a server
   * tracking ever new users does not grow without bound. A forgotten user's handles keep working; a new
   * handle for the same identities starts from an empty local state (the platform keeps the profile).
   */
  private List<Record> expireSessions(Long now) {
    List<Record> out = null;
    long idle = Math.max(USER_IDLE_MILLIS, sessionTimeoutMillis);
    for (Map.Entry<UserIdentities, UserContext> e : users.entrySet()) {
      UserContext u = e.getValue();
      SessionCollector sc = new SessionCollector();
      boolean forget;
      synchronized (u.lock) {
        u.expireLocked(now, sessionTimeoutMillis, sc);
        forget = sc.events == null && u != current && u.idleLocked(now, idle);
      }
      if (sc.events != null) {
        if (out == null) out = new ArrayList<>();
        out.addAll(sc.records(u));
      } else if (forget) {
        users.remove(e.getKey(), u);
      }
    }
    return out;
  }

  /** The most journaled bytes the start-up replay held in memory at once (for tests). */
  long replayPeakHeldBytes() {
    return pipeline.replayPeakHeldBytes();
  }

  /** Users Spoke currently keeps state for (for tests and metrics). */
  int trackedUsers() {
    return users.size();
  }

  void attributeOp(UserContext u, AttrOp op, String name, Object value) {
    try {
      if (pipeline.isClosed()) {
        pipeline.dropClosed("a user attribute change");
        return;
      }
      if (optedOut && !keepCollectingAfterOptOut) {
        pipeline.dropOptedOut();
        return;
      }
      UserAttributeState.Change change;
      synchronized (u.lock) {
        UserAttributeState a = u.attributeState();
        switch (op) {
          case SET: change = a.set(name, value); break;
          case LIST: change = a.setList(name, value instanceof List ? (List<?>) value : null); break;
          case INCREMENT: change = a.increment(name, value instanceof Number ? (Number) value : null); break;
          case REMOVE: change = a.remove(name); break;
          case TAG: change = a.tag(name); break;
          default: change = null;
        }
        if (change != null) u.touchedLocked();
      }
      if (change == null) return;
      UserAttributeChange uac = UserAttributeChange.builder(change.name())
          .newValue(change.newValue()).oldValue(change.oldValue())
          .deleted(change.deleted()).newAttribute(change.isNew())
          .build();
      capture(u, uac);
      if (kits instanceof KitBridge) {
        KitBridge bridge = (KitBridge) kits;
        String key = change.name();
        Object newValue = change.newValue();
        Number delta = value instanceof Number ? (Number) value : null;
        pipeline.offerSignal(Record.signal(() -> bridge.onAttribute(u, op, key, newValue, delta)));
      }
    } catch (SpokeValidationException e) {
      throw e;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
      LOG.warn("spoke: a user attribute change could not be applied", t);
    }
  }

  void consent(UserContext u, ConsentState state) {
    try {
      ConsentState next = stampConsent(state == null ? ConsentState.empty() : headerValidator.consent(state),
          clock.millis());
      ConsentState before = u.consent();
      u.setConsent(next);
      pipeline.offerSignal(Record.signal(() -> kits.onConsent(u, before, next)));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      LOG.warn("spoke: consent change failed", e);
    }
  }

  /**
   * Gives every decision without a timestamp the time it was set: the platform's SDKs do the same
   * (mparticle-android-sdk, android-core/src/main/java/com/mparticle/consent/GDPRConsent.java and
   * CCPAConsent.java; mparticle-web-sdk, src/consent.ts, createPrivacyConsent), and the Events API's
   * OpenAPI description requires {@code timestamp_unixtime_ms} in a consent purpose (docs/WIRE.md section 2).
   */
  static ConsentState stampConsent(ConsentState state, long now) {
    boolean missing = state.ccpa() != null && state.ccpa().timestampMillis() == null;
    for (ConsentDecision d : state.gdpr().values()) {
      missing |= d.timestampMillis() == null;
    }
    if (!missing) {
      return state;
    }
    ConsentState.Builder b = state.toBuilder();
    for (java.util.Map.Entry<String, ConsentDecision> p : state.gdpr().entrySet()) {
      if (p.getValue().timestampMillis() == null) {
        b.gdpr(p.getKey(), p.getValue().toBuilder().timestampMillis(now).build());
      }
    }
    if (state.ccpa() != null && state.ccpa().timestampMillis() == null) {
      b.ccpa(state.ccpa().toBuilder().timestampMillis(now).build());
    }
    return b.build();
  }

  // ------------------------------------------------------------------------------ identity

  /** IDSync identify for the current user with these identities; becomes the current user. Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> identify(UserIdentities identities) {
    return switchUser(IdentityCall.IDENTIFY, identities);
  }

  /** IDSync login: the current user becomes the user of these identities. Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> login(UserIdentities identities) {
    return switchUser(IdentityCall.LOGIN, identities);
  }

  /** IDSync logout: the current user becomes anonymous. Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> logout() {
    return switchUser(IdentityCall.LOGOUT, UserIdentities.empty());
  }

  /** IDSync modify: changes the current user's identities (same MPID). Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> modify(UserIdentities newIdentities) {
    UserContext u = current;
    UserIdentities next = cleanIdentities(newIdentities == null ? UserIdentities.empty() : newIdentities);
    Long mpid = u.mpid();
    if (mpid == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "modify needs a known MPID: call identify or login first and wait for it to complete"));
    }
    UserIdentities old = u.identities();
    u.identityStarted(clock.millis());
    return guard(IdentityCall.MODIFY, idsync.modify(mpid, old, next).whenComplete((r, err) -> {
      u.identityFinished();
      if (err == null) {
        u.identities(next);
        users.put(next, u);
        emitIdentityChanges(u, old, next);
        pipeline.offerSignal(Record.signal(() -> kits.onIdentity(u, IdentityCall.MODIFY)));
      } else {
        reportIdentityFailure(IdentityCall.MODIFY, err);
      }
    }));
  }

  /**
   * IDSync alias: copies the source user's data collected in the request's window to the destination user,
   * as the platform's SDKs' {@code aliasUsers} does (docs/WIRE.md section 5). A request that breaks the SDKs'
   * rules (both MPIDs set and different, both times set, start not after end) is not sent: the future fails
   * with an {@link dev.spoke.user.IdentityException} naming the problem. Never throws; completes on a Spoke
   * thread; 429/5xx are retried as for the other IDSync calls.
   *
   * @param request the alias request
   * @return completes (with null) once the platform accepted the request
   */
  public CompletableFuture<Void> aliasUsers(AliasRequest request) {
    try {
      return guard(IdentityCall.ALIAS, idsync.alias(options.aliasBaseUri.toString(), request).whenComplete((r, err) -> {
        if (err != null) reportIdentityFailure(IdentityCall.ALIAS, err);
      }));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  CompletableFuture<IdentityResult> identifyUser(UserContext u) {
    u.identityStarted(clock.millis());
    return guard(IdentityCall.IDENTIFY, idsync.identify(u.identities(), u.mpid(), u.identityContext()).whenComplete((r, err) -> {
      u.identityFinished();
      if (err == null) {
        u.resolved(r.mpid(), r.loggedIn(), r.context());
        pipeline.offerSignal(Record.signal(() -> kits.onIdentity(u, IdentityCall.IDENTIFY)));
      } else {
        reportIdentityFailure(IdentityCall.IDENTIFY, err);
      }
    }));
  }

  private CompletableFuture<IdentityResult> switchUser(IdentityCall call, UserIdentities identities) {
    try {
      UserIdentities ids = cleanIdentities(identities == null ? UserIdentities.empty() : identities);
      UserContext before = current;
      UserContext next = call == IdentityCall.LOGOUT ? new UserContext(UserIdentities.empty(), newAttributeState(), clock.millis()) : context(ids);
      next.identityStarted(clock.millis());
      current = next;
      CompletableFuture<IdentityResult> f;
      switch (call) {
        case LOGIN: f = idsync.login(ids, before.mpid(), before.identityContext()); break;
        case LOGOUT: f = idsync.logout(ids, before.mpid(), before.identityContext()); break;
        default: f = idsync.identify(ids, before.mpid(), before.identityContext()); break;
      }
      return guard(call, f.whenComplete((r, err) -> {
        next.identityFinished();
        if (err != null) {
          reportIdentityFailure(call, err);
          return;
        }
        next.resolved(r.mpid(), r.loggedIn(), r.context());
        if (call == IdentityCall.LOGIN || call == IdentityCall.LOGOUT) {
          capture(next, ProfileEvent.builder(call == IdentityCall.LOGIN ? ProfileEvent.ProfileEventType.LOGIN
                  : ProfileEvent.ProfileEventType.LOGOUT)
              .previousMpid(before.mpid()).currentMpid(r.mpid()).build());
        }
        if (call == IdentityCall.LOGIN) emitIdentityChanges(next, before.identities(), ids);
        pipeline.offerSignal(Record.signal(() -> kits.onIdentity(next, call)));
      }));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      return CompletableFuture.failedFuture(e);
    }
  }

  private void emitIdentityChanges(UserContext u, UserIdentities before, UserIdentities after) {
    long now = clock.millis();
    for (IdentityType t : IdentityType.values()) {
      String o = before.get(t);
      String n = after.get(t);
      if (Objects.equals(o, n)) continue;
      IdentityChange newSide = IdentityChange.builder(t).identity(n).timestampMillis(now).createdThisBatch(o == null).build();
      IdentityChange oldSide = IdentityChange.builder(t).identity(o).timestampMillis(now).createdThisBatch(false).build();
      capture(u, UserIdentityChange.builder(newSide, oldSide).build());
    }
  }

  private void reportIdentityFailure(IdentityCall call, Throwable err) {
    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
    LOG.warn("spoke: IDSync {} failed for workspace {}: {}", call, workspace.apiKey(), cause.getMessage());
  }

  /**
   * The host gets a future it cannot use to complete our internal one. It is tracked until done so
   * that close can fail it: an answer that arrived just before close may still be applied by an
   * IDSync thread (its profile events captured) when close returns, and the host's future must not
   * wait for that.
   */
  private <T> CompletableFuture<T> guard(IdentityCall call, CompletableFuture<T> f) {
    CompletableFuture<T> host = f.thenApply(x -> x);
    if (!host.isDone()) {
      hostIdentityFutures.put(host, call);
      host.whenComplete((r, e) -> hostIdentityFutures.remove(host));
      if (closing) failIdentityFuture(call, host);
    }
    return host;
  }

  private void failIdentityFuture(IdentityCall call, CompletableFuture<?> f) {
    f.completeExceptionally(new dev.spoke.user.IdentityException(call, "IDSync " + call + " for workspace key '"
        + workspace.apiKey() + "' was abandoned: the instance was closed before its answer was applied",
        0, List.of(), null));
  }

  // ------------------------------------------------------------------------------ credentials

  /**
   * Replaces the workspace's API secret (for example after a rotation). Uploads paused by a 401/403
   * resume at once with the new secret; IDSync uses it from its next request.
   *
   * @throws IllegalArgumentException if the secret is null or blank
   */
  public void updateSecret(String apiSecret) {
    Secret next = Secret.of(apiSecret);
    this.secret = next;
    dataPath.updateCredentials(workspace.apiKey(), () -> next.reveal().toCharArray());
  }

  // ------------------------------------------------------------------------------ kits

  /** Applies the workspace configuration's upload interval, session timeout and opt-out rule. */
  private void applyConfiguration(dev.spoke.internal.kit.KitConfiguration cfg) {
    Integer uitl = cfg.uploadIntervalSeconds();
    if (uitl != null && uitl > 0 && pipeline != null) pipeline.uploadIntervalMillis(uitl * 1000L);
    Integer stl = cfg.sessionTimeoutSeconds();
    if (stl != null && stl > 0) sessionTimeoutMillis = stl * 1000L;
    Boolean oo = cfg.keepCollectingAfterOptOut();
    keepCollectingAfterOptOut = oo != null && oo;
  }

  /** Module ids of the kits currently running (enabled by the workspace configuration and created). */
  public List<Integer> activeKits() {
    return kits instanceof KitBridge ? ((KitBridge) kits).activeKits() : List.of();
  }

  /** Fetches the kit configuration again now, instead of waiting for the periodic refresh (every 10 minutes). */
  public void refreshConfiguration() {
    if (kits instanceof KitBridge) ((KitBridge) kits).refresh();
  }

  // ------------------------------------------------------------------------------ opt-out

  /** Opts the user out of (or back into) tracking: logs an {@code opt_out} event, stops collection, tells kits, persists it. */
  public void setOptOut(boolean out) {
    try {
      if (out == optedOut) return;
      if (!pipeline.isClosed()) {
        capture(current, OptOut.builder(out).build());
      }
      optedOut = out;
      persistOptOut(out);
      pipeline.offerSignal(Record.signal(() -> kits.onOptOut(out)));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      LOG.warn("spoke: setOptOut failed", e);
    }
  }

  public boolean isOptedOut() {
    return optedOut;
  }

  private Path optOutFile() {
    return options.dataDirectory == null ? null : options.dataDirectory.resolve("opt-out-" + safe(workspace.apiKey()));
  }

  private boolean loadOptOut() {
    Path f = optOutFile();
    try {
      return f != null && Files.exists(f) && "true".equals(Files.readString(f, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      LOG.warn("spoke: could not read the opt-out state from {}: {}", f, e.toString());
      return false;
    }
  }

  private void persistOptOut(boolean out) {
    Path f = optOutFile();
    if (f == null) return;
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, Boolean.toString(out), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("spoke: could not persist the opt-out state to {}: {}", f, e.toString());
    }
  }

  static String safe(String key) {
    return key.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  // ------------------------------------------------------------------------------ headers

  /** The exact header for a batch being sealed: instance fragment + the user's current fragment (with pending deletions). */
  private byte[] header(UserContext u, long now) {
    int v = u.version();
    if (u.cachedVersionForWorker() == v && u.cachedFragmentForWorker() != null) {
      return u.cachedFragmentForWorker();
    }
    List<String> deleted = u.drainDeleted();
    byte[] user = headerSerializer.userFragment(snapshot(u, deleted));
    byte[] full = concat(instanceFragment, user);
    if (deleted.isEmpty()) u.cacheForWorker(v, full);
    return full;
  }

  /**
   * The user fragment as it stands, for a tracking thread journaling an event: cached per state
   * version on the user (built under a lock only when the user's state changed).
   */
  private byte[] journalFragment(UserContext u) {
    int v = u.version();
    byte[] f = u.callerFragment(v);
    if (f != null) return f;
    synchronized (callerHeaderSerializer) {
      f = callerHeaderSerializer.userFragment(snapshot(u, List.of()));
    }
    u.cacheCallerFragment(v, f);
    return f;
  }

  /** The user fragment as it stands, without pending deletions (for the journal). */
  private byte[] userFragment(UserContext u) {
    byte[] cached = u.cachedFragmentForWorker();
    if (cached != null && u.cachedVersionForWorker() == u.version()) {
      return cached.length == instanceFragment.length ? new byte[0]
          : java.util.Arrays.copyOfRange(cached, instanceFragment.length + 1, cached.length);
    }
    return headerSerializer.userFragment(snapshot(u, List.of()));
  }

  private static UserSnapshot snapshot(UserContext u, List<String> deleted) {
    return UserSnapshot.builder().mpid(u.mpid()).identities(u.identities())
        .attributes(u.attributesSnapshot()).deletedAttributes(deleted).consent(u.consent()).build();
  }

  private static byte[] concat(byte[] instance, byte[] user) {
    if (user.length == 0) return instance;
    byte[] full = new byte[instance.length + 1 + user.length];
    System.arraycopy(instance, 0, full, 0, instance.length);
    full[instance.length] = ',';
    System.arraycopy(user, 0, full, instance.length + 1, user.length);
    return full;
  }

  // ------------------------------------------------------------------------------ flush, close, metrics

  /**
   * Uploads everything accepted so far and waits until it is delivered or dropped, or the timeout passes.
   * Safe to call from any thread; never throws.
   */
  public FlushResult flush(Duration timeout) {
    long t0 = System.nanoTime();
    boolean done;
    try {
      done = pipeline.flush(timeout == null ? DEFAULT_CLOSE_TIMEOUT : timeout);
    } catch (RuntimeException e) {
      LOG.warn("spoke: flush failed; reporting it as incomplete", e);
      done = false;
    }
    return result(done, t0);
  }

  /** {@link #close(Duration)} with a 10 s timeout. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Flushes, then stops every Spoke thread of this instance. Idempotent: later calls return the first
   * result. Events still unsent at the timeout stay in the journal when one is configured; otherwise
   * they are counted as {@link DropReason#UNSENT_AT_CLOSE}. Tracking calls after close are counted as
   * {@link DropReason#CLOSED}.
   */
  public FlushResult close(Duration timeout) {
    synchronized (closeLock) {
      if (closeResult != null) return closeResult;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook is running or will find this instance closed
        }
      }
      long t0 = System.nanoTime();
      Duration total = timeout == null ? DEFAULT_CLOSE_TIMEOUT : timeout;
      long deadline = t0 + total.toNanos();
      pipeline.stopAccepting();
      // Events logged before the first kit configuration wait in the kits' buffer: give a configuration
      // still on its way a moment (a few seconds at most) so they reach the kits before those close.
      long kitWait = Math.min(Duration.ofSeconds(3).toNanos(), Math.max(0, deadline - System.nanoTime()) / 3);
      kits.awaitConfiguration(Duration.ofNanos(kitWait));
      boolean done = pipeline.flush(remaining(deadline));
      boolean allSent = dataPath.stop(deadline);
      kits.close(remaining(deadline));
      closing = true;
      idsync.close(); // no identity future outlives close: unanswered ones fail naming the reason
      hostIdentityFutures.forEach((f, call) -> failIdentityFuture(call, f)); // answers still being applied
      identityExecutor.shutdownNow();
      dataPath.closeJournal();
      closeResult = result(done && allSent, t0);
      signalLog.close(closeResult.pending(), dataPath.durable());
      return closeResult;
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  private FlushResult result(boolean complete, long t0) {
    return new FlushResult(complete, counters.delivered.sum(), counters.droppedSnapshot(), pipeline.pendingEvents(),
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /** A snapshot of this instance's counters. */
  public SpokeMetrics metrics() {
    return new SpokeMetrics(counters.accepted.sum(), counters.delivered.sum(), counters.droppedSnapshot(),
        counters.validationSnapshot(), counters.batchesSent.sum(), counters.bytesSent.sum(), counters.retries.sum(),
        counters.failuresSnapshot(), pipeline.queueDepth(), pipeline.pendingEvents(),
        dataPath.journalBytes(), pipeline.spilledBatches(), pipeline.spilledBytes(), kits.stats());
  }

  /**
   * Whether uploads are getting through right now (OK, failing and retrying, or paused on rejected
   * credentials), with the reason and since when: for health checks. Never blocks; never holds the secret.
   */
  public UploadStatus uploadStatus() {
    return uploadStatus.current();
  }

  public Workspace workspace() {
    return workspace;
  }

  @Override public String toString() {
    return "Spoke{" + workspace + '}';
  }

  // ------------------------------------------------------------------------------ wiring

  /** Upload health for {@link #uploadStatus()} and the request log; batch results never pass here. */
  private final class UploadHealth implements UploadListener {
    @Override public void delivered(int httpStatus, int batches) {
      uploadStatus.delivered();
    }

    @Override public void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {
      uploadStatus.failed(httpStatus, error != null ? String.valueOf(error.getMessage()) : "HTTP " + httpStatus);
    }

    @Override public void paused(int httpStatus, String message) {
      uploadStatus.paused(httpStatus, message);
    }

    @Override public void resumed() {
      uploadStatus.resumed();
    }

    @Override public void requestCompleted(int httpStatus, long bytes, int batches, long nanos, IOException error) {
      signalLog.request(httpStatus, bytes, batches, nanos, error != null ? error.toString() : null);
    }
  }

  /** Wraps the host's listener so that nothing it throws reaches a Spoke thread or a tracking call. */
  private static final class GuardedListener implements SpokeListener {
    private final SpokeListener d;

    GuardedListener(SpokeListener d) {
      this.d = d;
    }

    private static void warn(String m, Throwable t) {
      LOG.warn("SpokeListener.{} threw; ignored", m, t);
    }

    @Override public void onValidation(ValidationIssue i) { try { d.onValidation(i); } catch (Throwable t) { warn("onValidation", t); } }
    @Override public void onDrop(DropReason r, long n, String s) { try { d.onDrop(r, n, s); } catch (Throwable t) { warn("onDrop", t); } }
    @Override public void onDelivered(int b, int e, long by) { try { d.onDelivered(b, e, by); } catch (Throwable t) { warn("onDelivered", t); } }
    @Override public void onRetry(int s, String c, int a, long ms) { try { d.onRetry(s, c, a, ms); } catch (Throwable t) { warn("onRetry", t); } }
    @Override public void onUploadsPaused(int s, String m) { try { d.onUploadsPaused(s, m); } catch (Throwable t) { warn("onUploadsPaused", t); } }
    @Override public void onUploadsResumed() { try { d.onUploadsResumed(); } catch (Throwable t) { warn("onUploadsResumed", t); } }
    @Override public void onJournal(String m) { try { d.onJournal(m); } catch (Throwable t) { warn("onJournal", t); } }
    @Override public void onKit(int id, String n, String m) { try { d.onKit(id, n, m); } catch (Throwable t) { warn("onKit", t); } }
  }
}
