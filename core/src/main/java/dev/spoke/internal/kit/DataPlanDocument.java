package dev.spoke.internal.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not API. The data points of a data plan version document, as {@link DataPlan} decides with them.
 * Sources: mParticle/mparticle-android-sdk {@code
 * android-kit-base/src/main/kotlin/com/mparticle/kits/DataplanFilter.kt};
 * mParticle/mparticle-web-sdk {@code src/kitBlocking.ts}.
 *
 * <p>Each data point is reduced, as both SDKs do, to a match key and the set of keys its JSON
 * Schema validator allows, or "any key" when the validator leaves {@code additionalProperties} true
 * or unset:
 *
 * <ul>
 *   <li>{@code custom_event} (criteria {@code event_name} and {@code custom_event_type}), {@code
 *       screen_view} ({@code screen_name}), {@code product_action} / {@code promotion_action}
 *       ({@code action}) and {@code product_impression}: the event's planned {@code
 *       data.custom_attributes}; with no {@code custom_attributes} in the validator, {@code
 *       data.additionalProperties:false} plans none.
 *   <li>{@code product_action} and {@code product_impression} also plan product attributes ({@code
 *       data.product_action.products.items.custom_attributes}, or {@code
 *       data.product_impressions.items.products.items.custom_attributes}), where any level closed
 *       by {@code additionalProperties:false} without the next level plans none (Android's rule;
 *       the Web SDK allows all in that case).
 *   <li>{@code user_attributes} / {@code user_identities}: the validator's top-level {@code
 *       properties} (identities by their IDSync names: {@code customerid}, {@code other2}, … as
 *       both SDKs compare them).
 * </ul>
 *
 * Points of other match types, or without the criteria their type needs, match nothing (both SDKs
 * skip them); they are listed by {@link #skipped()}.
 *
 * @param planId {@code data_plan_id}, or null
 * @param version {@code version}, or null
 * @param points match key to the planned keys, or to null when any key is planned
 * @param skipped the data points that match nothing, with why
 */
record DataPlanDocument(
    String planId, Integer version, Map<String, Set<String>> points, List<String> skipped) {

  /**
   * @param vers a data plan version ({@code data_plan_id}, {@code version}, {@code
   *     version_document}), or a bare {@code {"data_points":[…]}}
   * @param path where it is, for messages ("" at the root)
   */
  static DataPlanDocument read(Map<String, Object> vers, String path)
      throws KitConfigurationException {
    String prefix = path.isEmpty() ? "" : path + ".";
    Object pid = vers.get("data_plan_id");
    Integer version = Fields.optInt(vers, "version", prefix + "version");
    Map<String, Object> doc =
        vers.containsKey("version_document")
            ? Fields.objectOrNull(vers, "version_document", prefix + "version_document")
            : vers;
    Map<String, Set<String>> points = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    Object list = doc == null ? null : doc.get("data_points");
    if (list != null) {
      String docPath = prefix + (doc == vers ? "" : "version_document.") + "data_points";
      List<Object> items = Fields.array(list, docPath);
      for (int i = 0; i < items.size(); i++) {
        addPoint(items.get(i), docPath + "[" + i + "]", points, skipped);
      }
    }
    return new DataPlanDocument(
        pid == null ? null : pid.toString(),
        version,
        Collections.unmodifiableMap(points),
        Collections.unmodifiableList(skipped));
  }

  private static void addPoint(
      Object item, String path, Map<String, Set<String>> points, List<String> skipped)
      throws KitConfigurationException {
    Map<String, Object> point = Fields.object(item, path);
    Map<String, Object> match = Fields.objectOrNull(point, "match", path + ".match");
    if (match == null || !(match.get("type") instanceof String)) {
      skipped.add(path + ": no match.type");
      return;
    }
    String type = (String) match.get("type");
    Map<String, Object> criteria = Fields.objectOrNull(match, "criteria", path + ".match.criteria");
    if (criteria == null) {
      criteria = Collections.emptyMap();
    }
    Map<String, Object> validator = Fields.objectOrNull(point, "validator", path + ".validator");
    Map<String, Object> definition =
        validator == null
            ? null
            : Fields.objectOrNull(validator, "definition", path + ".validator.definition");
    String key;
    switch (type) {
      case "custom_event":
        {
          String name = text(criteria, "event_name");
          String customType = text(criteria, "custom_event_type");
          key = name == null || customType == null ? null : customEventKey(customType, name);
          break;
        }
      case "screen_view":
        {
          String name = text(criteria, "screen_name");
          key = name == null ? null : screenKey(name);
          break;
        }
      case "product_action":
      case "promotion_action":
        {
          String action = text(criteria, "action");
          key = action == null ? null : type + ':' + normalizeAction(action);
          break;
        }
      case "product_impression":
      case DataPlan.USER_ATTRIBUTES:
      case DataPlan.USER_IDENTITIES:
        key = type;
        break;
      default:
        skipped.add(path + ": match type \"" + type + "\" is not used for blocking");
        return;
    }
    if (key == null) {
      skipped.add(path + ": match." + "criteria lacks what a " + type + " point needs");
      return;
    }
    if (type.equals(DataPlan.USER_ATTRIBUTES) || type.equals(DataPlan.USER_IDENTITIES)) {
      points.put(key, definition == null ? null : propertyKeys(definition));
      return;
    }
    Map<String, Object> data = definition == null ? null : child(properties(definition), "data");
    points.put(key, data == null ? null : propertyKeys(constrained(data, "custom_attributes")));
    if (type.equals("product_action")) {
      points.put(
          key + DataPlan.PRODUCTS,
          data == null
              ? null
              : productAttributes(constrained(constrained(data, "product_action"), "products")));
    } else if (type.equals("product_impression")) {
      Map<String, Object> impressions = constrained(data, "product_impressions");
      points.put(
          key + DataPlan.PRODUCTS,
          data == null ? null : productAttributes(constrained(items(impressions), "products")));
    }
  }

  /**
   * Marks a level that {@code additionalProperties:false} closes without describing the next one.
   */
  private static final Map<String, Object> CLOSED = Collections.unmodifiableMap(new HashMap<>());

  private static Set<String> productAttributes(Map<String, Object> products) {
    return propertyKeys(constrained(items(products), "custom_attributes"));
  }

  private static Map<String, Object> items(Map<String, Object> array) {
    if (array == null || array == CLOSED) {
      return array;
    }
    return child(array, "items");
  }

  /**
   * The schema of {@code field} under {@code schema.properties}: null when absent and other
   * properties are allowed (no constraint), {@link #CLOSED} when absent and {@code
   * additionalProperties} is false.
   */
  private static Map<String, Object> constrained(Map<String, Object> schema, String field) {
    if (schema == null || schema == CLOSED) {
      return schema;
    }
    Map<String, Object> f = child(properties(schema), field);
    if (f != null) {
      return f;
    }
    return allowsAdditional(schema) ? null : CLOSED;
  }

  /** The planned keys of an object schema, or null when any key is allowed. */
  private static Set<String> propertyKeys(Map<String, Object> schema) {
    if (schema == null) {
      return null;
    }
    if (schema == CLOSED) {
      return Collections.emptySet();
    }
    if (allowsAdditional(schema)) {
      return null;
    }
    Map<String, Object> props = properties(schema);
    return props == null
        ? Collections.emptySet()
        : Collections.unmodifiableSet(new HashSet<>(props.keySet()));
  }

  private static boolean allowsAdditional(Map<String, Object> schema) {
    Object a = schema.get("additionalProperties");
    // Both SDKs: only an explicit false closes the object (a schema object counts as open).
    return !(Boolean.FALSE.equals(a) || "false".equals(a));
  }

  private static Map<String, Object> properties(Map<String, Object> schema) {
    return schema == null ? null : child(schema, "properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent == null ? null : parent.get(key);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  private static String text(Map<String, Object> criteria, String key) {
    Object v = criteria.get(key);
    return v instanceof String && !((String) v).isBlank() ? (String) v : null;
  }

  /**
   * The Events API spells it {@code remove_from_wish_list}; Android accepts the other spelling too.
   */
  private static String normalizeAction(String action) {
    return action.equals("remove_from_wishlist") ? "remove_from_wish_list" : action;
  }

  static String customEventKey(String customType, String name) {
    return "custom_event:" + customType + ':' + name;
  }

  static String screenKey(String name) {
    return "screen_view::" + name;
  }
}
