package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.ScreenView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. A kit's projections ({@code pr} of its {@code eks} entry): rules that rename and re-map
 * an event for that kit before the kit sees it. Immutable and pure.
 *
 * <p>Follows the Android SDK (mParticle/mparticle-android-sdk, {@code
 * android-kit-base/src/main/java/com/mparticle/kits/mappings/CustomMapping.java}, {@code
 * CustomMappingMatch.java}, {@code EventWrapper.java}; parsed in {@code KitConfiguration.java}
 * under {@code "pr"}; applied in {@code KitManagerImpl.java} after the kit's filters):
 *
 * <ul>
 *   <li>message types: 4 custom event, 3 screen view, 16 commerce event; every {@code matches[]}
 *       entry of a projection must match, a projection without {@code matches} never matches unless
 *       it is the default;
 *   <li>{@code event_match_type} "Hash": {@code event} equals hash(typeNumber + name) (screens:
 *       hash("0" + name), commerce: hash(commerceTypeNumber)); "String" (the default): the name
 *       equals {@code event} ignoring case and the attribute {@code attribute_key} has one of
 *       {@code attribute_values}, ignoring case;
 *   <li>commerce matches by {@code property} (EventField, EventAttribute, ProductField,
 *       ProductAttribute, PromotionField) with {@code property_name} = hash(commerceType + key) and
 *       {@code property_values}; product and promotion matches narrow the event to the matching
 *       items;
 *   <li>every matching projection gives its own result; when none does, the default projection of
 *       the message type ({@code behavior.is_default}) applies; without one the kit gets the event
 *       unchanged;
 *   <li>{@code attribute_maps}: "String" (by key), "Hash" (by hash(type + name + key); commerce
 *       hash(type + key)), "Field" (the event name, custom events only), "Static" (a fixed value);
 *       {@code data_type} 1 string, 2 integer, 3 boolean, 4 float; a required map that does not
 *       match drops that projection's result;
 *   <li>{@code behavior.append_unmapped_as_is} appends the other attributes, sorted by key, until
 *       {@code max_custom_params} attributes; {@code selector} "foreach" (default) gives one result
 *       per product/promotion, "last" one for the last; impressions are never projected.
 * </ul>
 */
public final class Projections {
  /** No projections: every event reaches the kit as it is. */
  public static final Projections NONE = new Projections(Collections.emptyList(), null, null, null);

  static final int MESSAGE_SCREEN = 3;
  static final int MESSAGE_EVENT = 4;
  static final int MESSAGE_COMMERCE = 16;

  static final String EVENT_FIELD = "EventField";
  static final String EVENT_ATTRIBUTE = "EventAttribute";
  static final String PRODUCT_FIELD = "ProductField";
  static final String PRODUCT_ATTRIBUTE = "ProductAttribute";
  static final String PROMOTION_FIELD = "PromotionField";

  /** The Android SDK's default currency when a commerce event names none (CommerceEventUtils). */
  static final String DEFAULT_CURRENCY = "USD";

  private final List<Projection> projections;
  private final Projection defaultEvent;
  private final Projection defaultScreen;
  private final Projection defaultCommerce;

  private Projections(
      List<Projection> projections,
      Projection defaultEvent,
      Projection defaultScreen,
      Projection defaultCommerce) {
    this.projections = Collections.unmodifiableList(new ArrayList<>(projections));
    this.defaultEvent = defaultEvent;
    this.defaultScreen = defaultScreen;
    this.defaultCommerce = defaultCommerce;
  }

  /**
   * @param v the {@code pr} array, or null
   * @param path where it is, for messages
   * @return the projections
   * @throws KitConfigurationException if a field that decides the mapping has the wrong type
   */
  static Projections parse(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return NONE;
    }
    List<Object> items = Fields.array(v, path);
    List<Projection> list = new ArrayList<>();
    Projection defEvent = null;
    Projection defScreen = null;
    Projection defCommerce = null;
    for (int i = 0; i < items.size(); i++) {
      Projection p = Projection.parse(items.get(i), path + "[" + i + "]");
      if (p.isDefault) {
        // As KitConfiguration.java: the last default of a message type wins; other types are
        // commerce.
        if (p.messageType() == MESSAGE_EVENT) {
          defEvent = p;
        } else if (p.messageType() == MESSAGE_SCREEN) {
          defScreen = p;
        } else {
          defCommerce = p;
        }
      } else {
        list.add(p);
      }
    }
    if (list.isEmpty() && defEvent == null && defScreen == null && defCommerce == null) {
      return NONE;
    }
    return new Projections(list, defEvent, defScreen, defCommerce);
  }

  /**
   * @return true if there is no projection at all
   */
  public boolean isEmpty() {
    return projections.isEmpty()
        && defaultEvent == null
        && defaultScreen == null
        && defaultCommerce == null;
  }

  /** One projected event and the id of the projection that made it. */
  public static final class Result {
    private final Event event;
    private final int projectionId;

    Result(Event event, int projectionId) {
      this.event = event;
      this.projectionId = projectionId;
    }

    /**
     * @return the projected event: a {@link CustomEvent} or a {@link CommerceEvent}
     */
    public Event event() {
      return event;
    }

    /**
     * @return the {@code id} of the projection
     */
    public int projectionId() {
      return projectionId;
    }

    @Override
    public String toString() {
      return "Result{pr " + projectionId + ": " + event + '}';
    }
  }

  /**
   * @param event a custom event, screen view or commerce event, already filtered for the kit
   * @return the events the kit receives instead, or null when no projection applies (the kit gets
   *     the event)
   */
  public List<Result> project(Event event) {
    if (isEmpty() || event == null) {
      return null;
    }
    Subject s;
    Projection fallback;
    if (event instanceof CustomEvent) {
      s = new Subject((CustomEvent) event);
      fallback = defaultEvent;
    } else if (event instanceof ScreenView) {
      s = new Subject((ScreenView) event);
      fallback = defaultScreen;
    } else if (event instanceof CommerceEvent) {
      if (((CommerceEvent) event).kind() == CommerceEvent.Kind.IMPRESSIONS) {
        return null; // CustomMapping.projectEvents: impressions are not projected
      }
      s = new Subject((CommerceEvent) event);
      fallback = defaultCommerce;
    } else {
      return null;
    }
    List<Result> out = new ArrayList<>();
    for (Projection p : projections) {
      Subject matched = p.match(s);
      if (matched != null) {
        out.addAll(p.project(matched));
      }
    }
    if (out.isEmpty() && fallback != null) {
      out.addAll(fallback.project(s));
    }
    return out.isEmpty() ? null : Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Projections
        && ((Projections) o).projections.equals(projections)
        && Objects.equals(((Projections) o).defaultEvent, defaultEvent)
        && Objects.equals(((Projections) o).defaultScreen, defaultScreen)
        && Objects.equals(((Projections) o).defaultCommerce, defaultCommerce);
  }

  @Override
  public int hashCode() {
    return Objects.hash(projections, defaultEvent, defaultScreen, defaultCommerce);
  }

  // ---- the event as projections see it
  // ----------------------------------------------------------------

  /** An event with what matching and mapping read from it (EventWrapper in the Android SDK). */
  static final class Subject {
    final Event event;
    final int messageType;

    /** custom: the type number; screen: 0; commerce: the commerce type number. */
    final int typeNumber;

    final String name;
    final Map<String, String> attributes;

    Subject(CustomEvent e) {
      this(
          e,
          MESSAGE_EVENT,
          e.customEventType() == null ? 0 : e.customEventType().filterNumber(),
          e.name());
    }

    Subject(ScreenView e) {
      this(e, MESSAGE_SCREEN, 0, e.screenName());
    }

    Subject(CommerceEvent e) {
      this(e, MESSAGE_COMMERCE, e.filterNumber(), null);
    }

    private Subject(Event e, int messageType, int typeNumber, String name) {
      this.event = e;
      this.messageType = messageType;
      this.typeNumber = typeNumber;
      this.name = name == null ? "" : name;
      this.attributes = strings(e.customAttributes());
    }

    Subject with(CommerceEvent narrowed) {
      return new Subject(narrowed);
    }

    /**
     * hash(typeNumber + name) for events and screens, hash(typeNumber) for commerce (EventWrapper).
     */
    int eventHash() {
      return messageType == MESSAGE_COMMERCE
          ? KitHash.hash(String.valueOf(typeNumber))
          : KitHash.hash(typeNumber + name);
    }

    /** The prefix of an attribute hash: type + name for events and screens, type for commerce. */
    String attributePrefix() {
      return messageType == MESSAGE_COMMERCE ? String.valueOf(typeNumber) : typeNumber + name;
    }

    CommerceEvent commerce() {
      return (CommerceEvent) event;
    }

    List<Product> products() {
      ProductAction pa = messageType == MESSAGE_COMMERCE ? commerce().productAction() : null;
      return pa == null ? Collections.emptyList() : pa.products();
    }

    List<Promotion> promotions() {
      PromotionAction pr = messageType == MESSAGE_COMMERCE ? commerce().promotionAction() : null;
      return pr == null ? Collections.emptyList() : pr.promotions();
    }

    /**
     * The commerce event's action and transaction fields
     * (CommerceEventUtils.extractActionAttributes).
     */
    Map<String, String> eventFields() {
      Map<String, String> m = new LinkedHashMap<>();
      if (messageType != MESSAGE_COMMERCE) {
        return m;
      }
      ProductAction pa = commerce().productAction();
      if (pa != null) {
        put(m, "Affiliation", pa.affiliation());
        put(m, "Coupon Code", pa.couponCode());
        put(m, "Total Amount", pa.totalAmount());
        put(m, "Shipping Amount", pa.shippingAmount());
        put(m, "Tax Amount", pa.taxAmount());
        put(m, "Transaction Id", pa.transactionId());
        put(m, "Checkout Options", pa.checkoutOptions());
        put(m, "Checkout Step", pa.checkoutStep());
        put(m, "Product List Source", pa.productListSource());
        put(m, "Product Action List", pa.productActionList());
      }
      String currency = commerce().currencyCode();
      m.put("Currency Code", currency == null || currency.isEmpty() ? DEFAULT_CURRENCY : currency);
      return m;
    }
  }

  static Map<String, String> productFields(Product p) {
    Map<String, String> m = new LinkedHashMap<>();
    if (p == null) {
      return m;
    }
    put(m, "Coupon Code", p.couponCode());
    put(m, "Brand", p.brand());
    put(m, "Category", p.category());
    put(m, "Name", p.name());
    put(m, "Id", p.id());
    put(m, "Variant", p.variant());
    put(m, "Position", p.position());
    put(m, "Item Price", p.price());
    // Android's Product defaults its quantity to 1 (CommerceEventUtils.extractProductFields always
    // puts it).
    put(m, "Quantity", p.quantity() == null ? Double.valueOf(1.0) : p.quantity());
    Double total = p.totalProductAmount();
    if (total == null && p.price() != null) {
      // Android's Product.getTotalAmount(): unit price times quantity (quantity 1 when unset).
      total = p.price() * (p.quantity() == null ? 1.0 : p.quantity());
    }
    put(m, "Total Product Amount", total);
    return m;
  }

  static Map<String, String> promotionFields(Promotion p) {
    Map<String, String> m = new LinkedHashMap<>();
    if (p == null) {
      return m;
    }
    put(m, "Id", p.id());
    put(m, "Position", p.position());
    put(m, "Name", p.name());
    put(m, "Creative", p.creative());
    return m;
  }

  private static void put(Map<String, String> m, String key, Object value) {
    if (value != null && !(value instanceof String && ((String) value).isEmpty())) {
      m.put(key, String.valueOf(value));
    }
  }

  /**
   * Attribute values as the mobile SDKs hold them: strings; lists joined with commas, a tag as "".
   */
  static Map<String, String> strings(Map<String, Object> attrs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : attrs.entrySet()) {
      if (e.getKey() == null) {
        continue;
      }
      Object v = e.getValue();
      out.put(
          e.getKey(),
          v == null
              ? ""
              : v instanceof List ? String.join(",", strList((List<?>) v)) : v.toString());
    }
    return out;
  }

  private static List<String> strList(List<?> l) {
    List<String> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
