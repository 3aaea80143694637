package dev.spoke;

import java.util.Objects;

/**
 * One fix (or, in strict mode, one refusal) made by local validation: which {@link ValidationRule}
 * was broken, what was done about it, the offending key and the size seen against the limit.
 *
 * <p>Immutable. Keys and event names are cut to 64 characters for display, so that a huge offending
 * input does not make the report itself huge.
 */
public final class ValidationIssue {
  /** Keys and event names longer than this are cut for display. */
  public static final int DISPLAY_MAX_CHARS = 64;

  private final ValidationRule rule;
  private final String key;
  private final long observed;
  private final long limit;
  private final String eventName;

  private ValidationIssue(
      ValidationRule rule, String key, long observed, long limit, String eventName) {
    this.rule = rule;
    this.key = display(key);
    this.observed = observed;
    this.limit = limit;
    this.eventName = display(eventName);
  }

  /**
   * @param rule the broken rule, not null
   * @param key the offending attribute key, field or name, or null
   * @param observed the size or count seen (characters, entries, milliseconds ahead), or 0
   * @param limit the limit that applies, or 0 when the rule has none
   * @param eventName the name of the event concerned, or null
   * @return the issue; its action is {@code rule.action()}
   * @throws NullPointerException if {@code rule} is null
   */
  public static ValidationIssue of(
      ValidationRule rule, String key, long observed, long limit, String eventName) {
    return new ValidationIssue(
        Objects.requireNonNull(rule, "rule"), key, observed, limit, eventName);
  }

  private static String display(String s) {
    if (s == null || s.length() <= DISPLAY_MAX_CHARS) {
      return s;
    }
    int end = DISPLAY_MAX_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "\u2026";
  }

  /**
   * @return the broken rule
   */
  public ValidationRule rule() {
    return rule;
  }

  /**
   * @return what was done about it (the rule's action)
   */
  public ValidationAction action() {
    return rule.action();
  }

  /**
   * @return the offending key, field or name (cut to 64 characters for display), or null
   */
  public String key() {
    return key;
  }

  /**
   * @return the size or count seen: characters, entries, or milliseconds ahead for timestamps
   */
  public long observed() {
    return observed;
  }

  /**
   * @return the limit that applies, or 0 when the rule has none
   */
  public long limit() {
    return limit;
  }

  /**
   * @return the name of the event concerned (cut to 64 characters for display), or null
   */
  public String eventName() {
    return eventName;
  }

  /**
   * @return a sentence that says what is wrong, the limit and its {@link ServiceLimits} name, and
   *     how to fix it; used as the {@link SpokeValidationException} message
   */
  public String describe() {
    String k = "'" + key + "'";
    switch (rule) {
      case EVENT_NAME_MISSING:
        return "the event's "
            + (key == null ? "name" : key)
            + " is null or blank: give the event a non-blank name";
      case EVENT_NAME_TOO_LONG:
        return "event name has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.eventNameMaxChars): it was truncated; shorten it and move the detail into an attribute";
      case REQUIRED_FIELD_MISSING:
        return "required field " + k + " is missing: set it";
      case TOO_MANY_EVENT_ATTRIBUTES:
        return (key == null ? "the event" : k)
            + " has "
            + observed
            + " custom attributes; the platform limit is "
            + limit
            + " (ServiceLimits.attributesPerEvent): send fewer attributes or split them across events";
      case EVENT_ATTRIBUTE_KEY_INVALID:
        return "an event attribute key is null or blank: give every attribute a non-blank key";
      case EVENT_ATTRIBUTE_KEY_TOO_LONG:
        return "event attribute key "
            + k
            + " has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.eventAttributeKeyMaxChars): use a shorter key";
      case EVENT_ATTRIBUTE_VALUE_TOO_LONG:
        return "event attribute "
            + k
            + " value has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.eventAttributeValueMaxChars): shorten it or split it across attributes";
      case EVENT_ATTRIBUTE_VALUE_INVALID:
        return "event attribute "
            + k
            + " value is null, NaN, infinite or of an unsupported type:"
            + " pass a String, a finite Number or a Boolean";
      case FIELD_INVALID:
        return "field "
            + k
            + " holds a value the wire cannot carry (a null entry, NaN, infinite or out of range):"
            + " pass a finite, in-range value or leave it unset";
      case STRING_SANITIZED:
        return k
            + " contained "
            + observed
            + " unpaired surrogate(s) or control character(s):"
            + " pass well-formed text without control characters";
      case FIELD_TRUNCATED:
        return "field "
            + k
            + " has "
            + observed
            + " characters; Spoke's cap for it is "
            + limit
            + ": shorten it (it was truncated)";
      case TIMESTAMP_IN_FUTURE:
        return "the event timestamp is "
            + observed
            + " ms in the future; the tolerance is "
            + limit
            + " ms (ServiceLimits.futureToleranceMillis): check the clock or the timestamp source";
      case USER_ATTRIBUTE_NAME_INVALID:
        return "a user attribute name is null or blank: use a non-blank name";
      case USER_ATTRIBUTE_NAME_TOO_LONG:
        return "user attribute name "
            + k
            + " has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributeNameMaxChars): use a shorter name";
      case TOO_MANY_USER_ATTRIBUTES:
        return "user attribute "
            + k
            + " would be attribute number "
            + observed
            + "; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributesPerUser): remove unused attributes first";
      case USER_ATTRIBUTE_VALUE_TOO_LONG:
        return "user attribute "
            + k
            + " value has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributeValueMaxChars): shorten it";
      case USER_ATTRIBUTE_LIST_TOO_LONG:
        return "user attribute "
            + k
            + " list has "
            + observed
            + " entries; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributeListMaxEntries): send fewer entries";
      case USER_ATTRIBUTE_LIST_ENTRY_TOO_LONG:
        return "an entry of user attribute "
            + k
            + " has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributeListEntryMaxChars): shorten it";
      case USER_ATTRIBUTE_TYPE_CHANGED:
        return "user attribute "
            + k
            + " would switch between a scalar and a list, which the platform forbids:"
            + " remove it first or use another name";
      case USER_ATTRIBUTES_TOO_LARGE:
        return "user attribute "
            + k
            + " would make the user's attributes "
            + observed
            + " bytes on the wire;"
            + " Spoke keeps them within "
            + limit
            + " bytes (half of ServiceLimits.batchMaxBytes) so that"
            + " the user's events still fit a batch: remove or shorten other attributes first";
      case USER_ATTRIBUTE_VALUE_INVALID:
        return "user attribute "
            + k
            + " value is null, NaN, infinite or of an unsupported type:"
            + " pass a String, a finite Number, a Boolean or a list of them";
      case USER_ATTRIBUTE_NOT_NUMERIC:
        return "user attribute "
            + k
            + " cannot be incremented: its current value is not a plain decimal number;"
            + " set a number first";
      case IDENTITY_TOO_LONG:
        return "identity "
            + k
            + " has "
            + observed
            + " characters; the platform limit is "
            + limit
            + " (ServiceLimits.userAttributeValueMaxChars): check the value";
      case IDENTITY_INVALID:
        return "identity "
            + k
            + " is null or blank, or its type is missing: pass a non-blank value";
      case VALIDATION_FAILED:
      default:
        return "validation failed unexpectedly on "
            + (key == null ? "the event" : k)
            + ": the event was dropped; please report this";
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ValidationIssue)) {
      return false;
    }
    ValidationIssue that = (ValidationIssue) o;
    return rule == that.rule
        && observed == that.observed
        && limit == that.limit
        && Objects.equals(key, that.key)
        && Objects.equals(eventName, that.eventName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, key, observed, limit, eventName);
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder("ValidationIssue[").append(rule).append(" -> ").append(rule.action());
    if (key != null) {
      s.append(", key='").append(key).append('\'');
    }
    s.append(", observed=").append(observed).append(", limit=").append(limit);
    if (eventName != null) {
      s.append(", event='").append(eventName).append('\'');
    }
    return s.append(']').toString();
  }
}
