package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Not API. Checks a map of custom attributes or custom flags against the platform's limits (WIRE.md
 * section 4): every key and value within its limit, values that have a wire text form, no more
 * entries than allowed.
 *
 * <p>A map that needs no fix is returned as the same instance, and the common case allocates
 * nothing but one small scan object: the map is walked with {@code forEach} (an unmodifiable map's
 * entry iterator wraps every entry). Numbers and booleans of the JDK's immutable boxed types may
 * stay in place ({@link #keepsInPlace}): the serializer writes them as the strings the Events API
 * carries, and the kit path converts them ({@link #asWireText}), so the tracking call does not copy
 * the map to turn {@code 19.99} into {@code "19.99"}.
 */
final class AttributeChecks {
  private final ServiceLimits limits;
  private final Reporter reporter;

  AttributeChecks(ServiceLimits limits, Reporter reporter) {
    this.limits = limits;
    this.reporter = reporter;
  }

  /**
   * @param numbersInPlace true to keep immutable boxed numbers and booleans as they are (event
   *     attributes); false to turn every value into its wire text (maps typed as strings, product
   *     attributes)
   * @return the same map when nothing changed; otherwise a new map of String keys to wire values
   */
  Map<String, ?> check(Map<String, ?> attributes, String what, String ev, boolean numbersInPlace) {
    int size = attributes.size();
    if (size == 0) {
      return attributes;
    }
    if (size > limits.attributesPerEvent()) {
      // The platform's SDKs keep the event and drop all its attributes; checked before any
      // iteration.
      reporter.report(
          ValidationRule.TOO_MANY_EVENT_ATTRIBUTES, what, size, limits.attributesPerEvent(), ev);
      return Collections.emptyMap();
    }
    Scan scan = new Scan(attributes, ev, numbersInPlace);
    attributes.forEach(scan);
    return scan.out == null ? attributes : scan.out;
  }

  /**
   * One walk over a map: checks each entry, and once a fix is needed copies the entries seen so far
   * and every later valid one.
   */
  private final class Scan implements BiConsumer<Object, Object> {
    private final Map<String, ?> source;
    private final String ev;
    private final boolean numbersInPlace;
    Map<String, Object> out;
    private int index;

    Scan(Map<String, ?> source, String ev, boolean numbersInPlace) {
      this.source = source;
      this.ev = ev;
      this.numbersInPlace = numbersInPlace;
    }

    @Override
    public void accept(Object rawKey, Object rawValue) {
      String key = key(rawKey, ev);
      Object value = key == null ? null : value(key, rawValue, ev, numbersInPlace);
      if (out == null && (value == null || key != rawKey || value != rawValue)) {
        out = new LinkedHashMap<>();
        copyFirst(source, index, out);
      }
      if (out != null && key != null && value != null) {
        out.put(key, value);
      }
      index++;
    }
  }

  /** Copies the first {@code count} entries, which were all found valid as they are. */
  private static void copyFirst(Map<?, ?> source, int count, Map<String, Object> target) {
    int i = 0;
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (i++ >= count) {
        return;
      }
      target.put((String) entry.getKey(), entry.getValue());
    }
  }

  private String key(Object rawKey, String ev) {
    if (!(rawKey instanceof String)) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID, null, 0, 0, ev);
      return null;
    }
    String key = (String) rawKey;
    int max = limits.eventAttributeKeyMaxChars();
    if (key.length() > max) {
      int length = Texts.sanitizedLength(key, false);
      if (length > max) {
        reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_TOO_LONG, key, length, max, ev);
        return null;
      }
    }
    String clean = reporter.sanitize(key, false, key, ev);
    if (clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID, key, 0, 0, ev);
      return null;
    }
    return clean;
  }

  private Object value(String key, Object rawValue, String ev, boolean numbersInPlace) {
    if (numbersInPlace && keepsInPlace(rawValue)) {
      // At most 24 chars of digits, sign, point and "E" exponent digits, far below any value limit
      // (the smallest the platform allows is 4,096): nothing to check, nothing to copy.
      return rawValue;
    }
    int max = limits.eventAttributeValueMaxChars();
    long estimate = Texts.estimatedLength(rawValue);
    if (estimate > max + 16L) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, key, estimate, max, ev);
      return null;
    }
    String text = Texts.scalarText(rawValue);
    if (text == null) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_INVALID, key, 0, 0, ev);
      return null;
    }
    if (text.length() > max) {
      int length = Texts.sanitizedLength(text, true);
      if (length > max) {
        reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, key, length, max, ev);
        return null;
      }
    }
    return reporter.sanitize(text, true, key, ev);
  }

  /**
   * Whether a value may stay in an event's attribute map as it is: an immutable boxed number
   * (integral, or a finite double or float) or a Boolean. Mutable numbers (the atomics), big
   * numbers (whose text may be huge) and everything else are turned into text at validation, as
   * before.
   */
  static boolean keepsInPlace(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
      return true;
    }
    if (v instanceof Double) {
      return Double.isFinite((Double) v);
    }
    if (v instanceof Float) {
      return Float.isFinite((Float) v);
    }
    return v instanceof Short || v instanceof Byte;
  }

  /**
   * The map as kits have always seen a validated event's attributes: every value its wire text.
   *
   * @return the same map when every value already is a String
   */
  static Map<String, ?> asWireText(Map<String, ?> checked) {
    boolean allText = true;
    for (Object v : checked.values()) {
      if (!(v instanceof String)) {
        allText = false;
        break;
      }
    }
    if (allText) {
      return checked;
    }
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, checked.size() * 2));
    for (Map.Entry<String, ?> e : checked.entrySet()) {
      Object v = e.getValue();
      // Only values kept in place are not text yet, and each of them has a text form.
      out.put(e.getKey(), v instanceof String ? v : Texts.scalarText(v));
    }
    return out;
  }
}
