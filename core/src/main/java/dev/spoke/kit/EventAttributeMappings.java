package dev.spoke.kit;

import dev.spoke.event.CustomEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The workspace's rules that turn a kit's event attributes into user attributes at the partner,
 * from the kit's configuration entry ({@code hs.eaa}, {@code hs.ear}, {@code hs.eas}): each maps
 * hash(eventTypeNumber + eventName + attributeKey) onto the name of a user attribute. Immutable.
 *
 * <p>Spoke does not apply them itself: as in the platform's Android SDK, the kit that supports them
 * does (mParticle/mparticle-android-sdk, {@code
 * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java} parses them as {@code
 * getEventAttributesAddToUser / RemoveFromUser / SingleItemUser}; {@code
 * kits/braze/braze-41/src/main/kotlin/com/mparticle/kits/AppboyKit.kt} adds the event attribute's
 * value to a list attribute, removes it from one, or sets a single-valued attribute). {@link
 * #forEvent} does the hashing. The hash is the platform's filter hash (lower-cased, Java {@code
 * String.hashCode}).
 */
public final class EventAttributeMappings {
  /** No mappings. */
  public static final EventAttributeMappings NONE =
      new EventAttributeMappings(
          Collections.emptyMap(), Collections.emptyMap(), Collections.emptyMap());

  /** What to do with the user attribute. */
  public enum Action {
    /** {@code eaa}: add the event attribute's value to the user's list attribute. */
    ADD_TO_LIST,
    /** {@code ear}: remove the event attribute's value from the user's list attribute. */
    REMOVE_FROM_LIST,
    /** {@code eas}: set the user attribute to the event attribute's value (a single item). */
    SET_SINGLE
  }

  private final Map<Integer, String> addToUser;
  private final Map<Integer, String> removeFromUser;
  private final Map<Integer, String> singleItemUser;

  private EventAttributeMappings(
      Map<Integer, String> add, Map<Integer, String> remove, Map<Integer, String> single) {
    this.addToUser = Collections.unmodifiableMap(new TreeMap<>(add));
    this.removeFromUser = Collections.unmodifiableMap(new TreeMap<>(remove));
    this.singleItemUser = Collections.unmodifiableMap(new TreeMap<>(single));
  }

  /**
   * @param addToUser {@code eaa}: attribute hash → user list attribute to add the value to
   * @param removeFromUser {@code ear}: attribute hash → user list attribute to remove the value
   *     from
   * @param singleItemUser {@code eas}: attribute hash → user attribute to set to the value
   * @return the mappings (copies)
   */
  public static EventAttributeMappings of(
      Map<Integer, String> addToUser,
      Map<Integer, String> removeFromUser,
      Map<Integer, String> singleItemUser) {
    if (addToUser.isEmpty() && removeFromUser.isEmpty() && singleItemUser.isEmpty()) {
      return NONE;
    }
    return new EventAttributeMappings(addToUser, removeFromUser, singleItemUser);
  }

  /**
   * @return {@code eaa}: attribute hash → user list attribute, unmodifiable
   */
  public Map<Integer, String> addToUser() {
    return addToUser;
  }

  /**
   * @return {@code ear}: attribute hash → user list attribute, unmodifiable
   */
  public Map<Integer, String> removeFromUser() {
    return removeFromUser;
  }

  /**
   * @return {@code eas}: attribute hash → user attribute, unmodifiable
   */
  public Map<Integer, String> singleItemUser() {
    return singleItemUser;
  }

  /**
   * @return true if there is no mapping
   */
  public boolean isEmpty() {
    return addToUser.isEmpty() && removeFromUser.isEmpty() && singleItemUser.isEmpty();
  }

  /**
   * The user attribute changes this event asks for, in the event's attribute order (for one
   * attribute: add, then remove, then set, as the Android SDK's Braze kit applies them).
   *
   * @param event a custom event as the kit received it
   * @return the changes, possibly empty
   */
  public List<Mapping> forEvent(CustomEvent event) {
    if (isEmpty() || event == null) {
      return Collections.emptyList();
    }
    int type = event.customEventType() == null ? 0 : event.customEventType().filterNumber();
    String prefix = type + (event.name() == null ? "" : event.name());
    List<Mapping> out = new ArrayList<>();
    for (Map.Entry<String, Object> a : event.customAttributes().entrySet()) {
      if (a.getKey() == null) {
        continue;
      }
      int h = (prefix + a.getKey()).toLowerCase(Locale.ROOT).hashCode();
      String value = a.getValue() == null ? "" : a.getValue().toString();
      add(out, Action.ADD_TO_LIST, addToUser.get(h), a.getKey(), value);
      add(out, Action.REMOVE_FROM_LIST, removeFromUser.get(h), a.getKey(), value);
      add(out, Action.SET_SINGLE, singleItemUser.get(h), a.getKey(), value);
    }
    return Collections.unmodifiableList(out);
  }

  private static void add(
      List<Mapping> out, Action action, String userAttribute, String key, String value) {
    if (userAttribute != null) {
      out.add(new Mapping(action, userAttribute, key, value));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventAttributeMappings
        && ((EventAttributeMappings) o).addToUser.equals(addToUser)
        && ((EventAttributeMappings) o).removeFromUser.equals(removeFromUser)
        && ((EventAttributeMappings) o).singleItemUser.equals(singleItemUser);
  }

  @Override
  public int hashCode() {
    return Objects.hash(addToUser, removeFromUser, singleItemUser);
  }

  @Override
  public String toString() {
    return "EventAttributeMappings{eaa="
        + addToUser
        + ", ear="
        + removeFromUser
        + ", eas="
        + singleItemUser
        + '}';
  }

  /** One user attribute change asked for by an event. Immutable. */
  public static final class Mapping {
    private final Action action;
    private final String userAttribute;
    private final String eventAttribute;
    private final String value;

    /**
     * @param action what to do
     * @param userAttribute the user attribute's name
     * @param eventAttribute the event attribute's key
     * @param value the event attribute's value
     */
    public Mapping(Action action, String userAttribute, String eventAttribute, String value) {
      this.action = Objects.requireNonNull(action, "action");
      this.userAttribute = Objects.requireNonNull(userAttribute, "userAttribute");
      this.eventAttribute = Objects.requireNonNull(eventAttribute, "eventAttribute");
      this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * @return what to do
     */
    public Action action() {
      return action;
    }

    /**
     * @return the user attribute's name
     */
    public String userAttribute() {
      return userAttribute;
    }

    /**
     * @return the event attribute's key
     */
    public String eventAttribute() {
      return eventAttribute;
    }

    /**
     * @return the event attribute's value
     */
    public String value() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Mapping)) {
        return false;
      }
      Mapping m = (Mapping) o;
      return action == m.action
          && userAttribute.equals(m.userAttribute)
          && eventAttribute.equals(m.eventAttribute)
          && value.equals(m.value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(action, userAttribute, eventAttribute, value);
    }

    @Override
    public String toString() {
      return action + " " + userAttribute + " <- " + eventAttribute + "=" + value;
    }
  }

  /** Builds mappings in code (sideloaded kits, tests). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EventAttributeMappings}. */
  public static final class Builder {
    private final Map<Integer, String> add = new LinkedHashMap<>();
    private final Map<Integer, String> remove = new LinkedHashMap<>();
    private final Map<Integer, String> single = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param action what to do
     * @param eventAttributeHash hash(eventTypeNumber + eventName + attributeKey)
     * @param userAttribute the user attribute's name
     * @return this
     */
    public Builder put(Action action, int eventAttributeHash, String userAttribute) {
      Objects.requireNonNull(action, "action");
      if (userAttribute == null || userAttribute.isEmpty()) {
        throw new IllegalArgumentException(
            "userAttribute is empty; name the user attribute to change");
      }
      (action == Action.ADD_TO_LIST ? add : action == Action.REMOVE_FROM_LIST ? remove : single)
          .put(eventAttributeHash, userAttribute);
      return this;
    }

    /**
     * @return the mappings
     */
    public EventAttributeMappings build() {
      return of(add, remove, single);
    }
  }
}
