package dev.spoke.internal.upload;

import java.time.Duration;

/**
 * How uploads retry: exponential backoff with full jitter, a cap, a bound on attempts, the cap on a
 * server's {@code Retry-After}, and the probe schedule while paused on bad credentials. Immutable
 * and thread-safe. Not API.
 */
public final class RetryPolicy {
  /** What to do with a response status. */
  public enum Action {
    /** 2xx: delivered. */
    ACCEPT,
    /** 408, 429, 5xx other than 501/505: retry the same bytes later. */
    RETRY,
    /** 401/403: pause uploads, keep the data, probe later. */
    PAUSE,
    /** 413: split the request in halves (a single batch is dropped). */
    SPLIT,
    /** 400, other 4xx, 501, 505, 1xx/3xx: drop and report. */
    DROP
  }

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final Duration probeInitial;
  private final Duration probeMax;

  private RetryPolicy(Builder b) {
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxAttempts = b.maxAttempts;
    this.maxRetryAfter = b.maxRetryAfter;
    this.probeInitial = b.probeInitial;
    this.probeMax = b.probeMax;
  }

  /**
   * Defaults: 200 ms base, 60 s cap, 12 attempts, Retry-After capped at 5 min, probe 30 s .. 10
   * min.
   */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Classifies an HTTP status. */
  public static Action classify(int status) {
    if (status >= 200 && status < 300) {
      return Action.ACCEPT;
    }
    if (status == 401 || status == 403) {
      return Action.PAUSE;
    }
    if (status == 413) {
      return Action.SPLIT;
    }
    if (status == 408 || status == 429) {
      return Action.RETRY;
    }
    if (status >= 500 && status < 600 && status != 501 && status != 505) {
      return Action.RETRY;
    }
    return Action.DROP;
  }

  /** Delay before the first retry, before jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Upper bound of the un-jittered delay. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Sends of one request (first try included) before it is dropped as retries exhausted. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Largest {@code Retry-After} honoured; longer values are cut to this. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** First wait before probing again after 401/403. */
  public Duration probeInitial() {
    return probeInitial;
  }

  /** Longest wait between probes (the wait doubles up to this). */
  public Duration probeMax() {
    return probeMax;
  }

  /** Probe delay before probe number {@code probe} (0-based), doubling up to the max. */
  public long probeDelayMillis(int probe) {
    return cappedExponential(probeInitial.toMillis(), probeMax.toMillis(), probe);
  }

  static long cappedExponential(long base, long cap, int attempt) {
    if (attempt >= 62 || base <= 0) {
      return base <= 0 ? 0 : cap;
    }
    long v = base << Math.min(attempt, 62);
    if (v < 0 || (v >> attempt) != base) {
      return cap; // overflow
    }
    return Math.min(cap, v);
  }

  @Override
  public String toString() {
    return "RetryPolicy{initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxAttempts="
        + maxAttempts
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", probe="
        + probeInitial
        + ".."
        + probeMax
        + '}';
  }

  /** Builder; {@link #build()} fails fast on nonsense values. */
  public static final class Builder {
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private int maxAttempts = 12;
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private Duration probeInitial = Duration.ofSeconds(30);
    private Duration probeMax = Duration.ofMinutes(10);

    private Builder() {}

    public Builder initialBackoff(Duration v) {
      this.initialBackoff = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      this.maxBackoff = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      this.maxAttempts = v;
      return this;
    }

    public Builder maxRetryAfter(Duration v) {
      this.maxRetryAfter = v;
      return this;
    }

    public Builder probeInitial(Duration v) {
      this.probeInitial = v;
      return this;
    }

    public Builder probeMax(Duration v) {
      this.probeMax = v;
      return this;
    }

    public RetryPolicy build() {
      positive("initialBackoff", initialBackoff);
      positive("maxBackoff", maxBackoff);
      positive("maxRetryAfter", maxRetryAfter);
      positive("probeInitial", probeInitial);
      positive("probeMax", probeMax);
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff is " + maxBackoff + ": must be >= initialBackoff (" + initialBackoff + ")");
      }
      if (probeMax.compareTo(probeInitial) < 0) {
        throw new IllegalArgumentException(
            "probeMax is " + probeMax + ": must be >= probeInitial (" + probeInitial + ")");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts is "
                + maxAttempts
                + ": must be >= 1 (1 means no retries; Integer.MAX_VALUE retries until close)");
      }
      return new RetryPolicy(this);
    }

    private static void positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            name + " is " + d + ": must be a positive duration, e.g. Duration.ofSeconds(1)");
      }
    }
  }
}
