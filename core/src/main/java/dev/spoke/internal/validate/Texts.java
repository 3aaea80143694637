package dev.spoke.internal.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Not API. Allocation-free checks and minimal fixes of text and numbers on the tracking path. */
final class Texts {
  private static final char REPLACEMENT = '\uFFFD';

  private Texts() {}

  /**
   * Whether the char at a given index must be removed. Only ISO control characters are removed;
   * tab, line feed and carriage return survive when {@code keepLineBreaks}.
   */
  private static boolean removable(char c, boolean keepLineBreaks) {
    if (c < 0x20) {
      return !(keepLineBreaks && (c == '\t' || c == '\n' || c == '\r'));
    }
    return c >= 0x7f && c <= 0x9f;
  }

  /**
   * @return {@code s} itself when it holds no control character (beyond kept line breaks) and no
   *     unpaired surrogate; otherwise a copy with control characters removed and unpaired
   *     surrogates replaced by U+FFFD. One scan; allocates only when a fix is needed.
   */
  static String sanitize(String s, boolean keepLineBreaks) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        continue;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return fixFrom(s, i, keepLineBreaks);
      }
      if (Character.isLowSurrogate(c) || removable(c, keepLineBreaks)) {
        return fixFrom(s, i, keepLineBreaks);
      }
    }
    return s;
  }

  private static String fixFrom(String s, int first, boolean keepLineBreaks) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, first);
    for (int i = first; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        } else {
          out.append(REPLACEMENT);
        }
      } else if (Character.isLowSurrogate(c)) {
        out.append(REPLACEMENT);
      } else if (!removable(c, keepLineBreaks)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * @return how many chars {@link #sanitize} replaces or removes (called only once a fix is known
   *     needed)
   */
  static int defects(String s, boolean keepLineBreaks) {
    int n = s.length();
    int count = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          count++;
        }
      } else if (Character.isLowSurrogate(c) || removable(c, keepLineBreaks)) {
        count++;
      }
    }
    return count;
  }

  /**
   * @return the length {@code s} will have once sanitized (removals shorten it, replacements do
   *     not), computed without allocating; used only for strings already over a limit
   */
  static int sanitizedLength(String s, boolean keepLineBreaks) {
    int n = s.length();
    int removed = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c) && removable(c, keepLineBreaks)) {
        removed++;
      }
    }
    return n - removed;
  }

  /**
   * @return the bytes {@code s} takes as a JSON string on the wire: UTF-8, quotes included, with
   *     the escapes a JSON writer may use (an upper bound: control characters counted as six-byte
   *     escapes)
   */
  static long jsonBytes(String s) {
    long n = 2;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        n += 6;
      } else if (c == '"' || c == '\\') {
        n += 2;
      } else if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else {
        n += 3; // a surrogate pair (4 bytes) counts 6: an upper bound is all the budget needs
      }
    }
    return n;
  }

  /**
   * @return true if {@code s} is 1 to {@code max} ASCII letters, digits, '-' or '_' (the shape of a
   *     UUID)
   */
  static boolean isIdentifier(String s, int max) {
    int n = s.length();
    if (n < 1 || n > max) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9')
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * @return {@code s} cut to at most {@code max} chars, never between the two halves of a surrogate
   *     pair
   */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (end > 0
        && Character.isHighSurrogate(s.charAt(end - 1))
        && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * An upper estimate of the text length of a number that may be arbitrarily large, so that a
   * {@code BigDecimal("1E999999999")} is refused without being rendered.
   *
   * @return the estimated length, or -1 for numbers whose text is always short
   */
  static long estimatedLength(Object v) {
    if (v instanceof BigInteger) {
      return (long) (((BigInteger) v).bitLength() * 0.30103) + 2;
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      long digits = (long) (d.unscaledValue().bitLength() * 0.30103) + 1;
      long scale = d.scale();
      long length = scale <= 0 ? digits - scale : Math.max(digits, scale + 1) + 1;
      return length + 1;
    }
    return -1;
  }

  /**
   * Renders a scalar as the wire's text: strings as given, booleans as {@code true}/{@code false},
   * integral numbers as digits, other numbers as plain decimal text without an exponent. Call
   * {@link #estimatedLength} first for numbers that may be huge.
   *
   * @return the text, or null when the value has no text form on the wire (null, NaN, infinite, a
   *     Map, a List or any other object)
   */
  static String scalarText(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? "true" : "false";
    }
    if (v instanceof Number) {
      return numberText((Number) v);
    }
    if (v instanceof Character) {
      return String.valueOf(((Character) v).charValue());
    }
    if (v instanceof CharSequence) {
      try {
        return v.toString();
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * @return the number as plain decimal text, or null if it is not finite or cannot be read
   */
  static String numberText(Number n) {
    try {
      if (n instanceof Integer
          || n instanceof Long
          || n instanceof Short
          || n instanceof Byte
          || n instanceof AtomicInteger
          || n instanceof AtomicLong
          || n instanceof LongAdder
          || n instanceof LongAccumulator) {
        return Long.toString(n.longValue());
      }
      if (n instanceof BigInteger) {
        return n.toString();
      }
      if (n instanceof BigDecimal) {
        return ((BigDecimal) n).toPlainString();
      }
      if (n instanceof Float) {
        float f = n.floatValue();
        return Float.isFinite(f) ? plain(Float.toString(f)) : null;
      }
      double d = n.doubleValue();
      return Double.isFinite(d) ? plain(Double.toString(d)) : null;
    } catch (RuntimeException e) {
      // A host Number subclass whose accessors fail has no text form.
      return null;
    }
  }

  /**
   * Turns Java's scientific notation ({@code 1.0E20}) into plain text ({@code
   * 100000000000000000000}).
   */
  private static String plain(String javaText) {
    if (javaText.indexOf('E') < 0) {
      return javaText;
    }
    return new BigDecimal(javaText).stripTrailingZeros().toPlainString();
  }

  /**
   * @return true if {@code s} is a plain decimal number: an optional sign, digits, an optional
   *     fraction; no exponent (so that arithmetic on it stays bounded)
   */
  static boolean isPlainDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    boolean digit = false;
    boolean dot = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  /**
   * @return a + b, saturating at the long range
   */
  static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /**
   * @return a - b, saturating at the long range
   */
  static long saturatedSubtract(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }
}
