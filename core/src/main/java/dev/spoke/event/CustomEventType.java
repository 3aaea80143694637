package dev.spoke.event;

/**
 * The type of a {@link CustomEvent}, with its wire name and the number used in kit filter hashes.
 * Media is a custom event of type {@link #MEDIA}.
 */
public enum CustomEventType {
  NAVIGATION(1, "navigation"),
  LOCATION(2, "location"),
  SEARCH(3, "search"),
  TRANSACTION(4, "transaction"),
  USER_CONTENT(5, "user_content"),
  USER_PREFERENCE(6, "user_preference"),
  SOCIAL(7, "social"),
  OTHER(8, "other"),
  MEDIA(9, "media");

  private final int filterNumber;
  private final String wireName;

  CustomEventType(int filterNumber, String wireName) {
    this.filterNumber = filterNumber;
    this.wireName = wireName;
  }

  /**
   * @return the {@code custom_event_type} value on the wire
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @return the type number used in kit filter hashes (WIRE.md section 6)
   */
  public int filterNumber() {
    return filterNumber;
  }
}
