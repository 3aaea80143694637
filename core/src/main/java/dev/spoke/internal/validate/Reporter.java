package dev.spoke.internal.validate;

import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import java.util.Objects;
import java.util.function.Consumer;

/** Not API. Hands validation issues to the listener, or throws them in strict mode. */
final class Reporter {
  private final boolean strict;
  private final Consumer<ValidationIssue> sink;

  Reporter(boolean strict, Consumer<ValidationIssue> sink) {
    this.strict = strict;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  boolean strict() {
    return strict;
  }

  /**
   * Reports one fix. In strict mode throws instead; otherwise never throws, because it runs on the
   * host's tracking call and a failing listener must not break it.
   */
  void report(ValidationRule rule, String key, long observed, long limit, String eventName) {
    ValidationIssue issue = ValidationIssue.of(rule, key, observed, limit, eventName);
    if (strict) {
      throw new SpokeValidationException(issue);
    }
    try {
      sink.accept(issue);
    } catch (RuntimeException ignored) {
      // The listener is host code; its failure must not turn a fixed event into a thrown call.
    }
  }

  /**
   * The one way a free-text string is made fit for the wire: cut to {@code cap} chars (before
   * sanitizing, so a huge text is never copied whole; never inside a surrogate pair), then
   * sanitized; each fix reported. Used for event fields, consent and device and app info alike.
   *
   * @return the text to send, or null for null
   */
  String text(String raw, String key, int cap, boolean keepLineBreaks, String eventName) {
    if (raw == null) {
      return null;
    }
    String s = raw;
    if (s.length() > cap) {
      report(ValidationRule.FIELD_TRUNCATED, key, s.length(), cap, eventName);
      s = Texts.truncate(s, cap);
    }
    return sanitize(s, keepLineBreaks, key, eventName);
  }

  /** Sanitizes {@code s} and reports it once when something was fixed. */
  String sanitize(String s, boolean keepLineBreaks, String key, String eventName) {
    String clean = Texts.sanitize(s, keepLineBreaks);
    if (clean != s) {
      report(ValidationRule.STRING_SANITIZED, key, Texts.defects(s, keepLineBreaks), 0, eventName);
    }
    return clean;
  }
}
