package dev.spoke;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The range and shape rules of {@link SpokeOptions}' settings, shared by the builder's setters and,
 * through them, {@link EnvironmentSettings}. Each check returns the value it accepted or throws an
 * {@link IllegalArgumentException} naming the setting, the value and the accepted range.
 */
final class OptionRules {
  private OptionRules() {}

  static int queueCapacity(int capacity) {
    if (capacity < 16 || capacity > 10_000_000) {
      throw outOfRange("queueCapacity", capacity, "16 to 10,000,000 (default 262,144)");
    }
    return capacity;
  }

  static Duration uploadInterval(Duration interval) {
    if (interval == null
        || interval.toMillis() < 10
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw outOfRange("uploadInterval", interval, "10 ms to 1 hour (default 5 s)");
    }
    return interval;
  }

  static long maxBufferedBytes(long bytes) {
    if (bytes < 1024L * 1024) {
      throw new IllegalArgumentException(
          "maxBufferedBytes " + bytes + " is too small: use at least 1 MB (default 128 MB)");
    }
    return bytes;
  }

  static int maxRequestsInFlight(int n) {
    if (n < 1 || n > 16) {
      throw outOfRange("maxRequestsInFlight", n, "1 to 16 (default 2)");
    }
    return n;
  }

  static Duration journalFsyncInterval(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(
          "journalFsyncInterval " + d + " must be positive (default 200 ms)");
    }
    return d;
  }

  static long journalMaxBytes(long bytes) {
    if (bytes < 1024L * 1024) {
      throw new IllegalArgumentException(
          "journalMaxBytes " + bytes + " is too small: use at least 1 MB (default 512 MB)");
    }
    return bytes;
  }

  static Duration sessionTimeout(Duration timeout) {
    if (timeout == null || timeout.getSeconds() < 1) {
      throw new IllegalArgumentException(
          "sessionTimeout " + timeout + " must be at least 1 s (default 30 min)");
    }
    return timeout;
  }

  static int kitBufferCapacity(int n) {
    if (n < 0 || n > 1_000_000) {
      throw new IllegalArgumentException("kitBufferCapacity " + n + " out of range 0..1,000,000");
    }
    return n;
  }

  static String dataPlanId(String planId) {
    if (planId == null || !planId.matches("[a-z0-9_-]{1,100}")) {
      throw new IllegalArgumentException(
          "dataPlanId '"
              + planId
              + "' is not a data plan id: use the plan's id as the"
              + " platform shows it (lowercase letters, digits, _ and -, at most 100 characters)");
    }
    return planId;
  }

  static Integer dataPlanVersion(Integer planVersion) {
    if (planVersion != null && (planVersion < 1 || planVersion > 1000)) {
      throw new IllegalArgumentException(
          "data plan version "
              + planVersion
              + " is out of range 1..1000; pass null"
              + " for the latest version");
    }
    return planVersion;
  }

  static Duration identityHoldTimeout(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("identityHoldTimeout " + d + " must be zero or positive");
    }
    return d;
  }

  static Duration retryInitialBackoff(Duration initial) {
    if (initial == null
        || initial.toMillis() < 1
        || initial.compareTo(Duration.ofMinutes(10)) > 0) {
      throw outOfRange("retryBackoff initial", initial, "1 ms to 10 min (default 200 ms)");
    }
    return initial;
  }

  static Duration retryMaxBackoff(Duration max, Duration initial) {
    if (max == null || max.compareTo(initial) < 0 || max.compareTo(Duration.ofHours(1)) > 0) {
      throw outOfRange(
          "retryBackoff max",
          max,
          "at least initial (" + initial + ") and at most 1 hour (default 60 s)");
    }
    return max;
  }

  static Duration requestTimeout(Duration timeout) {
    if (timeout == null
        || timeout.toMillis() < 100
        || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw outOfRange("requestTimeout", timeout, "100 ms to 10 min (default 60 s)");
    }
    return timeout;
  }

  static Duration closeOnShutdown(Duration timeout) {
    if (timeout != null
        && (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(10)) > 0)) {
      throw outOfRange(
          "closeOnShutdown", timeout, "1 ms to 10 min, or null for no shutdown hook (the default)");
    }
    return timeout;
  }

  private static IllegalArgumentException outOfRange(String name, Object value, String range) {
    return new IllegalArgumentException(name + " " + value + " is out of range: use " + range);
  }

  /** A setting that must not be null; the message says what omitting the call does instead. */
  static <T> T notNull(String name, T value, String fix) {
    if (value == null) throw new IllegalArgumentException(name + " is null: " + fix);
    return value;
  }

  static URI absoluteUri(String name, URI uri) {
    if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          name + " '" + uri + "' is not an absolute URI: use e.g. https://host/v2");
    }
    return uri;
  }

  /** https anywhere; plain http only to a loopback host unless insecure http was allowed. */
  static URI transport(URI u, boolean allowInsecure) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) return u;
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          "endpoint '" + u + "' must use https (or http to a loopback address)");
    }
    if (!allowInsecure && !isLoopback(u.getHost())) {
      throw new IllegalArgumentException(
          "endpoint '"
              + u
              + "' uses plain http to a host that is not loopback;"
              + " use https, or call allowInsecureHttp(true) if you really mean to send credentials unencrypted");
    }
    return u;
  }

  static boolean isLoopback(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }
}
