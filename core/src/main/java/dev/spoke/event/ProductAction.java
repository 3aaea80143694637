package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A product action of a commerce event, e.g. a purchase. */
public final class ProductAction {
  private final ProductActionType action;
  private final Integer checkoutStep;
  private final String checkoutOptions;
  private final String productActionList;
  private final String productListSource;
  private final String transactionId;
  private final String affiliation;
  private final Double totalAmount;
  private final Double taxAmount;
  private final Double shippingAmount;
  private final String couponCode;
  private final List<Product> products;

  private ProductAction(Builder b) {
    this.action = b.action;
    this.checkoutStep = b.checkoutStep;
    this.checkoutOptions = b.checkoutOptions;
    this.productActionList = b.productActionList;
    this.productListSource = b.productListSource;
    this.transactionId = b.transactionId;
    this.affiliation = b.affiliation;
    this.totalAmount = b.totalAmount;
    this.taxAmount = b.taxAmount;
    this.shippingAmount = b.shippingAmount;
    this.couponCode = b.couponCode;
    this.products = Copies.list(b.products);
  }

  /**
   * @param action the action, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(ProductActionType action) {
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
  public ProductActionType action() {
    return action;
  }

  /**
   * @return the checkout step, or null
   */
  public Integer checkoutStep() {
    return checkoutStep;
  }

  /**
   * @return the checkout options, or null
   */
  public String checkoutOptions() {
    return checkoutOptions;
  }

  /**
   * @return the product list the action came from, or null
   */
  public String productActionList() {
    return productActionList;
  }

  /**
   * @return the source of the product list, or null
   */
  public String productListSource() {
    return productListSource;
  }

  /**
   * @return the transaction id, or null
   */
  public String transactionId() {
    return transactionId;
  }

  /**
   * @return the affiliation, or null
   */
  public String affiliation() {
    return affiliation;
  }

  /**
   * @return the total amount, or null
   */
  public Double totalAmount() {
    return totalAmount;
  }

  /**
   * @return the tax amount, or null
   */
  public Double taxAmount() {
    return taxAmount;
  }

  /**
   * @return the shipping amount, or null
   */
  public Double shippingAmount() {
    return shippingAmount;
  }

  /**
   * @return the coupon code, or null
   */
  public String couponCode() {
    return couponCode;
  }

  /**
   * @return the products, unmodifiable (entries may be null)
   */
  public List<Product> products() {
    return products;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ProductAction)) {
      return false;
    }
    ProductAction that = (ProductAction) o;
    return Objects.equals(action, that.action)
        && Objects.equals(checkoutStep, that.checkoutStep)
        && Objects.equals(checkoutOptions, that.checkoutOptions)
        && Objects.equals(productActionList, that.productActionList)
        && Objects.equals(productListSource, that.productListSource)
        && Objects.equals(transactionId, that.transactionId)
        && Objects.equals(affiliation, that.affiliation)
        && Objects.equals(totalAmount, that.totalAmount)
        && Objects.equals(taxAmount, that.taxAmount)
        && Objects.equals(shippingAmount, that.shippingAmount)
        && Objects.equals(couponCode, that.couponCode)
        && Objects.equals(products, that.products);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        action,
        checkoutStep,
        checkoutOptions,
        productActionList,
        productListSource,
        transactionId,
        affiliation,
        totalAmount,
        taxAmount,
        shippingAmount,
        couponCode,
        products);
  }

  @Override
  public String toString() {
    return "ProductAction["
        + "action="
        + action
        + ", checkoutStep="
        + checkoutStep
        + ", checkoutOptions="
        + checkoutOptions
        + ", productActionList="
        + productActionList
        + ", productListSource="
        + productListSource
        + ", transactionId="
        + transactionId
        + ", affiliation="
        + affiliation
        + ", totalAmount="
        + totalAmount
        + ", taxAmount="
        + taxAmount
        + ", shippingAmount="
        + shippingAmount
        + ", couponCode="
        + couponCode
        + ", products="
        + products
        + "]";
  }

  /** Builds a {@link ProductAction}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private ProductActionType action;
    private Integer checkoutStep;
    private String checkoutOptions;
    private String productActionList;
    private String productListSource;
    private String transactionId;
    private String affiliation;
    private Double totalAmount;
    private Double taxAmount;
    private Double shippingAmount;
    private String couponCode;
    private ArrayList<Product> products = new ArrayList<>();

    private Builder() {}

    private Builder(ProductAction v) {
      this.action = v.action;
      this.checkoutStep = v.checkoutStep;
      this.checkoutOptions = v.checkoutOptions;
      this.productActionList = v.productActionList;
      this.productListSource = v.productListSource;
      this.transactionId = v.transactionId;
      this.affiliation = v.affiliation;
      this.totalAmount = v.totalAmount;
      this.taxAmount = v.taxAmount;
      this.shippingAmount = v.shippingAmount;
      this.couponCode = v.couponCode;
      this.products.addAll(v.products);
    }

    /**
     * @param action the action, or null if null was given
     * @return this builder
     */
    public Builder action(ProductActionType action) {
      this.action = action;
      return this;
    }

    /**
     * @param checkoutStep the checkout step, or null
     * @return this builder
     */
    public Builder checkoutStep(Integer checkoutStep) {
      this.checkoutStep = checkoutStep;
      return this;
    }

    /**
     * @param checkoutOptions the checkout options, or null
     * @return this builder
     */
    public Builder checkoutOptions(String checkoutOptions) {
      this.checkoutOptions = checkoutOptions;
      return this;
    }

    /**
     * @param productActionList the product list the action came from, or null
     * @return this builder
     */
    public Builder productActionList(String productActionList) {
      this.productActionList = productActionList;
      return this;
    }

    /**
     * @param productListSource the source of the product list, or null
     * @return this builder
     */
    public Builder productListSource(String productListSource) {
      this.productListSource = productListSource;
      return this;
    }

    /**
     * @param transactionId the transaction id, or null
     * @return this builder
     */
    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    /**
     * @param affiliation the affiliation, or null
     * @return this builder
     */
    public Builder affiliation(String affiliation) {
      this.affiliation = affiliation;
      return this;
    }

    /**
     * @param totalAmount the total amount, or null
     * @return this builder
     */
    public Builder totalAmount(Double totalAmount) {
      this.totalAmount = totalAmount;
      return this;
    }

    /**
     * @param taxAmount the tax amount, or null
     * @return this builder
     */
    public Builder taxAmount(Double taxAmount) {
      this.taxAmount = taxAmount;
      return this;
    }

    /**
     * @param shippingAmount the shipping amount, or null
     * @return this builder
     */
    public Builder shippingAmount(Double shippingAmount) {
      this.shippingAmount = shippingAmount;
      return this;
    }

    /**
     * @param couponCode the coupon code, or null
     * @return this builder
     */
    public Builder couponCode(String couponCode) {
      this.couponCode = couponCode;
      return this;
    }

    /**
     * Replaces the products; the list is copied, null elements are kept.
     *
     * @param products the products, unmodifiable (entries may be null); null means none
     * @return this builder
     */
    public Builder products(List<Product> products) {
      this.products = new ArrayList<>(Copies.safeList(products));
      return this;
    }

    /**
     * @param product one more entry, carried as given
     * @return this builder
     */
    public Builder product(Product product) {
      this.products.add(product);
      return this;
    }

    /**
     * @return the value
     */
    public ProductAction build() {
      return new ProductAction(this);
    }
  }
}
