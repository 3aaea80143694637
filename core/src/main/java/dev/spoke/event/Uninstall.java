package dev.spoke.event;

/**
 * The application was uninstalled ({@code uninstall}); only the common fields: the JSON reference
 * allows no others (docs/WIRE.md section 3).
 */
public final class Uninstall extends CommonOnlyEvent {

  private Uninstall(Builder b) {
    super(EventType.UNINSTALL, b);
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

  /** Builds a {@link Uninstall}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {

    private Builder() {}

    private Builder(Uninstall v) {
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
    public Uninstall build() {
      return new Uninstall(this);
    }
  }
}
