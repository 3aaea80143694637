package dev.spoke.internal.json;

import static dev.spoke.internal.json.EventSerializer.hasNonNull;
import static dev.spoke.internal.json.EventSerializer.writeBoolean;
import static dev.spoke.internal.json.EventSerializer.writeDouble;
import static dev.spoke.internal.json.EventSerializer.writeLong;
import static dev.spoke.internal.json.EventSerializer.writeString;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import java.io.IOException;
import java.util.List;

/**
 * Not API. Writes the body of a {@code commerce_event} (WIRE.md section 3): product action,
 * promotion action or impressions, the shopping cart and the products with their attributes. Not
 * thread-safe: owned by one {@link EventWriter}.
 */
final class CommerceJson {
  private static final SerializedString[] PRODUCT_ACTIONS =
      EventWriter.wire(ProductActionType.values(), ProductActionType::wireName);
  private static final SerializedString[] PROMOTION_ACTIONS =
      EventWriter.wire(PromotionActionType.values(), PromotionActionType::wireName);

  private final AttributeJson attributes;

  CommerceJson(AttributeJson attributes) {
    this.attributes = attributes;
  }

  void writeCommerce(JsonGenerator g, CommerceEvent e) throws IOException {
    switch (e.kind()) {
      case PRODUCT_ACTION:
        writeProductAction(g, e.productAction());
        break;
      case PROMOTION_ACTION:
        writePromotionAction(g, e.promotionAction());
        break;
      default:
        // The wire needs the key even for no impressions: it is what marks the event's kind.
        g.writeFieldName(Names.PRODUCT_IMPRESSIONS);
        g.writeStartArray();
        for (Impression i : e.impressions()) {
          if (i != null) {
            g.writeStartObject();
            writeString(g, Names.PRODUCT_IMPRESSION_LIST, i.listName());
            if (hasNonNull(i.products())) {
              writeProducts(g, Names.PRODUCTS, i.products());
            } else {
              // Required by the platform's schema (ProductImpression), even when empty.
              g.writeFieldName(Names.PRODUCTS);
              g.writeStartArray();
              g.writeEndArray();
            }
            g.writeEndObject();
          }
        }
        g.writeEndArray();
        break;
    }
    writeString(g, Names.CURRENCY_CODE, e.currencyCode());
    writeString(g, Names.SCREEN_NAME, e.screenName());
    writeBoolean(g, Names.IS_NON_INTERACTIVE, e.nonInteractive());
    writeString(g, Names.EVENT_NAME, e.eventName());
    if (hasNonNull(e.shoppingCart())) {
      g.writeFieldName(Names.SHOPPING_CART);
      g.writeStartObject();
      writeProducts(g, Names.PRODUCTS, e.shoppingCart());
      g.writeEndObject();
    }
    attributes.writeFlags(g, e.customFlags());
  }

  private void writeProductAction(JsonGenerator g, ProductAction a) throws IOException {
    g.writeFieldName(Names.PRODUCT_ACTION);
    g.writeStartObject();
    g.writeFieldName(Names.ACTION);
    g.writeString(PRODUCT_ACTIONS[a.action().ordinal()]);
    writeInt(g, Names.CHECKOUT_STEP, a.checkoutStep());
    writeString(g, Names.CHECKOUT_OPTIONS, a.checkoutOptions());
    writeString(g, Names.PRODUCT_ACTION_LIST, a.productActionList());
    writeString(g, Names.PRODUCT_LIST_SOURCE, a.productListSource());
    writeString(g, Names.TRANSACTION_ID, a.transactionId());
    writeString(g, Names.AFFILIATION, a.affiliation());
    writeDouble(g, Names.TOTAL_AMOUNT, a.totalAmount());
    writeDouble(g, Names.TAX_AMOUNT, a.taxAmount());
    writeDouble(g, Names.SHIPPING_AMOUNT, a.shippingAmount());
    writeString(g, Names.COUPON_CODE, a.couponCode());
    writeProducts(g, Names.PRODUCTS, a.products());
    g.writeEndObject();
  }

  private void writePromotionAction(JsonGenerator g, PromotionAction a) throws IOException {
    g.writeFieldName(Names.PROMOTION_ACTION);
    g.writeStartObject();
    g.writeFieldName(Names.ACTION);
    g.writeString(PROMOTION_ACTIONS[a.action().ordinal()]);
    if (hasNonNull(a.promotions())) {
      g.writeFieldName(Names.PROMOTIONS);
      g.writeStartArray();
      for (Promotion p : a.promotions()) {
        if (p != null) {
          g.writeStartObject();
          writeString(g, Names.ID, p.id());
          writeString(g, Names.NAME, p.name());
          writeString(g, Names.CREATIVE, p.creative());
          writeString(g, Names.POSITION, p.position());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void writeProducts(JsonGenerator g, SerializableString name, List<Product> products)
      throws IOException {
    if (!hasNonNull(products)) {
      return;
    }
    g.writeFieldName(name);
    g.writeStartArray();
    for (Product p : products) {
      if (p == null) {
        continue;
      }
      g.writeStartObject();
      writeString(g, Names.ID, p.id());
      writeString(g, Names.NAME, p.name());
      writeString(g, Names.BRAND, p.brand());
      writeString(g, Names.CATEGORY, p.category());
      writeString(g, Names.VARIANT, p.variant());
      writeInt(g, Names.POSITION, p.position());
      writeDouble(g, Names.PRICE, p.price());
      writeDouble(g, Names.QUANTITY, p.quantity());
      writeDouble(g, Names.TOTAL_PRODUCT_AMOUNT, p.totalProductAmount());
      writeString(g, Names.COUPON_CODE, p.couponCode());
      writeLong(g, Names.ADDED_TO_CART_TIME, p.addedToCartTimeMillis());
      attributes.writeAttributes(g, p.customAttributes());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeInt(JsonGenerator g, SerializableString name, Integer value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeNumber(value.intValue());
    }
  }
}
