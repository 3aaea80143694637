package dev.spoke.internal.kit;

import java.util.Map;

/**
 * Not API. The Web SDK's per-kit user-attribute value rule, {@code filteringUserAttributeValue}
 * {userAttributeName: hash, userAttributeValue: hash, includeOnMatch}: the kit is on for a user iff
 * includeOnMatch equals "one of the user's attributes has that key and value"; with no user, off.
 * Source: mParticle/mparticle-web-sdk src/forwarders.js {@code isEnabledForUserAttributes}. Read
 * only when an {@code eks} entry carries it; an empty object is no rule, as on the web.
 *
 * @param include {@code includeOnMatch}
 * @param keyHash {@code userAttributeName}: hash(key)
 * @param valueHash {@code userAttributeValue}: hash(value)
 */
record UserAttributeValueFilter(boolean include, int keyHash, int valueHash) {
  static final String KEY = "filteringUserAttributeValue";

  static UserAttributeValueFilter parse(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return null;
    }
    Map<String, Object> o = Fields.object(v, path);
    if (o.isEmpty()) {
      return null;
    }
    for (String k : new String[] {"userAttributeName", "userAttributeValue", "includeOnMatch"}) {
      if (o.get(k) == null) {
        throw new KitConfigurationException(
            path
                + "."
                + k
                + ": missing; a user-attribute value rule needs userAttributeName, userAttributeValue and includeOnMatch");
      }
    }
    return new UserAttributeValueFilter(
        Fields.boolValue(o.get("includeOnMatch"), path + ".includeOnMatch"),
        Fields.intValue(o.get("userAttributeName"), path + ".userAttributeName"),
        Fields.intValue(o.get("userAttributeValue"), path + ".userAttributeValue"));
  }
}
