package dev.spoke.internal.upload;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Configuration of one {@link Uploader}. Immutable; {@link Builder#build()} fails fast with a
 * message naming the parameter, its value and the fix. The secret is held only as a supplier and is
 * never part of {@link #toString()} or any message. Not API.
 */
public final class UploaderConfig {
  final HttpUrl baseUrl;
  final String apiKey;
  final Supplier<char[]> apiSecret;
  final boolean gzip;
  final int maxInFlight;
  final int batchMaxBytes;
  final int requestMaxBytes;
  final int batchesPerRequest;
  final long maxBacklogBytes;
  final int maxResponseBodyBytes;
  final RetryPolicy retryPolicy;
  final OkHttpClient client;
  final Sleeper sleeper;
  final DoubleSupplier jitter;
  final Clock clock;
  final ThreadFactory threadFactory;

  private UploaderConfig(Builder b, HttpUrl url, boolean gzip) {
    this.baseUrl = url;
    this.apiKey = b.apiKey;
    this.apiSecret = b.apiSecret;
    this.gzip = gzip;
    this.maxInFlight = b.maxInFlight;
    this.batchMaxBytes = b.batchMaxBytes;
    this.requestMaxBytes = b.requestMaxBytes;
    this.batchesPerRequest = b.batchesPerRequest;
    this.maxBacklogBytes = b.maxBacklogBytes;
    this.maxResponseBodyBytes = b.maxResponseBodyBytes;
    this.retryPolicy = b.retryPolicy;
    this.client = b.client != null ? b.client : HttpClients.shared();
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.clock = b.clock;
    this.threadFactory = b.threadFactory;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Events API base, e.g. {@code https://s2s.us1.mparticle.com/v2}. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  public String apiKey() {
    return apiKey;
  }

  /** Whether request bodies are gzipped. */
  public boolean gzip() {
    return gzip;
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  public long maxBacklogBytes() {
    return maxBacklogBytes;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  @Override
  public String toString() {
    return "UploaderConfig{baseUrl="
        + baseUrl
        + ", apiKey="
        + apiKey
        + ", apiSecret=<hidden>"
        + ", gzip="
        + gzip
        + ", maxInFlight="
        + maxInFlight
        + ", batchMaxBytes="
        + batchMaxBytes
        + ", requestMaxBytes="
        + requestMaxBytes
        + ", batchesPerRequest="
        + batchesPerRequest
        + ", maxBacklogBytes="
        + maxBacklogBytes
        + ", "
        + retryPolicy
        + '}';
  }

  /**
   * Gzip by default only where we know it is accepted: loopback (the local platform). The
   * platform's public hosts do not document gzip for server-to-server, and proxies in between have
   * broken always-on gzip for peers, so it is opt-in elsewhere.
   */
  static boolean defaultGzip(HttpUrl url) {
    String host = url.host();
    if (host.equals("localhost")) {
      return true;
    }
    if (host.matches("[0-9.]+") || host.contains(":")) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress(); // literal: no DNS lookup
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** Builder with the platform's limits and sensible defaults. Not thread-safe. */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private Supplier<char[]> apiSecret;
    private Boolean gzip;
    private int maxInFlight = 2;
    private int batchMaxBytes = 128 * 1024;
    private int requestMaxBytes = 256 * 1024;
    private int batchesPerRequest = 100;
    private long maxBacklogBytes = 8L * 1024 * 1024;
    private int maxResponseBodyBytes = 64 * 1024;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private OkHttpClient client;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threadFactory;

    private Builder() {}

    /** Events API base URL ending in {@code /v2}, e.g. {@code http://127.0.0.1:8080/v2}. */
    public Builder baseUrl(String v) {
      this.baseUrl = v;
      return this;
    }

    public Builder apiKey(String v) {
      this.apiKey = v;
      return this;
    }

    /** The secret, read each time a request is signed (so it can be rotated). */
    public Builder apiSecret(Supplier<char[]> v) {
      this.apiSecret = v;
      return this;
    }

    public Builder apiSecret(String v) {
      Objects.requireNonNull(v, "apiSecret is null: pass the workspace's API secret");
      this.apiSecret = v::toCharArray;
      return this;
    }

    /** Gzip request bodies; default: on for loopback hosts only. */
    public Builder gzip(boolean v) {
      this.gzip = v;
      return this;
    }

    /** Concurrent requests (sender threads); default 2. */
    public Builder maxInFlight(int v) {
      this.maxInFlight = v;
      return this;
    }

    public Builder batchMaxBytes(int v) {
      this.batchMaxBytes = v;
      return this;
    }

    public Builder requestMaxBytes(int v) {
      this.requestMaxBytes = v;
      return this;
    }

    public Builder batchesPerRequest(int v) {
      this.batchesPerRequest = v;
      return this;
    }

    /** Bytes of batches submitted but not yet resolved before {@code submit} blocks. */
    public Builder maxBacklogBytes(long v) {
      this.maxBacklogBytes = v;
      return this;
    }

    /** Most bytes read from a response body (error messages). */
    public Builder maxResponseBodyBytes(int v) {
      this.maxResponseBodyBytes = v;
      return this;
    }

    public Builder retryPolicy(RetryPolicy v) {
      this.retryPolicy = v;
      return this;
    }

    /** The client to use as is (derive it with {@link HttpClients#derive}); default shared. */
    public Builder client(OkHttpClient v) {
      this.client = v;
      return this;
    }

    public Builder sleeper(Sleeper v) {
      this.sleeper = v;
      return this;
    }

    /** Jitter source, values in [0, 1). */
    public Builder jitter(DoubleSupplier v) {
      this.jitter = v;
      return this;
    }

    /** Clock for HTTP-date {@code Retry-After} values. */
    public Builder clock(Clock v) {
      this.clock = v;
      return this;
    }

    /** Makes sender threads; they are always renamed {@code spoke-upload-<n>} and daemon. */
    public Builder threadFactory(ThreadFactory v) {
      this.threadFactory = v;
      return this;
    }

    public UploaderConfig build() {
      if (baseUrl == null) {
        throw new IllegalArgumentException(
            "baseUrl is null: set the Events API base, e.g. https://s2s.us1.mparticle.com/v2");
      }
      String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      HttpUrl url = HttpUrl.parse(trimmed);
      if (url == null) {
        throw new IllegalArgumentException(
            "baseUrl is '"
                + baseUrl
                + "': not an http(s) URL; use e.g. https://s2s.us1.mparticle.com/v2");
      }
      if (apiKey == null || apiKey.isEmpty()) {
        throw new IllegalArgumentException(
            "apiKey is " + (apiKey == null ? "null" : "empty") + ": set the workspace's API key");
      }
      if (apiSecret == null) {
        throw new IllegalArgumentException("apiSecret is null: set the workspace's API secret");
      }
      if (maxInFlight < 1 || maxInFlight > 64) {
        throw new IllegalArgumentException(
            "maxInFlight is " + maxInFlight + ": must be within 1..64 (default 2)");
      }
      new RequestPacker(batchMaxBytes, requestMaxBytes, batchesPerRequest); // validates limits
      if (maxBacklogBytes < requestMaxBytes) {
        throw new IllegalArgumentException(
            "maxBacklogBytes is "
                + maxBacklogBytes
                + ": must be >= requestMaxBytes ("
                + requestMaxBytes
                + ")");
      }
      if (maxResponseBodyBytes < 0) {
        throw new IllegalArgumentException(
            "maxResponseBodyBytes is " + maxResponseBodyBytes + ": must be >= 0 (default 65536)");
      }
      Objects.requireNonNull(retryPolicy, "retryPolicy is null: use RetryPolicy.defaults()");
      Objects.requireNonNull(sleeper, "sleeper is null: use Sleeper.SYSTEM");
      Objects.requireNonNull(jitter, "jitter is null: use a random source in [0, 1)");
      Objects.requireNonNull(clock, "clock is null: use Clock.systemUTC()");
      boolean gz = gzip != null ? gzip : defaultGzip(url);
      return new UploaderConfig(this, url, gz);
    }
  }
}
