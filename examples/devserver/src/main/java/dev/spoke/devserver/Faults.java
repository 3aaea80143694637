package dev.spoke.devserver;

/**
 * Faults the devserver injects into every request, to exercise a client's retry and resilience
 * paths.
 *
 * <p>Immutable; change the faults of a running server with {@link DevServer#faults(Faults)}. Each
 * request draws one uniform number from a generator seeded with {@link #seed()} (re-seeded whenever
 * faults are set), so a sequential run is reproducible: the request fails with a dropped
 * connection, a 429 or a 500 when that number falls into the respective slice of [0, 1).
 */
public final class Faults {

  private static final Faults NONE = builder().build();

  private final double errorRate;
  private final double tooManyRequestsRate;
  private final int retryAfterSeconds;
  private final long latencyMillis;
  private final double dropRate;
  private final boolean outage;
  private final long seed;

  private Faults(Builder b) {
    this.errorRate = b.errorRate;
    this.tooManyRequestsRate = b.tooManyRequestsRate;
    this.retryAfterSeconds = b.retryAfterSeconds;
    this.latencyMillis = b.latencyMillis;
    this.dropRate = b.dropRate;
    this.outage = b.outage;
    this.seed = b.seed;
  }

  /** No faults: every request is served normally. */
  public static Faults none() {
    return NONE;
  }

  /** A builder with no faults and seed 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these faults. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.errorRate = errorRate;
    b.tooManyRequestsRate = tooManyRequestsRate;
    b.retryAfterSeconds = retryAfterSeconds;
    b.latencyMillis = latencyMillis;
    b.dropRate = dropRate;
    b.outage = outage;
    b.seed = seed;
    return b;
  }

  /** Share of requests answered 500. */
  public double errorRate() {
    return errorRate;
  }

  /** Share of requests answered 429. */
  public double tooManyRequestsRate() {
    return tooManyRequestsRate;
  }

  /** {@code Retry-After} seconds sent with injected 429s; negative = no header. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Delay added before each request is handled. */
  public long latencyMillis() {
    return latencyMillis;
  }

  /** Share of requests whose connection is closed without an answer. */
  public double dropRate() {
    return dropRate;
  }

  /** When true every request's connection is closed without an answer. */
  public boolean outage() {
    return outage;
  }

  /** Seed of the per-request draw. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "Faults[errorRate="
        + errorRate
        + ", tooManyRequestsRate="
        + tooManyRequestsRate
        + ", retryAfterSeconds="
        + retryAfterSeconds
        + ", latencyMillis="
        + latencyMillis
        + ", dropRate="
        + dropRate
        + ", outage="
        + outage
        + ", seed="
        + seed
        + "]";
  }

  /** Builds {@link Faults}; rates are in [0, 1] and together at most 1. */
  public static final class Builder {
    private double errorRate;
    private double tooManyRequestsRate;
    private int retryAfterSeconds = 1;
    private long latencyMillis;
    private double dropRate;
    private boolean outage;
    private long seed = 1;

    private Builder() {}

    /** Share of requests answered 500 Internal Server Error. */
    public Builder errorRate(double rate) {
      this.errorRate = rate("errorRate", rate);
      return this;
    }

    /**
     * Share of requests answered 429, with {@code Retry-After: retryAfterSeconds} (negative: no
     * header).
     */
    public Builder tooManyRequests(double rate, int retryAfterSeconds) {
      this.tooManyRequestsRate = rate("tooManyRequestsRate", rate);
      this.retryAfterSeconds = retryAfterSeconds;
      return this;
    }

    /** Delay added before each request is handled. */
    public Builder latencyMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("latencyMillis is " + millis + "; use 0 or more");
      }
      this.latencyMillis = millis;
      return this;
    }

    /** Share of requests whose connection is closed without any answer. */
    public Builder dropRate(double rate) {
      this.dropRate = rate("dropRate", rate);
      return this;
    }

    /** Full outage: every request's connection is closed without any answer. */
    public Builder outage(boolean outage) {
      this.outage = outage;
      return this;
    }

    /** Seed of the per-request draw, for reproducible runs. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Builds the faults; fails if the rates add up to more than 1. */
    public Faults build() {
      double sum = errorRate + tooManyRequestsRate + dropRate;
      if (sum > 1.0 + 1e-9) {
        throw new IllegalArgumentException(
            "errorRate + tooManyRequestsRate + dropRate is "
                + sum
                + "; the rates share one draw, so keep their sum at most 1");
      }
      return new Faults(this);
    }

    private static double rate(String name, double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException(name + " is " + rate + "; use a share between 0 and 1");
      }
      return rate;
    }
  }
}
