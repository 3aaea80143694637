package dev.spoke.event;

/**
 * The first run of the application on a device or installation ({@code first_run}); only the common
 * fields, as the Events API's JSON Schema defines it ({@code FirstRunEvent}, docs/WIRE.md section
 * 3).
 */
public final class FirstRun extends CommonOnlyEvent {

  private FirstRun(Builder b) {
    super(EventType.FIRST_RUN, b);
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

  /** Builds a {@link FirstRun}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {

    private Builder() {}

    private Builder(FirstRun v) {
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
    public FirstRun build() {
      return new FirstRun(this);
    }
  }
}
