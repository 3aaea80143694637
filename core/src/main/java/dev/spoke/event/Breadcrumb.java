package dev.spoke.event;

import java.util.Objects;

/** A breadcrumb ({@code breadcrumb}): a labelled step, later attached to crash reports. */
public final class Breadcrumb extends Event {
  private final String label;

  private Breadcrumb(Builder b) {
    super(EventType.BREADCRUMB, b);
    this.label = b.label;
  }

  /**
   * @param label the label as given, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String label) {
    Builder b = new Builder();
    b.label(label);
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
   * @return the label as given, or null
   */
  public String label() {
    return label;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Breadcrumb)) {
      return false;
    }
    Breadcrumb that = (Breadcrumb) o;
    return commonEquals(that) && Objects.equals(label, that.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), label);
  }

  @Override
  public String toString() {
    return "Breadcrumb[" + "label=" + label + commonToString() + "]";
  }

  /** Builds a {@link Breadcrumb}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private String label;

    private Builder() {}

    private Builder(Breadcrumb v) {
      super(v);
      this.label = v.label;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param label the label as given, or null
     * @return this builder
     */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public Breadcrumb build() {
      return new Breadcrumb(this);
    }
  }
}
