package dev.spoke;

import dev.spoke.internal.kit.ForwardingStats;
import dev.spoke.internal.kit.KitConfigClient;
import dev.spoke.internal.kit.KitConfiguration;
import dev.spoke.internal.kit.KitManager;
import dev.spoke.internal.kit.KitManagerBuilder;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.SideloadedKit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Builds the kit runtime from the options; the entry point then knows it only as a {@link KitHub}.
 */
final class SpokeKits {
  private SpokeKits() {}

  static KitHub create(
      SpokeOptions o,
      OkHttpClient http,
      SpokeListener listener,
      Consumer<KitConfiguration> onConfiguration,
      Supplier<String> secret) {
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
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(http)
            .configClient(config)
            .environment(ws.environment())
            .clock(o.clock)
            .discoverKits(o.kitDiscovery)
            .replayCapacity(o.kitBufferCapacity)
            // The kit manager already logs each report at its level; here it reaches the host.
            .reportListener(r -> report(listener, r))
            .configurationListener(onConfiguration);
    for (KitFactory f : o.kits) b.kit(f);
    for (SideloadedKit s : o.sideloadedKits) b.sideloadedKit(s);
    b.sdkVersion(Spoke.SDK_VERSION);
    if (o.forwardingStats) {
      b.forwardingStats(
          new ForwardingStats(
              http,
              o.forwardingStatsBaseUri.toString(),
              ws.apiKey(),
              10_000,
              ForwardingStats.DEFAULT_INTERVAL_MS,
              Thread::new,
              o.clock));
    }
    if (o.dataPlan != null) {
      b.dataPlan(o.dataPlan.plan());
    }
    return b.build();
  }

  private static void report(SpokeListener listener, KitReport r) {
    listener.onKit(r.moduleId(), r.kitName(), r.kind() + ": " + r.message());
  }
}
