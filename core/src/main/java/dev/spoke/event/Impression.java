package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A product impression of a commerce event: products seen in a named list. */
public final class Impression {
  private final String listName;
  private final List<Product> products;

  private Impression(Builder b) {
    this.listName = b.listName;
    this.products = Copies.list(b.products);
  }

  /**
   * @param listName the list name ({@code product_impression_list}), or null
   * @return a builder (never throws)
   */
  public static Builder builder(String listName) {
    Builder b = new Builder();
    b.listName(listName);
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the list name ({@code product_impression_list}), or null
   */
  public String listName() {
    return listName;
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
    if (!(o instanceof Impression)) {
      return false;
    }
    Impression that = (Impression) o;
    return Objects.equals(listName, that.listName) && Objects.equals(products, that.products);
  }

  @Override
  public int hashCode() {
    return Objects.hash(listName, products);
  }

  @Override
  public String toString() {
    return "Impression[" + "listName=" + listName + ", products=" + products + "]";
  }

  /** Builds a {@link Impression}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private String listName;
    private ArrayList<Product> products = new ArrayList<>();

    private Builder() {}

    private Builder(Impression v) {
      this.listName = v.listName;
      this.products.addAll(v.products);
    }

    /**
     * @param listName the list name ({@code product_impression_list}), or null
     * @return this builder
     */
    public Builder listName(String listName) {
      this.listName = listName;
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
    public Impression build() {
      return new Impression(this);
    }
  }
}
