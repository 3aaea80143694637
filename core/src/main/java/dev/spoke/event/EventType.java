package dev.spoke.event;

/** The platform's event types (WIRE.md section 3), each with its {@code event_type} wire name. */
public enum EventType {
  SESSION_START("session_start"),
  SESSION_END("session_end"),
  SCREEN_VIEW("screen_view"),
  CUSTOM_EVENT("custom_event"),
  CRASH_REPORT("crash_report"),
  OPT_OUT("opt_out"),
  FIRST_RUN("first_run"),
  APPLICATION_STATE_TRANSITION("application_state_transition"),
  PUSH_REGISTRATION("push_registration"),
  PUSH_MESSAGE("push_message"),
  NETWORK_PERFORMANCE("network_performance"),
  BREADCRUMB("breadcrumb"),
  PROFILE("profile"),
  COMMERCE_EVENT("commerce_event"),
  USER_ATTRIBUTE_CHANGE("user_attribute_change"),
  USER_IDENTITY_CHANGE("user_identity_change"),
  UNINSTALL("uninstall");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * @return the {@code event_type} value on the wire, e.g. {@code "custom_event"}
   */
  public String wireName() {
    return wireName;
  }
}
