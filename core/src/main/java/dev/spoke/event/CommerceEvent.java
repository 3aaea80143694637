package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A commerce event ({@code commerce_event}). It carries exactly one of a product action, a
 * promotion action or product impressions, fixed by the factory that started its builder: {@link
 * #productAction(ProductAction)}, {@link #promotionAction(PromotionAction)} or {@link
 * #impressions(List)}.
 */
public final class CommerceEvent extends Event {
  /** The commerce type number of product impressions in kit filter hashes (WIRE.md section 6). */
  public static final int IMPRESSION_FILTER_NUMBER = 22;

  /** Which of the three mutually exclusive payloads a commerce event carries. */
  public enum Kind {
    /** {@link #productAction()} is set (possibly to null if null was given). */
    PRODUCT_ACTION,
    /** {@link #promotionAction()} is set (possibly to null if null was given). */
    PROMOTION_ACTION,
    /** {@link #impressions()} is set. */
    IMPRESSIONS
  }

  private final Kind kind;
  private final ProductAction productAction;
  private final PromotionAction promotionAction;
  private final List<Impression> impressions;
  private final String currencyCode;
  private final String screenName;
  private final Boolean nonInteractive;
  private final String eventName;
  private final List<Product> shoppingCart;
  private final Map<String, String> customFlags;

  private CommerceEvent(Builder b) {
    super(EventType.COMMERCE_EVENT, b);
    this.kind = b.kind;
    this.productAction = b.productAction;
    this.promotionAction = b.promotionAction;
    this.impressions = Copies.list(b.impressions);
    this.currencyCode = b.currencyCode;
    this.screenName = b.screenName;
    this.nonInteractive = b.nonInteractive;
    this.eventName = b.eventName;
    this.shoppingCart = Copies.list(b.shoppingCart);
    this.customFlags = Copies.map(b.customFlags);
  }

  /**
   * @param productAction the product action, carried as given (even null)
   * @return a builder for a product action event (never throws)
   */
  public static Builder productAction(ProductAction productAction) {
    Builder b = new Builder(Kind.PRODUCT_ACTION);
    b.productAction = productAction;
    return b;
  }

  /**
   * @param promotionAction the promotion action, carried as given (even null)
   * @return a builder for a promotion action event (never throws)
   */
  public static Builder promotionAction(PromotionAction promotionAction) {
    Builder b = new Builder(Kind.PROMOTION_ACTION);
    b.promotionAction = promotionAction;
    return b;
  }

  /**
   * @param impressions the impressions, copied (null elements kept; null means none)
   * @return a builder for an impressions event (never throws)
   */
  public static Builder impressions(List<Impression> impressions) {
    Builder b = new Builder(Kind.IMPRESSIONS);
    b.impressions.addAll(Copies.safeList(impressions));
    return b;
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return which payload this event carries
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the commerce type number for kit filter hashes: the product or promotion action's
   *     number, {@link #IMPRESSION_FILTER_NUMBER} for impressions, or 0 if the action is missing
   */
  public int filterNumber() {
    switch (kind) {
      case PRODUCT_ACTION:
        return productAction != null && productAction.action() != null
            ? productAction.action().filterNumber()
            : 0;
      case PROMOTION_ACTION:
        return promotionAction != null && promotionAction.action() != null
            ? promotionAction.action().filterNumber()
            : 0;
      default:
        return IMPRESSION_FILTER_NUMBER;
    }
  }

  /**
   * @return the product action if {@link #kind()} is {@link Kind#PRODUCT_ACTION}, or null
   */
  public ProductAction productAction() {
    return productAction;
  }

  /**
   * @return the promotion action if {@link #kind()} is {@link Kind#PROMOTION_ACTION}, or null
   */
  public PromotionAction promotionAction() {
    return promotionAction;
  }

  /**
   * @return the impressions (empty unless {@link #kind()} is {@link Kind#IMPRESSIONS}),
   *     unmodifiable
   */
  public List<Impression> impressions() {
    return impressions;
  }

  /**
   * @return the ISO 4217 currency code, or null
   */
  public String currencyCode() {
    return currencyCode;
  }

  /**
   * @return the screen the event happened on, or null
   */
  public String screenName() {
    return screenName;
  }

  /**
   * @return whether the event was not a user interaction, or null
   */
  public Boolean nonInteractive() {
    return nonInteractive;
  }

  /**
   * @return an event name, or null
   */
  public String eventName() {
    return eventName;
  }

  /**
   * @return the shopping cart's products, unmodifiable (entries may be null)
   */
  public List<Product> shoppingCart() {
    return shoppingCart;
  }

  /**
   * @return the custom flags as given, unmodifiable (keys and values may be null)
   */
  public Map<String, String> customFlags() {
    return customFlags;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CommerceEvent)) {
      return false;
    }
    CommerceEvent that = (CommerceEvent) o;
    return commonEquals(that)
        && kind == that.kind
        && Objects.equals(productAction, that.productAction)
        && Objects.equals(promotionAction, that.promotionAction)
        && impressions.equals(that.impressions)
        && Objects.equals(currencyCode, that.currencyCode)
        && Objects.equals(screenName, that.screenName)
        && Objects.equals(nonInteractive, that.nonInteractive)
        && Objects.equals(eventName, that.eventName)
        && shoppingCart.equals(that.shoppingCart)
        && customFlags.equals(that.customFlags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        commonHashCode(),
        kind,
        productAction,
        promotionAction,
        impressions,
        currencyCode,
        screenName,
        nonInteractive,
        eventName,
        shoppingCart,
        customFlags);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("CommerceEvent[kind=").append(kind);
    switch (kind) {
      case PRODUCT_ACTION:
        s.append(", productAction=").append(productAction);
        break;
      case PROMOTION_ACTION:
        s.append(", promotionAction=").append(promotionAction);
        break;
      default:
        s.append(", impressions=").append(impressions);
    }
    s.append(", currencyCode=")
        .append(currencyCode)
        .append(", screenName=")
        .append(screenName)
        .append(", nonInteractive=")
        .append(nonInteractive)
        .append(", eventName=")
        .append(eventName)
        .append(", shoppingCart=")
        .append(shoppingCart)
        .append(", customFlags=")
        .append(customFlags)
        .append(commonToString())
        .append(']');
    return s.toString();
  }

  /**
   * Builds a {@link CommerceEvent}; never throws, carrying whatever it is given. Its kind is fixed
   * by the factory that created it; only that kind's payload can be replaced.
   */
  public static final class Builder extends FlagsBuilder<Builder> {
    private final Kind kind;
    private ProductAction productAction;
    private PromotionAction promotionAction;
    private final List<Impression> impressions = new ArrayList<>();
    private String currencyCode;
    private String screenName;
    private Boolean nonInteractive;
    private String eventName;
    private final List<Product> shoppingCart = new ArrayList<>();

    private Builder(Kind kind) {
      this.kind = kind;
    }

    private Builder(CommerceEvent v) {
      super(v, v.customFlags);
      this.kind = v.kind;
      this.productAction = v.productAction;
      this.promotionAction = v.promotionAction;
      this.impressions.addAll(v.impressions);
      this.currencyCode = v.currencyCode;
      this.screenName = v.screenName;
      this.nonInteractive = v.nonInteractive;
      this.eventName = v.eventName;
      this.shoppingCart.addAll(v.shoppingCart);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @return the kind fixed when this builder was created
     */
    public Kind kind() {
      return kind;
    }

    /**
     * Replaces the product action; ignored unless this builder's kind is {@link
     * Kind#PRODUCT_ACTION}, so that an event never carries two payloads.
     *
     * @param productAction the product action, carried as given
     * @return this builder
     */
    public Builder replaceProductAction(ProductAction productAction) {
      if (kind == Kind.PRODUCT_ACTION) {
        this.productAction = productAction;
      }
      return this;
    }

    /**
     * Replaces the promotion action; ignored unless this builder's kind is {@link
     * Kind#PROMOTION_ACTION}.
     *
     * @param promotionAction the promotion action, carried as given
     * @return this builder
     */
    public Builder replacePromotionAction(PromotionAction promotionAction) {
      if (kind == Kind.PROMOTION_ACTION) {
        this.promotionAction = promotionAction;
      }
      return this;
    }

    /**
     * Replaces the impressions; ignored unless this builder's kind is {@link Kind#IMPRESSIONS}.
     *
     * @param impressions the impressions, copied (null elements kept; null means none)
     * @return this builder
     */
    public Builder replaceImpressions(List<Impression> impressions) {
      if (kind == Kind.IMPRESSIONS) {
        this.impressions.clear();
        this.impressions.addAll(Copies.safeList(impressions));
      }
      return this;
    }

    /**
     * @param currencyCode an ISO 4217 currency code, carried as given
     * @return this builder
     */
    public Builder currencyCode(String currencyCode) {
      this.currencyCode = currencyCode;
      return this;
    }

    /**
     * @param screenName the screen the event happened on, carried as given
     * @return this builder
     */
    public Builder screenName(String screenName) {
      this.screenName = screenName;
      return this;
    }

    /**
     * @param nonInteractive whether the event was not a user interaction, or null
     * @return this builder
     */
    public Builder nonInteractive(Boolean nonInteractive) {
      this.nonInteractive = nonInteractive;
      return this;
    }

    /**
     * @param eventName an event name, carried as given
     * @return this builder
     */
    public Builder eventName(String eventName) {
      this.eventName = eventName;
      return this;
    }

    /**
     * Replaces the shopping cart.
     *
     * @param products the cart's products, copied (null elements kept; null means empty)
     * @return this builder
     */
    public Builder shoppingCart(List<Product> products) {
      this.shoppingCart.clear();
      this.shoppingCart.addAll(Copies.safeList(products));
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public CommerceEvent build() {
      return new CommerceEvent(this);
    }
  }
}
