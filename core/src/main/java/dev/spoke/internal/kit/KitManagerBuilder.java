package dev.spoke.internal.kit;

import dev.spoke.Environment;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReportListener;
import dev.spoke.kit.SideloadedKit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/** Builds a {@link KitManager}; {@link #build} fails fast on a wrong setting. */
public final class KitManagerBuilder {
  Environment environment = Environment.PRODUCTION;
  OkHttpClient http;
  Clock clock = Clock.systemUTC();
  boolean discover = true;
  ClassLoader classLoader = KitManager.class.getClassLoader();
  final List<KitFactory> factories = new ArrayList<>();
  KitConfigClient configClient;
  KitConfiguration fixedConfiguration;
  DataPlan dataPlan;
  int queueCapacity = KitManager.DEFAULT_CAPACITY;
  int replayCapacity = KitManager.DEFAULT_CAPACITY;
  ThreadFactory threadFactory = Thread::new;
  KitReportListener reportListener = r -> {};
  Consumer<KitConfiguration> configurationListener = c -> {};
  final List<SideloadedKit> sideloaded = new ArrayList<>();
  ForwardingStats forwardingStats;
  String sdkVersion = "0";

  KitManagerBuilder() {}

  /**
   * @param kit a kit the host registers with its own settings and filters, enabled whatever the
   *     workspace's configuration says (its factory is registered as with {@link #kit})
   */
  public KitManagerBuilder sideloadedKit(SideloadedKit kit) {
    Objects.requireNonNull(kit, "kit");
    for (SideloadedKit s : sideloaded) {
      if (s.moduleId() == kit.moduleId()) {
        throw new IllegalArgumentException(
            "sideloaded kit id "
                + kit.moduleId()
                + " is registered twice; give each sideloaded kit its own id");
      }
    }
    sideloaded.add(kit);
    factories.add(kit.factory());
    return this;
  }

  /**
   * @param stats where forwarding statistics go (the manager starts and closes it), or null for
   *     none
   */
  public KitManagerBuilder forwardingStats(ForwardingStats stats) {
    this.forwardingStats = stats;
    return this;
  }

  /**
   * @param version the SDK version forwarding statistics carry ({@code sdk})
   */
  public KitManagerBuilder sdkVersion(String version) {
    this.sdkVersion = Objects.requireNonNull(version, "version");
    return this;
  }

  /**
   * @param environment given to kits through their context
   */
  public KitManagerBuilder environment(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /**
   * @param http the shared HTTP client kits use (required)
   */
  public KitManagerBuilder httpClient(OkHttpClient http) {
    this.http = http;
    return this;
  }

  /**
   * @param clock the clock kits and reports use
   */
  public KitManagerBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * @param classLoader where to discover {@code META-INF/services/dev.spoke.kit.KitFactory}
   *     (default: the loader of Spoke's classes)
   */
  public KitManagerBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * @param discover false to use only factories registered with {@link #kit}
   */
  public KitManagerBuilder discoverKits(boolean discover) {
    this.discover = discover;
    return this;
  }

  /**
   * @param factory a factory given in code; wins over a discovered one with the same id
   */
  public KitManagerBuilder kit(KitFactory factory) {
    factories.add(Objects.requireNonNull(factory, "factory"));
    return this;
  }

  /**
   * @param client fetches the configuration; the manager starts and closes it
   */
  public KitManagerBuilder configClient(KitConfigClient client) {
    this.configClient = client;
    return this;
  }

  /**
   * @param configuration a fixed configuration instead of a config client (tests, pinned setups)
   */
  public KitManagerBuilder configuration(KitConfiguration configuration) {
    this.fixedConfiguration = configuration;
    return this;
  }

  /**
   * @param plan the host's data plan for kits; it replaces the configuration's {@code dpr} (as a
   *     plan passed to the Web or Android SDK's options does). Without one, the configuration's
   *     applies.
   */
  public KitManagerBuilder dataPlan(DataPlan plan) {
    this.dataPlan = Objects.requireNonNull(plan, "plan");
    return this;
  }

  /**
   * @param capacity the bound of each kit's queue (default 10,000)
   */
  public KitManagerBuilder queueCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "queueCapacity " + capacity + " must be at least 1; default 10000");
    }
    this.queueCapacity = capacity;
    return this;
  }

  /**
   * @param capacity how many calls to buffer before the configuration arrives (default 10,000)
   */
  public KitManagerBuilder replayCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException(
          "replayCapacity " + capacity + " must not be negative; default 10000");
    }
    this.replayCapacity = capacity;
    return this;
  }

  /**
   * @param factory makes the kits' threads (the manager names them and makes them daemon)
   */
  public KitManagerBuilder threadFactory(ThreadFactory factory) {
    this.threadFactory = Objects.requireNonNull(factory, "threadFactory");
    return this;
  }

  /**
   * @param listener receives kit reports (quick, non-blocking)
   */
  public KitManagerBuilder reportListener(KitReportListener listener) {
    this.reportListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * @param listener receives every configuration applied, e.g. to apply {@code stl}, {@code uitl},
   *     {@code oo}
   */
  public KitManagerBuilder configurationListener(Consumer<KitConfiguration> listener) {
    this.configurationListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * @return the manager (not started)
   */
  public KitManager build() {
    if (http == null) {
      throw new IllegalArgumentException(
          "httpClient is null; pass the OkHttpClient Spoke shares with kits");
    }
    if ((configClient == null) == (fixedConfiguration == null)) {
      throw new IllegalArgumentException(
          "pass exactly one of configClient(...) and configuration(...); got "
              + (configClient == null ? "neither" : "both"));
    }
    return new KitManager(this);
  }
}
