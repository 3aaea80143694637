package dev.spoke;

import dev.spoke.internal.SignalLog;
import dev.spoke.internal.capture.BatchHeaders;
import dev.spoke.internal.capture.Capture;
import dev.spoke.internal.capture.OptOutStore;
import dev.spoke.internal.capture.UserChanges;
import dev.spoke.internal.identity.IdSyncClient;
import dev.spoke.internal.identity.IdentityFlow;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.kit.KitConfiguration;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.DataPath;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Pipeline;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.internal.user.UserRegistry;
import dev.spoke.internal.validate.HeaderValidator;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.internal.validate.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one {@link Spoke} instance, built and started once from its {@link SpokeOptions},
 * and the few things that span several parts: the current API secret, the workspace configuration
 * the kit runtime fetches, and the metrics snapshot. {@code Spoke} only delegates to these parts.
 */
final class SpokeWiring {
  /** Logged under the entry point's name, where hosts configure Spoke's logging. */
  private static final Logger LOG = LoggerFactory.getLogger(Spoke.class);

  final Workspace workspace;
  final Counters counters = new Counters();
  final UploadStatus.Tracker uploadStatus;

  /** Logs what the listener hears (rate-limited) before passing it on to the host's listener. */
  final SignalLog signalLog;

  final Pipeline pipeline;
  final DataPath dataPath;
  final KitHub kits;
  final UserRegistry users;
  final OptOutStore optOut;
  final Capture capture;
  final UserChanges userChanges;
  final IdentityFlow identity;
  final Lifecycle lifecycle;
  private volatile Secret secret;

  /**
   * Builds and starts every part.
   *
   * @param kitHub a kit hub to use instead of the kit runtime the options describe (tests), or null
   * @param sleeper the retry sleeper (tests), or null for the system's
   * @param close the instance's {@code close(Duration)}, run by the {@code closeOnShutdown} hook
   */
  SpokeWiring(
      SpokeOptions o, KitHub kitHub, Sleeper sleeper, Function<Duration, FlushResult> close) {
    this.workspace = o.workspace;
    Clock clock = o.clock;
    this.uploadStatus = new UploadStatus.Tracker(clock);
    this.secret = workspace.secret();
    this.signalLog =
        new SignalLog(
            new GuardedListener(o.listener),
            LOG,
            clock,
            SignalLog.DEFAULT_INTERVAL,
            () -> secret.reveal(),
            workspace.apiKey());
    SpokeListener listener = signalLog;
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
    BatchHeaders headers =
        new BatchHeaders(
            new HeaderSerializer()
                .instanceFragment(
                    workspace.environment(),
                    headerValidator.device(o.deviceInfo),
                    headerValidator.application(o.applicationInfo),
                    Spoke.SDK_VERSION,
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
    String key = workspace.apiKey();
    String name =
        (key.length() > 12 ? key.substring(0, 12) : key)
            + "-"
            + Integer.toHexString(System.identityHashCode(this));
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
                .serializer(new EventSerializer())
                .headers(headers)
                .kits(kits)
                .counters(counters)
                .listener(listener)
                .clock(clock)
                .sessionSweeper(users::expireSessions),
            base,
            () -> secret.reveal().toCharArray(),
            sleeper,
            new UploadHealth(uploadStatus, signalLog));
    this.pipeline = dataPath.pipeline();
    // Whether tracking calls journal their events before returning (durable mode with
    // durableOnReturn).
    boolean journalOnReturn = dataPath.durable() && o.durableOnReturn;

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
    this.identity = identityFlow(o, base, sleeper);

    dataPath.start();
    kits.start();
    if (optOut.isOptedOut()) kits.onOptOut(true);
    this.lifecycle = new Lifecycle(pipeline, dataPath, kits, identity, signalLog, counters);
    if (o.closeOnShutdown != null) {
      lifecycle.closeOnShutdown(o.closeOnShutdown, close, workspace.apiKey());
    }
  }

  /** The IDSync client on its own executor, and the identity flow over it. */
  private IdentityFlow identityFlow(SpokeOptions o, OkHttpClient base, Sleeper sleeper) {
    RetryPolicy retry =
        RetryPolicy.builder()
            .initialBackoff(o.retryInitialBackoff)
            .maxBackoff(o.retryMaxBackoff)
            .build();
    ExecutorService ex = IdentityFlow.executor(workspace.apiKey());
    IdSyncClient idsync =
        new IdSyncClient(
            base,
            o.identityBaseUri.toString(),
            workspace.apiKey(),
            () -> secret.reveal(),
            workspace.environment(),
            Spoke.SDK_VERSION,
            o.clock,
            ex,
            retry,
            new Backoff(retry, ThreadLocalRandom.current()::nextDouble),
            sleeper != null ? sleeper : Sleeper.SYSTEM);
    return new IdentityFlow(
        idsync,
        ex,
        users,
        capture,
        pipeline.intake(),
        kits,
        o.clock,
        workspace.apiKey(),
        o.aliasBaseUri.toString());
  }

  /** See {@link Spoke#updateSecret(String)}. */
  void updateSecret(String apiSecret) {
    Secret next = Secret.of(apiSecret);
    this.secret = next;
    dataPath.updateCredentials(workspace.apiKey(), () -> next.reveal().toCharArray());
  }

  /** Applies the workspace configuration's upload interval, session timeout and opt-out rule. */
  private void applyConfiguration(KitConfiguration cfg) {
    Integer uitl = cfg.uploadIntervalSeconds();
    // The first configuration may arrive before the data path exists.
    Pipeline p = pipeline;
    if (uitl != null && uitl > 0 && p != null) p.uploadIntervalMillis(uitl * 1000L);
    Integer stl = cfg.sessionTimeoutSeconds();
    if (stl != null && stl > 0) users.sessionTimeoutMillis(stl * 1000L);
    Boolean oo = cfg.keepCollectingAfterOptOut();
    optOut.keepCollectingAfterOptOut(oo != null && oo);
  }

  /** See {@link Spoke#metrics()}. */
  SpokeMetrics metrics() {
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
}
