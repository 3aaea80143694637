package dev.spoke.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Not API. How attribute values become the strings the Events API carries (WIRE.md section 3). */
final class WireValues {
  private WireValues() {}

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
