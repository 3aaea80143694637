package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.user.IdentityType;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not API. A data plan as the platform exports it, with the four blocking switches, used to block
 * unplanned data toward kits (uploads are never changed by it, as on the platform).
 *
 * <p>The document is the platform's data plan version ({@code {"data_plan_id":…, "version":n,
 * "version_document":{"data_points":[…]}}}); the switches are the configuration response's {@code
 * dpr.dtpn.blok} flags {@code ev} (unplanned events), {@code ea} (unplanned event and product
 * attributes), {@code ua} (unplanned user attributes) and {@code id} (unplanned identities), with
 * the version under {@code dpr.dtpn.vers}. Sources: mParticle/mparticle-android-sdk {@code
 * android-core/src/main/java/com/mparticle/internal/ConfigManager.java} (parseDataplanOptions) and
 * {@code android-kit-base/src/main/kotlin/com/mparticle/kits/DataplanFilter.kt};
 * mParticle/mparticle-web-sdk {@code src/kitBlocking.ts} and {@code src/mp-instance.ts}
 * (createKitBlocker).
 *
 * <p>{@link DataPlanDocument} reads the document into match keys and planned keys.
 *
 * <p>Decisions, from the SDKs: an unplanned event is blocked only when {@code ev} is on, and its
 * attributes are then left alone (there is no plan to hold them to); only custom events, screen
 * views and commerce events are plannable, so other events always pass; when {@code ua} or {@code
 * id} is on but the plan has no {@code user_attributes} / {@code user_identities} point, nothing is
 * blocked (Android's {@code isUserIdentityBlocked}; the Web SDK would fail on that document).
 * Shopping cart products are not filtered: neither SDK filters them.
 */
public final class DataPlan {
  static final String USER_ATTRIBUTES = "user_attributes";
  static final String USER_IDENTITIES = "user_identities";
  static final String PRODUCTS = "#products";

  private static final DataPlan NONE =
      new DataPlan(
          null, null, false, false, false, false, Collections.emptyMap(), Collections.emptyList());

  private final String planId;
  private final Integer version;
  private final boolean blockEvents;
  private final boolean blockEventAttributes;
  private final boolean blockUserAttributes;
  private final boolean blockUserIdentities;

  /** Match key to the planned keys, or to null when any key is planned. */
  private final Map<String, Set<String>> points;

  private final List<String> skipped;

  private DataPlan(
      String planId,
      Integer version,
      boolean ev,
      boolean ea,
      boolean ua,
      boolean id,
      Map<String, Set<String>> points,
      List<String> skipped) {
    this.planId = planId;
    this.version = version;
    this.blockEvents = ev;
    this.blockEventAttributes = ea;
    this.blockUserAttributes = ua;
    this.blockUserIdentities = id;
    this.points = points;
    this.skipped = skipped;
  }

  /**
   * @return a plan that blocks nothing
   */
  public static DataPlan none() {
    return NONE;
  }

  /**
   * Reads the {@code dpr} member of a configuration response. As Android's ConfigManager does, a
   * {@code dpr} without {@code dtpn.blok} blocks nothing; flags that are absent are off.
   *
   * @param dpr the value of {@code dpr}, or null when the response has none
   * @return the plan
   * @throws KitConfigurationException naming the field when a present member has the wrong type
   */
  public static DataPlan fromConfiguration(Object dpr) throws KitConfigurationException {
    if (dpr == null) {
      return NONE;
    }
    Map<String, Object> root = Fields.object(dpr, "dpr");
    Map<String, Object> dtpn = Fields.objectOrNull(root, "dtpn", "dpr.dtpn");
    if (dtpn == null) {
      return NONE;
    }
    Map<String, Object> blok = Fields.objectOrNull(dtpn, "blok", "dpr.dtpn.blok");
    if (blok == null) {
      return NONE;
    }
    Map<String, Object> vers = Fields.objectOrNull(dtpn, "vers", "dpr.dtpn.vers");
    return build(
        vers == null ? Collections.emptyMap() : vers,
        "dpr.dtpn.vers",
        flag(blok, "ev"),
        flag(blok, "ea"),
        flag(blok, "ua"),
        flag(blok, "id"));
  }

  private static boolean flag(Map<String, Object> blok, String key)
      throws KitConfigurationException {
    Boolean b = Fields.optBool(blok, key, "dpr.dtpn.blok." + key);
    return b != null && b;
  }

  /**
   * Reads a data plan version document given by the host (it takes priority over the
   * configuration's, as in both SDKs).
   *
   * @param json the version as exported from the platform ({@code
   *     {"version_document":{"data_points":[…]},…}}); a bare {@code {"data_points":[…]}} is
   *     accepted too
   * @throws KitConfigurationException when the text is not JSON or a member that matters has the
   *     wrong type
   */
  public static DataPlan parse(
      String json,
      boolean blockEvents,
      boolean blockEventAttributes,
      boolean blockUserAttributes,
      boolean blockUserIdentities)
      throws KitConfigurationException {
    Object tree;
    try {
      tree = JsonTree.parse(json);
    } catch (IOException e) {
      throw new KitConfigurationException(
          "data plan version is not valid JSON: " + e.getMessage(), e);
    }
    Map<String, Object> root = Fields.object(tree, "(data plan version)");
    if (!root.containsKey("version_document") && !root.containsKey("data_points")) {
      throw new KitConfigurationException(
          "the data plan version has no version_document: pass the version "
              + "exported from the platform ({\"data_plan_id\":…,\"version\":n,\"version_document\":"
              + "{\"data_points\":[…]}}), found members "
              + root.keySet());
    }
    return build(
        root, "", blockEvents, blockEventAttributes, blockUserAttributes, blockUserIdentities);
  }

  private static DataPlan build(
      Map<String, Object> vers, String path, boolean ev, boolean ea, boolean ua, boolean id)
      throws KitConfigurationException {
    DataPlanDocument doc = DataPlanDocument.read(vers, path);
    return new DataPlan(doc.planId(), doc.version(), ev, ea, ua, id, doc.points(), doc.skipped());
  }

  // ---- lookups
  // --------------------------------------------------------------------------------------------

  /**
   * @return true when this plan can change nothing
   */
  public boolean blocksNothing() {
    return !blockEvents && !blockEventAttributes && !blockUserAttributes && !blockUserIdentities;
  }

  /**
   * @param e an event
   * @return its match key (as in the Web SDK's KitBlocker: {@code custom_event:<type>:<name>},
   *     {@code screen_view::<name>}, {@code product_action:<action>}, {@code
   *     promotion_action:<action>}, {@code product_impression}), or null when the event type cannot
   *     be planned
   */
  static String matchKey(Event e) {
    if (e instanceof CustomEvent) {
      CustomEvent c = (CustomEvent) e;
      // The serializer refuses a custom event without a type; "unknown" is Android's name for it.
      String type = c.customEventType() == null ? "unknown" : c.customEventType().wireName();
      return DataPlanDocument.customEventKey(type, String.valueOf(c.name()));
    }
    if (e instanceof ScreenView) {
      return DataPlanDocument.screenKey(String.valueOf(((ScreenView) e).screenName()));
    }
    if (e instanceof CommerceEvent) {
      CommerceEvent c = (CommerceEvent) e;
      switch (c.kind()) {
        case PRODUCT_ACTION:
          return c.productAction() == null || c.productAction().action() == null
              ? null
              : "product_action:" + c.productAction().action().wireName();
        case PROMOTION_ACTION:
          return c.promotionAction() == null || c.promotionAction().action() == null
              ? null
              : "promotion_action:" + c.promotionAction().action().wireName();
        default:
          return "product_impression";
      }
    }
    return null;
  }

  /**
   * @return true if the event must not reach kits ({@code ev} on and the event unplanned)
   */
  boolean blocksEvent(Event e) {
    if (!blockEvents) {
      return false;
    }
    String key = matchKey(e);
    return key != null && !points.containsKey(key);
  }

  /**
   * @param e an event that passed {@link #blocksEvent}
   * @return the planned attribute keys when unplanned ones must be removed, else null (keep all)
   */
  Set<String> allowedEventAttributes(Event e) {
    if (!blockEventAttributes) {
      return null;
    }
    String key = matchKey(e);
    return key == null ? null : points.get(key);
  }

  /**
   * @param e a commerce event that passed {@link #blocksEvent}
   * @return the planned product attribute keys when unplanned ones must be removed, else null
   */
  Set<String> allowedProductAttributes(CommerceEvent e) {
    if (!blockEventAttributes) {
      return null;
    }
    String key = matchKey(e);
    return key == null ? null : points.get(key + PRODUCTS);
  }

  /**
   * @return true if the user attribute may reach kits
   */
  boolean allowsUserAttribute(String key) {
    if (!blockUserAttributes) {
      return true;
    }
    Set<String> planned = points.get(USER_ATTRIBUTES);
    return planned == null || planned.contains(key);
  }

  /**
   * @return true if the identity may reach kits
   */
  boolean allowsIdentity(IdentityType type) {
    if (!blockUserIdentities) {
      return true;
    }
    Set<String> planned = points.get(USER_IDENTITIES);
    return planned == null || planned.contains(type.idsyncKey());
  }

  /**
   * @return true when user attributes or identities may be removed from a user's view
   */
  boolean filtersUsers() {
    return (blockUserAttributes && points.get(USER_ATTRIBUTES) != null)
        || (blockUserIdentities && points.get(USER_IDENTITIES) != null);
  }

  /**
   * @return the data points that match nothing, with why (for the report when the plan is applied)
   */
  public List<String> skipped() {
    return skipped;
  }

  /**
   * @return the number of match keys (event, product, user attribute and identity points)
   */
  int size() {
    return points.size();
  }

  /**
   * @return the planned keys for one match key; {@code null} when any, absent key throws
   */
  Set<String> plannedKeys(String matchKey) {
    if (!points.containsKey(matchKey)) {
      throw new IllegalArgumentException("no data point " + matchKey);
    }
    return points.get(matchKey);
  }

  /**
   * @return true if a data point has this match key
   */
  boolean hasPoint(String matchKey) {
    return points.containsKey(matchKey);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DataPlan)) {
      return false;
    }
    DataPlan p = (DataPlan) o;
    return blockEvents == p.blockEvents
        && blockEventAttributes == p.blockEventAttributes
        && blockUserAttributes == p.blockUserAttributes
        && blockUserIdentities == p.blockUserIdentities
        && java.util.Objects.equals(planId, p.planId)
        && java.util.Objects.equals(version, p.version)
        && points.equals(p.points);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        planId,
        version,
        points,
        blockEvents,
        blockEventAttributes,
        blockUserAttributes,
        blockUserIdentities);
  }

  @Override
  public String toString() {
    if (this == NONE) {
      return "DataPlan{none}";
    }
    return "DataPlan{"
        + (planId == null ? "" : planId)
        + (version == null ? "" : " v" + version)
        + ", blocks "
        + (blockEvents ? "ev " : "")
        + (blockEventAttributes ? "ea " : "")
        + (blockUserAttributes ? "ua " : "")
        + (blockUserIdentities ? "id " : "")
        + ", "
        + points.size()
        + " points"
        + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped")
        + '}';
  }
}
