package dev.spoke.kit;

import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A user as one kit is allowed to see them: identities and attributes already filtered by that
 * kit's configuration. Immutable.
 */
public final class KitUser {
  private final Long mpid;
  private final UserIdentities identities;
  private final Map<String, Object> attributes;
  private final ConsentState consent;
  private final boolean loggedIn;

  public KitUser(
      Long mpid,
      UserIdentities identities,
      Map<String, Object> attributes,
      ConsentState consent,
      boolean loggedIn) {
    this.mpid = mpid;
    this.identities = Objects.requireNonNull(identities, "identities");
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.consent = Objects.requireNonNull(consent, "consent");
    this.loggedIn = loggedIn;
  }

  /**
   * @return the platform's user id, or null while it is not known
   */
  public Long mpid() {
    return mpid;
  }

  public UserIdentities identities() {
    return identities;
  }

  /** User attributes: a String, a List of Strings, or null for a tag. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public ConsentState consent() {
    return consent;
  }

  /** Whether IDSync reported the user as logged in. */
  public boolean loggedIn() {
    return loggedIn;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof KitUser)) return false;
    KitUser u = (KitUser) o;
    return loggedIn == u.loggedIn
        && Objects.equals(mpid, u.mpid)
        && identities.equals(u.identities)
        && attributes.equals(u.attributes)
        && consent.equals(u.consent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mpid, identities, attributes, consent, loggedIn);
  }

  @Override
  public String toString() {
    return "KitUser{mpid="
        + mpid
        + ", identities="
        + identities
        + ", attributes="
        + attributes.keySet()
        + ", loggedIn="
        + loggedIn
        + '}';
  }
}
