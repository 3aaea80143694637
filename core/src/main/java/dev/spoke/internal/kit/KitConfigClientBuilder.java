package dev.spoke.internal.kit;

import dev.spoke.Environment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds a {@link KitConfigClient}; {@link #build} fails fast on a wrong setting. */
public final class KitConfigClientBuilder {
  final String apiKey;
  HttpUrl base = HttpUrl.parse(KitConfigClient.DEFAULT_BASE);
  Environment environment = Environment.PRODUCTION;
  String appVersion;
  String sdkVersion;
  OkHttpClient http;
  Path cacheDir;
  Clock clock = Clock.systemUTC();
  ScheduledExecutorService scheduler;
  Duration refreshInterval = KitConfigClient.MIN_REFRESH_INTERVAL;
  long maxBodyBytes = 2L * 1024 * 1024;
  Supplier<String> secret;
  String planId;
  Integer planVersion;

  KitConfigClientBuilder(String apiKey) {
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
  public KitConfigClientBuilder configBase(String base) {
    HttpUrl u = base == null ? null : HttpUrl.parse(base);
    if (u == null) {
      throw new IllegalArgumentException(
          "configBase \""
              + base
              + "\" is not an http(s) URL; pass e.g. "
              + KitConfigClient.DEFAULT_BASE);
    }
    this.base = u;
    return this;
  }

  /**
   * @param environment sent as {@code x-mp-env}
   */
  public KitConfigClientBuilder environment(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /**
   * @param appVersion sent as {@code av}, or null
   */
  public KitConfigClientBuilder appVersion(String appVersion) {
    this.appVersion = appVersion;
    return this;
  }

  /**
   * @param sdkVersion sent as {@code sv}, or null
   */
  public KitConfigClientBuilder sdkVersion(String sdkVersion) {
    this.sdkVersion = sdkVersion;
    return this;
  }

  /**
   * @param secret supplies the workspace's API secret for {@code x-mp-signature} (read at each
   *     fetch, so a rotated secret is used at once); null (default) sends unsigned requests
   * @return this builder
   */
  public KitConfigClientBuilder secret(Supplier<String> secret) {
    this.secret = secret;
    return this;
  }

  /**
   * @param planId the data plan id, sent as {@code plan_id}, or null for none
   * @param planVersion the data plan version, sent as {@code plan_version}, or null for the latest
   * @return this builder
   * @throws IllegalArgumentException if the id is blank or the version is outside 1 to 1000 (the
   *     range the Android SDK sends)
   */
  public KitConfigClientBuilder dataPlan(String planId, Integer planVersion) {
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
  public KitConfigClientBuilder httpClient(OkHttpClient http) {
    this.http = http;
    return this;
  }

  /**
   * @param cacheDir where to cache the configuration, or null for no disk cache
   */
  public KitConfigClientBuilder cacheDir(Path cacheDir) {
    this.cacheDir = cacheDir;
    return this;
  }

  /**
   * @param clock the clock deciding when a refresh is due
   */
  public KitConfigClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * @param scheduler runs the fetches; null (default) for an owned {@code spoke-kit-config} thread
   */
  public KitConfigClientBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /**
   * @param interval how often to refresh; at least 10 minutes
   */
  public KitConfigClientBuilder refreshInterval(Duration interval) {
    if (interval == null || interval.compareTo(KitConfigClient.MIN_REFRESH_INTERVAL) < 0) {
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
  public KitConfigClientBuilder maxBodyBytes(long maxBodyBytes) {
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
      throw new IllegalArgumentException("httpClient is null; pass the OkHttpClient Spoke shares");
    }
    return new KitConfigClient(this);
  }
}
