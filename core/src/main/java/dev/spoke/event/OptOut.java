package dev.spoke.event;

import java.util.Objects;

/** A change of the user's opt-out status ({@code opt_out}). */
public final class OptOut extends Event {
  private final boolean optedOut;

  private OptOut(Builder b) {
    super(EventType.OPT_OUT, b);
    this.optedOut = b.optedOut;
  }

  /**
   * @param optedOut true if the user opted out
   * @return a builder (never throws)
   */
  public static Builder builder(boolean optedOut) {
    Builder b = new Builder();
    b.optedOut(optedOut);
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
   * @return true if the user opted out
   */
  public boolean optedOut() {
    return optedOut;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof OptOut)) {
      return false;
    }
    OptOut that = (OptOut) o;
    return commonEquals(that) && optedOut == that.optedOut;
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), optedOut);
  }

  @Override
  public String toString() {
    return "OptOut[" + "optedOut=" + optedOut + commonToString() + "]";
  }

  /** Builds a {@link OptOut}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private boolean optedOut;

    private Builder() {}

    private Builder(OptOut v) {
      super(v);
      this.optedOut = v.optedOut;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param optedOut true if the user opted out
     * @return this builder
     */
    public Builder optedOut(boolean optedOut) {
      this.optedOut = optedOut;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public OptOut build() {
      return new OptOut(this);
    }
  }
}
