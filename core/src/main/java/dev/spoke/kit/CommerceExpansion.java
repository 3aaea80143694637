package dev.spoke.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a commerce event into plain custom events, for kits that implement {@link EventListener} but not
 * {@link CommerceListener} (Spoke does this for them), the way the platform's SDKs expand commerce by
 * default:
 * <ul>
 *   <li>a product action gives one {@code "eCommerce - <action> - Item"} event per product (product fields
 *       and custom attributes as attributes) and one {@code "eCommerce - <action> - Total"} event with the
 *       transaction fields and the product count;</li>
 *   <li>a promotion action gives one {@code "eCommerce - <view|click> - Item"} event per promotion;</li>
 *   <li>impressions give one {@code "eCommerce - Impression - Item"} event per product, naming its list.</li>
 * </ul>
 * Every expanded event is of type {@link CustomEventType#TRANSACTION}, carries the commerce event's own
 * custom attributes, flags and timestamp, and currency/screen when set, but no {@code source_message_id}
 * (several events must not share one). Pure; never throws on odd input
 * (null products are skipped).
 */
public final class CommerceExpansion {
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
            case PRODUCT_ACTION: {
                ProductAction pa = event.productAction();
                String action = pa == null || pa.action() == null ? "unknown" : pa.action().wireName();
                List<Product> products = pa == null ? Collections.emptyList() : pa.products();
                int count = 0;
                for (Product p : products) {
                    if (p != null) {
                        out.add(build(event, "eCommerce - " + action + " - Item", productAttributes(p)));
                        count++;
                    }
                }
                Map<String, Object> total = new LinkedHashMap<>();
                if (pa != null) {
                    put(total, "Transaction Id", pa.transactionId());
                    put(total, "Affiliation", pa.affiliation());
                    put(total, "Total Amount", pa.totalAmount());
                    put(total, "Tax Amount", pa.taxAmount());
                    put(total, "Shipping Amount", pa.shippingAmount());
                    put(total, "Coupon Code", pa.couponCode());
                    put(total, "Checkout Step", pa.checkoutStep());
                    put(total, "Checkout Options", pa.checkoutOptions());
                    put(total, "Product Action List", pa.productActionList());
                    put(total, "Product List Source", pa.productListSource());
                }
                total.put("Product Count", count);
                out.add(build(event, "eCommerce - " + action + " - Total", total));
                break;
            }
            case PROMOTION_ACTION: {
                PromotionAction pr = event.promotionAction();
                String action = pr == null || pr.action() == null ? "unknown" : pr.action().wireName();
                if (pr != null) {
                    for (Promotion p : pr.promotions()) {
                        if (p == null) {
                            continue;
                        }
                        Map<String, Object> a = new LinkedHashMap<>();
                        put(a, "Id", p.id());
                        put(a, "Name", p.name());
                        put(a, "Creative", p.creative());
                        put(a, "Position", p.position());
                        out.add(build(event, "eCommerce - " + action + " - Item", a));
                    }
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
                            Map<String, Object> a = productAttributes(p);
                            put(a, "Product Impression List", i.listName());
                            out.add(build(event, "eCommerce - Impression - Item", a));
                        }
                    }
                }
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Object> productAttributes(Product p) {
        Map<String, Object> a = new LinkedHashMap<>();
        put(a, "Id", p.id());
        put(a, "Name", p.name());
        put(a, "Brand", p.brand());
        put(a, "Category", p.category());
        put(a, "Variant", p.variant());
        put(a, "Position", p.position());
        put(a, "Price", p.price());
        put(a, "Quantity", p.quantity());
        put(a, "Total Product Amount", p.totalProductAmount());
        put(a, "Coupon Code", p.couponCode());
        for (Map.Entry<String, Object> e : p.customAttributes().entrySet()) {
            if (e.getKey() != null) {
                a.put(e.getKey(), e.getValue());
            }
        }
        return a;
    }

    private static CustomEvent build(CommerceEvent source, String name, Map<String, Object> attributes) {
        Map<String, Object> all = new LinkedHashMap<>(source.customAttributes());
        put(all, "Currency Code", source.currencyCode());
        put(all, "Screen Name", source.screenName());
        all.putAll(attributes);
        CustomEvent.Builder b = CustomEvent.builder(name).customEventType(CustomEventType.TRANSACTION)
                .attributes(all).flags(source.customFlags()).location(source.location())
                .eventStartMillis(source.eventStartMillis());
        if (source.timestampMillis() != null) {
            b.timestamp(source.timestampMillis());
        }
        return b.build();
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
