package dev.spoke;

/**
 * The local validation rules, one per platform limit or wire requirement (WIRE.md sections 2 to 4),
 * each with the {@link ValidationAction} Spoke takes when it is broken. The actions follow what the
 * platform's own SDKs do. Outside strict mode a broken rule is fixed as documented and reported to
 * the validation listener; in strict mode it throws {@link SpokeValidationException} instead.
 *
 * <p>All lengths are counted in {@code char}s ({@link String#length()}, UTF-16 code units), as the
 * platform's SDKs count them: a character outside the Basic Multilingual Plane counts as two.
 */
public enum ValidationRule {
  /**
   * The event's name is null or blank: a custom event's name, a screen view's screen name, a
   * breadcrumb's label or a network performance event's url. The event is dropped.
   */
  EVENT_NAME_MISSING(ValidationAction.DROP_EVENT),
  /**
   * The event name (custom event name, screen name, commerce event name) is longer than {@link
   * ServiceLimits#eventNameMaxChars()} (default 256). The name is truncated to the limit (never
   * inside a surrogate pair) and the event is kept, as the Events API does with server-to-server
   * data and the Android SDK does with event names (docs/WIRE.md section 4).
   */
  EVENT_NAME_TOO_LONG(ValidationAction.TRUNCATE),
  /**
   * A field the wire format requires is missing: a custom event type, a commerce event's product or
   * promotion action (or its action type), an application state transition type, a profile event
   * type, a push registration token, a push message's type, token or payload, a user attribute
   * change's name, a user identity change's identities. The event is dropped.
   */
  REQUIRED_FIELD_MISSING(ValidationAction.DROP_EVENT),
  /**
   * The event (or a product, or the custom flags) has more custom attributes than {@link
   * ServiceLimits#attributesPerEvent()} (default 100). The event is kept and ALL its custom
   * attributes (or flags) are dropped, as the platform's SDKs do.
   */
  TOO_MANY_EVENT_ATTRIBUTES(ValidationAction.DROP_ALL_ATTRIBUTES),
  /** An event attribute (or custom flag) key is null or blank. That attribute is dropped. */
  EVENT_ATTRIBUTE_KEY_INVALID(ValidationAction.DROP_ATTRIBUTE),
  /**
   * An event attribute (or custom flag) key is longer than {@link
   * ServiceLimits#eventAttributeKeyMaxChars()} (default 256). That attribute is dropped.
   */
  EVENT_ATTRIBUTE_KEY_TOO_LONG(ValidationAction.DROP_ATTRIBUTE),
  /**
   * An event attribute (or custom flag) value, as text, is longer than {@link
   * ServiceLimits#eventAttributeValueMaxChars()} (default 4096). That attribute is dropped.
   */
  EVENT_ATTRIBUTE_VALUE_TOO_LONG(ValidationAction.DROP_ATTRIBUTE),
  /**
   * An event attribute (or custom flag) value is null, NaN or infinite, or of a type the wire
   * cannot carry (anything but a String, CharSequence, Character, Boolean or Number, e.g. a Map or
   * a List). That attribute is dropped.
   */
  EVENT_ATTRIBUTE_VALUE_INVALID(ValidationAction.DROP_ATTRIBUTE),
  /**
   * A field of the event model holds a value the wire cannot carry: a non-finite or out-of-range
   * location, a non-finite price or amount, a null product, impression, promotion or crash
   * breadcrumb entry. That field or entry is removed; the event is kept.
   */
  FIELD_INVALID(ValidationAction.DROP_ATTRIBUTE),
  /**
   * A string held an unpaired UTF-16 surrogate (replaced by U+FFFD) or an ISO control character
   * (removed; values and free text keep tab, line feed and carriage return, names and keys do not).
   */
  STRING_SANITIZED(ValidationAction.SANITIZE),
  /**
   * A free-text field without a platform limit was longer than Spoke's cap and was truncated (never
   * inside a surrogate pair), so that one event's text cannot outgrow a 128 KB batch. Caps: crash
   * stack trace 16384 chars; crash message 4096; a url 2048; every other free-text field (crash
   * class name and severity, crash breadcrumb entries, breadcrumb label, http verb, push
   * registration token, currency code, commerce screen name, product, promotion and product action
   * fields, push message token and network) 1024; push message text 4096, payload 4096, action
   * identifier 100 (the JSON reference's limit). A crash report keeps its last 50 breadcrumbs.
   */
  FIELD_TRUNCATED(ValidationAction.TRUNCATE),
  /**
   * The event timestamp is more than {@link ServiceLimits#futureToleranceMillis()} (default 15
   * minutes) in the future. It is reset to now, as the platform would do on arrival; past
   * timestamps are never altered.
   */
  TIMESTAMP_IN_FUTURE(ValidationAction.RESET_TIMESTAMP),
  /** A user attribute name is null or blank. The operation is refused. */
  USER_ATTRIBUTE_NAME_INVALID(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * A user attribute name is longer than {@link ServiceLimits#userAttributeNameMaxChars()} (default
   * 256). The operation is refused.
   */
  USER_ATTRIBUTE_NAME_TOO_LONG(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * The user already has {@link ServiceLimits#userAttributesPerUser()} (default 100) attributes; a
   * new one is refused (existing ones may still change).
   */
  TOO_MANY_USER_ATTRIBUTES(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * A scalar user attribute value is longer than {@link ServiceLimits#userAttributeValueMaxChars()}
   * (default 4096). The operation is refused.
   */
  USER_ATTRIBUTE_VALUE_TOO_LONG(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * A list user attribute has more than {@link ServiceLimits#userAttributeListMaxEntries()}
   * (default 1000) entries. The operation is refused.
   */
  USER_ATTRIBUTE_LIST_TOO_LONG(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * An entry of a list user attribute is longer than {@link
   * ServiceLimits#userAttributeListEntryMaxChars()} (default 512). The operation is refused.
   */
  USER_ATTRIBUTE_LIST_ENTRY_TOO_LONG(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * The operation would switch an attribute between a scalar and a list (WIRE.md section 2 forbids
   * it). The operation is refused; remove the attribute first to change its kind.
   */
  USER_ATTRIBUTE_TYPE_CHANGED(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * The operation would make the user's attributes take more than half a batch on the wire ({@link
   * ServiceLimits#batchMaxBytes()} / 2, 64 KB by default, counted as JSON-escaped UTF-8). Each
   * attribute may be within its own limit and the sum still leave no room for events in the batch
   * that carries them, which would make every later event of the user undeliverable. The operation
   * is refused; changes that make the attributes smaller are always taken.
   */
  USER_ATTRIBUTES_TOO_LARGE(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * A user attribute value (or list, or list entry, or increment delta) is null where a value is
   * needed, NaN or infinite, or of an unsupported type (e.g. a Map). The operation is refused.
   */
  USER_ATTRIBUTE_VALUE_INVALID(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * An increment targets an attribute whose current value is not a plain decimal number (optional
   * sign, digits, optional fraction) or is a tag. The operation is refused.
   */
  USER_ATTRIBUTE_NOT_NUMERIC(ValidationAction.REFUSE_USER_ATTRIBUTE),
  /**
   * An identity value is longer than {@link ServiceLimits#userAttributeValueMaxChars()} (default
   * 4096, the limit the platform's Android SDK applies to identities). The identity is refused.
   */
  IDENTITY_TOO_LONG(ValidationAction.REFUSE_IDENTITY),
  /** An identity value is null or blank, or its type is missing. The identity is refused. */
  IDENTITY_INVALID(ValidationAction.REFUSE_IDENTITY),
  /**
   * Validation itself failed on an input it could not inspect (a defect, reported rather than
   * thrown into the host). The event is dropped.
   */
  VALIDATION_FAILED(ValidationAction.DROP_EVENT);

  private final ValidationAction action;

  ValidationRule(ValidationAction action) {
    this.action = action;
  }

  /**
   * @return what Spoke does when this rule is broken
   */
  public ValidationAction action() {
    return action;
  }
}
