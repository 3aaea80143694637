package dev.spoke.event;

import java.util.Objects;

/** A change of one user identity ({@code user_identity_change}). */
public final class UserIdentityChange extends Event {
  private final IdentityChange newIdentity;
  private final IdentityChange oldIdentity;

  private UserIdentityChange(Builder b) {
    super(EventType.USER_IDENTITY_CHANGE, b);
    this.newIdentity = b.newIdentity;
    this.oldIdentity = b.oldIdentity;
  }

  /**
   * @param newIdentity the new side, or null if null was given
   * @param oldIdentity the old side, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(IdentityChange newIdentity, IdentityChange oldIdentity) {
    Builder b = new Builder();
    b.newIdentity(newIdentity);
    b.oldIdentity(oldIdentity);
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
   * @return the new side, or null if null was given
   */
  public IdentityChange newIdentity() {
    return newIdentity;
  }

  /**
   * @return the old side, or null if null was given
   */
  public IdentityChange oldIdentity() {
    return oldIdentity;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UserIdentityChange)) {
      return false;
    }
    UserIdentityChange that = (UserIdentityChange) o;
    return commonEquals(that)
        && Objects.equals(newIdentity, that.newIdentity)
        && Objects.equals(oldIdentity, that.oldIdentity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), newIdentity, oldIdentity);
  }

  @Override
  public String toString() {
    return "UserIdentityChange["
        + "newIdentity="
        + newIdentity
        + ", oldIdentity="
        + oldIdentity
        + commonToString()
        + "]";
  }

  /** Builds a {@link UserIdentityChange}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private IdentityChange newIdentity;
    private IdentityChange oldIdentity;

    private Builder() {}

    private Builder(UserIdentityChange v) {
      super(v);
      this.newIdentity = v.newIdentity;
      this.oldIdentity = v.oldIdentity;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param newIdentity the new side, or null if null was given
     * @return this builder
     */
    public Builder newIdentity(IdentityChange newIdentity) {
      this.newIdentity = newIdentity;
      return this;
    }

    /**
     * @param oldIdentity the old side, or null if null was given
     * @return this builder
     */
    public Builder oldIdentity(IdentityChange oldIdentity) {
      this.oldIdentity = oldIdentity;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public UserIdentityChange build() {
      return new UserIdentityChange(this);
    }
  }
}
