package dev.spoke.event;

import java.util.Objects;

/** A change of the current user profile ({@code profile}), e.g. a login. */
public final class ProfileEvent extends Event {
  private final ProfileEventType profileEventType;
  private final Long previousMpid;
  private final Long currentMpid;

  private ProfileEvent(Builder b) {
    super(EventType.PROFILE, b);
    this.profileEventType = b.profileEventType;
    this.previousMpid = b.previousMpid;
    this.currentMpid = b.currentMpid;
  }

  /**
   * @param profileEventType the profile event type, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(ProfileEventType profileEventType) {
    Builder b = new Builder();
    b.profileEventType(profileEventType);
    return b;
  }

  /** The kind of profile change, with its {@code profile_event_type} wire name. */
  public enum ProfileEventType {
    SIGNUP("signup"),
    LOGIN("login"),
    LOGOUT("logout"),
    UPDATE("update"),
    DELETE("delete");

    private final String wireName;

    ProfileEventType(String wireName) {
      this.wireName = wireName;
    }

    /**
     * @return the wire name
     */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the profile event type, or null if null was given
   */
  public ProfileEventType profileEventType() {
    return profileEventType;
  }

  /**
   * @return the previous MPID, or null
   */
  public Long previousMpid() {
    return previousMpid;
  }

  /**
   * @return the current MPID, or null
   */
  public Long currentMpid() {
    return currentMpid;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ProfileEvent)) {
      return false;
    }
    ProfileEvent that = (ProfileEvent) o;
    return commonEquals(that)
        && Objects.equals(profileEventType, that.profileEventType)
        && Objects.equals(previousMpid, that.previousMpid)
        && Objects.equals(currentMpid, that.currentMpid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), profileEventType, previousMpid, currentMpid);
  }

  @Override
  public String toString() {
    return "ProfileEvent["
        + "profileEventType="
        + profileEventType
        + ", previousMpid="
        + previousMpid
        + ", currentMpid="
        + currentMpid
        + commonToString()
        + "]";
  }

  /** Builds a {@link ProfileEvent}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private ProfileEventType profileEventType;
    private Long previousMpid;
    private Long currentMpid;

    private Builder() {}

    private Builder(ProfileEvent v) {
      super(v);
      this.profileEventType = v.profileEventType;
      this.previousMpid = v.previousMpid;
      this.currentMpid = v.currentMpid;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param profileEventType the profile event type, or null if null was given
     * @return this builder
     */
    public Builder profileEventType(ProfileEventType profileEventType) {
      this.profileEventType = profileEventType;
      return this;
    }

    /**
     * @param previousMpid the previous MPID, or null
     * @return this builder
     */
    public Builder previousMpid(Long previousMpid) {
      this.previousMpid = previousMpid;
      return this;
    }

    /**
     * @param currentMpid the current MPID, or null
     * @return this builder
     */
    public Builder currentMpid(Long currentMpid) {
      this.currentMpid = currentMpid;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public ProfileEvent build() {
      return new ProfileEvent(this);
    }
  }
}
