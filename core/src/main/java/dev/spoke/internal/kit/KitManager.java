package dev.spoke.internal.kit;

import dev.spoke.event.Event;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitReportListener;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.SideloadedKit;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. The kit runtime: the {@link KitHub} the pipeline and the entry point know kits by. Which
 * kits run is {@link KitRegistry}'s; each call's per-kit filtering, counting and queueing is {@link
 * KitDispatcher}'s; calls before the first configuration wait in a {@link ReplayBuffer}.
 *
 * <p>Threading: every {@code on...} method may be called from any thread, never blocks on I/O or on
 * a kit, and never throws. Calls are delivered to each kit in the order they were made by one
 * thread (calls made concurrently by several threads are ordered as they reach the manager).
 * Filtering happens on the calling thread (cheap: hashes and copies) once the kit exists, on the
 * kit's thread for a kit still being created; the kit call itself runs on the kit's {@code
 * spoke-kit-<name>} thread, behind a bounded queue (full = dropped and counted). Until the first
 * configuration is applied, calls are buffered (bounded, drops counted) and replayed in order once
 * the enabled kits are set up.
 *
 * <p>Configuration changes (from the {@link KitConfigClient} thread, or {@link
 * #applyConfiguration}): kits still enabled get {@code onSettingsUpdated} when their settings
 * changed, and new filters at once; newly enabled kits are created ({@code create} runs on the
 * kit's own thread, so a slow factory delays only its kit); disabled kits are closed. A kit whose
 * {@code create} threw stays excluded until its id is disabled and enabled again.
 */
public final class KitManager implements KitHub, AutoCloseable {
  /** Default bound of each kit's queue and of the replay buffer. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);

  private final KitLoader loader;
  private final KitConfigClient configClient;
  private final KitConfiguration fixedConfiguration;

  private final KitRegistry registry;
  private final KitReportListener reportListener;
  private final Consumer<KitConfiguration> configurationListener;
  private final ForwardingStats forwardingStats;

  private final ReplayBuffer buffer;

  /** Until a configuration arrives, kits may still come: keep events (the buffer holds them). */
  private volatile boolean wantsEvents = true;

  /** Open once the first configuration was applied or its first fetch is over. */
  private final CountDownLatch configured = new CountDownLatch(1);

  private final KitCalls calls;

  KitManager(KitManagerBuilder b) {
    this.configClient = b.configClient;
    this.fixedConfiguration = b.fixedConfiguration;
    this.reportListener = b.reportListener;
    this.configurationListener = b.configurationListener;
    this.forwardingStats = b.forwardingStats;
    this.buffer = new ReplayBuffer(b.replayCapacity, b.clock, this::report);
    this.loader = KitLoader.discover(b.discover ? b.classLoader : null, b.factories, this::report);
    this.registry =
        new KitRegistry(
            loader,
            new SideloadedKits(b.sideloaded),
            // The host's data plan; when set it wins over the configuration's dpr, as in both SDKs.
            b.dataPlan,
            b.queueCapacity,
            b.threadFactory,
            b.clock,
            this::report,
            k ->
                new RuntimeKitContext(
                    k,
                    b.clock,
                    b.http,
                    b.environment,
                    b.forwardingStats,
                    b.sdkVersion,
                    this::lastUser));
    this.calls =
        new KitCalls(
            registry, new KitDispatcher(this::report, registry::disable, b.queueCapacity), buffer);
  }

  /**
   * @return a builder
   */
  public static KitManagerBuilder builder() {
    return new KitManagerBuilder();
  }

  /** Starts fetching the configuration (or applies the fixed one). Never blocks on I/O. */
  @Override
  public void start() {
    if (forwardingStats != null) {
      forwardingStats.start();
    }
    if (configClient != null) {
      // Sideloaded kits are the host's own: the workspace never configures them, so they are not
      // advertised.
      List<Integer> bundled = new ArrayList<>(loader.moduleIds());
      bundled.removeIf(id -> id >= SideloadedKit.MIN_MODULE_ID);
      configClient.start(bundled, this::applyConfiguration, this::report);
    } else {
      applyConfiguration(fixedConfiguration);
    }
  }

  /**
   * Fetches the configuration now, regardless of the refresh interval (no-op with a fixed
   * configuration).
   */
  @Override
  public void refreshConfiguration() {
    if (configClient != null) {
      configClient.refreshNow();
    }
  }

  /**
   * @return the module ids of the kits available on the classpath or registered (sent as {@code
   *     x-mp-kits})
   */
  public List<Integer> availableKits() {
    return loader.moduleIds();
  }

  /**
   * @return the configuration in force, or null before the first one
   */
  public KitConfiguration current() {
    return registry.current();
  }

  /**
   * @return the module ids of the kits running now, in configuration order
   */
  @Override
  public List<Integer> activeKits() {
    return registry.activeIds();
  }

  /**
   * @return a snapshot of every kit's counters, by module id (kits seen since start, running or
   *     not)
   */
  public Map<Integer, KitStats> stats() {
    Map<Integer, KitStats> out = new TreeMap<>();
    registry.counters().forEach((id, c) -> out.put(id, c.snapshot()));
    return out;
  }

  /**
   * @return calls dropped because the replay buffer was full before the configuration arrived
   */
  public long replayDropped() {
    return buffer.dropped();
  }

  // ---- calls from the pipeline / entry point
  // ------------------------------------------------------------

  /**
   * A validated event for the kits: custom events, screen views, commerce events and session
   * start/end are delivered to the kits listening for them; other event types are ignored.
   *
   * @param event the event (after validation)
   * @param user the full (unfiltered) user the event belongs to, or null if none is known
   */
  public void onEvent(Event event, KitUser user) {
    if (KitCalls.forKits(event)) {
      calls.event(event, user);
    }
  }

  private KitUser lastUser() {
    return calls == null ? null : calls.lastUser();
  }

  // ---- the kit hub (what the pipeline and the entry point see)
  // ------------------------------------------

  @Override
  public void onEvent(Record record) {
    if (KitCalls.forKits(record.event())) {
      calls.event(record.event(), HubViews.kitUser(record));
    }
  }

  @Override
  public boolean wantsEvents() {
    return wantsEvents;
  }

  @Override
  public boolean awaitConfiguration(Duration timeout) {
    try {
      return configured.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void onAttribute(
      UserContext u, AttributeOp op, String key, Object newValue, Number delta) {
    calls.attribute(HubViews.kitUser(u), op, key, newValue, delta);
  }

  @Override
  public void onIdentity(UserContext user, IdentityCall call) {
    onIdentity(call, HubViews.kitUser(user));
  }

  @Override
  public void onConsent(UserContext user, ConsentState before, ConsentState after) {
    onConsentChanged(before, after, HubViews.kitUser(user));
  }

  @Override
  public Map<String, Map<String, Long>> counters() {
    return HubViews.counters(stats(), replayDropped(), forwardingStats);
  }

  /** A user attribute was set to a string. */
  public void onUserAttributeSet(KitUser user, String key, String value) {
    calls.userAttributeSet(user, key, value);
  }

  /** A user attribute was set to a list. */
  public void onUserAttributeListSet(KitUser user, String key, List<String> values) {
    calls.userAttributeListSet(user, key, values);
  }

  /** A user attribute was incremented. */
  public void onUserAttributeIncremented(KitUser user, String key, Number delta, String newValue) {
    calls.userAttributeIncremented(user, key, delta, newValue);
  }

  /** A user attribute was removed. */
  public void onUserAttributeRemoved(KitUser user, String key) {
    calls.userAttributeRemoved(user, key);
  }

  /** A user tag (attribute without value) was set. */
  public void onUserTagSet(KitUser user, String key) {
    calls.userTagSet(user, key);
  }

  /**
   * An IDSync call completed.
   *
   * @param call which call (IDENTIFY, LOGIN, LOGOUT or MODIFY; ALIAS reaches no kit)
   * @param user the resulting user
   */
  public void onIdentity(IdentityCall call, KitUser user) {
    calls.identity(call, user);
  }

  /**
   * The user's consent state changed; kits are told if their {@code crvf} rules admit the user
   * under the new state.
   *
   * @param oldState the previous state
   * @param newState the new state
   * @param user the user, already carrying {@code newState}
   */
  public void onConsentChanged(ConsentState oldState, ConsentState newState, KitUser user) {
    calls.consentChanged(oldState, newState, user);
  }

  /**
   * The user opted out (true) or back in (false). Every kit listening is told; afterwards kits
   * whose {@code honorOptOut} setting is true (the default) receive nothing until the user opts
   * back in.
   */
  @Override
  public void onOptOut(boolean optedOut) {
    calls.optOut(optedOut);
  }

  // ---- configuration
  // ------------------------------------------------------------------------------------

  /**
   * Applies a configuration: creates, updates and closes kits, then (the first time) replays the
   * calls buffered so far. Called by the configuration client on its thread; callable directly
   * (tests, fixed configurations). Never throws.
   *
   * @param config the configuration
   */
  public void applyConfiguration(KitConfiguration config) {
    if (registry.isClosed() || config == null) {
      return;
    }
    try {
      config = registry.withSideloaded(config);
    } catch (RuntimeException e) {
      LOG.warn("adding the sideloaded kits to the kit configuration failed", e);
    }
    try {
      registry.apply(config, buffer::replayOnce);
    } catch (RuntimeException e) {
      LOG.warn("applying the kit configuration failed", e);
    }
    wantsEvents = !config.kits().isEmpty();
    configured.countDown();
    try {
      configurationListener.accept(config);
    } catch (RuntimeException e) {
      LOG.warn("kit configuration listener failed", e);
    }
  }

  private void report(KitReport r) {
    KitReportLog.log(r);
    if (r.kind() == KitReport.Kind.CONFIG_FETCH_FAILED
        || r.kind() == KitReport.Kind.CONFIG_INVALID) {
      configured.countDown(); // the first attempt is over: nothing to wait for at close
    }
    try {
      reportListener.onReport(r);
    } catch (RuntimeException e) {
      LOG.warn("kit report listener failed", e);
    }
  }

  /**
   * Closes every kit (queued calls run first, then {@code Kit.close}) and stops fetching the
   * configuration. Idempotent. Waits at most {@code timeout} in total; a kit that has not closed by
   * then is abandoned (its daemon thread interrupted) and reported.
   *
   * @param timeout the longest wait
   * @return true if every kit closed in time
   */
  @Override
  public boolean close(Duration timeout) {
    Collection<ActiveKit> toClose = registry.closeAll();
    if (toClose == null) {
      return true;
    }
    if (configClient != null) {
      configClient.close();
    }
    for (ActiveKit k : toClose) {
      registry.closeKit(k);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (ActiveKit k : toClose) {
      if (!k.awaitClosed(deadline)) {
        all = false;
        report(
            new KitReport(
                KitReport.Kind.KIT_CLOSE_TIMED_OUT,
                k.moduleId,
                k.name,
                "kit " + k.name + " did not close within " + timeout + "; its thread was abandoned",
                null));
      }
    }
    if (forwardingStats != null) {
      // After the kits: what they forwarded while draining their queues is reported too.
      forwardingStats.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return all;
  }

  /** Closes with a 5-second bound. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /**
   * @return the forwarding statistics reporter, or null when off
   */
  public ForwardingStats forwardingStats() {
    return forwardingStats;
  }
}
