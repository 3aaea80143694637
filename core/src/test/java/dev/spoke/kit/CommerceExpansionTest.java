package dev.spoke.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommerceExpansionTest {

  /**
   * mParticle/mparticle-android-sdk
   * android-kit-base/src/main/java/com/mparticle/kits/CommerceEventUtils.java
   */
  @Test
  void aPurchaseGivesATotalFirstThenOneItemPerProductAsAndroidDoes() {
    CommerceEvent purchase =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .transactionId("t-1")
                    .totalAmount(30.0)
                    .affiliation("shop")
                    .couponCode("SAVE")
                    .productListSource("search")
                    .products(
                        Arrays.asList(
                            Product.builder("s1", "Shoe")
                                .price(10.0)
                                .quantity(2.0)
                                .brand("Acme")
                                .attribute("size", "42")
                                .build(),
                            null,
                            Product.builder("s2", "Sock").build()))
                    .build())
            .attribute("channel", "web")
            .flag("f", "1")
            .timestamp(1234L)
            .sourceMessageId("m1")
            .build();
    List<CustomEvent> out = CommerceExpansion.expand(purchase);
    assertThat(out)
        .extracting(CustomEvent::name)
        .containsExactly(
            "eCommerce - purchase - Total",
            "eCommerce - purchase - Item",
            "eCommerce - purchase - Item");
    assertThat(out.get(0).customAttributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channel",
                "web",
                "Transaction Id",
                "t-1",
                "Affiliation",
                "shop",
                "Coupon Code",
                "SAVE",
                "Total Amount",
                30.0,
                "Currency Code",
                "USD",
                "Product List Source",
                "search"));
    CustomEvent shoe = out.get(1);
    assertThat(shoe.customEventType()).isEqualTo(CustomEventType.TRANSACTION);
    // Item events carry the product and the transaction id, not the event's own attributes.
    assertThat(shoe.customAttributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Id",
                "s1",
                "Name",
                "Shoe",
                "Brand",
                "Acme",
                "Item Price",
                10.0,
                "Quantity",
                2.0,
                "Total Product Amount",
                20.0,
                "size",
                "42",
                "Transaction Id",
                "t-1"));
    assertThat(out.get(2).customAttributes())
        .containsEntry("Quantity", 1.0)
        .doesNotContainKey("Item Price");
    assertThat(shoe.timestampMillis()).isEqualTo(1234L);
    assertThat(shoe.customFlags()).containsEntry("f", "1");
    assertThat(shoe.sourceMessageId()).as("expanded events must not share one message id").isNull();
  }

  @Test
  void onlyPurchaseAndRefundGetATotal() {
    for (ProductActionType t : ProductActionType.values()) {
      CommerceEvent e =
          CommerceEvent.productAction(
                  ProductAction.builder(t).product(Product.builder("s", "S").build()).build())
              .build();
      boolean total =
          CommerceExpansion.expand(e).stream().anyMatch(c -> c.name().endsWith(" - Total"));
      assertThat(total)
          .as(t.name())
          .isEqualTo(t == ProductActionType.PURCHASE || t == ProductActionType.REFUND);
    }
    CommerceEvent wish =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.REMOVE_FROM_WISHLIST)
                    .product(Product.builder("s", "S").build())
                    .build())
            .build();
    assertThat(CommerceExpansion.expand(wish))
        .extracting(CustomEvent::name)
        .containsExactly("eCommerce - remove_from_wishlist - Item");
  }

  @Test
  void promotionsAndImpressionsExpandPerItemWithTheEventAttributes() {
    CommerceEvent promo =
        CommerceEvent.promotionAction(
                PromotionAction.builder(PromotionActionType.CLICK)
                    .promotion(Promotion.builder("p1").name("Summer").build())
                    .build())
            .attribute("channel", "web")
            .build();
    assertThat(CommerceExpansion.expand(promo))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("eCommerce - click - Item");
              assertThat(e.customAttributes())
                  .containsExactlyInAnyOrderEntriesOf(
                      Map.of("Id", "p1", "Name", "Summer", "channel", "web"));
            });
    CommerceEvent imp =
        CommerceEvent.impressions(
                List.of(
                    Impression.builder("search")
                        .product(Product.builder("a", "A").build())
                        .product(Product.builder("b", "B").build())
                        .build()))
            .build();
    List<CustomEvent> items = CommerceExpansion.expand(imp);
    assertThat(items)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.name()).isEqualTo("eCommerce - Impression - Item");
              assertThat(e.customAttributes()).containsEntry("Product Impression List", "search");
            });
    // Each impressed product with its own fields (Android reads the product at the impression's
    // index).
    assertThat(items).extracting(e -> e.customAttributes().get("Id")).containsExactly("a", "b");
  }

  @Test
  void oddInputNeverThrows() {
    assertThat(CommerceExpansion.expand(null)).isEmpty();
    assertThat(CommerceExpansion.expand(CommerceEvent.productAction(null).build())).isEmpty();
    assertThat(CommerceExpansion.expand(CommerceEvent.promotionAction(null).build())).isEmpty();
    assertThat(CommerceExpansion.expand(CommerceEvent.impressions(null).build())).isEmpty();
  }
}
