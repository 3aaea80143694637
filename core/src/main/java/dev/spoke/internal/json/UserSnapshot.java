package dev.spoke.internal.json;

import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. The user half of a batch header, as it stands when the batch is built: MPID, identities,
 * attributes, deleted attributes and consent.
 */
public final class UserSnapshot {
  private static final UserSnapshot EMPTY = builder().build();

  private final Long mpid;
  private final UserIdentities identities;
  private final Map<String, Object> attributes;
  private final List<String> deletedAttributes;
  private final ConsentState consent;

  private UserSnapshot(Builder b) {
    this.mpid = b.mpid;
    this.identities = b.identities;
    this.attributes =
        b.attributes.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.deletedAttributes =
        b.deletedAttributes.isEmpty()
            ? Collections.emptyList()
            : Collections.unmodifiableList(new ArrayList<>(b.deletedAttributes));
    this.consent = b.consent;
  }

  /**
   * @return a snapshot of a user about whom nothing is known
   */
  public static UserSnapshot empty() {
    return EMPTY;
  }

  /**
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder holding this snapshot's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mpid = mpid;
    b.identities = identities;
    b.attributes.putAll(attributes);
    b.deletedAttributes.addAll(deletedAttributes);
    b.consent = consent;
    return b;
  }

  /**
   * @return the MPID from IDSync, or null when not known
   */
  public Long mpid() {
    return mpid;
  }

  /**
   * @return the user's identities, never null
   */
  public UserIdentities identities() {
    return identities;
  }

  /**
   * @return the attributes in insertion order, unmodifiable; a value is a String, an unmodifiable
   *     {@code List<String>}, or null for a tag
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * @return names of attributes removed since the last upload, unmodifiable
   */
  public List<String> deletedAttributes() {
    return deletedAttributes;
  }

  /**
   * @return the consent state, never null
   */
  public ConsentState consent() {
    return consent;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof UserSnapshot)) {
      return false;
    }
    UserSnapshot that = (UserSnapshot) o;
    return Objects.equals(mpid, that.mpid)
        && identities.equals(that.identities)
        && attributes.equals(that.attributes)
        && deletedAttributes.equals(that.deletedAttributes)
        && consent.equals(that.consent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mpid, identities, attributes, deletedAttributes, consent);
  }

  @Override
  public String toString() {
    return "UserSnapshot[mpid="
        + mpid
        + ", identities="
        + identities
        + ", attributes="
        + attributes
        + ", deletedAttributes="
        + deletedAttributes
        + ", consent="
        + consent
        + "]";
  }

  /** Builds a {@link UserSnapshot}; null arguments mean "none". */
  public static final class Builder {
    private Long mpid;
    private UserIdentities identities = UserIdentities.empty();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<String> deletedAttributes = new ArrayList<>();
    private ConsentState consent = ConsentState.empty();

    private Builder() {}

    /**
     * @param mpid the MPID, or null when not known
     * @return this builder
     */
    public Builder mpid(Long mpid) {
      this.mpid = mpid;
      return this;
    }

    /**
     * @param identities the identities, or null for none
     * @return this builder
     */
    public Builder identities(UserIdentities identities) {
      this.identities = identities == null ? UserIdentities.empty() : identities;
      return this;
    }

    /**
     * Sets one attribute. A collection value is copied into an unmodifiable list; null is a tag.
     *
     * @param name the attribute name; a null name is ignored
     * @param value a String, a {@code List<String>}, or null for a tag
     * @return this builder
     */
    public Builder attribute(String name, Object value) {
      if (name != null) {
        attributes.put(
            name,
            value instanceof Collection
                ? Collections.unmodifiableList(new ArrayList<>((Collection<?>) value))
                : value);
      }
      return this;
    }

    /**
     * @param values attributes to add (replacing those of the same name), or null
     * @return this builder
     */
    public Builder attributes(Map<String, ?> values) {
      if (values != null) {
        values.forEach(this::attribute);
      }
      return this;
    }

    /**
     * @param names names of removed attributes (null elements ignored), or null
     * @return this builder
     */
    public Builder deletedAttributes(Collection<String> names) {
      if (names != null) {
        for (String n : names) {
          if (n != null) {
            deletedAttributes.add(n);
          }
        }
      }
      return this;
    }

    /**
     * @param consent the consent state, or null for none
     * @return this builder
     */
    public Builder consent(ConsentState consent) {
      this.consent = consent == null ? ConsentState.empty() : consent;
      return this;
    }

    /**
     * @return the snapshot
     */
    public UserSnapshot build() {
      return new UserSnapshot(this);
    }
  }
}
