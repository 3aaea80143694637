package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable event of one of the platform's types (WIRE.md section 3).
 *
 * <p>Builders never throw, whatever they are given (null, blank, NaN, huge): they carry the raw
 * values so that validation at log time can see, fix and report them. Copies with fixed values are
 * made with {@link #toBuilder()} or the {@code with...} helpers.
 */
public abstract sealed class Event
    permits CustomEvent,
        ScreenView,
        CommerceEvent,
        SessionEnd,
        CrashReport,
        Breadcrumb,
        OptOut,
        ApplicationStateTransition,
        NetworkPerformance,
        PushRegistration,
        ProfileEvent,
        UserAttributeChange,
        UserIdentityChange,
        PushMessage,
        CommonOnlyEvent {

  private final EventType type;
  private final Long timestampMillis;
  private final Map<String, Object> customAttributes;
  private final Location location;
  private final String sourceMessageId;
  private final Long eventStartMillis;

  Event(EventType type, Builder<?> b) {
    this.type = type;
    this.timestampMillis = b.timestampMillis;
    // A builder made from an event whose attributes were never touched hands back that event's
    // map, so copying an event to fill its timestamp or id does not copy its attributes.
    if (b.attributesShared || b.customAttributes.isEmpty()) {
      this.customAttributes = b.attributesShared ? b.customAttributes : Collections.emptyMap();
    } else {
      // Hand the builder's own map over instead of copying it; the builder copies on its next
      // write.
      this.customAttributes = Collections.unmodifiableMap(b.customAttributes);
      b.customAttributes = this.customAttributes;
      b.attributesShared = true;
    }
    this.location = b.location;
    this.sourceMessageId = b.sourceMessageId;
    this.eventStartMillis = b.eventStartMillis;
  }

  /**
   * @return the event type
   */
  public final EventType type() {
    return type;
  }

  /**
   * @return the event time in epoch milliseconds, or null to take it at capture
   */
  public final Long timestampMillis() {
    return timestampMillis;
  }

  /**
   * @return the custom attributes as given, in insertion order, unmodifiable; values are raw
   *     (String, Number, Boolean, null, or whatever the caller passed) and keys may be null
   */
  public final Map<String, Object> customAttributes() {
    return customAttributes;
  }

  /**
   * @return where the event happened, or null
   */
  public final Location location() {
    return location;
  }

  /**
   * @return the per-event {@code source_message_id} (a UUID), or null until one is assigned
   */
  public final String sourceMessageId() {
    return sourceMessageId;
  }

  /**
   * @return when a timed event started, in epoch milliseconds, or null
   */
  public final Long eventStartMillis() {
    return eventStartMillis;
  }

  /**
   * @return a builder holding this event's values
   */
  public abstract Builder<?> toBuilder();

  /**
   * @param millis the new timestamp in epoch milliseconds
   * @return a copy of this event with that timestamp
   */
  public Event withTimestampMillis(long millis) {
    return toBuilder().timestamp(millis).build();
  }

  /**
   * @param attributes the new custom attributes (replacing all), may be null for none
   * @return a copy of this event with those attributes
   */
  public Event withCustomAttributes(Map<String, ?> attributes) {
    return toBuilder().clearAttributes().attributes(attributes).build();
  }

  /**
   * @param sourceMessageId the new {@code source_message_id}, may be null
   * @return a copy of this event with that id
   */
  public Event withSourceMessageId(String sourceMessageId) {
    return toBuilder().sourceMessageId(sourceMessageId).build();
  }

  final boolean commonEquals(Event that) {
    return type == that.type
        && Objects.equals(timestampMillis, that.timestampMillis)
        && customAttributes.equals(that.customAttributes)
        && Objects.equals(location, that.location)
        && Objects.equals(sourceMessageId, that.sourceMessageId)
        && Objects.equals(eventStartMillis, that.eventStartMillis);
  }

  final int commonHashCode() {
    return Objects.hash(
        type, timestampMillis, customAttributes, location, sourceMessageId, eventStartMillis);
  }

  /** Renders the common fields, for the subclasses' {@code toString}. */
  final String commonToString() {
    StringBuilder s = new StringBuilder();
    if (timestampMillis != null) {
      s.append(", timestampMillis=").append(timestampMillis);
    }
    if (!customAttributes.isEmpty()) {
      s.append(", customAttributes=").append(customAttributes);
    }
    if (location != null) {
      s.append(", location=").append(location);
    }
    if (sourceMessageId != null) {
      s.append(", sourceMessageId=").append(sourceMessageId);
    }
    if (eventStartMillis != null) {
      s.append(", eventStartMillis=").append(eventStartMillis);
    }
    return s.toString();
  }

  /**
   * The common part of every event builder. Setters never throw.
   *
   * @param <B> the concrete builder type, for fluent chaining
   */
  public abstract static sealed class Builder<B extends Builder<B>>
      permits FlagsBuilder,
          SessionStart.Builder,
          SessionEnd.Builder,
          CrashReport.Builder,
          Breadcrumb.Builder,
          OptOut.Builder,
          ApplicationStateTransition.Builder,
          NetworkPerformance.Builder,
          PushRegistration.Builder,
          ProfileEvent.Builder,
          UserAttributeChange.Builder,
          UserIdentityChange.Builder,
          FirstRun.Builder,
          PushMessage.Builder,
          Uninstall.Builder {
    Long timestampMillis;
    Map<String, Object> customAttributes = Collections.emptyMap();

    /**
     * True while {@link #customAttributes} is not this builder's own mutable map (the empty map, or
     * the unmodifiable map of an event built from or handed to): the next write copies it first.
     */
    boolean attributesShared = true;

    Location location;
    String sourceMessageId;
    Long eventStartMillis;

    Builder() {}

    Builder(Event e) {
      this.timestampMillis = e.timestampMillis;
      this.customAttributes = e.customAttributes;
      this.attributesShared = true;
      this.location = e.location;
      this.sourceMessageId = e.sourceMessageId;
      this.eventStartMillis = e.eventStartMillis;
    }

    abstract B self();

    private Map<String, Object> mutableAttributes() {
      if (attributesShared) {
        customAttributes = new LinkedHashMap<>(customAttributes);
        attributesShared = false;
      }
      return customAttributes;
    }

    /**
     * @param millis event time in epoch milliseconds
     * @return this builder
     */
    public final B timestamp(long millis) {
      this.timestampMillis = millis;
      return self();
    }

    /**
     * @param instant event time, or null to take it at capture; instants beyond the epoch
     *     millisecond range saturate to {@code Long.MIN_VALUE}/{@code Long.MAX_VALUE}
     * @return this builder
     */
    public final B timestamp(Instant instant) {
      if (instant == null) {
        this.timestampMillis = null;
        return self();
      }
      try {
        this.timestampMillis = instant.toEpochMilli();
      } catch (ArithmeticException overflow) {
        this.timestampMillis = instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      return self();
    }

    /**
     * @param millis event time in epoch milliseconds, or null to take it at capture
     * @return this builder
     */
    public final B timestampMillis(Long millis) {
      this.timestampMillis = millis;
      return self();
    }

    /**
     * @param key attribute key (carried as given, even null)
     * @param value attribute value (carried as given, even null)
     * @return this builder
     */
    public final B attribute(String key, String value) {
      mutableAttributes().put(key, value);
      return self();
    }

    /**
     * @param key attribute key (carried as given, even null)
     * @param value attribute value; sent as a string on the wire
     * @return this builder
     */
    public final B attribute(String key, Number value) {
      mutableAttributes().put(key, value);
      return self();
    }

    /**
     * @param key attribute key (carried as given, even null)
     * @param value attribute value; sent as a string on the wire
     * @return this builder
     */
    public final B attribute(String key, boolean value) {
      mutableAttributes().put(key, value);
      return self();
    }

    /**
     * Adds (or replaces) the given attributes, keeping null keys and values as given.
     *
     * @param attributes attributes to add, may be null (nothing added)
     * @return this builder
     */
    public final B attributes(Map<String, ?> attributes) {
      Copies.putAll(mutableAttributes(), attributes);
      return self();
    }

    /**
     * @return this builder, without any custom attributes
     */
    public final B clearAttributes() {
      mutableAttributes().clear();
      return self();
    }

    /**
     * @param location where the event happened, or null
     * @return this builder
     */
    public final B location(Location location) {
      this.location = location;
      return self();
    }

    /**
     * @param sourceMessageId the per-event {@code source_message_id}, or null to have one assigned
     * @return this builder
     */
    public final B sourceMessageId(String sourceMessageId) {
      this.sourceMessageId = sourceMessageId;
      return self();
    }

    /**
     * @param millis when a timed event started, in epoch milliseconds, or null
     * @return this builder
     */
    public final B eventStartMillis(Long millis) {
      this.eventStartMillis = millis;
      return self();
    }

    /**
     * @return the event
     */
    public abstract Event build();
  }
}
