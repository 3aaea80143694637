package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.Map;
import java.util.Objects;

/** A screen (or page) view ({@code screen_view}). */
public final class ScreenView extends Event {
  private final String screenName;
  private final Map<String, String> customFlags;

  private ScreenView(Builder b) {
    super(EventType.SCREEN_VIEW, b);
    this.screenName = b.screenName;
    this.customFlags = Copies.map(b.customFlags);
  }

  /**
   * @param screenName the screen name as given, or null
   * @return a builder (never throws)
   */
  public static Builder builder(String screenName) {
    Builder b = new Builder();
    b.screenName(screenName);
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
   * @return the screen name as given, or null
   */
  public String screenName() {
    return screenName;
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
    if (!(o instanceof ScreenView)) {
      return false;
    }
    ScreenView that = (ScreenView) o;
    return commonEquals(that)
        && Objects.equals(screenName, that.screenName)
        && Objects.equals(customFlags, that.customFlags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commonHashCode(), screenName, customFlags);
  }

  @Override
  public String toString() {
    return "ScreenView["
        + "screenName="
        + screenName
        + ", customFlags="
        + customFlags
        + commonToString()
        + "]";
  }

  /** Builds a {@link ScreenView}; never throws, carrying whatever it is given. */
  public static final class Builder extends FlagsBuilder<Builder> {
    private String screenName;

    private Builder() {}

    private Builder(ScreenView v) {
      super(v, v.customFlags);
      this.screenName = v.screenName;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param screenName the screen name as given, or null
     * @return this builder
     */
    public Builder screenName(String screenName) {
      this.screenName = screenName;
      return this;
    }

    /**
     * @return the event
     */
    @Override
    public ScreenView build() {
      return new ScreenView(this);
    }
  }
}
