package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A promotion action of a commerce event: promotions viewed or clicked. */
public final class PromotionAction {
  private final PromotionActionType action;
  private final List<Promotion> promotions;

  private PromotionAction(Builder b) {
    this.action = b.action;
    this.promotions = Copies.list(b.promotions);
  }

  /**
   * @param action the action, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(PromotionActionType action) {
    Builder b = new Builder();
    b.action(action);
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the action, or null if null was given
   */
  public PromotionActionType action() {
    return action;
  }

  /**
   * @return the promotions, unmodifiable (entries may be null)
   */
  public List<Promotion> promotions() {
    return promotions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PromotionAction)) {
      return false;
    }
    PromotionAction that = (PromotionAction) o;
    return Objects.equals(action, that.action) && Objects.equals(promotions, that.promotions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, promotions);
  }

  @Override
  public String toString() {
    return "PromotionAction[" + "action=" + action + ", promotions=" + promotions + "]";
  }

  /** Builds a {@link PromotionAction}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private PromotionActionType action;
    private ArrayList<Promotion> promotions = new ArrayList<>();

    private Builder() {}

    private Builder(PromotionAction v) {
      this.action = v.action;
      this.promotions.addAll(v.promotions);
    }

    /**
     * @param action the action, or null if null was given
     * @return this builder
     */
    public Builder action(PromotionActionType action) {
      this.action = action;
      return this;
    }

    /**
     * Replaces the promotions; the list is copied, null elements are kept.
     *
     * @param promotions the promotions, unmodifiable (entries may be null); null means none
     * @return this builder
     */
    public Builder promotions(List<Promotion> promotions) {
      this.promotions = new ArrayList<>(Copies.safeList(promotions));
      return this;
    }

    /**
     * @param promotion one more entry, carried as given
     * @return this builder
     */
    public Builder promotion(Promotion promotion) {
      this.promotions.add(promotion);
      return this;
    }

    /**
     * @return the value
     */
    public PromotionAction build() {
      return new PromotionAction(this);
    }
  }
}
