package dev.spoke.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API. How attribute values become the strings the Events API carries (WIRE.md section 3): as
 * {@code String}s ({@link #attributeString}), or written into a caller's char buffer without
 * allocating ({@link #attributeChars}) for the values a tracking call passes most often.
 */
final class WireValues {
  /** Chars {@link #attributeChars} may write: a long's 20, a double's plain text, a UUID's 36. */
  static final int SCRATCH_CHARS = 40;

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

  private WireValues() {}

  /**
   * Writes the wire string of an attribute value into {@code out} when that needs no allocation:
   * integral boxed numbers, booleans, and doubles in plain decimal notation with at most six
   * fraction digits (prices, quantities). Exactly the text {@link #attributeString} returns.
   *
   * @param out at least {@link #SCRATCH_CHARS} chars
   * @return the number of chars written, or -1 when the value must go through {@link
   *     #attributeString} (a String, which needs no rendering, or any other type)
   */
  static int attributeChars(Object value, char[] out) {
    if (value instanceof Integer || value instanceof Long) {
      return longChars(((Number) value).longValue(), out);
    }
    if (value instanceof Double) {
      return doubleChars((Double) value, out);
    }
    if (value instanceof Boolean) {
      return -1; // "true"/"false" are constants: nothing to allocate either way
    }
    if (value instanceof Short || value instanceof Byte) {
      return longChars(((Number) value).longValue(), out);
    }
    return -1;
  }

  /**
   * @return the chars of {@link Long#toString(long)} written at the start of {@code out}
   */
  static int longChars(long v, char[] out) {
    if (v == Long.MIN_VALUE) {
      "-9223372036854775808".getChars(0, 20, out, 0);
      return 20;
    }
    int n = 0;
    long u = v;
    if (u < 0) {
      out[n++] = '-';
      u = -u;
    }
    int start = n;
    do {
      out[n++] = (char) ('0' + (int) (u % 10));
      u /= 10;
    } while (u != 0);
    reverse(out, start, n - 1);
    return n;
  }

  /**
   * The text of {@link #doubleString} for a double that is the nearest double to a decimal with at
   * most six fraction digits and a magnitude in [0.001, 10^7), the range where {@link
   * Double#toString} writes plain notation: that decimal is then the shortest text that reads back
   * as the double (two decimals of at most 13 significant digits are further apart than a double's
   * precision), and the smallest number of fraction digits that reads back finds it.
   *
   * @return the chars written, or -1 for any other double (rendered by {@link #doubleString})
   */
  static int doubleChars(double d, char[] out) {
    double abs = Math.abs(d);
    if (!(abs >= 1e-3 && abs < 1e7)) {
      if (d == 0) {
        boolean negative = Double.doubleToRawLongBits(d) < 0;
        String zero = negative ? "-0.0" : "0.0";
        zero.getChars(0, zero.length(), out, 0);
        return zero.length();
      }
      return -1;
    }
    for (int k = 0; k < POW10.length; k++) {
      long m = Math.round(abs * POW10[k]);
      // m and 10^k are exact doubles, so the quotient is the double nearest to m / 10^k.
      if (m / POW10[k] == abs) {
        return decimalChars(d < 0, m, k, out);
      }
    }
    return -1;
  }

  /** Writes {@code m / 10^k} as plain decimal text with at least one fraction digit. */
  private static int decimalChars(boolean negative, long m, int k, char[] out) {
    int n = 0;
    if (negative) {
      out[n++] = '-';
    }
    int start = n;
    long u = m;
    int fraction = Math.max(k, 1);
    for (int i = 0; i < fraction; i++) {
      out[n++] = (char) ('0' + (int) (k == 0 ? 0 : u % 10));
      if (k != 0) {
        u /= 10;
      }
    }
    out[n++] = '.';
    do {
      out[n++] = (char) ('0' + (int) (u % 10));
      u /= 10;
    } while (u != 0);
    reverse(out, start, n - 1);
    return n;
  }

  /**
   * Writes the canonical text of the UUID with these bits (as {@link java.util.UUID#toString()}).
   *
   * @return 36
   */
  static int uuidChars(long msb, long lsb, char[] out) {
    hex(msb >>> 32, 8, out, 0);
    out[8] = '-';
    hex(msb >>> 16, 4, out, 9);
    out[13] = '-';
    hex(msb, 4, out, 14);
    out[18] = '-';
    hex(lsb >>> 48, 4, out, 19);
    out[23] = '-';
    hex(lsb, 12, out, 24);
    return 36;
  }

  private static void hex(long v, int digits, char[] out, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
  }

  private static void reverse(char[] a, int from, int to) {
    while (from < to) {
      char t = a[from];
      a[from++] = a[to];
      a[to--] = t;
    }
  }

  /**
   * Renders a custom attribute value as its wire string: a String as is; a Boolean as {@code
   * "true"}/{@code "false"}; an integral number as its decimal digits; a double or float as {@link
   * Double#toString} when that has no exponent (so {@code 19.99} stays {@code "19.99"} and {@code
   * 2.0} stays {@code "2.0"}), otherwise as a plain decimal without exponent; a BigDecimal as its
   * plain string; anything else via {@code String.valueOf}.
   *
   * @param value the raw value, may be null
   * @return the wire string, or null when the value is null or cannot be rendered (skipped)
   */
  public static String attributeString(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? "true" : "false";
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      return value.toString();
    }
    if (value instanceof Double) {
      return doubleString((Double) value);
    }
    if (value instanceof Float) {
      return floatString((Float) value);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      // A host object whose toString fails: skip the value rather than lose the event.
      return null;
    }
  }

  /**
   * @param d a double
   * @return its decimal text without exponent ({@code "NaN"}/{@code "Infinity"} as Java writes
   *     them)
   */
  public static String doubleString(double d) {
    String s = Double.toString(d);
    if (s.indexOf('E') < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
      return s;
    }
    // The exponent form's mantissa carries a needless ".0" (1.0E-5): strip it so 1e-5 reads
    // 0.00001.
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String floatString(float f) {
    String s = Float.toString(f);
    if (s.indexOf('E') < 0 || Float.isNaN(f) || Float.isInfinite(f)) {
      return s;
    }
    // Through the float's own shortest text, so 1.0E10f does not pick up double noise digits.
    return new BigDecimal(s).stripTrailingZeros().toPlainString();
  }
}
