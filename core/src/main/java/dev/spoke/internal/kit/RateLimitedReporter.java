package dev.spoke.internal.kit;

import java.time.Clock;

/**
 * Not API. Lets the first few occurrences of a repeated problem through, then at most one per
 * period with the count of those held back, so that a kit failing on every call cannot flood the
 * host's logs.
 */
final class RateLimitedReporter {
  private final int burst;
  private final long periodMillis;
  private final Clock clock;
  private long seen;
  private long suppressed;
  private long lastMillis = Long.MIN_VALUE;

  RateLimitedReporter(int burst, long periodMillis, Clock clock) {
    this.burst = burst;
    this.periodMillis = periodMillis;
    this.clock = clock;
  }

  /**
   * @return -1 to stay quiet, otherwise the number of occurrences held back since the last one let
   *     through
   */
  synchronized long admit() {
    seen++;
    long now = clock.millis();
    if (seen <= burst || lastMillis == Long.MIN_VALUE || now - lastMillis >= periodMillis) {
      long held = suppressed;
      suppressed = 0;
      lastMillis = now;
      return held;
    }
    suppressed++;
    return -1;
  }
}
