package dev.spoke.event;

import dev.spoke.internal.Copies;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The custom-flag setters shared by the builders of the event types that carry custom flags ({@code
 * custom_flags} on custom events, screen views and commerce events, docs/WIRE.md section 3).
 * Setters never throw.
 *
 * @param <B> the concrete builder type, for fluent chaining
 */
abstract sealed class FlagsBuilder<B extends FlagsBuilder<B>> extends Event.Builder<B>
    permits CustomEvent.Builder, ScreenView.Builder, CommerceEvent.Builder {
  final Map<String, String> customFlags = new LinkedHashMap<>();

  FlagsBuilder() {}

  FlagsBuilder(Event e, Map<String, String> flags) {
    super(e);
    customFlags.putAll(flags);
  }

  /**
   * @param key flag key, carried as given
   * @param value flag value, carried as given
   * @return this builder
   */
  public final B flag(String key, String value) {
    customFlags.put(key, value);
    return self();
  }

  /**
   * Adds (or replaces) custom flags, keeping null keys and values.
   *
   * @param flags flags to add, may be null
   * @return this builder
   */
  public final B flags(Map<String, String> flags) {
    Copies.putAll(customFlags, flags);
    return self();
  }

  /**
   * @return this builder, without any custom flags
   */
  public final B clearFlags() {
    customFlags.clear();
    return self();
  }
}
