package dev.spoke.internal.validate;

import dev.spoke.ValidationRule;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not API. Checks a commerce event (product action, promotion action or impressions, with their
 * products) against the platform's limits. Like the other checks, it returns what it was given when
 * nothing had to change: a valid commerce event is not copied.
 */
final class CommerceChecks {
  private final Fields fields;
  private final AttributeChecks attributes;
  private final Reporter reporter;

  CommerceChecks(Fields fields, AttributeChecks attributes, Reporter reporter) {
    this.fields = fields;
    this.attributes = attributes;
    this.reporter = reporter;
  }

  Event check(CommerceEvent e) {
    String name = e.eventName();
    if (name != null) {
      name = fields.eventName(name, "event_name", false);
      if (name == Fields.DROP) {
        return null;
      }
    }
    String ev = name != null ? name : e.type().wireName();
    ProductAction pa = e.productAction();
    ProductAction cleanPa = pa;
    PromotionAction pr = e.promotionAction();
    PromotionAction cleanPr = pr;
    List<Impression> impressions = e.impressions();
    List<Impression> cleanImpressions = impressions;
    switch (e.kind()) {
      case PRODUCT_ACTION:
        if (pa == null || pa.action() == null) {
          reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "product_action", 0, 0, ev);
          return null;
        }
        cleanPa = productAction(pa, ev);
        break;
      case PROMOTION_ACTION:
        if (pr == null || pr.action() == null) {
          reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "promotion_action", 0, 0, ev);
          return null;
        }
        cleanPr = promotionAction(pr, ev);
        break;
      default:
        cleanImpressions = impressions(impressions, ev);
    }
    String screen = fields.text(e.screenName(), "screen_name", Validator.TEXT_MAX_CHARS, false, ev);
    String currency =
        fields.text(e.currencyCode(), "currency_code", Validator.TEXT_MAX_CHARS, false, ev);
    List<Product> cart = products(e.shoppingCart(), "shopping_cart", ev);
    Map<String, ?> flags = attributes.check(e.customFlags(), "custom_flags", ev, false);
    if (name == e.eventName()
        && cleanPa == pa
        && cleanPr == pr
        && cleanImpressions == impressions
        && screen == e.screenName()
        && currency == e.currencyCode()
        && cart == e.shoppingCart()
        && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder()
        .eventName(name)
        .replaceProductAction(cleanPa)
        .replacePromotionAction(cleanPr)
        .replaceImpressions(cleanImpressions)
        .screenName(screen)
        .currencyCode(currency)
        .shoppingCart(cart)
        .clearFlags()
        .flags(Validator.asStrings(flags))
        .build();
  }

  private ProductAction productAction(ProductAction pa, String ev) {
    String checkoutOptions =
        fields.text(pa.checkoutOptions(), "checkout_options", Validator.TEXT_MAX_CHARS, false, ev);
    String list =
        fields.text(
            pa.productActionList(), "product_action_list", Validator.TEXT_MAX_CHARS, false, ev);
    String source =
        fields.text(
            pa.productListSource(), "product_list_source", Validator.TEXT_MAX_CHARS, false, ev);
    String transaction =
        fields.text(pa.transactionId(), "transaction_id", Validator.TEXT_MAX_CHARS, false, ev);
    String affiliation =
        fields.text(pa.affiliation(), "affiliation", Validator.TEXT_MAX_CHARS, false, ev);
    String coupon =
        fields.text(pa.couponCode(), "coupon_code", Validator.TEXT_MAX_CHARS, false, ev);
    Double total = fields.finite(pa.totalAmount(), "total_amount", ev);
    Double tax = fields.finite(pa.taxAmount(), "tax_amount", ev);
    Double shipping = fields.finite(pa.shippingAmount(), "shipping_amount", ev);
    List<Product> products = products(pa.products(), "products", ev);
    if (checkoutOptions == pa.checkoutOptions()
        && list == pa.productActionList()
        && source == pa.productListSource()
        && transaction == pa.transactionId()
        && affiliation == pa.affiliation()
        && coupon == pa.couponCode()
        && total == pa.totalAmount()
        && tax == pa.taxAmount()
        && shipping == pa.shippingAmount()
        && products == pa.products()) {
      return pa;
    }
    return pa.toBuilder()
        .checkoutOptions(checkoutOptions)
        .productActionList(list)
        .productListSource(source)
        .transactionId(transaction)
        .affiliation(affiliation)
        .couponCode(coupon)
        .totalAmount(total)
        .taxAmount(tax)
        .shippingAmount(shipping)
        .products(products)
        .build();
  }

  private PromotionAction promotionAction(PromotionAction pr, String ev) {
    List<Promotion> promotions = pr.promotions();
    List<Promotion> out = null;
    for (int i = 0; i < promotions.size(); i++) {
      Promotion p = promotions.get(i);
      Promotion clean = p == null ? null : promotion(p, ev);
      if (p == null) {
        reporter.report(ValidationRule.FIELD_INVALID, "promotions", 0, 0, ev);
      }
      if (out == null && (clean == null || clean != p)) {
        out = new ArrayList<>(promotions.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? pr : pr.toBuilder().promotions(out).build();
  }

  private Promotion promotion(Promotion p, String ev) {
    String id = fields.text(p.id(), "promotion id", Validator.TEXT_MAX_CHARS, false, ev);
    String name = fields.text(p.name(), "promotion name", Validator.TEXT_MAX_CHARS, false, ev);
    String creative =
        fields.text(p.creative(), "promotion creative", Validator.TEXT_MAX_CHARS, false, ev);
    String position =
        fields.text(p.position(), "promotion position", Validator.TEXT_MAX_CHARS, false, ev);
    if (id == p.id() && name == p.name() && creative == p.creative() && position == p.position()) {
      return p;
    }
    return p.toBuilder().id(id).name(name).creative(creative).position(position).build();
  }

  private List<Impression> impressions(List<Impression> impressions, String ev) {
    List<Impression> out = null;
    for (int i = 0; i < impressions.size(); i++) {
      Impression imp = impressions.get(i);
      Impression clean = null;
      if (imp == null) {
        reporter.report(ValidationRule.FIELD_INVALID, "product_impressions", 0, 0, ev);
      } else {
        String list =
            fields.text(
                imp.listName(), "product_impression_list", Validator.TEXT_MAX_CHARS, false, ev);
        List<Product> products = products(imp.products(), "product_impressions", ev);
        clean =
            list == imp.listName() && products == imp.products()
                ? imp
                : imp.toBuilder().listName(list).products(products).build();
      }
      if (out == null && (clean == null || clean != imp)) {
        out = new ArrayList<>(impressions.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? impressions : out;
  }

  private List<Product> products(List<Product> products, String key, String ev) {
    List<Product> out = null;
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      Product clean = null;
      if (p == null) {
        reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, ev);
      } else {
        clean = product(p, ev);
      }
      if (out == null && (clean == null || clean != p)) {
        out = new ArrayList<>(products.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? products : out;
  }

  private Product product(Product p, String ev) {
    String id = fields.text(p.id(), "product id", Validator.TEXT_MAX_CHARS, false, ev);
    String name = fields.text(p.name(), "product name", Validator.TEXT_MAX_CHARS, false, ev);
    String brand = fields.text(p.brand(), "product brand", Validator.TEXT_MAX_CHARS, false, ev);
    String category =
        fields.text(p.category(), "product category", Validator.TEXT_MAX_CHARS, false, ev);
    String variant =
        fields.text(p.variant(), "product variant", Validator.TEXT_MAX_CHARS, false, ev);
    String coupon =
        fields.text(p.couponCode(), "product coupon_code", Validator.TEXT_MAX_CHARS, false, ev);
    Double price = fields.finite(p.price(), "product price", ev);
    Double quantity = fields.finite(p.quantity(), "product quantity", ev);
    Double total = fields.finite(p.totalProductAmount(), "product total_product_amount", ev);
    Map<String, ?> attrs =
        attributes.check(p.customAttributes(), "product custom_attributes", ev, false);
    if (id == p.id()
        && name == p.name()
        && brand == p.brand()
        && category == p.category()
        && variant == p.variant()
        && coupon == p.couponCode()
        && price == p.price()
        && quantity == p.quantity()
        && total == p.totalProductAmount()
        && attrs == p.customAttributes()) {
      return p;
    }
    Product.Builder b =
        p.toBuilder()
            .id(id)
            .name(name)
            .brand(brand)
            .category(category)
            .variant(variant)
            .couponCode(coupon)
            .price(price)
            .quantity(quantity)
            .totalProductAmount(total);
    if (attrs != p.customAttributes()) {
      b.clearAttributes().attributes(attrs);
    }
    return b.build();
  }
}
