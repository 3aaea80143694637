package dev.spoke.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a commerce event into plain custom events, for kits that implement {@link EventListener}
 * but not {@link CommerceListener} (Spoke does this for them, on the event already filtered for the
 * kit), the way the Android SDK expands commerce (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/CommerceEventUtils.java {@code expand}):
 *
 * <ul>
 *   <li>a purchase or refund first gives one {@code "eCommerce - <action> - Total"} event: the
 *       commerce event's custom attributes, then Transaction Id, Affiliation, Coupon Code, Total
 *       Amount, Shipping Amount, Tax Amount, Currency Code (USD when not set), Checkout Options,
 *       Checkout Step, Product List Source and Product Action List, each when set; other product
 *       actions get no total event;
 *   <li>every product action then gives one {@code "eCommerce - <action> - Item"} event per product
 *       with the product's fields (Coupon Code, Brand, Category, Name, Id, Variant, Position, Item
 *       Price, Quantity, Total Product Amount), its custom attributes and the Transaction Id, but
 *       not the event's custom attributes;
 *   <li>a promotion action gives one {@code "eCommerce - <view|click> - Item"} event per promotion:
 *       the event's custom attributes, then Id, Position, Name, Creative;
 *   <li>impressions give one {@code "eCommerce - Impression - Item"} event per impressed product:
 *       the event's custom attributes, the product's custom attributes and fields, and Product
 *       Impression List.
 * </ul>
 *
 * {@code <action>} is the Android SDK's action name ({@code add_to_cart}, …, {@code
 * remove_from_wishlist}). Quantity defaults to 1 and Total Product Amount to price × quantity when
 * not set, as the Android SDK's {@code Product} computes them; Item Price is left out when the
 * product has no price (Android requires one). Every expanded event is of type {@link
 * CustomEventType#TRANSACTION} and keeps the commerce event's flags, location and timestamps but no
 * {@code source_message_id} (several events must not share one). Where Spoke differs from the
 * Android SDK (docs/KITS.md): each impressed product is expanded with its own fields (Android reads
 * the product at the impression's index). Pure; never throws on odd input (null products are
 * skipped).
 */
public final class CommerceExpansion {
  private static final String DEFAULT_CURRENCY = "USD";

  private CommerceExpansion() {}

  /**
   * @param event a commerce event
   * @return the custom events a non-commerce kit receives instead, in order
   */
  public static List<CustomEvent> expand(CommerceEvent event) {
    if (event == null) {
      return Collections.emptyList();
    }
    List<CustomEvent> out = new ArrayList<>();
    switch (event.kind()) {
      case PRODUCT_ACTION:
        {
          ProductAction pa = event.productAction();
          if (pa == null || pa.action() == null) {
            break; // no action: Android's expandProductAction returns nothing
          }
          String action = actionName(pa.action());
          if (pa.action() == ProductActionType.PURCHASE
              || pa.action() == ProductActionType.REFUND) {
            Map<String, Object> total = new LinkedHashMap<>(event.customAttributes());
            put(total, "Transaction Id", pa.transactionId());
            put(total, "Affiliation", pa.affiliation());
            put(total, "Coupon Code", pa.couponCode());
            put(total, "Total Amount", pa.totalAmount());
            put(total, "Shipping Amount", pa.shippingAmount());
            put(total, "Tax Amount", pa.taxAmount());
            String currency = event.currencyCode();
            total.put(
                "Currency Code",
                currency == null || currency.isEmpty() ? DEFAULT_CURRENCY : currency);
            put(total, "Checkout Options", pa.checkoutOptions());
            put(total, "Checkout Step", pa.checkoutStep());
            put(total, "Product List Source", pa.productListSource());
            put(total, "Product Action List", pa.productActionList());
            out.add(build(event, "eCommerce - " + action + " - Total", total));
          }
          for (Product p : pa.products()) {
            if (p != null) {
              Map<String, Object> a = new LinkedHashMap<>();
              productFields(p, a);
              productAttributes(p, a);
              put(a, "Transaction Id", pa.transactionId());
              out.add(build(event, "eCommerce - " + action + " - Item", a));
            }
          }
          break;
        }
      case PROMOTION_ACTION:
        {
          PromotionAction pr = event.promotionAction();
          if (pr == null || pr.action() == null) {
            break;
          }
          String action = pr.action().wireName();
          for (Promotion p : pr.promotions()) {
            if (p == null) {
              continue;
            }
            Map<String, Object> a = new LinkedHashMap<>(event.customAttributes());
            put(a, "Id", p.id());
            put(a, "Position", p.position());
            put(a, "Name", p.name());
            put(a, "Creative", p.creative());
            out.add(build(event, "eCommerce - " + action + " - Item", a));
          }
          break;
        }
      default:
        for (Impression i : event.impressions()) {
          if (i == null) {
            continue;
          }
          for (Product p : i.products()) {
            if (p != null) {
              Map<String, Object> a = new LinkedHashMap<>(event.customAttributes());
              productAttributes(p, a);
              productFields(p, a);
              put(a, "Product Impression List", i.listName());
              out.add(build(event, "eCommerce - Impression - Item", a));
            }
          }
        }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The Android SDK's action names (its Product constants): they differ from the wire only for the
   * wishlist.
   */
  private static String actionName(ProductActionType t) {
    return t == ProductActionType.REMOVE_FROM_WISHLIST ? "remove_from_wishlist" : t.wireName();
  }

  private static void productFields(Product p, Map<String, Object> a) {
    put(a, "Coupon Code", p.couponCode());
    put(a, "Brand", p.brand());
    put(a, "Category", p.category());
    put(a, "Name", p.name());
    put(a, "Id", p.id());
    put(a, "Variant", p.variant());
    put(a, "Position", p.position());
    put(a, "Item Price", p.price());
    double quantity = p.quantity() == null ? 1.0 : p.quantity();
    a.put("Quantity", quantity);
    if (p.totalProductAmount() != null) {
      a.put("Total Product Amount", p.totalProductAmount());
    } else if (p.price() != null) {
      a.put("Total Product Amount", p.price() * quantity);
    }
  }

  private static void productAttributes(Product p, Map<String, Object> a) {
    for (Map.Entry<String, Object> e : p.customAttributes().entrySet()) {
      if (e.getKey() != null) {
        a.put(e.getKey(), e.getValue());
      }
    }
  }

  private static CustomEvent build(
      CommerceEvent source, String name, Map<String, Object> attributes) {
    CustomEvent.Builder b =
        CustomEvent.builder(name)
            .customEventType(CustomEventType.TRANSACTION)
            .attributes(attributes)
            .flags(source.customFlags())
            .location(source.location())
            .eventStartMillis(source.eventStartMillis());
    if (source.timestampMillis() != null) {
      b.timestamp(source.timestampMillis());
    }
    return b.build();
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null && !"".equals(value)) {
      m.put(key, value);
    }
  }
}
