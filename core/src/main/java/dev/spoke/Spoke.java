package dev.spoke;

import dev.spoke.event.Event;
import dev.spoke.internal.SignalLog;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.internal.capture.BatchHeaders;
import dev.spoke.internal.capture.Capture;
import dev.spoke.internal.capture.OptOutStore;
import dev.spoke.internal.capture.UserChanges;
import dev.spoke.internal.identity.IdSyncClient;
import dev.spoke.internal.identity.IdentityFlow;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.DataPath;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Pipeline;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.internal.user.UserRegistry;
import dev.spoke.internal.validate.HeaderValidator;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.internal.validate.Validator;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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
 * calling thread and hand the record to a bounded queue; they never block and, outside strict mode,
 * never throw. A worker thread batches and uploads; kits run on their own threads. Instances share
 * nothing mutable: two instances for two workspaces in one JVM are independent.
 */
public final class Spoke implements AutoCloseable {
  /** This library's version, sent as {@code sdk_version}. */
  public static final String SDK_VERSION = "0.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(Spoke.class);

  private final Workspace workspace;
  private final Clock clock;
  private final Counters counters = new Counters();
  private final UploadStatus.Tracker uploadStatus;
  private final SpokeListener listener;

  /** Logs what the listener hears (rate-limited) before passing it on to the host's listener. */
  private final SignalLog signalLog;

  private final Pipeline pipeline;
  private final DataPath dataPath;
  private final KitHub kits;
  private final EventSerializer serializerForWorker = new EventSerializer();

  /**
   * Whether tracking calls journal their events before returning (durable mode with
   * durableOnReturn).
   */
  private final boolean journalOnReturn;

  private final UserRegistry users;
  private final BatchHeaders headers;
  private final OptOutStore optOut;
  private final Capture capture;
  private final UserChanges userChanges;
  private final IdentityFlow identity;
  private volatile Secret secret;
  private final Lifecycle lifecycle;

  private Spoke(SpokeOptions o, KitHub kitHub, Sleeper sleeper) {
    this.workspace = o.workspace;
    this.clock = o.clock;
    this.uploadStatus = new UploadStatus.Tracker(o.clock);
    this.signalLog =
        new SignalLog(
            new GuardedListener(o.listener),
            LOG,
            o.clock,
            SignalLog.DEFAULT_INTERVAL,
            () -> secret.reveal(),
            o.workspace.apiKey());
    this.listener = signalLog;
    this.secret = o.workspace.secret();
    ServiceLimits limits = workspace.limits();
    Consumer<ValidationIssue> issues =
        issue -> {
          counters.validation(issue.rule());
          listener.onValidation(issue);
        };
    Validator validator = new Validator(limits, o.strictValidation, clock, issues::accept);
    IdentityValidator identityValidator =
        new IdentityValidator(limits, o.strictValidation, issues::accept);
    HeaderValidator headerValidator =
        new HeaderValidator(limits, o.strictValidation, issues::accept);
    this.headers =
        new BatchHeaders(
            new HeaderSerializer()
                .instanceFragment(
                    workspace.environment(),
                    headerValidator.device(o.deviceInfo),
                    headerValidator.application(o.applicationInfo),
                    SDK_VERSION,
                    o.dataPlanId,
                    o.dataPlanVersion,
                    null));
    this.users =
        new UserRegistry(
            clock,
            limits,
            o.strictValidation,
            o.sessionTimeout.toMillis(),
            identityValidator,
            issues);
    this.optOut = new OptOutStore(OptOutStore.fileFor(o.dataDirectory, workspace.apiKey()));

    OkHttpClient base = DataPathOptions.httpClient(o);
    String name =
        workspace.apiKey().length() > 12 ? workspace.apiKey().substring(0, 12) : workspace.apiKey();
    name = name + "-" + Integer.toHexString(System.identityHashCode(this));
    // Attribute changes reach kits on their own signal only when the kit runtime is ours.
    boolean kitRuntime = kitHub == null && o.kitsEnabled;
    this.kits =
        kitHub != null
            ? kitHub
            : o.kitsEnabled
                ? SpokeKits.create(
                    o, base, listener, this::applyConfiguration, () -> secret.reveal())
                : KitHub.NONE;

    this.dataPath =
        DataPathOptions.open(
            o,
            DataPathOptions.pipeline(o, name)
                .serializer(serializerForWorker)
                .headers(headers)
                .kits(this.kits)
                .counters(counters)
                .listener(listener)
                .clock(clock)
                .sessionSweeper(users::expireSessions),
            base,
            () -> secret.reveal().toCharArray(),
            sleeper,
            new UploadHealth(uploadStatus, signalLog));
    this.pipeline = dataPath.pipeline();
    this.journalOnReturn = dataPath.durable() && o.durableOnReturn;

    RetryPolicy retry =
        RetryPolicy.builder()
            .initialBackoff(o.retryInitialBackoff)
            .maxBackoff(o.retryMaxBackoff)
            .build();
    this.capture =
        new Capture(
            pipeline.intake(),
            validator,
            counters,
            listener,
            clock,
            kits,
            users,
            optOut,
            headers,
            journalOnReturn);
    this.userChanges =
        new UserChanges(
            capture,
            pipeline.intake(),
            kits,
            kitRuntime ? kits::onAttribute : null,
            headerValidator,
            clock);
    ExecutorService ex = IdentityFlow.executor(workspace.apiKey());
    IdSyncClient idsync =
        new IdSyncClient(
            base,
            o.identityBaseUri.toString(),
            workspace.apiKey(),
            () -> secret.reveal(),
            workspace.environment(),
            SDK_VERSION,
            clock,
            ex,
            retry,
            new Backoff(retry, ThreadLocalRandom.current()::nextDouble),
            sleeper != null ? sleeper : Sleeper.SYSTEM);
    this.identity =
        new IdentityFlow(
            idsync,
            ex,
            users,
            capture,
            pipeline.intake(),
            kits,
            clock,
            workspace.apiKey(),
            o.aliasBaseUri.toString());

    dataPath.start();
    this.kits.start();
    if (optOut.isOptedOut()) this.kits.onOptOut(true);
    this.lifecycle = new Lifecycle(pipeline, dataPath, kits, identity, signalLog, counters);
    if (o.closeOnShutdown != null) {
      lifecycle.closeOnShutdown(o.closeOnShutdown, this::close, workspace.apiKey());
    }
  }

  /** The shutdown hook of {@code closeOnShutdown}, or null; for tests. */
  Thread shutdownHook() {
    return lifecycle.shutdownHook();
  }

  /**
   * Creates and starts an instance. Fails fast (IllegalArgumentException / IllegalStateException)
   * on bad configuration.
   */
  public static Spoke create(SpokeOptions options) {
    Objects.requireNonNull(
        options, "options is null: build them with SpokeOptions.builder(workspace)");
    return new Spoke(options, null, null);
  }

  /** For tests in this package: an injected kit hub and sleeper. */
  static Spoke create(SpokeOptions options, KitHub kits, Sleeper sleeper) {
    return new Spoke(options, kits, sleeper);
  }

  // ------------------------------------------------------------------------------ users and
  // tracking

  /**
   * The current user of a client-style app (anonymous until {@link #identify} or {@link #login}).
   */
  public SpokeUser currentUser() {
    return new SpokeUser(this, users.current());
  }

  /**
   * A server-style handle for one user, named by their identities. Handles for equal identities
   * share state.
   */
  public SpokeUser user(UserIdentities identities) {
    UserIdentities ids = identities == null ? UserIdentities.empty() : users.clean(identities);
    return new SpokeUser(this, users.context(ids));
  }

  /** Shorthand for {@code user(UserIdentities.of(IdentityType.CUSTOMER_ID, customerId))}. */
  public SpokeUser user(String customerId) {
    return user(
        customerId == null
            ? UserIdentities.empty()
            : UserIdentities.of(IdentityType.CUSTOMER_ID, customerId));
  }

  /** Logs an event for the current user. */
  public void logEvent(Event event) {
    capture.track(users.current(), event);
  }

  void track(UserContext u, Event event) {
    capture.track(u, event);
  }

  void startSession(UserContext u) {
    capture.session(u, true);
  }

  void endSession(UserContext u) {
    capture.session(u, false);
  }

  void attributeOp(UserContext u, AttributeOp op, String name, Object value) {
    userChanges.attribute(u, op, name, value);
  }

  void consent(UserContext u, ConsentState state) {
    userChanges.consent(u, state);
  }

  /** The most journaled bytes the start-up replay held in memory at once (for tests). */
  long replayPeakHeldBytes() {
    return pipeline.replayPeakHeldBytes();
  }

  /** Users Spoke currently keeps state for (for tests and metrics). */
  int trackedUsers() {
    return users.size();
  }

  // ------------------------------------------------------------------------------ identity

  /**
   * IDSync identify for the current user with these identities; becomes the current user. Completes
   * on a Spoke thread.
   */
  public CompletableFuture<IdentityResult> identify(UserIdentities identities) {
    return identity.switchUser(IdentityCall.IDENTIFY, identities);
  }

  /**
   * IDSync login: the current user becomes the user of these identities. Completes on a Spoke
   * thread.
   */
  public CompletableFuture<IdentityResult> login(UserIdentities identities) {
    return identity.switchUser(IdentityCall.LOGIN, identities);
  }

  /** IDSync logout: the current user becomes anonymous. Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> logout() {
    return identity.switchUser(IdentityCall.LOGOUT, UserIdentities.empty());
  }

  /**
   * IDSync modify: changes the current user's identities (same MPID). Completes on a Spoke thread.
   */
  public CompletableFuture<IdentityResult> modify(UserIdentities newIdentities) {
    return identity.modify(newIdentities);
  }

  /**
   * IDSync alias: copies the source user's data collected in the request's window to the
   * destination user, as the platform's SDKs' {@code aliasUsers} does (docs/WIRE.md section 5). A
   * request that breaks the SDKs' rules (both MPIDs set and different, both times set, start not
   * after end) is not sent: the future fails with an {@link dev.spoke.user.IdentityException}
   * naming the problem. Never throws; completes on a Spoke thread; 429/5xx are retried as for the
   * other IDSync calls.
   *
   * @param request the alias request
   * @return completes (with null) once the platform accepted the request
   */
  public CompletableFuture<Void> aliasUsers(AliasRequest request) {
    return identity.alias(request);
  }

  CompletableFuture<IdentityResult> identifyUser(UserContext u) {
    return identity.identify(u);
  }

  // ------------------------------------------------------------------------------ credentials,
  // kits, opt-out

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

  /** Applies the workspace configuration's upload interval, session timeout and opt-out rule. */
  private void applyConfiguration(dev.spoke.internal.kit.KitConfiguration cfg) {
    Integer uitl = cfg.uploadIntervalSeconds();
    if (uitl != null && uitl > 0 && pipeline != null) pipeline.uploadIntervalMillis(uitl * 1000L);
    Integer stl = cfg.sessionTimeoutSeconds();
    if (stl != null && stl > 0) users.sessionTimeoutMillis(stl * 1000L);
    Boolean oo = cfg.keepCollectingAfterOptOut();
    optOut.keepCollectingAfterOptOut(oo != null && oo);
  }

  /**
   * Module ids of the kits currently running (enabled by the workspace configuration and created).
   */
  public List<Integer> activeKits() {
    return kits.activeKits();
  }

  /**
   * Fetches the kit configuration again now, instead of waiting for the periodic refresh (every 10
   * minutes).
   */
  public void refreshConfiguration() {
    kits.refreshConfiguration();
  }

  /**
   * Opts the user out of (or back into) tracking: logs an {@code opt_out} event, stops collection,
   * tells kits, persists it.
   */
  public void setOptOut(boolean out) {
    capture.optOut(out);
  }

  public boolean isOptedOut() {
    return optOut.isOptedOut();
  }

  // ------------------------------------------------------------------------------ flush, close,
  // metrics

  /**
   * Uploads everything accepted so far and waits until it is delivered or dropped, or the timeout
   * passes. Safe to call from any thread; never throws.
   */
  public FlushResult flush(Duration timeout) {
    return lifecycle.flush(timeout);
  }

  /** {@link #close(Duration)} with a 10 s timeout. */
  @Override
  public void close() {
    close(Lifecycle.DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Flushes, then stops every Spoke thread of this instance. Idempotent: later calls return the
   * first result. Events still unsent at the timeout stay in the journal when one is configured;
   * otherwise they are counted as {@link DropReason#UNSENT_AT_CLOSE}. Tracking calls after close
   * are counted as {@link DropReason#CLOSED}.
   */
  public FlushResult close(Duration timeout) {
    return lifecycle.close(timeout);
  }

  /** A snapshot of this instance's counters. */
  public SpokeMetrics metrics() {
    return new SpokeMetrics(
        counters.accepted.sum(),
        counters.delivered.sum(),
        counters.droppedSnapshot(),
        counters.validationSnapshot(),
        counters.batchesSent.sum(),
        counters.bytesSent.sum(),
        counters.retries.sum(),
        counters.failuresSnapshot(),
        pipeline.queueDepth(),
        pipeline.pendingEvents(),
        dataPath.journalBytes(),
        pipeline.spilledBatches(),
        pipeline.spilledBytes(),
        kits.counters());
  }

  /**
   * Whether uploads are getting through right now (OK, failing and retrying, or paused on rejected
   * credentials), with the reason and since when: for health checks. Never blocks; never holds the
   * secret.
   */
  public UploadStatus uploadStatus() {
    return uploadStatus.current();
  }

  public Workspace workspace() {
    return workspace;
  }

  @Override
  public String toString() {
    return "Spoke{" + workspace + '}';
  }
}
