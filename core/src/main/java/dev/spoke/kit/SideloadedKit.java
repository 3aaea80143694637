package dev.spoke.kit;

import dev.spoke.event.CustomEventType;
import dev.spoke.user.IdentityType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A kit the host registers itself, with no entry in the workspace's kit configuration: a
 * "sideloaded" kit, as the platform's Android and Web SDKs have them. Its settings and filters are
 * given here, in code; the workspace's configuration never enables, disables or filters it.
 * Immutable; built with {@link #builder}.
 *
 * <p>Rules, from the platform's SDKs:
 *
 * <ul>
 *   <li>Its module id is at least {@link #MIN_MODULE_ID} (1,000,000):
 *       mParticle/mparticle-android-sdk {@code
 *       android-kit-base/src/main/java/com/mparticle/kits/MPSideloadedKit.kt} ({@code
 *       MIN_SIDELOADED_KIT}); {@code
 *       android-core/src/main/java/com/mparticle/MParticleOptions.java} refuses a lower id.
 *   <li>Entries of the workspace's configuration with an id in that range are ignored, and a
 *       sideloaded kit is added after the workspace's kits unless its id is already there ({@code
 *       android-core/src/main/java/com/mparticle/internal/SideloadedKitsUtils.kt}).
 *   <li>Its filters are the configuration's hashed filters built locally: event type, event name,
 *       event attribute, screen name, screen attribute, identity type and user attribute
 *       (mParticle/mparticle-web-sdk {@code src/sideloadedKit.ts}; Android {@code
 *       MPSideloadedFilters.kt}).
 * </ul>
 *
 * Register it with {@code SpokeOptions.Builder#sideloadedKit(SideloadedKit)}.
 */
public final class SideloadedKit {
  /** The lowest module id of a sideloaded kit. */
  public static final int MIN_MODULE_ID = 1_000_000;

  private final KitFactory factory;
  private final Map<String, String> settings;
  private final Map<String, Set<Integer>> filters;

  private SideloadedKit(Builder b) {
    this.factory = b.factory;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    Map<String, Set<Integer>> f = new TreeMap<>();
    b.filters.forEach((k, v) -> f.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
    this.filters = Collections.unmodifiableMap(f);
  }

  /**
   * @param factory the kit's factory; its {@code moduleId()} must be at least {@link
   *     #MIN_MODULE_ID}
   * @return a builder
   * @throws IllegalArgumentException if the factory is null or its id is below the sideloaded range
   */
  public static Builder builder(KitFactory factory) {
    return new Builder(factory);
  }

  /**
   * @return the kit's factory
   */
  public KitFactory factory() {
    return factory;
  }

  /**
   * @return the kit's module id
   */
  public int moduleId() {
    return factory.moduleId();
  }

  /**
   * @return the settings the kit gets, unmodifiable
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * @return the blocked values per filter, in the configuration's vocabulary ({@code et}, {@code
   *     ec}, {@code ea}, {@code svec}, {@code svea}, {@code uid}, {@code ua}), unmodifiable
   */
  public Map<String, Set<Integer>> filters() {
    return filters;
  }

  /** Settings values are left out: they may be credentials. */
  @Override
  public String toString() {
    return "SideloadedKit{id="
        + moduleId()
        + ", settings="
        + settings.keySet()
        + ", filters="
        + filters.keySet()
        + '}';
  }

  private static int hash(String s) {
    return s == null || s.isEmpty() ? 0 : s.toLowerCase(Locale.ROOT).hashCode();
  }

  /** Builds a {@link SideloadedKit}; each {@code add…Filter} blocks what it names. */
  public static final class Builder {
    private final KitFactory factory;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> filters = new TreeMap<>();

    private Builder(KitFactory factory) {
      if (factory == null) {
        throw new IllegalArgumentException("factory is null; pass the sideloaded kit's KitFactory");
      }
      int id = factory.moduleId();
      if (id < MIN_MODULE_ID) {
        throw new IllegalArgumentException(
            "sideloaded kit "
                + factory.getClass().getName()
                + " has module id "
                + id
                + "; a sideloaded kit's id must be at least "
                + MIN_MODULE_ID
                + " (lower ids belong to the workspace's configured kits)");
      }
      this.factory = factory;
    }

    /**
     * @param settings the kit's settings (what a configured kit gets from {@code as})
     */
    public Builder settings(Map<String, String> settings) {
      Objects.requireNonNull(settings, "settings");
      settings.forEach(this::setting);
      return this;
    }

    /**
     * @param key a setting's name
     * @param value its value
     * @return this builder
     */
    public Builder setting(String key, String value) {
      if (key == null || value == null) {
        throw new IllegalArgumentException(
            "setting key and value must not be null (key " + key + ")");
      }
      settings.put(key, value);
      return this;
    }

    private Builder block(String filter, int value) {
      filters.computeIfAbsent(filter, f -> new TreeSet<>()).add(value);
      return this;
    }

    /** Blocks every custom event of a type ({@code et}: hash(typeNumber)). */
    public Builder addEventTypeFilter(CustomEventType type) {
      return block("et", hash(String.valueOf(Objects.requireNonNull(type, "type").filterNumber())));
    }

    /** Blocks one custom event ({@code ec}: hash(typeNumber + name)). */
    public Builder addEventNameFilter(CustomEventType type, String name) {
      return block("ec", hash(Objects.requireNonNull(type, "type").filterNumber() + name(name)));
    }

    /** Removes one attribute of one custom event ({@code ea}: hash(typeNumber + name + key)). */
    public Builder addEventAttributeFilter(CustomEventType type, String name, String key) {
      return block(
          "ea", hash(Objects.requireNonNull(type, "type").filterNumber() + name(name) + name(key)));
    }

    /** Blocks a screen view ({@code svec}: hash("0" + screenName)). */
    public Builder addScreenNameFilter(String screenName) {
      return block("svec", hash("0" + name(screenName)));
    }

    /** Removes one attribute of a screen view ({@code svea}: hash("0" + screenName + key)). */
    public Builder addScreenAttributeFilter(String screenName, String key) {
      return block("svea", hash("0" + name(screenName) + name(key)));
    }

    /** Hides one identity type from the kit ({@code uid}: the raw identity type number). */
    public Builder addUserIdentityFilter(IdentityType type) {
      return block("uid", Objects.requireNonNull(type, "type").filterNumber());
    }

    /** Hides one user attribute from the kit ({@code ua}: hash(key)). */
    public Builder addUserAttributeFilter(String key) {
      return block("ua", hash(name(key)));
    }

    private static String name(String s) {
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(
            "filter name is empty; name the event, screen or attribute to block");
      }
      return s;
    }

    /**
     * @return the sideloaded kit
     */
    public SideloadedKit build() {
      return new SideloadedKit(this);
    }
  }
}
