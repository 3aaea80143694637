package dev.spoke.event;

import java.util.Objects;

/** A push token registration or unregistration ({@code push_registration}). */
public final class PushRegistration extends Event {
  private final boolean register;
  private final String registrationToken;

  private PushRegistration(Builder b) {
    super(EventType.PUSH_REGISTRATION, b);
    this.register = b.register;
    this.registrationToken = b.registrationToken;
  }

  /**
   * @param register true to register the token, false to unregister it
   * @param registrationToken the push token, or null
   * @return a builder (never throws)
   */
  public static Builder builder(boolean register, String registrationToken) {
    Builder b = new Builder();
    b.register(register);
    b.registrationToken(registrationToken);
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
   * @return true to register the token, false to unregister it
   */
  public boolean register() {
    return register;
  }

  /**
   * @return the push token, or null
   */
  public String registrationToken() {
    return registrationToken;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PushRegistration)) {
      return false;
    }
    PushRegistration that = (PushRegistration) o;
    return commonEquals(that)
        && register == that.register
        && Objects.equals(registrationToken, that.registrationToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), register, registrationToken);
  }

  @Override
  public String toString() {
    return "PushRegistration["
        + "register="
        + register
        + ", registrationToken="
        + registrationToken
        + commonToString()
        + "]";
  }

  /** Builds a {@link PushRegistration}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private boolean register;
    private String registrationToken;

    private Builder() {}

    private Builder(PushRegistration v) {
      super(v);
      this.register = v.register;
      this.registrationToken = v.registrationToken;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param register true to register the token, false to unregister it
     * @return this builder
     */
    public Builder register(boolean register) {
      this.register = register;
      return this;
    }

    /**
     * @param registrationToken the push token, or null
     * @return this builder
     */
    public Builder registrationToken(String registrationToken) {
      this.registrationToken = registrationToken;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public PushRegistration build() {
      return new PushRegistration(this);
    }
  }
}
