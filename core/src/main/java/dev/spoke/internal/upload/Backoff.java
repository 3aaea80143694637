package dev.spoke.internal.upload;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with FULL jitter: {@code random(0, min(cap, base * 2^attempt))}, which
 * spreads many clients' retries evenly instead of synchronising them. Thread-safe when the jitter
 * source is. Not API.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final DoubleSupplier jitter;

  /**
   * @param policy base and cap
   * @param jitter values in [0, 1); e.g. {@code ThreadLocalRandom.current()::nextDouble}, or a
   *     constant in tests
   */
  public Backoff(RetryPolicy policy, DoubleSupplier jitter) {
    this.baseMillis = policy.initialBackoff().toMillis();
    this.capMillis = policy.maxBackoff().toMillis();
    this.jitter = jitter;
  }

  /** The un-jittered ceiling for retry {@code attempt} (0 = first retry). */
  public long ceilingMillis(int attempt) {
    return RetryPolicy.cappedExponential(baseMillis, capMillis, Math.max(0, attempt));
  }

  /** Delay before retry {@code attempt} (0 = first retry), in [0, ceiling]. */
  public long delayMillis(int attempt) {
    double j = jitter.getAsDouble();
    if (!(j >= 0)) { // also catches NaN
      j = 0;
    } else if (j > 1) {
      j = 1;
    }
    return (long) (j * ceilingMillis(attempt));
  }
}
