package dev.spoke.internal.kit;

import dev.spoke.kit.EventAttributeMappings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Not API. The {@code hs} block of one {@code eks} entry: a kit's hash filters, one per family.
 *
 * @param eventTypes {@code hs.et}: hash(typeNumber)
 * @param eventNames {@code hs.ec}: hash(typeNumber + name)
 * @param eventAttributes {@code hs.ea}: hash(typeNumber + name + attrKey)
 * @param screenNames {@code hs.svec}: hash("0" + screenName)
 * @param screenAttributes {@code hs.svea}: hash("0" + screenName + attrKey)
 * @param userAttributes {@code hs.ua}: hash(userAttrKey)
 * @param identityTypes {@code hs.uid}: raw identity type numbers (not hashed)
 * @param commerceAttributes {@code hs.cea}: hash(commerceTypeNumber + attrKey)
 * @param commerceEntities {@code hs.ent}: raw commerce entity type numbers
 * @param commerceEntityAttributes {@code hs.afa}: by commerce entity, only the entities that block
 *     something
 */
record HashFilters(
    HashFilter eventTypes,
    HashFilter eventNames,
    HashFilter eventAttributes,
    HashFilter screenNames,
    HashFilter screenAttributes,
    HashFilter userAttributes,
    HashFilter identityTypes,
    HashFilter commerceAttributes,
    HashFilter commerceEntities,
    Map<Integer, HashFilter> commerceEntityAttributes) {

  /** No filter: everything is allowed. */
  static final HashFilters ALLOW_ALL =
      new HashFilters(
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          HashFilter.ALLOW_ALL,
          Collections.emptyMap());

  HashFilters {
    commerceEntityAttributes = Collections.unmodifiableMap(new TreeMap<>(commerceEntityAttributes));
  }

  /**
   * Reads {@code hs}; an absent family allows everything.
   *
   * @param hs the {@code hs} object, empty when absent
   * @param path where it is, for messages (ends with a dot)
   */
  static HashFilters parse(Map<String, Object> hs, String path) throws KitConfigurationException {
    return new HashFilters(
        HashFilter.parse(hs.get("et"), path + "et"),
        HashFilter.parse(hs.get("ec"), path + "ec"),
        HashFilter.parse(hs.get("ea"), path + "ea"),
        HashFilter.parse(hs.get("svec"), path + "svec"),
        HashFilter.parse(hs.get("svea"), path + "svea"),
        HashFilter.parse(hs.get("ua"), path + "ua"),
        HashFilter.parse(hs.get("uid"), path + "uid"),
        HashFilter.parse(hs.get("cea"), path + "cea"),
        HashFilter.parse(hs.get("ent"), path + "ent"),
        parseEntityAttributes(hs.get("afa"), path + "afa"));
  }

  /**
   * A sideloaded kit's local filters: the blocked keys by family ({@code et}, {@code ec}, {@code
   * ea}, {@code svec}, {@code svea}, {@code uid}, {@code ua}); the commerce families are not
   * offered to sideloaded kits.
   */
  static HashFilters sideloaded(Map<String, Set<Integer>> f) {
    return new HashFilters(
        blocking(f.get("et")),
        blocking(f.get("ec")),
        blocking(f.get("ea")),
        blocking(f.get("svec")),
        blocking(f.get("svea")),
        blocking(f.get("ua")),
        blocking(f.get("uid")),
        HashFilter.ALLOW_ALL,
        HashFilter.ALLOW_ALL,
        Collections.emptyMap());
  }

  private static HashFilter blocking(Set<Integer> blocked) {
    return blocked == null || blocked.isEmpty()
        ? HashFilter.ALLOW_ALL
        : HashFilter.blocking(blocked);
  }

  /**
   * Reads {@code hs.eaa}, {@code hs.ear} and {@code hs.eas}: event attributes mapped onto user
   * attributes (they sit in {@code hs} though they filter nothing).
   *
   * @param hs the {@code hs} object, empty when absent
   * @param path where it is, for messages (ends with a dot)
   */
  static EventAttributeMappings attributeMappings(Map<String, Object> hs, String path)
      throws KitConfigurationException {
    return EventAttributeMappings.of(
        hashNames(hs.get("eaa"), path + "eaa"),
        hashNames(hs.get("ear"), path + "ear"),
        hashNames(hs.get("eas"), path + "eas"));
  }

  /**
   * {@code eaa}/{@code ear}/{@code eas}: {hash → user attribute name}, as
   * KitConfiguration.convertToSparseMap reads them (mParticle/mparticle-android-sdk,
   * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java).
   */
  private static Map<Integer, String> hashNames(Object v, String path)
      throws KitConfigurationException {
    if (v == null) {
      return Collections.emptyMap();
    }
    Map<Integer, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Fields.object(v, path).entrySet()) {
      String p = path + "[\"" + e.getKey() + "\"]";
      if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
        throw new KitConfigurationException(
            p + ": expected a user attribute name, got " + Fields.describe(e.getValue()));
      }
      out.put(Fields.intValue(e.getKey(), p + " (key)"), e.getValue().toString());
    }
    return out;
  }

  /**
   * {@code afa} is keyed by commerce entity ({"1": {hash → 0|1}, "2": {…}}), as the Android SDK
   * reads it (mParticle/mparticle-android-sdk
   * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
   * parseConfiguration}, {@code getJSONObject} per entity): a flat map is not a shape any SDK
   * reads, so it fails here (and disables the kit) rather than being guessed at.
   */
  private static Map<Integer, HashFilter> parseEntityAttributes(Object v, String path)
      throws KitConfigurationException {
    Map<Integer, HashFilter> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    Map<String, Object> o = Fields.object(v, path);
    for (Map.Entry<String, Object> e : o.entrySet()) {
      String p = path + "[\"" + e.getKey() + "\"]";
      int entity = Fields.intValue(e.getKey(), p);
      if (e.getValue() != null && !(e.getValue() instanceof Map)) {
        throw new KitConfigurationException(
            p
                + ": expected an object {hash: 0|1} for commerce entity "
                + entity
                + " (afa is keyed by entity: 1 product, 2 promotion, 3 impression), got "
                + Fields.describe(e.getValue()));
      }
      HashFilter f = HashFilter.parse(e.getValue(), p);
      if (!f.allowsAll()) {
        out.put(entity, f);
      }
    }
    return out;
  }
}
