package dev.spoke.event;

import java.util.Objects;

/** An internal promotion shown or clicked in a commerce event. */
public final class Promotion {
  private final String id;
  private final String name;
  private final String creative;
  private final String position;

  private Promotion(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.creative = b.creative;
    this.position = b.position;
  }

  /**
   * @param id the promotion id, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String id) {
    Builder b = new Builder();
    b.id(id);
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the promotion id, or null
   */
  public String id() {
    return id;
  }

  /**
   * @return the promotion name, or null
   */
  public String name() {
    return name;
  }

  /**
   * @return the creative, or null
   */
  public String creative() {
    return creative;
  }

  /**
   * @return the position (a slot name), or null
   */
  public String position() {
    return position;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Promotion)) {
      return false;
    }
    Promotion that = (Promotion) o;
    return Objects.equals(id, that.id)
        && Objects.equals(name, that.name)
        && Objects.equals(creative, that.creative)
        && Objects.equals(position, that.position);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, creative, position);
  }

  @Override
  public String toString() {
    return "Promotion["
        + "id="
        + id
        + ", name="
        + name
        + ", creative="
        + creative
        + ", position="
        + position
        + "]";
  }

  /** Builds a {@link Promotion}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private String id;
    private String name;
    private String creative;
    private String position;

    private Builder() {}

    private Builder(Promotion v) {
      this.id = v.id;
      this.name = v.name;
      this.creative = v.creative;
      this.position = v.position;
    }

    /**
     * @param id the promotion id, or null
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * @param name the promotion name, or null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param creative the creative, or null
     * @return this builder
     */
    public Builder creative(String creative) {
      this.creative = creative;
      return this;
    }

    /**
     * @param position the position (a slot name), or null
     * @return this builder
     */
    public Builder position(String position) {
      this.position = position;
      return this;
    }

    /**
     * @return the value
     */
    public Promotion build() {
      return new Promotion(this);
    }
  }
}
