package dev.spoke.bench;

/**
 * A log-linear histogram of nanosecond latencies, in the spirit of HdrHistogram: exact below 2,048
 * ns, then 1,024 sub-buckets per power of two (relative error under 0.1%). Recording is one array
 * increment, no allocation. One instance per producer thread; {@link #add} merges.
 */
final class LatencyHistogram {
  private static final int EXACT = 2048; // values below are their own bucket
  private static final int SUB_BITS = 10;
  private static final int SUB = 1 << SUB_BITS;
  private static final int FIRST_EXP = 11; // 2^11 == EXACT
  private static final int BUCKETS = EXACT + (63 - FIRST_EXP) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;
  private long sum;

  void record(long nanos) {
    long v = nanos < 0 ? 0 : nanos;
    counts[index(v)]++;
    total++;
    sum += v;
    if (v > max) {
      max = v;
    }
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    max = Math.max(max, other.max);
  }

  long count() {
    return total;
  }

  long max() {
    return max;
  }

  double mean() {
    return total == 0 ? 0 : (double) sum / total;
  }

  /**
   * @param q a quantile in [0, 1]
   * @return the upper bound of the bucket holding the value at that rank (never above max)
   */
  long quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1));
    return EXACT + (exp - FIRST_EXP) * SUB + sub;
  }

  static long upperBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int exp = (index - EXACT) / SUB + FIRST_EXP;
    long sub = (index - EXACT) % SUB;
    long width = 1L << (exp - SUB_BITS);
    return (1L << exp) + sub * width + width - 1;
  }
}
