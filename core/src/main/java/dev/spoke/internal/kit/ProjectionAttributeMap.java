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

import dev.spoke.event.CustomEvent;
import dev.spoke.event.Product;
import dev.spoke.event.Promotion;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. One {@code attribute_maps[]} entry of a projection (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/mappings/CustomMapping.java, {@code
 * AttributeMap}).
 */
final class ProjectionAttributeMap {
  final String projectedName;
  final String matchType;
  final String value;
  final int dataType;
  final boolean required;
  final String property;

  private ProjectionAttributeMap(
      String projectedName,
      String matchType,
      String value,
      int dataType,
      boolean required,
      String property) {
    this.projectedName = projectedName;
    this.matchType = matchType;
    this.value = value;
    this.dataType = dataType;
    this.required = required;
    this.property = property;
  }

  static ProjectionAttributeMap parse(Object v, String path) throws KitConfigurationException {
    Map<String, Object> o = Fields.object(v, path);
    Object name = o.get("projected_attribute_name");
    Object type = o.get("match_type");
    Object value = o.get("value");
    // optInt("data_type", 1) in the Android SDK: a name such as "String" (seen in real
    // configurations) is 1.
    Integer dataType;
    try {
      dataType = Fields.optInt(o, "data_type", path + ".data_type");
    } catch (KitConfigurationException notANumber) {
      dataType = 1;
    }
    Boolean required = Fields.optBool(o, "is_required", path + ".is_required");
    Object property = o.get("property");
    String matchType = type == null ? "String" : type.toString();
    String val = value == null ? "" : value.toString();
    if (matchType.startsWith("H")) {
      Fields.intValue(
          val, path + ".value"); // a Hash map's value is the hash; fail here, not per event
    }
    return new ProjectionAttributeMap(
        name == null ? "" : name.toString(),
        matchType,
        val,
        dataType == null ? 1 : dataType,
        required != null && required,
        property == null ? EVENT_ATTRIBUTE : property.toString());
  }

  boolean isStatic() {
    return matchType.startsWith("Sta");
  }

  Map.Entry<String, String> find(Projections.Subject s, Product product, Promotion promotion) {
    if (matchType.startsWith("S")) {
      return findByKey(s, product, promotion, value);
    }
    if (matchType.startsWith("H")) {
      return findByHash(s, product, promotion, Integer.parseInt(value.trim()));
    }
    if (matchType.startsWith("F")
        && s.messageType != MESSAGE_COMMERCE
        && s.event instanceof CustomEvent) {
      // "Field" maps the event name onto an attribute; custom events only (MPEvent in the Android
      // SDK).
      return Map.entry(projectedName, s.name);
    }
    return null;
  }

  private Map<String, String> source(Projections.Subject s, Product product, Promotion promotion) {
    if (property.equalsIgnoreCase(EVENT_ATTRIBUTE)) {
      return s.attributes;
    }
    if (s.messageType != MESSAGE_COMMERCE) {
      return null; // custom events and screens have only attributes
    }
    if (property.equalsIgnoreCase(EVENT_FIELD)) {
      return s.eventFields();
    }
    if (property.equalsIgnoreCase(PRODUCT_ATTRIBUTE)) {
      return product == null ? null : strings(product.customAttributes());
    }
    if (property.equalsIgnoreCase(PRODUCT_FIELD)) {
      return product == null ? null : productFields(product);
    }
    if (property.equalsIgnoreCase(PROMOTION_FIELD)) {
      return promotion == null ? null : promotionFields(promotion);
    }
    return null;
  }

  private Map.Entry<String, String> findByKey(
      Projections.Subject s, Product product, Promotion promotion, String key) {
    Map<String, String> m = source(s, product, promotion);
    String v = m == null ? null : m.get(key);
    return v == null ? null : Map.entry(key, v);
  }

  private Map.Entry<String, String> findByHash(
      Projections.Subject s, Product product, Promotion promotion, int hash) {
    Map<String, String> m = source(s, product, promotion);
    if (m == null) {
      return null;
    }
    String prefix = s.attributePrefix();
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (KitHash.hash(prefix + e.getKey()) == hash) {
        return Map.entry(e.getKey(), e.getValue());
      }
    }
    return null;
  }

  boolean matchesDataType(String v) {
    switch (dataType) {
      case 1:
        return true;
      case 2:
        try {
          Integer.parseInt(v);
          return true;
        } catch (NumberFormatException e) {
          return false;
        }
      case 3:
        return "true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v);
      case 4:
        try {
          Double.parseDouble(v);
          return true;
        } catch (NumberFormatException e) {
          return false;
        }
      default:
        return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProjectionAttributeMap)) {
      return false;
    }
    ProjectionAttributeMap m = (ProjectionAttributeMap) o;
    return projectedName.equals(m.projectedName)
        && matchType.equals(m.matchType)
        && value.equals(m.value)
        && dataType == m.dataType
        && required == m.required
        && property.equals(m.property);
  }

  @Override
  public int hashCode() {
    return Objects.hash(projectedName, matchType, value, dataType, required, property);
  }
}
