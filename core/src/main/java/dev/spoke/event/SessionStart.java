package dev.spoke.event;

/** The start of a session ({@code session_start}); only the common fields. */
public final class SessionStart extends CommonOnlyEvent {

  private SessionStart(Builder b) {
    super(EventType.SESSION_START, b);
  }

  /**
   * @return a builder (never throws)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link SessionStart}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {

    private Builder() {}

    private Builder(SessionStart v) {
      super(v);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public SessionStart build() {
      return new SessionStart(this);
    }
  }
}
