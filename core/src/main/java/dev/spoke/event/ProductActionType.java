package dev.spoke.event;

/**
 * The action of a {@link ProductAction}, with its wire name and the number used in kit filter
 * hashes.
 */
public enum ProductActionType {
  ADD_TO_CART("add_to_cart", 10),
  REMOVE_FROM_CART("remove_from_cart", 11),
  CHECKOUT("checkout", 12),
  CHECKOUT_OPTION("checkout_option", 13),
  CLICK("click", 14),
  VIEW_DETAIL("view_detail", 15),
  PURCHASE("purchase", 16),
  REFUND("refund", 17),
  ADD_TO_WISHLIST("add_to_wishlist", 20),
  /** Note the platform's spelling on the wire: {@code remove_from_wish_list}. */
  REMOVE_FROM_WISHLIST("remove_from_wish_list", 21);

  private final String wireName;
  private final int filterNumber;

  ProductActionType(String wireName, int filterNumber) {
    this.wireName = wireName;
    this.filterNumber = filterNumber;
  }

  /**
   * @return the {@code product_action.action} value on the wire
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
