package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A product in a commerce event. Carries values as given. */
public final class Product {
  private final String id;
  private final String name;
  private final String brand;
  private final String category;
  private final String variant;
  private final Integer position;
  private final Double price;
  private final Double quantity;
  private final Double totalProductAmount;
  private final String couponCode;
  private final Long addedToCartTimeMillis;
  private final Map<String, Object> customAttributes;

  private Product(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.brand = b.brand;
    this.category = b.category;
    this.variant = b.variant;
    this.position = b.position;
    this.price = b.price;
    this.quantity = b.quantity;
    this.totalProductAmount = b.totalProductAmount;
    this.couponCode = b.couponCode;
    this.addedToCartTimeMillis = b.addedToCartTimeMillis;
    this.customAttributes = Copies.map(b.customAttributes);
  }

  /**
   * @param id the product id (SKU), or null
   * @param name the product name, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String id, String name) {
    Builder b = new Builder();
    b.id(id);
    b.name(name);
    return b;
  }

  /**
   * @return an empty builder (never throws)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the product id (SKU), or null
   */
  public String id() {
    return id;
  }

  /**
   * @return the product name, or null
   */
  public String name() {
    return name;
  }

  /**
   * @return the brand, or null
   */
  public String brand() {
    return brand;
  }

  /**
   * @return the category, or null
   */
  public String category() {
    return category;
  }

  /**
   * @return the variant, or null
   */
  public String variant() {
    return variant;
  }

  /**
   * @return the position in a list, or null
   */
  public Integer position() {
    return position;
  }

  /**
   * @return the unit price, or null
   */
  public Double price() {
    return price;
  }

  /**
   * @return the quantity, or null
   */
  public Double quantity() {
    return quantity;
  }

  /**
   * @return the total amount for this product, or null
   */
  public Double totalProductAmount() {
    return totalProductAmount;
  }

  /**
   * @return the coupon code, or null
   */
  public String couponCode() {
    return couponCode;
  }

  /**
   * @return when the product was added to the cart, epoch milliseconds, or null
   */
  public Long addedToCartTimeMillis() {
    return addedToCartTimeMillis;
  }

  /**
   * @return the custom attributes as given, unmodifiable (keys and values may be null)
   */
  public Map<String, Object> customAttributes() {
    return customAttributes;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Product that && values().equals(that.values()));
  }

  /** Same value as {@code Objects.hash} of the fields: a list's hash is defined the same way. */
  @Override
  public int hashCode() {
    return values().hashCode();
  }

  /** Every field, in declaration order, for {@code equals} and {@code hashCode}. */
  private List<Object> values() {
    return Arrays.asList(
        id,
        name,
        brand,
        category,
        variant,
        position,
        price,
        quantity,
        totalProductAmount,
        couponCode,
        addedToCartTimeMillis,
        customAttributes);
  }

  @Override
  public String toString() {
    return "Product["
        + "id="
        + id
        + ", name="
        + name
        + ", brand="
        + brand
        + ", category="
        + category
        + ", variant="
        + variant
        + ", position="
        + position
        + ", price="
        + price
        + ", quantity="
        + quantity
        + ", totalProductAmount="
        + totalProductAmount
        + ", couponCode="
        + couponCode
        + ", addedToCartTimeMillis="
        + addedToCartTimeMillis
        + ", customAttributes="
        + customAttributes
        + "]";
  }

  /** Builds a {@link Product}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private String id;
    private String name;
    private String brand;
    private String category;
    private String variant;
    private Integer position;
    private Double price;
    private Double quantity;
    private Double totalProductAmount;
    private String couponCode;
    private Long addedToCartTimeMillis;
    private final Map<String, Object> customAttributes = new LinkedHashMap<>();

    private Builder() {}

    private Builder(Product v) {
      this.id = v.id;
      this.name = v.name;
      this.brand = v.brand;
      this.category = v.category;
      this.variant = v.variant;
      this.position = v.position;
      this.price = v.price;
      this.quantity = v.quantity;
      this.totalProductAmount = v.totalProductAmount;
      this.couponCode = v.couponCode;
      this.addedToCartTimeMillis = v.addedToCartTimeMillis;
      this.customAttributes.putAll(v.customAttributes);
    }

    /**
     * @param id the product id (SKU), or null
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * @param name the product name, or null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param brand the brand, or null
     * @return this builder
     */
    public Builder brand(String brand) {
      this.brand = brand;
      return this;
    }

    /**
     * @param category the category, or null
     * @return this builder
     */
    public Builder category(String category) {
      this.category = category;
      return this;
    }

    /**
     * @param variant the variant, or null
     * @return this builder
     */
    public Builder variant(String variant) {
      this.variant = variant;
      return this;
    }

    /**
     * @param position the position in a list, or null
     * @return this builder
     */
    public Builder position(Integer position) {
      this.position = position;
      return this;
    }

    /**
     * @param price the unit price, or null
     * @return this builder
     */
    public Builder price(Double price) {
      this.price = price;
      return this;
    }

    /**
     * @param quantity the quantity, or null
     * @return this builder
     */
    public Builder quantity(Double quantity) {
      this.quantity = quantity;
      return this;
    }

    /**
     * @param totalProductAmount the total amount for this product, or null
     * @return this builder
     */
    public Builder totalProductAmount(Double totalProductAmount) {
      this.totalProductAmount = totalProductAmount;
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
     * @param addedToCartTimeMillis when the product was added to the cart, epoch milliseconds, or
     *     null
     * @return this builder
     */
    public Builder addedToCartTimeMillis(Long addedToCartTimeMillis) {
      this.addedToCartTimeMillis = addedToCartTimeMillis;
      return this;
    }

    /**
     * @param key attribute key, carried as given
     * @param value attribute value, carried as given
     * @return this builder
     */
    public Builder attribute(String key, String value) {
      customAttributes.put(key, value);
      return this;
    }

    /**
     * @param key attribute key, carried as given
     * @param value attribute value, carried as given
     * @return this builder
     */
    public Builder attribute(String key, Number value) {
      customAttributes.put(key, value);
      return this;
    }

    /**
     * @param key attribute key, carried as given
     * @param value attribute value, carried as given
     * @return this builder
     */
    public Builder attribute(String key, boolean value) {
      customAttributes.put(key, value);
      return this;
    }

    /**
     * Adds (or replaces) attributes, keeping null keys and values.
     *
     * @param attributes attributes to add, may be null
     * @return this builder
     */
    public Builder attributes(Map<String, ?> attributes) {
      Copies.putAll(customAttributes, attributes);
      return this;
    }

    /**
     * @return this builder, without any attributes
     */
    public Builder clearAttributes() {
      customAttributes.clear();
      return this;
    }

    /**
     * @return the value
     */
    public Product build() {
      return new Product(this);
    }
  }
}
