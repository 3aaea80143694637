package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free renderings write exactly the text of the allocating ones: {@link
 * WireValues#doubleChars} either declines or writes {@link WireValues#doubleString}'s text.
 */
class WireValuesTest {
  private final char[] out = new char[WireValues.SCRATCH_CHARS];

  private String chars(int n) {
    return n < 0 ? null : new String(out, 0, n);
  }

  private void assertSameAsDoubleString(double d) {
    int n = WireValues.doubleChars(d, out);
    if (n >= 0 && !chars(n).equals(WireValues.doubleString(d))) {
      assertThat(chars(n)).as("%s", d).isEqualTo(WireValues.doubleString(d));
    }
  }

  @Test
  void everyCentAmountUpToTwentyThousandIsWrittenAsDoubleToStringWritesIt() {
    int written = 0;
    for (int cents = 0; cents <= 2_000_000; cents++) {
      double d = cents / 100.0;
      int n = WireValues.doubleChars(d, out);
      if (n < 0 || !chars(n).equals(WireValues.doubleString(d))) {
        assertThat(chars(n)).as("%s takes the fast path", d).isEqualTo(WireValues.doubleString(d));
      }
      written++;
    }
    assertThat(written).isEqualTo(2_000_001);
  }

  @Test
  void decimalsOfUpToSixFractionDigitsAndRandomDoublesNeverDiffer() {
    Random r = new Random(42);
    long[] pow = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    for (int i = 0; i < 500_000; i++) {
      int k = r.nextInt(pow.length);
      long m = (long) (r.nextDouble() * 1e7 * pow[k]);
      double d = (r.nextBoolean() ? -1 : 1) * (m / (double) pow[k]);
      assertSameAsDoubleString(d);
      assertSameAsDoubleString(Double.longBitsToDouble(r.nextLong()));
      assertSameAsDoubleString(r.nextDouble() * Math.pow(10, r.nextInt(12) - 4));
    }
    for (double d :
        new double[] {
          0.0, -0.0, 19.99, 0.1 + 0.2, 1e-3, 9999999.999999, 1e7, 1e-4, 123456.789, 2.0, -5.5
        }) {
      assertSameAsDoubleString(d);
    }
    assertThat(chars(WireValues.doubleChars(-0.0, out))).isEqualTo("-0.0");
    assertThat(chars(WireValues.doubleChars(19.99, out))).isEqualTo("19.99");
    assertThat(WireValues.doubleChars(Double.NaN, out)).isNegative();
    assertThat(WireValues.doubleChars(1e20, out)).as("exponent range: declined").isNegative();
  }

  @Test
  void longsAreWrittenAsLongToStringWritesThem() {
    Random r = new Random(7);
    for (long v : new long[] {0, -1, 9, 10, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThat(chars(WireValues.longChars(v, out))).isEqualTo(Long.toString(v));
    }
    for (int i = 0; i < 100_000; i++) {
      long v = r.nextLong() >> r.nextInt(64);
      assertThat(chars(WireValues.longChars(v, out))).isEqualTo(Long.toString(v));
    }
    assertThat(chars(WireValues.attributeChars((short) -3, out))).isEqualTo("-3");
    assertThat(chars(WireValues.attributeChars((byte) 7, out))).isEqualTo("7");
    assertThat(WireValues.attributeChars("text", out)).isNegative();
  }

  @Test
  void uuidsAreWrittenAsUuidToStringWritesThem() {
    Random r = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long hi = r.nextLong();
      long lo = r.nextLong();
      assertThat(chars(WireValues.uuidChars(hi, lo, out))).isEqualTo(new UUID(hi, lo).toString());
    }
  }
}
