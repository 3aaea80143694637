package dev.spoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void quantilesMatchASortedSampleWithinBucketResolution() {
    Random r = new Random(3);
    long[] v = new long[50_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < v.length; i++) {
      // Mostly fast, with a long tail, like enqueue latencies.
      v[i] = r.nextInt(10) == 0 ? 1_000 + r.nextInt(5_000_000) : 100 + r.nextInt(3_000);
      h.record(v[i]);
    }
    Arrays.sort(v);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999, 0.9999}) {
      long exact = v[(int) Math.ceil(q * v.length) - 1];
      assertThat((double) h.quantile(q)).isCloseTo(exact, within(exact * 0.002 + 1));
    }
    assertThat(h.max()).isEqualTo(v[v.length - 1]);
    assertThat(h.count()).isEqualTo(v.length);
  }

  @Test
  void bucketsAreContiguousAndCoverTheirValues() {
    for (long x :
        new long[] {0, 1, 2047, 2048, 2049, 4095, 4096, 123_456_789L, Long.MAX_VALUE / 3}) {
      int i = LatencyHistogram.index(x);
      assertThat(LatencyHistogram.upperBound(i)).isGreaterThanOrEqualTo(x);
      if (i > 0) {
        assertThat(LatencyHistogram.upperBound(i - 1)).isLessThan(x);
      }
    }
  }

  @Test
  void p9999SeesTheTenLargestOfAHundredThousand() {
    // W5 reports p99.99: with 100,000 calls it is the 99,990th value, so a tail of 10 calls shows.
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 99_989; i++) {
      h.record(1_000);
    }
    for (int i = 0; i < 11; i++) {
      h.record(400_000);
    }
    assertThat(h.quantile(0.999)).isEqualTo(1_000);
    assertThat((double) h.quantile(0.9999)).isCloseTo(400_000, within(400.0));
  }

  @Test
  void mergeAddsCounts() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    b.record(1_000_000);
    a.add(b);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.max()).isEqualTo(1_000_000);
    assertThat(a.quantile(0.5)).isEqualTo(10);
  }
}
