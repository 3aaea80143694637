package dev.spoke.event;

/**
 * The action of a {@link PromotionAction}, with its wire name and the number used in kit filter
 * hashes.
 */
public enum PromotionActionType {
  VIEW("view", 18),
  CLICK("click", 19);

  private final String wireName;
  private final int filterNumber;

  PromotionActionType(String wireName, int filterNumber) {
    this.wireName = wireName;
    this.filterNumber = filterNumber;
  }

  /**
   * @return the {@code promotion_action.action} value on the wire
   */
  public String wireName() {
    return wireName;
  }

  /**
   * @return the commerce type number used in kit filter hashes (WIRE.md section 6)
   */
  public int filterNumber() {
    return filterNumber;
  }
}
