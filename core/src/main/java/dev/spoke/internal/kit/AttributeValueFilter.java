package dev.spoke.internal.kit;

import java.util.Map;

/**
 * Not API. {@code avf}: an event (custom event, screen view, commerce event) goes to the kit iff
 * {@code include} equals "the event's own custom attributes have one with key hash {@code a} whose
 * value hashes to {@code v}". Source: mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
 * shouldIncludeFromAttributeValueFiltering}; mParticle/mparticle-apple-sdk
 * mParticle-Apple-SDK/Kits/MPKitContainer.m {@code shouldIncludeEventWithAttributes}.
 *
 * @param include {@code i}
 * @param keyHash {@code a}: hash(attrKey)
 * @param valueHash {@code v}: hash(attrValue)
 */
record AttributeValueFilter(boolean include, int keyHash, int valueHash) {

  static AttributeValueFilter parse(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return null;
    }
    Map<String, Object> o = Fields.object(v, path);
    for (String k : new String[] {"i", "a", "v"}) {
      if (o.get(k) == null) {
        throw new KitConfigurationException(
            path + "." + k + ": missing; an attribute-value filter needs i, a and v");
      }
    }
    return new AttributeValueFilter(
        Fields.boolValue(o.get("i"), path + ".i"),
        Fields.intValue(o.get("a"), path + ".a"),
        Fields.intValue(o.get("v"), path + ".v"));
  }
}
