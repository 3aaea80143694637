package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.OptOutListener;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.UserAttributeListener;
import dev.spoke.user.IdentityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kit the conformance suite runs: records every call it receives as a plain JSON-like value
 * (maps, lists, strings) in the shape the case files use under {@code expect}, so a case compares
 * what the kit got with what the platform's SDKs would hand their kits. See {@code
 * conformance/kits/README.md}.
 */
class ConformanceKit
    implements Kit, EventListener, ScreenListener, UserAttributeListener, OptOutListener {
  /** Every call received, in order, each a one-entry map {call kind → payload}. */
  final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();

  /**
   * The user view given with each call, same order as {@link #calls} (null entries as empty maps).
   */
  final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();

  /** The kit's context (for what the kit SPI offers besides calls, e.g. eaa/ear/eas). */
  volatile KitContext context;

  void record(String kind, Object payload, KitUser user) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put(kind, payload);
    calls.add(call);
    users.add(user(user));
  }

  @Override
  public void onEvent(CustomEvent e, KitUser user) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("type", e.customEventType() == null ? null : e.customEventType().wireName());
    m.put("attributes", attributes(e.customAttributes()));
    // eaa/ear/eas as the kit sees them for this event; listed only when there are some.
    List<dev.spoke.kit.EventAttributeMappings.Mapping> maps =
        context == null ? List.of() : context.eventAttributeMappings().forEvent(e);
    if (!maps.isEmpty()) {
      List<Object> out = new java.util.ArrayList<>();
      for (dev.spoke.kit.EventAttributeMappings.Mapping x : maps) {
        out.add(
            Map.of(
                "action",
                x.action().name(),
                "userAttribute",
                x.userAttribute(),
                "eventAttribute",
                x.eventAttribute(),
                "value",
                x.value()));
      }
      m.put("userAttributeMappings", out);
    }
    record("event", m, user);
  }

  @Override
  public void onScreenView(ScreenView s, KitUser user) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.screenName());
    m.put("attributes", attributes(s.customAttributes()));
    record("screen", m, user);
  }

  @Override
  public void onUserAttributeSet(KitUser user, String key, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("value", value);
    record("userAttribute", m, user);
  }

  @Override
  public void onUserAttributeListSet(KitUser user, String key, List<String> values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("values", new ArrayList<>(values));
    record("userAttributeList", m, user);
  }

  @Override
  public void onUserAttributeRemoved(KitUser user, String key) {
    record("userAttributeRemoved", Map.of("key", key), user);
  }

  @Override
  public void onOptOut(boolean optedOut) {
    record("optOut", optedOut, null);
  }

  /**
   * The variant that also implements {@link CommerceListener} (receives commerce events
   * unexpanded).
   */
  static final class Commerce extends ConformanceKit implements CommerceListener {
    @Override
    public void onCommerceEvent(CommerceEvent e, KitUser user) {
      record("commerce", commerce(e), user);
    }
  }

  static Map<String, Object> commerce(CommerceEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "currency", e.currencyCode());
    put(m, "screenName", e.screenName());
    m.put("attributes", attributes(e.customAttributes()));
    ProductAction pa = e.productAction();
    if (pa != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      put(a, "action", pa.action() == null ? null : pa.action().wireName());
      put(a, "transactionId", pa.transactionId());
      put(a, "affiliation", pa.affiliation());
      put(a, "totalAmount", pa.totalAmount());
      put(a, "taxAmount", pa.taxAmount());
      put(a, "shippingAmount", pa.shippingAmount());
      put(a, "couponCode", pa.couponCode());
      put(a, "checkoutStep", pa.checkoutStep());
      put(a, "checkoutOptions", pa.checkoutOptions());
      put(a, "productActionList", pa.productActionList());
      put(a, "productListSource", pa.productListSource());
      a.put("products", products(pa.products()));
      m.put("productAction", a);
    }
    PromotionAction pr = e.promotionAction();
    if (pr != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      put(a, "action", pr.action() == null ? null : pr.action().wireName());
      List<Object> promotions = new ArrayList<>();
      for (Promotion p : pr.promotions()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        put(pm, "id", p.id());
        put(pm, "name", p.name());
        put(pm, "creative", p.creative());
        put(pm, "position", p.position());
        promotions.add(pm);
      }
      a.put("promotions", promotions);
      m.put("promotionAction", a);
    }
    if (e.kind() == CommerceEvent.Kind.IMPRESSIONS) {
      List<Object> impressions = new ArrayList<>();
      for (Impression i : e.impressions()) {
        Map<String, Object> im = new LinkedHashMap<>();
        put(im, "list", i.listName());
        im.put("products", products(i.products()));
        impressions.add(im);
      }
      m.put("impressions", impressions);
    }
    return m;
  }

  private static List<Object> products(List<Product> products) {
    List<Object> out = new ArrayList<>();
    for (Product p : products) {
      Map<String, Object> pm = new LinkedHashMap<>();
      put(pm, "id", p.id());
      put(pm, "name", p.name());
      put(pm, "brand", p.brand());
      put(pm, "category", p.category());
      put(pm, "variant", p.variant());
      put(pm, "position", p.position());
      put(pm, "price", p.price());
      put(pm, "quantity", p.quantity());
      put(pm, "couponCode", p.couponCode());
      pm.put("attributes", attributes(p.customAttributes()));
      out.add(pm);
    }
    return out;
  }

  static Map<String, Object> attributes(Map<String, ?> attrs) {
    Map<String, Object> out = new TreeMap<>();
    attrs.forEach((k, v) -> out.put(k, v));
    return out;
  }

  static Map<String, Object> user(KitUser u) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (u == null) {
      return m;
    }
    put(m, "mpid", u.mpid());
    m.put("attributes", attributes(u.attributes()));
    Map<String, Object> ids = new TreeMap<>();
    for (Map.Entry<IdentityType, String> e : u.identities().asMap().entrySet()) {
      ids.put(e.getKey().eventsApiKey(), e.getValue());
    }
    m.put("identities", ids);
    return m;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /** A factory making one {@link ConformanceKit} (or its commerce variant) for one module id. */
  static final class Factory implements KitFactory {
    final int id;
    final boolean commerce;
    volatile ConformanceKit kit;

    Factory(int id, boolean commerce) {
      this.id = id;
      this.commerce = commerce;
    }

    @Override
    public int moduleId() {
      return id;
    }

    @Override
    public String name() {
      return "conformance-" + id;
    }

    @Override
    public String version() {
      return "test";
    }

    @Override
    public Kit create(KitContext context) {
      ConformanceKit k = commerce ? new Commerce() : new ConformanceKit();
      k.context = context;
      kit = k;
      return k;
    }
  }
}
