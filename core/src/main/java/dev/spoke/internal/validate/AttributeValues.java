package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationRule;
import java.util.List;

/**
 * Not API. The limits one user attribute's name and value must meet on their own (WIRE.md section
 * 4): each check returns the sanitized wire text, or null after reporting the broken rule. The
 * limits over all of a user's attributes (count, total size, scalar/list kind) are {@link
 * UserAttributeState}'s, since they need its state.
 */
final class AttributeValues {
  /**
   * What the header's {@code "user_attributes":{}} member takes around its entries. An entry's
   * separator is counted in {@link #entryBytes} (one more than the object holds), so the sum of
   * both is an upper bound of the member's size.
   */
  static final long MEMBER_BYTES = Texts.jsonBytes("user_attributes") + 3;

  private final ServiceLimits limits;
  private final Reporter reporter;

  AttributeValues(ServiceLimits limits, Reporter reporter) {
    this.limits = limits;
    this.reporter = reporter;
  }

  /**
   * @return the sanitized name, or null after reporting why it is refused
   */
  String name(String raw) {
    if (raw == null) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_NAME_INVALID, null, 0, 0, null);
      return null;
    }
    int max = limits.userAttributeNameMaxChars();
    if (raw.length() > max) {
      int length = Texts.sanitizedLength(raw, false);
      if (length > max) {
        reporter.report(ValidationRule.USER_ATTRIBUTE_NAME_TOO_LONG, raw, length, max, null);
        return null;
      }
    }
    String clean = reporter.sanitize(raw, false, raw, null);
    if (clean.isBlank()) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_NAME_INVALID, raw, 0, 0, null);
      return null;
    }
    return clean;
  }

  /**
   * @return the wire text of a scalar value (String, Number or Boolean) for attribute {@code name},
   *     or null after reporting why it is refused
   */
  String value(String name, Object value) {
    return scalar(
        name,
        value,
        limits.userAttributeValueMaxChars(),
        ValidationRule.USER_ATTRIBUTE_VALUE_TOO_LONG);
  }

  /**
   * @return the entries' wire texts of a list value for attribute {@code name}, or null after
   *     reporting why it is refused (null list or entry, too many entries, an entry too long)
   */
  List<String> list(String name, List<?> values) {
    if (values == null) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
      return null;
    }
    int max = limits.userAttributeListMaxEntries();
    // Checked on the size before copying, so a huge list costs nothing.
    if (values.size() > max) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG, name, values.size(), max, null);
      return null;
    }
    Object[] raw;
    try {
      raw = values.toArray();
    } catch (RuntimeException concurrentlyModified) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
      return null;
    }
    if (raw.length > max) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG, name, raw.length, max, null);
      return null;
    }
    String[] texts = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == null) {
        reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
        return null;
      }
      texts[i] =
          scalar(
              name,
              raw[i],
              limits.userAttributeListEntryMaxChars(),
              ValidationRule.USER_ATTRIBUTE_LIST_ENTRY_TOO_LONG);
      if (texts[i] == null) {
        return null;
      }
    }
    return List.of(texts);
  }

  /**
   * @return the value's sanitized wire text within {@code max}, or null after reporting why it is
   *     refused
   */
  private String scalar(String name, Object value, int max, ValidationRule tooLong) {
    long estimate = Texts.estimatedLength(value);
    if (estimate > max + 16L) {
      reporter.report(tooLong, name, estimate, max, null);
      return null;
    }
    String text = Texts.scalarText(value);
    if (text == null) {
      reporter.report(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID, name, 0, 0, null);
      return null;
    }
    if (text.length() > max) {
      int length = Texts.sanitizedLength(text, true);
      if (length > max) {
        reporter.report(tooLong, name, length, max, null);
        return null;
      }
    }
    return reporter.sanitize(text, true, name, null);
  }

  /**
   * @return the bytes one attribute takes in the header's {@code user_attributes} object, separator
   *     included (value: String, List of String, or null for a tag)
   */
  static long entryBytes(String name, Object value) {
    long n = Texts.jsonBytes(name) + 2; // ':' and ','
    if (value == null) {
      return n + 4;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      n += 2 + Math.max(0, list.size() - 1);
      for (Object e : list) {
        n += Texts.jsonBytes((String) e);
      }
      return n;
    }
    return n + Texts.jsonBytes((String) value);
  }
}
