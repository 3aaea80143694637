package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
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
import java.util.Set;

/**
 * Not API. One kit's commerce filters: entities ({@code ent}), entity fields ({@code afa}),
 * transaction fields ({@code cea}) and the data plan's product attributes, each applied to a copy.
 * Pure: it holds no mutable state. {@link KitFilters#filterEvent} applies them in the Android SDK's
 * order (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
 * filterCommerceEvent}).
 */
final class CommerceFilters {
  /**
   * Commerce field names as the filters hash them (the Android SDK's CommerceEventUtils.Constants,
   * which are also the attribute keys of expanded events): {@code cea} hashes commerce type number
   * + name, {@code afa} the name alone.
   */
  static final String CHECKOUT_STEP = "Checkout Step";

  static final String CHECKOUT_OPTIONS = "Checkout Options";
  static final String COUPON_CODE = "Coupon Code";
  static final String SHIPPING = "Shipping Amount";
  static final String TAX = "Tax Amount";
  static final String TOTAL = "Total Amount";
  static final String TRANSACTION_ID = "Transaction Id";
  static final String AFFILIATION = "Affiliation";
  static final String PRODUCT_ACTION_LIST = "Product Action List";
  static final String PRODUCT_LIST_SOURCE = "Product List Source";
  static final String BRAND = "Brand";
  static final String CATEGORY = "Category";
  static final String VARIANT = "Variant";
  static final String POSITION = "Position";
  static final String ID = "Id";
  static final String NAME = "Name";
  static final String CREATIVE = "Creative";

  private final KitEntry entry;

  CommerceFilters(KitEntry entry) {
    this.entry = entry;
  }

  /**
   * Removes unplanned product attributes from the action's or the impressions' products (not the
   * cart).
   */
  static CommerceEvent planProducts(
      CommerceEvent e, Set<String> planned, String matchKey, List<PlanBlock> blocks) {
    CommerceEvent.Builder b = e.toBuilder();
    boolean changed = false;
    switch (e.kind()) {
      case PRODUCT_ACTION:
        {
          ProductAction pa = e.productAction();
          if (pa != null) {
            List<Product> products = planProducts(pa.products(), planned, matchKey, blocks);
            if (products != pa.products()) {
              b.replaceProductAction(pa.toBuilder().products(products).build());
              changed = true;
            }
          }
          break;
        }
      case PROMOTION_ACTION:
        break;
      default:
        {
          List<Impression> impressions = new ArrayList<>();
          for (Impression i : e.impressions()) {
            List<Product> products =
                i == null ? null : planProducts(i.products(), planned, matchKey, blocks);
            if (i != null && products != i.products()) {
              impressions.add(i.toBuilder().products(products).build());
              changed = true;
            } else {
              impressions.add(i);
            }
          }
          if (changed) {
            b.replaceImpressions(impressions);
          }
        }
    }
    return changed ? b.build() : e;
  }

  private static List<Product> planProducts(
      List<Product> products, Set<String> planned, String matchKey, List<PlanBlock> blocks) {
    List<Product> out = new ArrayList<>(products.size());
    boolean changed = false;
    for (Product p : products) {
      if (p == null || p.customAttributes().isEmpty()) {
        out.add(p);
        continue;
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
        if (planned.contains(a.getKey())) {
          kept.put(a.getKey(), a.getValue());
        } else {
          blocks.add(new PlanBlock(PlanBlock.Kind.PRODUCT_ATTRIBUTE, a.getKey(), matchKey));
        }
      }
      if (kept.size() == p.customAttributes().size()) {
        out.add(p);
      } else {
        out.add(p.toBuilder().clearAttributes().attributes(kept).build());
        changed = true;
      }
    }
    return changed ? out : products;
  }

  /**
   * {@code ent}: 1 removes every product (impressions keep their list name, without products), 2
   * removes the promotions (Android's filterCommerceEntities); 3 removes the impressions (a Spoke
   * reading of the third entity number, see docs/KITS.md).
   */
  CommerceEvent filterEntities(CommerceEvent e) {
    HashFilter ent = entry.commerceEntities();
    boolean products = ent.allows(KitEntry.ENTITY_PRODUCT);
    CommerceEvent.Builder b = e.toBuilder();
    if (!products) {
      b.shoppingCart(Collections.emptyList());
    }
    switch (e.kind()) {
      case PRODUCT_ACTION:
        ProductAction pa = e.productAction();
        if (pa != null && !products) {
          b.replaceProductAction(pa.toBuilder().products(Collections.emptyList()).build());
        }
        break;
      case PROMOTION_ACTION:
        PromotionAction pr = e.promotionAction();
        if (pr != null && !ent.allows(KitEntry.ENTITY_PROMOTION)) {
          b.replacePromotionAction(pr.toBuilder().promotions(Collections.emptyList()).build());
        }
        break;
      default:
        if (!ent.allows(KitEntry.ENTITY_IMPRESSION)) {
          b.replaceImpressions(Collections.emptyList());
        } else if (!products) {
          List<Impression> impressions = new ArrayList<>();
          for (Impression i : e.impressions()) {
            impressions.add(
                i == null ? null : i.toBuilder().products(Collections.emptyList()).build());
          }
          b.replaceImpressions(impressions);
        }
    }
    return b.build();
  }

  /**
   * {@code afa}, keyed by entity: product (1) custom attributes by hash(key) and the fields Brand,
   * Category, Variant, Position, Coupon Code by hash(field name); promotion (2) Id, Name, Creative,
   * Position (Android's filterCommerceEntityAttributes). Android applies the product filter to the
   * product action's products only; Spoke applies it to every product the kit can see (cart and
   * impressions too), and the impression entity's filter (3) to impressed products on top
   * (docs/KITS.md).
   */
  CommerceEvent filterEntityFields(CommerceEvent e) {
    HashFilter productFields = entry.commerceEntityAttributes(KitEntry.ENTITY_PRODUCT);
    HashFilter impressionFields = entry.commerceEntityAttributes(KitEntry.ENTITY_IMPRESSION);
    CommerceEvent.Builder b = e.toBuilder();
    b.shoppingCart(filterProducts(e.shoppingCart(), productFields, HashFilter.ALLOW_ALL));
    switch (e.kind()) {
      case PRODUCT_ACTION:
        ProductAction pa = e.productAction();
        if (pa != null) {
          b.replaceProductAction(
              pa.toBuilder()
                  .products(filterProducts(pa.products(), productFields, HashFilter.ALLOW_ALL))
                  .build());
        }
        break;
      case PROMOTION_ACTION:
        PromotionAction pr = e.promotionAction();
        HashFilter promotionFields = entry.commerceEntityAttributes(KitEntry.ENTITY_PROMOTION);
        if (pr != null && !promotionFields.allowsAll()) {
          List<Promotion> promotions = new ArrayList<>();
          for (Promotion p : pr.promotions()) {
            promotions.add(
                p == null
                    ? null
                    : p.toBuilder()
                        .id(allowed(promotionFields, ID) ? p.id() : null)
                        .name(allowed(promotionFields, NAME) ? p.name() : null)
                        .creative(allowed(promotionFields, CREATIVE) ? p.creative() : null)
                        .position(allowed(promotionFields, POSITION) ? p.position() : null)
                        .build());
          }
          b.replacePromotionAction(pr.toBuilder().promotions(promotions).build());
        }
        break;
      default:
        List<Impression> impressions = new ArrayList<>();
        for (Impression i : e.impressions()) {
          impressions.add(
              i == null
                  ? null
                  : i.toBuilder()
                      .products(filterProducts(i.products(), productFields, impressionFields))
                      .build());
        }
        b.replaceImpressions(impressions);
    }
    return b.build();
  }

  private static boolean allowed(HashFilter f, String field) {
    return f.allows(KitHash.hash(field));
  }

  private static List<Product> filterProducts(
      List<Product> products, HashFilter first, HashFilter second) {
    if (first.allowsAll() && second.allowsAll()) {
      return products;
    }
    List<Product> out = new ArrayList<>(products.size());
    for (Product p : products) {
      if (p == null) {
        out.add(null);
        continue;
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
        int h = KitHash.hash(a.getKey());
        if (first.allows(h) && second.allows(h)) {
          kept.put(a.getKey(), a.getValue());
        }
      }
      out.add(
          p.toBuilder()
              .clearAttributes()
              .attributes(kept)
              .brand(both(first, second, BRAND) ? p.brand() : null)
              .category(both(first, second, CATEGORY) ? p.category() : null)
              .variant(both(first, second, VARIANT) ? p.variant() : null)
              .position(both(first, second, POSITION) ? p.position() : null)
              .couponCode(both(first, second, COUPON_CODE) ? p.couponCode() : null)
              .build());
    }
    return out;
  }

  private static boolean both(HashFilter first, HashFilter second, String field) {
    return allowed(first, field) && allowed(second, field);
  }

  /**
   * {@code cea} on the product action's own fields, hash(commerce type number + field name):
   * checkout step and options, coupon, shipping, tax, revenue, transaction id, affiliation
   * (Android's filterCommerceEventAttributes), and the product action list and list source (which
   * the iOS SDK filters with the other expanded attributes, MPKitContainer.m). A blocked revenue is
   * removed; Android sets it to 0.
   */
  CommerceEvent filterTransactionFields(CommerceEvent e, String type) {
    ProductAction pa = e.productAction();
    if (e.kind() != CommerceEvent.Kind.PRODUCT_ACTION || pa == null) {
      return e;
    }
    HashFilter cea = entry.commerceAttributes();
    ProductAction.Builder b = pa.toBuilder();
    if (!cea.allows(KitHash.hash(type + CHECKOUT_STEP))) {
      b.checkoutStep(null);
    }
    if (!cea.allows(KitHash.hash(type + CHECKOUT_OPTIONS))) {
      b.checkoutOptions(null);
    }
    if (!cea.allows(KitHash.hash(type + COUPON_CODE))) {
      b.couponCode(null);
    }
    if (!cea.allows(KitHash.hash(type + SHIPPING))) {
      b.shippingAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TAX))) {
      b.taxAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TOTAL))) {
      b.totalAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TRANSACTION_ID))) {
      b.transactionId(null);
    }
    if (!cea.allows(KitHash.hash(type + AFFILIATION))) {
      b.affiliation(null);
    }
    if (!cea.allows(KitHash.hash(type + PRODUCT_ACTION_LIST))) {
      b.productActionList(null);
    }
    if (!cea.allows(KitHash.hash(type + PRODUCT_LIST_SOURCE))) {
      b.productListSource(null);
    }
    ProductAction filtered = b.build();
    return filtered.equals(pa) ? e : e.toBuilder().replaceProductAction(filtered).build();
  }
}
