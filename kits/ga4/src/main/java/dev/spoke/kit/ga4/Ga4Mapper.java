package dev.spoke.kit.ga4;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.ScreenView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Spoke events onto GA4 events. Pure and stateless: easy to test, safe to share.
 *
 * <p>Mapping (see also {@link Ga4Names} for names):
 *
 * <ul>
 *   <li>custom event → an event of the sanitised name; its attributes become parameters;
 *   <li>screen view → {@code screen_view} with {@code screen_name}, or with page views enabled
 *       {@code page_view} with {@code page_title} (the screen name) and {@code page_location} (the
 *       screen view's {@code page_location} or {@code url} attribute, omitted when it has none);
 *   <li>product actions → add_to_cart, remove_from_cart, begin_checkout (checkout), view_item
 *       (view_detail), select_item (click, with {@code item_list_name} from the action's list),
 *       purchase and refund (with transaction_id, value, tax, shipping, currency, coupon,
 *       affiliation), add_to_wishlist; checkout_option → {@code set_checkout_option} with {@code
 *       checkout_step} and {@code checkout_option}; remove_from_wish_list has no GA4 counterpart
 *       and is not sent. {@code value} is the action's total amount, only when given;
 *   <li>promotions → one {@code view_promotion} / {@code select_promotion} per promotion with
 *       promotion_id, promotion_name, creative_name, creative_slot;
 *   <li>impressions → one {@code view_item_list} per impression list with {@code item_list_name}.
 * </ul>
 *
 * Items carry item_id, item_name, item_brand, item_category, item_variant, price, quantity, index
 * (the product's position) and coupon; a product with neither id nor name is left out, and at most
 * {@link #MAX_ITEMS} are sent. Parameters: the mapped ones first (items included), then the event's
 * attributes in order, up to {@link #MAX_PARAMS} in all; null keys or values are skipped, the first
 * of two attributes that sanitise to the same name wins, numbers stay numbers, booleans and other
 * values become strings, and strings (parameters and item fields) are cut to {@link
 * #MAX_VALUE_LENGTH}.
 */
final class Ga4Mapper {
  /** GA4's limits per event. */
  static final int MAX_PARAMS = 25;

  static final int MAX_VALUE_LENGTH = 100;
  static final int MAX_ITEMS = 200;

  private Ga4Mapper() {}

  /**
   * @return the GA4 event, or an empty list if the name is unusable
   */
  static List<Ga4Event> custom(CustomEvent e) {
    String name = Ga4Names.eventName(e.name());
    if (name == null) {
      return List.of();
    }
    return List.of(event(name, e.name(), new LinkedHashMap<>(), e.customAttributes()));
  }

  static List<Ga4Event> screen(ScreenView s, boolean pageViews) {
    Map<String, Object> params = new LinkedHashMap<>();
    Map<String, Object> attrs = s.customAttributes();
    if (pageViews) {
      putString(params, "page_title", s.screenName());
      Object location = attrs.get("page_location");
      putString(
          params,
          "page_location",
          location != null
              ? String.valueOf(location)
              : attrs.get("url") != null ? String.valueOf(attrs.get("url")) : null);
      return List.of(event("page_view", s.screenName(), params, attrs));
    }
    putString(params, "screen_name", s.screenName());
    return List.of(event("screen_view", s.screenName(), params, attrs));
  }

  static List<Ga4Event> commerce(CommerceEvent e) {
    switch (e.kind()) {
      case PRODUCT_ACTION:
        return productAction(e, e.productAction());
      case PROMOTION_ACTION:
        return promotions(e, e.promotionAction());
      default:
        return impressions(e);
    }
  }

  private static List<Ga4Event> productAction(CommerceEvent e, ProductAction a) {
    if (a == null || a.action() == null) {
      return List.of();
    }
    String name = ga4Name(a.action());
    if (name == null) {
      return List.of();
    }
    String source = e.eventName() != null ? e.eventName() : a.action().wireName();
    Map<String, Object> params = new LinkedHashMap<>();
    if (a.action() == ProductActionType.CHECKOUT_OPTION) {
      putNumber(params, "checkout_step", a.checkoutStep());
      putString(params, "checkout_option", a.checkoutOptions());
      return List.of(event(name, source, params, e.customAttributes()));
    }
    boolean transaction =
        a.action() == ProductActionType.PURCHASE || a.action() == ProductActionType.REFUND;
    if (transaction) {
      putString(params, "transaction_id", a.transactionId());
      putString(params, "affiliation", a.affiliation());
    }
    putString(params, "currency", e.currencyCode());
    putNumber(params, "value", a.totalAmount());
    if (transaction) {
      putNumber(params, "tax", a.taxAmount());
      putNumber(params, "shipping", a.shippingAmount());
    }
    putString(params, "coupon", a.couponCode());
    if (a.action() == ProductActionType.CLICK || a.action() == ProductActionType.VIEW_DETAIL) {
      putString(params, "item_list_name", a.productActionList());
    }
    List<Map<String, Object>> items = items(a.products());
    if (!items.isEmpty()) {
      params.put("items", items);
    }
    return List.of(event(name, source, params, e.customAttributes()));
  }

  private static String ga4Name(ProductActionType t) {
    switch (t) {
      case ADD_TO_CART:
        return "add_to_cart";
      case REMOVE_FROM_CART:
        return "remove_from_cart";
      case CHECKOUT:
        return "begin_checkout";
      case CHECKOUT_OPTION:
        return "set_checkout_option";
      case CLICK:
        return "select_item";
      case VIEW_DETAIL:
        return "view_item";
      case PURCHASE:
        return "purchase";
      case REFUND:
        return "refund";
      case ADD_TO_WISHLIST:
        return "add_to_wishlist";
      default:
        return null; // remove_from_wish_list: GA4 has no such event
    }
  }

  private static List<Ga4Event> promotions(CommerceEvent e, PromotionAction a) {
    if (a == null || a.action() == null) {
      return List.of();
    }
    String name =
        a.action() == dev.spoke.event.PromotionActionType.VIEW
            ? "view_promotion"
            : "select_promotion";
    String source = e.eventName() != null ? e.eventName() : "promotion_" + a.action().wireName();
    List<Ga4Event> out = new ArrayList<>();
    for (Promotion p : a.promotions()) {
      if (p == null) {
        continue;
      }
      Map<String, Object> params = new LinkedHashMap<>();
      putString(params, "promotion_id", p.id());
      putString(params, "promotion_name", p.name());
      putString(params, "creative_name", p.creative());
      putString(params, "creative_slot", p.position());
      out.add(event(name, source, params, e.customAttributes()));
    }
    return out;
  }

  private static List<Ga4Event> impressions(CommerceEvent e) {
    String source = e.eventName() != null ? e.eventName() : "impression";
    List<Ga4Event> out = new ArrayList<>();
    for (Impression imp : e.impressions()) {
      if (imp == null) {
        continue;
      }
      List<Map<String, Object>> items = items(imp.products());
      if (items.isEmpty()) {
        continue; // a list view without items tells GA4 nothing
      }
      Map<String, Object> params = new LinkedHashMap<>();
      putString(params, "item_list_name", imp.listName());
      putString(params, "currency", e.currencyCode());
      params.put("items", items);
      out.add(event("view_item_list", source, params, e.customAttributes()));
    }
    return out;
  }

  private static List<Map<String, Object>> items(List<Product> products) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Product p : products) {
      if (p == null || (p.id() == null && p.name() == null)) {
        continue; // GA4 requires item_id or item_name
      }
      if (items.size() == MAX_ITEMS) {
        break;
      }
      Map<String, Object> item = new LinkedHashMap<>();
      putString(item, "item_id", p.id());
      putString(item, "item_name", p.name());
      putString(item, "item_brand", p.brand());
      putString(item, "item_category", p.category());
      putString(item, "item_variant", p.variant());
      putNumber(item, "price", p.price());
      putNumber(item, "quantity", p.quantity());
      putNumber(item, "index", p.position());
      putString(item, "coupon", p.couponCode());
      items.add(Collections.unmodifiableMap(item));
    }
    return items;
  }

  private static Ga4Event event(
      String name, String source, Map<String, Object> params, Map<String, Object> attrs) {
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      if (params.size() >= MAX_PARAMS) {
        break;
      }
      String key = Ga4Names.paramName(a.getKey());
      Object value = paramValue(a.getValue());
      if (key != null && value != null && !params.containsKey(key)) {
        params.put(key, value);
      }
    }
    return new Ga4Event(name, source == null ? name : source, params);
  }

  private static Object paramValue(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number) {
      return number((Number) v);
    }
    return Ga4Names.truncate(String.valueOf(v), MAX_VALUE_LENGTH);
  }

  /**
   * @return a Long for integral values, a Double for finite others, null for NaN/infinite
   */
  static Object number(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof BigInteger) {
      BigInteger b = (BigInteger) n;
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    double d = n instanceof BigDecimal ? ((BigDecimal) n).doubleValue() : n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return null;
    }
    return d;
  }

  private static void putString(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, Ga4Names.truncate(value, MAX_VALUE_LENGTH));
    }
  }

  private static void putNumber(Map<String, Object> m, String key, Number value) {
    if (value != null) {
      Object n = number(value);
      if (n != null) {
        m.put(key, n);
      }
    }
  }
}
