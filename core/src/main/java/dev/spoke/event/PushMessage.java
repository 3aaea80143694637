package dev.spoke.event;

import java.util.Objects;

/**
 * A push message sent to, received by or acted on by the user ({@code push_message}), as the Events
 * API's OpenAPI description and JSON Schema define it ({@code PushMessageEventData}; docs/WIRE.md
 * section 3): {@code push_message_token}, {@code push_message_type} and {@code
 * push_notification_payload} are required; {@code message}, {@code network}, {@code
 * application_state}, {@code action_identifier} and {@code push_message_behavior} are optional.
 */
public final class PushMessage extends Event {
  private final PushMessageType pushMessageType;
  private final String token;
  private final String payload;
  private final String message;
  private final String network;
  private final ApplicationState applicationState;
  private final String actionIdentifier;
  private final Behavior behavior;

  /** {@code push_message_type}. */
  public enum PushMessageType {
    /** {@code sent} */
    SENT("sent"),
    /** {@code received} */
    RECEIVED("received"),
    /** {@code action}: the user acted on the message */
    ACTION("action");

    private final String wireName;

    PushMessageType(String wireName) {
      this.wireName = wireName;
    }

    /**
     * @return the wire value
     */
    public String wireName() {
      return wireName;
    }
  }

  /** {@code application_state}: the application's state when the message arrived. */
  public enum ApplicationState {
    /** {@code not_running} */
    NOT_RUNNING("not_running"),
    /** {@code background} */
    BACKGROUND("background"),
    /** {@code foreground} */
    FOREGROUND("foreground");

    private final String wireName;

    ApplicationState(String wireName) {
      this.wireName = wireName;
    }

    /**
     * @return the wire value
     */
    public String wireName() {
      return wireName;
    }
  }

  /**
   * {@code push_message_behavior}, a string enum in the OpenAPI description and the JSON Schema
   * (the JSON reference's prose calls it a bit mask; Spoke follows the two machine-readable
   * descriptions).
   */
  public enum Behavior {
    /** {@code Received} */
    RECEIVED("Received"),
    /** {@code DirectOpen} */
    DIRECT_OPEN("DirectOpen"),
    /** {@code Read} */
    READ("Read"),
    /** {@code InfluencedOpen} */
    INFLUENCED_OPEN("InfluencedOpen"),
    /** {@code Displayed} */
    DISPLAYED("Displayed");

    private final String wireName;

    Behavior(String wireName) {
      this.wireName = wireName;
    }

    /**
     * @return the wire value
     */
    public String wireName() {
      return wireName;
    }
  }

  private PushMessage(Builder b) {
    super(EventType.PUSH_MESSAGE, b);
    this.pushMessageType = b.pushMessageType;
    this.token = b.token;
    this.payload = b.payload;
    this.message = b.message;
    this.network = b.network;
    this.applicationState = b.applicationState;
    this.actionIdentifier = b.actionIdentifier;
    this.behavior = b.behavior;
  }

  /**
   * @param type what happened to the message ({@code push_message_type}), required
   * @param token the push token the message went to ({@code push_message_token}), required
   * @param payload the notification's payload as JSON text ({@code push_notification_payload}),
   *     required
   * @return a builder (never throws; a missing required field drops the event when it is logged,
   *     reported)
   */
  public static Builder builder(PushMessageType type, String token, String payload) {
    return new Builder().pushMessageType(type).token(token).payload(payload);
  }

  /**
   * @return a builder holding this event's values
   */
  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return {@code push_message_type}, or null if null was given
   */
  public PushMessageType pushMessageType() {
    return pushMessageType;
  }

  /**
   * @return {@code push_message_token}, or null if null was given
   */
  public String token() {
    return token;
  }

  /**
   * @return {@code push_notification_payload}, or null if null was given
   */
  public String payload() {
    return payload;
  }

  /**
   * @return {@code message}, the text shown, or null
   */
  public String message() {
    return message;
  }

  /**
   * @return {@code network}, e.g. {@code apn} or {@code gcm}, or null
   */
  public String network() {
    return network;
  }

  /**
   * @return {@code application_state}, or null
   */
  public ApplicationState applicationState() {
    return applicationState;
  }

  /**
   * @return {@code action_identifier}, or null
   */
  public String actionIdentifier() {
    return actionIdentifier;
  }

  /**
   * @return {@code push_message_behavior}, or null
   */
  public Behavior behavior() {
    return behavior;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PushMessage)) {
      return false;
    }
    PushMessage that = (PushMessage) o;
    return commonEquals(that)
        && pushMessageType == that.pushMessageType
        && Objects.equals(token, that.token)
        && Objects.equals(payload, that.payload)
        && Objects.equals(message, that.message)
        && Objects.equals(network, that.network)
        && applicationState == that.applicationState
        && Objects.equals(actionIdentifier, that.actionIdentifier)
        && behavior == that.behavior;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        commonHashCode(),
        pushMessageType,
        token,
        payload,
        message,
        network,
        applicationState,
        actionIdentifier,
        behavior);
  }

  @Override
  public String toString() {
    return "PushMessage["
        + "pushMessageType="
        + pushMessageType
        + ", token="
        + token
        + ", payload="
        + payload
        + ", message="
        + message
        + ", network="
        + network
        + ", applicationState="
        + applicationState
        + ", actionIdentifier="
        + actionIdentifier
        + ", behavior="
        + behavior
        + commonToString()
        + "]";
  }

  /** Builds a {@link PushMessage}; never throws, carrying whatever it is given. */
  public static final class Builder extends Event.Builder<Builder> {
    private PushMessageType pushMessageType;
    private String token;
    private String payload;
    private String message;
    private String network;
    private ApplicationState applicationState;
    private String actionIdentifier;
    private Behavior behavior;

    private Builder() {}

    private Builder(PushMessage v) {
      super(v);
      this.pushMessageType = v.pushMessageType;
      this.token = v.token;
      this.payload = v.payload;
      this.message = v.message;
      this.network = v.network;
      this.applicationState = v.applicationState;
      this.actionIdentifier = v.actionIdentifier;
      this.behavior = v.behavior;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param type {@code push_message_type}, required
     * @return this builder
     */
    public Builder pushMessageType(PushMessageType type) {
      this.pushMessageType = type;
      return this;
    }

    /**
     * @param token {@code push_message_token}, required
     * @return this builder
     */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * @param payload {@code push_notification_payload} (JSON text), required
     * @return this builder
     */
    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    /**
     * @param message the text shown, or null
     * @return this builder
     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * @param network the push network, e.g. {@code apn} or {@code gcm}, or null
     * @return this builder
     */
    public Builder network(String network) {
      this.network = network;
      return this;
    }

    /**
     * @param state the application's state when the message arrived, or null
     * @return this builder
     */
    public Builder applicationState(ApplicationState state) {
      this.applicationState = state;
      return this;
    }

    /**
     * @param actionIdentifier the action the user took (the JSON reference caps it at 100
     *     characters), or null
     * @return this builder
     */
    public Builder actionIdentifier(String actionIdentifier) {
      this.actionIdentifier = actionIdentifier;
      return this;
    }

    /**
     * @param behavior what was observed of the message so far, or null
     * @return this builder
     */
    public Builder behavior(Behavior behavior) {
      this.behavior = behavior;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public PushMessage build() {
      return new PushMessage(this);
    }
  }
}
