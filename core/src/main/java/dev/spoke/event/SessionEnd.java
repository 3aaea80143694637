package dev.spoke.event;

import java.util.Objects;

/** The end of a session ({@code session_end}). */
public final class SessionEnd extends Event {
  private final long sessionDurationMillis;

  private SessionEnd(Builder b) {
    super(EventType.SESSION_END, b);
    this.sessionDurationMillis = b.sessionDurationMillis;
  }

  /**
   * @param sessionDurationMillis the session duration in milliseconds, as given
   * @return a builder (never throws)
   */
  public static Builder builder(long sessionDurationMillis) {
    Builder b = new Builder();
    b.sessionDurationMillis(sessionDurationMillis);
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
   * @return the session duration in milliseconds, as given
   */
  public long sessionDurationMillis() {
    return sessionDurationMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SessionEnd)) {
      return false;
    }
    SessionEnd that = (SessionEnd) o;
    return commonEquals(that) && sessionDurationMillis == that.sessionDurationMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), sessionDurationMillis);
  }

  @Override
  public String toString() {
    return "SessionEnd["
        + "sessionDurationMillis="
        + sessionDurationMillis
        + commonToString()
        + "]";
  }

  /** Builds a {@link SessionEnd}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private long sessionDurationMillis;

    private Builder() {}

    private Builder(SessionEnd v) {
      super(v);
      this.sessionDurationMillis = v.sessionDurationMillis;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param sessionDurationMillis the session duration in milliseconds, as given
     * @return this builder
     */
    public Builder sessionDurationMillis(long sessionDurationMillis) {
      this.sessionDurationMillis = sessionDurationMillis;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public SessionEnd build() {
      return new SessionEnd(this);
    }
  }
}
