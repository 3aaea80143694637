package dev.spoke;

import dev.spoke.event.Event;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.internal.kit.KitConfigClient;
import dev.spoke.internal.kit.KitConfiguration;
import dev.spoke.internal.kit.KitManager;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Connects the entry point to the kit machinery: users become {@link KitUser}s, reports reach the
 * listener.
 */
final class KitBridge implements KitHub {

  private final KitManager manager;

  /** Until a configuration arrives, kits may still come: keep events (the manager buffers them). */
  private volatile boolean wantsEvents = true;

  private final java.util.concurrent.CountDownLatch configured =
      new java.util.concurrent.CountDownLatch(1);

  KitBridge(
      SpokeOptions o,
      OkHttpClient http,
      SpokeListener listener,
      Consumer<KitConfiguration> onConfiguration,
      java.util.function.Supplier<String> secret) {
    Workspace ws = o.workspace;
    KitConfigClient config =
        KitConfigClient.builder(ws.apiKey())
            .configBase(o.configBaseUri.toString())
            .environment(ws.environment())
            .appVersion(o.applicationInfo != null ? o.applicationInfo.applicationVersion() : null)
            .sdkVersion(Spoke.SDK_VERSION)
            .httpClient(http)
            .secret(secret)
            .cacheDir(o.dataDirectory)
            .clock(o.clock)
            .dataPlan(o.dataPlanId, o.dataPlanVersion)
            .build();
    KitManager.Builder b =
        KitManager.builder()
            .httpClient(http)
            .configClient(config)
            .environment(ws.environment())
            .clock(o.clock)
            .discoverKits(o.kitDiscovery)
            .replayCapacity(o.kitBufferCapacity)
            .reportListener(
                r -> {
                  if (r.kind() == KitReport.Kind.CONFIG_FETCH_FAILED
                      || r.kind() == KitReport.Kind.CONFIG_INVALID) {
                    configured
                        .countDown(); // the first attempt is over: nothing to wait for at close
                  }
                  report(listener, r);
                })
            .configurationListener(
                cfg -> {
                  wantsEvents = !cfg.kits().isEmpty();
                  configured.countDown();
                  onConfiguration.accept(cfg);
                });
    for (dev.spoke.kit.KitFactory f : o.kits) b.kit(f);
    for (dev.spoke.kit.SideloadedKit s : o.sideloadedKits) b.sideloadedKit(s);
    b.sdkVersion(Spoke.SDK_VERSION);
    if (o.forwardingStats) {
      b.forwardingStats(
          new dev.spoke.internal.kit.ForwardingStats(
              http,
              o.forwardingStatsBaseUri.toString(),
              ws.apiKey(),
              10_000,
              dev.spoke.internal.kit.ForwardingStats.DEFAULT_INTERVAL_MS,
              Thread::new,
              o.clock));
    }
    if (o.dataPlan != null) {
      b.dataPlan(o.dataPlan.plan());
    }
    this.manager = b.build();
  }

  /**
   * The kit manager already logs each report at its level; here it only reaches the host's
   * listener.
   */
  private static void report(SpokeListener listener, KitReport r) {
    listener.onKit(r.moduleId(), r.kitName(), r.kind() + ": " + r.message());
  }

  static KitUser kitUser(UserContext u) {
    if (u == null) return null;
    return new KitUser(u.mpid(), u.identities(), u.attributesSnapshot(), u.consent(), u.loggedIn());
  }

  private static KitUser kitUser(Record r) {
    UserContext u = r.user();
    if (u == null) return null;
    ConsentState consent = r.consent() != null ? r.consent() : u.consent();
    return new KitUser(u.mpid(), u.identities(), u.attributesSnapshot(), consent, u.loggedIn());
  }

  @Override
  public void start() {
    manager.start();
  }

  @Override
  public boolean awaitConfiguration(Duration timeout) {
    try {
      return configured.await(
          Math.max(0, timeout.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean wantsEvents() {
    return wantsEvents;
  }

  @Override
  public void onEvent(Record record) {
    Event event = record.event();
    switch (event.type()) {
      case CUSTOM_EVENT:
      case SCREEN_VIEW:
      case COMMERCE_EVENT:
      case SESSION_START:
      case SESSION_END:
        manager.onEvent(event, kitUser(record));
        break;
      default:
        // Attribute, identity, consent and opt-out changes reach kits through their own calls.
    }
  }

  void onAttribute(UserContext u, AttributeOp op, String key, Object newValue, Number delta) {
    KitUser user = kitUser(u);
    switch (op) {
      case SET:
        manager.onUserAttributeSet(user, key, String.valueOf(newValue));
        break;
      case LIST:
        {
          @SuppressWarnings("unchecked")
          List<String> values = newValue instanceof List ? (List<String>) newValue : List.of();
          manager.onUserAttributeListSet(user, key, values);
          break;
        }
      case INCREMENT:
        manager.onUserAttributeIncremented(user, key, delta, String.valueOf(newValue));
        break;
      case REMOVE:
        manager.onUserAttributeRemoved(user, key);
        break;
      case TAG:
        manager.onUserTagSet(user, key);
        break;
      default:
    }
  }

  @Override
  public void onIdentity(UserContext user, IdentityCall call) {
    manager.onIdentity(call, kitUser(user));
  }

  @Override
  public void onConsent(UserContext user, ConsentState before, ConsentState after) {
    manager.onConsentChanged(before, after, kitUser(user));
  }

  @Override
  public void onOptOut(boolean optedOut) {
    manager.onOptOut(optedOut);
  }

  @Override
  public Map<String, Map<String, Long>> stats() {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (KitStats s : manager.stats().values()) {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("moduleId", (long) s.moduleId());
      m.put("received", s.received());
      m.put("delivered", s.delivered());
      m.put("forwarded", s.forwarded());
      m.put("filtered", s.filteredTotal());
      m.put("dropped", s.dropped());
      m.put("failed", s.failed());
      s.filtered().forEach((rule, n) -> m.put("filtered." + rule, n));
      s.dataPlanBlocked().forEach((kind, n) -> m.put("dataPlanBlocked." + kind, n));
      out.put(s.name(), m);
    }
    long early = manager.replayDropped();
    if (early > 0) {
      // Events that overflowed the buffer kept for kits until the first configuration arrived.
      out.put("(before the kit configuration)", Map.of("dropped", early));
    }
    dev.spoke.internal.kit.ForwardingStats fs = manager.forwardingStats();
    if (fs != null && fs.sent() + fs.pending() + fs.dropped() + fs.rejected() > 0) {
      // Records of what kits forwarded, reported to the platform; drops and rejections are counted,
      // not silent.
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("sent", fs.sent());
      m.put("pending", (long) fs.pending());
      m.put("dropped", fs.dropped());
      m.put("rejected", fs.rejected());
      out.put("(forwarding statistics)", m);
    }
    return out;
  }

  /** Module ids of the kits currently created. */
  List<Integer> activeKits() {
    return manager.activeKits();
  }

  /** Fetches the configuration again now (normally at most every 10 minutes). */
  void refresh() {
    manager.refreshConfiguration();
  }

  @Override
  public void close(Duration timeout) {
    // A kit that does not close in time is reported by the manager (KIT_CLOSE_TIMED_OUT).
    manager.close(timeout);
  }
}
