package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.Map;
import java.util.Objects;

/**
 * A custom event ({@code custom_event}): a named event of a {@link CustomEventType}; media is a
 * custom event of type {@link CustomEventType#MEDIA}.
 */
public final class CustomEvent extends Event {
  private final String name;
  private final CustomEventType customEventType;
  private final Map<String, String> customFlags;

  private CustomEvent(Builder b) {
    super(EventType.CUSTOM_EVENT, b);
    this.name = b.name;
    this.customEventType = b.customEventType;
    this.customFlags = Copies.map(b.customFlags);
  }

  /**
   * @param name the event name as given, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String name) {
    Builder b = new Builder();
    b.name(name);
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
   * @return the event name as given, or null
   */
  public String name() {
    return name;
  }

  /**
   * @return the custom event type (default {@link CustomEventType#OTHER}), or null if null was
   *     given
   */
  public CustomEventType customEventType() {
    return customEventType;
  }

  /**
   * @return the custom flags as given, unmodifiable (keys and values may be null)
   */
  public Map<String, String> customFlags() {
    return customFlags;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CustomEvent)) {
      return false;
    }
    CustomEvent that = (CustomEvent) o;
    return commonEquals(that)
        && Objects.equals(name, that.name)
        && Objects.equals(customEventType, that.customEventType)
        && Objects.equals(customFlags, that.customFlags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), name, customEventType, customFlags);
  }

  @Override
  public String toString() {
    return "CustomEvent["
        + "name="
        + name
        + ", customEventType="
        + customEventType
        + ", customFlags="
        + customFlags
        + commonToString()
        + "]";
  }

  /** Builds a {@link CustomEvent}; never throws, carrying whatever it is given. */
  public static final class Builder extends FlagsBuilder<Builder> {
    private String name;
    private CustomEventType customEventType = CustomEventType.OTHER;

    private Builder() {}

    private Builder(CustomEvent v) {
      super(v, v.customFlags);
      this.name = v.name;
      this.customEventType = v.customEventType;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param name the event name as given, or null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param customEventType the custom event type (default {@link CustomEventType#OTHER}), or null
     *     if null was given
     * @return this builder
     */
    public Builder customEventType(CustomEventType customEventType) {
      this.customEventType = customEventType;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public CustomEvent build() {
      return new CustomEvent(this);
    }
  }
}
