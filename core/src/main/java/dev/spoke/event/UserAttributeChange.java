package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.Collection;
import java.util.Objects;

/**
 * A change of one user attribute ({@code user_attribute_change}). Values are a String, a {@code
 * List<String>} (copied, unmodifiable) or null; other values are carried raw for validation to
 * report.
 */
public final class UserAttributeChange extends Event {
  private final String name;
  private final Object newValue;
  private final Object oldValue;
  private final boolean deleted;
  private final boolean newAttribute;

  private UserAttributeChange(Builder b) {
    super(EventType.USER_ATTRIBUTE_CHANGE, b);
    this.name = b.name;
    this.newValue = b.newValue;
    this.oldValue = b.oldValue;
    this.deleted = b.deleted;
    this.newAttribute = b.newAttribute;
  }

  /**
   * @param name the attribute name, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String name) {
    Builder b = new Builder();
    b.name(name);
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
   * @return the attribute name, or null
   */
  public String name() {
    return name;
  }

  /**
   * @return the new value (String, unmodifiable List, or null when removed)
   */
  public Object newValue() {
    return newValue;
  }

  /**
   * @return the old value (String, unmodifiable List, or null for a new attribute)
   */
  public Object oldValue() {
    return oldValue;
  }

  /**
   * @return true if the attribute was removed
   */
  public boolean deleted() {
    return deleted;
  }

  /**
   * @return true if the attribute did not exist before
   */
  public boolean newAttribute() {
    return newAttribute;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UserAttributeChange)) {
      return false;
    }
    UserAttributeChange that = (UserAttributeChange) o;
    return commonEquals(that)
        && Objects.equals(name, that.name)
        && Objects.equals(newValue, that.newValue)
        && Objects.equals(oldValue, that.oldValue)
        && deleted == that.deleted
        && newAttribute == that.newAttribute;
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), name, newValue, oldValue, deleted, newAttribute);
  }

  @Override
  public String toString() {
    return "UserAttributeChange["
        + "name="
        + name
        + ", newValue="
        + newValue
        + ", oldValue="
        + oldValue
        + ", deleted="
        + deleted
        + ", newAttribute="
        + newAttribute
        + commonToString()
        + "]";
  }

  /** Builds a {@link UserAttributeChange}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private String name;
    private Object newValue;
    private Object oldValue;
    private boolean deleted;
    private boolean newAttribute;

    private Builder() {}

    private Builder(UserAttributeChange v) {
      super(v);
      this.name = v.name;
      this.newValue = v.newValue;
      this.oldValue = v.oldValue;
      this.deleted = v.deleted;
      this.newAttribute = v.newAttribute;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param name the attribute name, or null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param newValue the new value (String, unmodifiable List, or null when removed); a collection
     *     is copied
     * @return this builder
     */
    public Builder newValue(Object newValue) {
      this.newValue =
          newValue instanceof Collection ? Copies.safeList((Collection<?>) newValue) : newValue;
      return this;
    }

    /**
     * @param oldValue the old value (String, unmodifiable List, or null for a new attribute); a
     *     collection is copied
     * @return this builder
     */
    public Builder oldValue(Object oldValue) {
      this.oldValue =
          oldValue instanceof Collection ? Copies.safeList((Collection<?>) oldValue) : oldValue;
      return this;
    }

    /**
     * @param deleted true if the attribute was removed
     * @return this builder
     */
    public Builder deleted(boolean deleted) {
      this.deleted = deleted;
      return this;
    }

    /**
     * @param newAttribute true if the attribute did not exist before
     * @return this builder
     */
    public Builder newAttribute(boolean newAttribute) {
      this.newAttribute = newAttribute;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public UserAttributeChange build() {
      return new UserAttributeChange(this);
    }
  }
}
