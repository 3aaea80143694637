package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.Projections.EVENT_ATTRIBUTE;
import static dev.spoke.internal.kit.Projections.EVENT_FIELD;
import static dev.spoke.internal.kit.Projections.MESSAGE_COMMERCE;
import static dev.spoke.internal.kit.Projections.PRODUCT_ATTRIBUTE;
import static dev.spoke.internal.kit.Projections.PRODUCT_FIELD;
import static dev.spoke.internal.kit.Projections.PROMOTION_FIELD;
import static dev.spoke.internal.kit.Projections.productFields;
import static dev.spoke.internal.kit.Projections.promotionFields;
import static dev.spoke.internal.kit.Projections.strings;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.Product;
import dev.spoke.event.Promotion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Not API. One {@code matches[]} entry of a projection (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/mappings/CustomMappingMatch.java).
 */
final class ProjectionMatch {
  static final ProjectionMatch NEVER =
      new ProjectionMatch(-1, false, 0, "", "", Set.of(), null, null, Set.of());

  final int messageType;
  final boolean hash;
  final int eventHash;
  final String eventName;
  final String attributeKey;
  final Set<String> attributeValues;
  final String property;
  final Integer propertyHash;
  final Set<String> propertyValues;

  private ProjectionMatch(
      int messageType,
      boolean hash,
      int eventHash,
      String eventName,
      String attributeKey,
      Set<String> attributeValues,
      String property,
      Integer propertyHash,
      Set<String> propertyValues) {
    this.messageType = messageType;
    this.hash = hash;
    this.eventHash = eventHash;
    this.eventName = eventName;
    this.attributeKey = attributeKey;
    this.attributeValues = attributeValues;
    this.property = property;
    this.propertyHash = propertyHash;
    this.propertyValues = propertyValues;
  }

  static ProjectionMatch parse(Object v, String path) throws KitConfigurationException {
    Map<String, Object> o = Fields.object(v, path);
    Integer type = Fields.optInt(o, "message_type", path + ".message_type");
    Object matchType = o.get("event_match_type");
    boolean hash = matchType != null && matchType.toString().startsWith("H");
    int eventHash = 0;
    String eventName = "";
    if (hash) {
      if (o.get("event") == null) {
        throw new KitConfigurationException(
            path + ".event: missing; a Hash match needs the event hash");
      }
      eventHash = Fields.intValue(o.get("event"), path + ".event");
    } else if (o.get("event") != null) {
      eventName = o.get("event").toString();
    }
    Object key = o.get("attribute_key");
    Set<String> values = new HashSet<>();
    Object av = o.get("attribute_values");
    if (av instanceof List) {
      for (Object x : (List<?>) av) {
        values.add(String.valueOf(x).toLowerCase(Locale.US));
      }
    } else if (av != null) {
      values.add(av.toString().toLowerCase(Locale.US));
    } else {
      Object one = o.get("attribute_value");
      values.add(one == null ? "" : one.toString().toLowerCase(Locale.US));
    }
    Object property = o.get("property");
    Integer propertyHash =
        o.get("property_name") == null
            ? null
            : Fields.intValue(o.get("property_name"), path + ".property_name");
    Set<String> propertyValues = new HashSet<>();
    if (o.get("property_values") != null) {
      for (Object x : Fields.array(o.get("property_values"), path + ".property_values")) {
        propertyValues.add(String.valueOf(x).toLowerCase(Locale.US));
      }
    }
    return new ProjectionMatch(
        type == null ? 0 : type,
        hash,
        eventHash,
        eventName,
        key == null ? "" : key.toString(),
        Collections.unmodifiableSet(values),
        property == null ? EVENT_ATTRIBUTE : property.toString(),
        propertyHash,
        Collections.unmodifiableSet(propertyValues));
  }

  Projections.Subject match(Projections.Subject s) {
    if (s.messageType != messageType) {
      return null;
    }
    if (s.messageType != MESSAGE_COMMERCE) {
      if (hash) {
        return s.eventHash() == eventHash ? s : null;
      }
      String value = s.attributes.get(attributeKey);
      return s.name.equalsIgnoreCase(eventName)
              && value != null
              && attributeValues.contains(value.toLowerCase(Locale.US))
          ? s
          : null;
    }
    if (propertyHash != null) {
      return matchCommerceProperty(s);
    }
    return hash && s.eventHash() == eventHash ? s : null;
  }

  private Projections.Subject matchCommerceProperty(Projections.Subject s) {
    String prefix = String.valueOf(s.typeNumber);
    if (property.equalsIgnoreCase(EVENT_FIELD)) {
      return firstValueMatches(s.eventFields(), prefix) ? s : null;
    }
    if (property.equalsIgnoreCase(EVENT_ATTRIBUTE)) {
      return firstValueMatches(s.attributes, prefix) ? s : null;
    }
    CommerceEvent ce = s.commerce();
    if (property.equalsIgnoreCase(PRODUCT_FIELD) || property.equalsIgnoreCase(PRODUCT_ATTRIBUTE)) {
      boolean fields = property.equalsIgnoreCase(PRODUCT_FIELD);
      List<Product> all = s.products();
      List<Product> kept =
          matching(
              all,
              p ->
                  anyValueMatches(
                      fields ? productFields(p) : strings(p.customAttributes()), prefix));
      if (kept == null || kept == all) {
        return kept == all ? s : null;
      }
      return s.with(
          ce.toBuilder()
              .replaceProductAction(ce.productAction().toBuilder().products(kept).build())
              .build());
    }
    if (property.equalsIgnoreCase(PROMOTION_FIELD)) {
      List<Promotion> all = s.promotions();
      List<Promotion> kept = matching(all, p -> anyValueMatches(promotionFields(p), prefix));
      if (kept == null || kept == all) {
        return kept == all ? s : null;
      }
      return s.with(
          ce.toBuilder()
              .replacePromotionAction(ce.promotionAction().toBuilder().promotions(kept).build())
              .build());
    }
    return null; // an unknown property matches nothing
  }

  /** The first field whose hash matches decides (CustomMappingMatch.matchCommerceAttributes). */
  private boolean firstValueMatches(Map<String, String> fields, String prefix) {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (KitHash.hash(prefix + e.getKey()) == propertyHash) {
        return propertyValues.contains(e.getValue().toLowerCase(Locale.US));
      }
    }
    return false;
  }

  private boolean anyValueMatches(Map<String, String> fields, String prefix) {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (KitHash.hash(prefix + e.getKey()) == propertyHash
          && propertyValues.contains(e.getValue().toLowerCase(Locale.US))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProjectionMatch)) {
      return false;
    }
    ProjectionMatch m = (ProjectionMatch) o;
    return messageType == m.messageType
        && hash == m.hash
        && eventHash == m.eventHash
        && eventName.equals(m.eventName)
        && attributeKey.equals(m.attributeKey)
        && attributeValues.equals(m.attributeValues)
        && Objects.equals(property, m.property)
        && Objects.equals(propertyHash, m.propertyHash)
        && propertyValues.equals(m.propertyValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(messageType, eventHash, eventName, attributeKey, propertyHash);
  }

  /**
   * @return the non-null items that match: null when none does, {@code all} itself when every item
   *     does (the caller then keeps its event as it is)
   */
  private static <T> List<T> matching(List<T> all, Predicate<T> matches) {
    List<T> kept = new ArrayList<>();
    for (T item : all) {
      if (item != null && matches.test(item)) {
        kept.add(item);
      }
    }
    if (kept.isEmpty()) {
      return null;
    }
    return kept.size() == all.size() ? all : kept;
  }
}
