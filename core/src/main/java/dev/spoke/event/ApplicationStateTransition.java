package dev.spoke.event;

import java.util.Objects;

/** An application state transition ({@code application_state_transition}). */
public final class ApplicationStateTransition extends Event {
  private final TransitionType transitionType;
  private final Boolean firstRun;
  private final Boolean upgrade;

  private ApplicationStateTransition(Builder b) {
    super(EventType.APPLICATION_STATE_TRANSITION, b);
    this.transitionType = b.transitionType;
    this.firstRun = b.firstRun;
    this.upgrade = b.upgrade;
  }

  /**
   * @param transitionType the transition type, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(TransitionType transitionType) {
    Builder b = new Builder();
    b.transitionType(transitionType);
    return b;
  }

  /**
   * The kind of application state transition, with its {@code application_transition_type} wire
   * name.
   */
  public enum TransitionType {
    APPLICATION_INITIALIZED("application_initialized"),
    APPLICATION_EXIT("application_exit"),
    APPLICATION_BACKGROUND("application_background"),
    APPLICATION_FOREGROUND("application_foreground");

    private final String wireName;

    TransitionType(String wireName) {
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
   * @return the transition type, or null if null was given
   */
  public TransitionType transitionType() {
    return transitionType;
  }

  /**
   * @return whether this is the first run, or null
   */
  public Boolean firstRun() {
    return firstRun;
  }

  /**
   * @return whether this run follows an upgrade, or null
   */
  public Boolean upgrade() {
    return upgrade;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ApplicationStateTransition)) {
      return false;
    }
    ApplicationStateTransition that = (ApplicationStateTransition) o;
    return commonEquals(that)
        && Objects.equals(transitionType, that.transitionType)
        && Objects.equals(firstRun, that.firstRun)
        && Objects.equals(upgrade, that.upgrade);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), transitionType, firstRun, upgrade);
  }

  @Override
  public String toString() {
    return "ApplicationStateTransition["
        + "transitionType="
        + transitionType
        + ", firstRun="
        + firstRun
        + ", upgrade="
        + upgrade
        + commonToString()
        + "]";
  }

  /** Builds a {@link ApplicationStateTransition}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private TransitionType transitionType;
    private Boolean firstRun;
    private Boolean upgrade;

    private Builder() {}

    private Builder(ApplicationStateTransition v) {
      super(v);
      this.transitionType = v.transitionType;
      this.firstRun = v.firstRun;
      this.upgrade = v.upgrade;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param transitionType the transition type, or null if null was given
     * @return this builder
     */
    public Builder transitionType(TransitionType transitionType) {
      this.transitionType = transitionType;
      return this;
    }

    /**
     * @param firstRun whether this is the first run, or null
     * @return this builder
     */
    public Builder firstRun(Boolean firstRun) {
      this.firstRun = firstRun;
      return this;
    }

    /**
     * @param upgrade whether this run follows an upgrade, or null
     * @return this builder
     */
    public Builder upgrade(Boolean upgrade) {
      this.upgrade = upgrade;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public ApplicationStateTransition build() {
      return new ApplicationStateTransition(this);
    }
  }
}
