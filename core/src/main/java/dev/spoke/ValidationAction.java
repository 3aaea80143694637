package dev.spoke;

/**
 * What local validation did about a {@link ValidationIssue}; each {@link ValidationRule} has
 * exactly one.
 */
public enum ValidationAction {
  /** The whole event was dropped: it is neither uploaded nor forwarded to kits. */
  DROP_EVENT,
  /**
   * One attribute (or one field, or one list entry) was removed; the rest of the event was kept.
   */
  DROP_ATTRIBUTE,
  /** All custom attributes (or all custom flags) of the event were removed; the event was kept. */
  DROP_ALL_ATTRIBUTES,
  /** A text field was shortened to its documented cap. */
  TRUNCATE,
  /**
   * Characters the platform cannot carry were replaced or removed; see {@link
   * ValidationRule#STRING_SANITIZED}.
   */
  SANITIZE,
  /** The event timestamp was reset to the current time. */
  RESET_TIMESTAMP,
  /** The user attribute operation was refused; the user's attributes are unchanged. */
  REFUSE_USER_ATTRIBUTE,
  /** The identity was refused and not sent. */
  REFUSE_IDENTITY
}
