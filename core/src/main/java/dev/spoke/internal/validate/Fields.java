package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationRule;
import dev.spoke.event.Event;

/**
 * Not API. The checks of single fields shared by the event validators: event names, required and
 * optional free text, finite amounts. Each returns its input itself when nothing had to change, so
 * callers detect "no fix" by identity.
 */
final class Fields {
  /** Returned by the checks when the whole event must be dropped (compared by identity). */
  static final String DROP = new String("<drop>");

  private final ServiceLimits limits;
  private final Reporter reporter;

  Fields(ServiceLimits limits, Reporter reporter) {
    this.limits = limits;
    this.reporter = reporter;
  }

  /**
   * Checks an event name against the name limit.
   *
   * @param required true if a null or blank name drops the event
   * @return the (possibly sanitized) name, or {@link #DROP}
   */
  String eventName(String raw, String key, boolean required) {
    if (raw == null) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, null);
      return DROP;
    }
    int max = limits.eventNameMaxChars();
    String s = raw;
    if (raw.length() > max) {
      int length = Texts.sanitizedLength(raw, false);
      if (length > max) {
        // Truncated, not dropped: the Events API truncates names over the limit on arrival
        // (docs.mparticle.com, guides/default-service-limits, "Event name length": "For S2S data,
        // names exceeding the limit will be truncated") and so does the Android SDK
        // (mparticle-android-sdk, android-core/src/main/java/com/mparticle/MPEvent.java).
        reporter.report(
            ValidationRule.EVENT_NAME_TOO_LONG, key, length, max, Texts.truncate(raw, max));
        s = Texts.truncate(raw, max);
      }
    }
    String clean = reporter.sanitize(s, false, key, s);
    if (required && clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, null);
      return DROP;
    }
    return clean;
  }

  /**
   * A required free-text field: null or blank drops the event, longer than the cap is truncated.
   */
  String requiredText(String raw, String key, int cap, Event e) {
    if (raw == null || raw.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, e.type().wireName());
      return DROP;
    }
    String clean = text(raw, key, cap, false, e.type().wireName());
    if (clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, e.type().wireName());
      return DROP;
    }
    return clean;
  }

  /**
   * An optional free-text field: truncated to its cap (before sanitizing, so a huge text is never
   * copied whole).
   */
  String text(String raw, String key, int cap, boolean keepLineBreaks, String ev) {
    return reporter.text(raw, key, cap, keepLineBreaks, ev);
  }

  Double finite(Double d, String key, String ev) {
    if (d != null && !Double.isFinite(d)) {
      reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, ev);
      return null;
    }
    return d;
  }
}
