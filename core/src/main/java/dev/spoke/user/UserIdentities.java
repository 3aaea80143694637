package dev.spoke.user;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable set of user identities, one value per {@link IdentityType}. Builders never throw.
 */
public final class UserIdentities {
  private static final UserIdentities EMPTY = new UserIdentities(new EnumMap<>(IdentityType.class));

  /**
   * The identities; never changed after construction. Compared EnumMap to EnumMap, which allocates
   * nothing (through an unmodifiable view it would walk entry objects), as handles are looked up by
   * identities on every server-style tracking call.
   */
  private final EnumMap<IdentityType, String> values;

  /** The unmodifiable view {@link #asMap()} hands out, made on first use. */
  private Map<IdentityType, String> view;

  /** Cached: handles are looked up by identities on every server-style tracking call. */
  private int hash;

  private UserIdentities(EnumMap<IdentityType, String> identities) {
    this.values = identities;
  }

  /**
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return no identities
   */
  public static UserIdentities empty() {
    return EMPTY;
  }

  /**
   * @param type the identity type (null gives no identities)
   * @param value the identity value, carried as given (null gives no identities)
   * @return identities holding one value
   */
  public static UserIdentities of(IdentityType type, String value) {
    if (type == null || value == null) {
      return EMPTY;
    }
    // One map, no builder and no copy: a server app calls this once per event.
    EnumMap<IdentityType, String> m = new EnumMap<>(IdentityType.class);
    m.put(type, value);
    return new UserIdentities(m);
  }

  /**
   * @return a builder holding these identities
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.identities.putAll(values);
    return b;
  }

  /**
   * @param type the identity type
   * @return its value, or null
   */
  public String get(IdentityType type) {
    return type == null ? null : values.get(type);
  }

  /**
   * @return the identities in {@link IdentityType} order, unmodifiable
   */
  public Map<IdentityType, String> asMap() {
    Map<IdentityType, String> v = view;
    if (v == null) {
      // A racing first call makes a second view over the same map: harmless.
      v = Collections.unmodifiableMap(values);
      view = v;
    }
    return v;
  }

  /**
   * @return true if there are no identities
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * @return the number of identities
   */
  public int size() {
    return values.size();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UserIdentities)) {
      return false;
    }
    UserIdentities other = (UserIdentities) o;
    // EnumMap to EnumMap compares the value arrays; through the unmodifiable views it would walk
    // entry objects, and this runs on every user lookup.
    return hashCode() == other.hashCode() && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = values.hashCode();
      hash = h;
    }
    return h;
  }

  /** Identities are not secrets: shown in full, keyed by their Events API names. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("UserIdentities{");
    boolean first = true;
    for (Map.Entry<IdentityType, String> e : values.entrySet()) {
      if (!first) {
        s.append(", ");
      }
      s.append(e.getKey().eventsApiKey()).append('=').append(e.getValue());
      first = false;
    }
    return s.append('}').toString();
  }

  /** Builds {@link UserIdentities}; never throws. */
  public static final class Builder {
    private final EnumMap<IdentityType, String> identities = new EnumMap<>(IdentityType.class);

    private Builder() {}

    /**
     * Sets one identity; values are carried as given (blank too) for validation to see.
     *
     * @param type the identity type; null is ignored
     * @param value the value; null removes the identity
     * @return this builder
     */
    public Builder put(IdentityType type, String value) {
      if (type == null) {
        return this;
      }
      if (value == null) {
        identities.remove(type);
      } else {
        identities.put(type, value);
      }
      return this;
    }

    /**
     * Adds every identity of {@code other}, replacing existing values of the same type.
     *
     * @param other identities to add, may be null
     * @return this builder
     */
    public Builder putAll(UserIdentities other) {
      if (other != null) {
        identities.putAll(other.values);
      }
      return this;
    }

    /**
     * @param type the identity type to remove; null is ignored
     * @return this builder
     */
    public Builder remove(IdentityType type) {
      if (type != null) {
        identities.remove(type);
      }
      return this;
    }

    /**
     * @param customerId the customer id; null removes it
     * @return this builder
     */
    public Builder customerId(String customerId) {
      return put(IdentityType.CUSTOMER_ID, customerId);
    }

    /**
     * @param email the email address; null removes it
     * @return this builder
     */
    public Builder email(String email) {
      return put(IdentityType.EMAIL, email);
    }

    /**
     * @return the identities
     */
    public UserIdentities build() {
      return identities.isEmpty() ? EMPTY : new UserIdentities(new EnumMap<>(identities));
    }
  }
}
