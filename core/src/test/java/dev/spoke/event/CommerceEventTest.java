package dev.spoke.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommerceEventTest {

  private static Product shoe() {
    return Product.builder("sku-1", "Shoe")
        .brand("B")
        .category("C")
        .variant("V")
        .position(2)
        .price(49.99)
        .quantity(2.0)
        .totalProductAmount(99.98)
        .couponCode("X")
        .addedToCartTimeMillis(77L)
        .attribute("size", 42)
        .build();
  }

  @Test
  void productActionEvent() {
    ProductAction pa =
        ProductAction.builder(ProductActionType.REMOVE_FROM_WISHLIST)
            .transactionId("t1")
            .checkoutStep(3)
            .checkoutOptions("o")
            .productActionList("l")
            .productListSource("s")
            .affiliation("a")
            .totalAmount(1.0)
            .taxAmount(0.1)
            .shippingAmount(0.2)
            .couponCode("c")
            .product(shoe())
            .build();
    CommerceEvent e =
        CommerceEvent.productAction(pa)
            .currencyCode("USD")
            .screenName("cart")
            .nonInteractive(true)
            .eventName("n")
            .shoppingCart(List.of(shoe()))
            .flag("k", "v")
            .build();
    assertThat(e.kind()).isEqualTo(CommerceEvent.Kind.PRODUCT_ACTION);
    assertThat(e.filterNumber()).isEqualTo(21);
    assertThat(e.productAction()).isEqualTo(pa);
    assertThat(e.promotionAction()).isNull();
    assertThat(e.impressions()).isEmpty();
    assertThat(e.shoppingCart()).containsExactly(shoe());
    assertThat(e.customFlags()).containsEntry("k", "v");
    assertThat(e.toBuilder().build()).isEqualTo(e).hasSameHashCodeAs(e);
    assertThat(pa.toBuilder().build()).isEqualTo(pa);
    assertThat(shoe().toBuilder().build()).isEqualTo(shoe());
    assertThat(shoe().customAttributes()).containsEntry("size", 42);
    assertThat(e.toString()).contains("PRODUCT_ACTION").contains("REMOVE_FROM_WISHLIST");
  }

  @Test
  void promotionAndImpressionEvents() {
    PromotionAction promo =
        PromotionAction.builder(PromotionActionType.CLICK)
            .promotion(
                Promotion.builder("p1").name("Sale").creative("banner").position("top").build())
            .build();
    CommerceEvent p = CommerceEvent.promotionAction(promo).build();
    assertThat(p.kind()).isEqualTo(CommerceEvent.Kind.PROMOTION_ACTION);
    assertThat(p.filterNumber()).isEqualTo(19);
    assertThat(p.productAction()).isNull();

    List<Impression> imps = new ArrayList<>();
    imps.add(Impression.builder("search results").product(shoe()).build());
    CommerceEvent i = CommerceEvent.impressions(imps).build();
    imps.add(null);
    assertThat(i.kind()).isEqualTo(CommerceEvent.Kind.IMPRESSIONS);
    assertThat(i.filterNumber()).isEqualTo(CommerceEvent.IMPRESSION_FILTER_NUMBER);
    assertThat(i.impressions()).hasSize(1);
    assertThat(i.impressions().get(0).listName()).isEqualTo("search results");
    assertThatThrownBy(() -> i.impressions().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(i.toBuilder().build()).isEqualTo(i);
    assertThat(i).isNotEqualTo(p);
  }

  @Test
  void exactlyOnePayloadByConstruction() {
    CommerceEvent e =
        CommerceEvent.promotionAction(PromotionAction.builder(PromotionActionType.VIEW).build())
            .replaceProductAction(ProductAction.builder(ProductActionType.PURCHASE).build())
            .replaceImpressions(List.of(Impression.builder("x").build()))
            .build();
    assertThat(e.productAction()).isNull();
    assertThat(e.impressions()).isEmpty();
    assertThat(e.promotionAction().action()).isEqualTo(PromotionActionType.VIEW);

    CommerceEvent replaced =
        CommerceEvent.productAction(ProductAction.builder(ProductActionType.CLICK).build())
            .replaceProductAction(ProductAction.builder(ProductActionType.REFUND).build())
            .build();
    assertThat(replaced.filterNumber()).isEqualTo(17);
  }

  @Test
  void nullPayloadsAreCarriedNotRejected() {
    assertThat(CommerceEvent.productAction(null).build().filterNumber()).isZero();
    assertThat(CommerceEvent.promotionAction(null).build().filterNumber()).isZero();
    assertThat(
            CommerceEvent.productAction(ProductAction.builder(null).build()).build().filterNumber())
        .isZero();
    CommerceEvent i =
        CommerceEvent.impressions(Arrays.asList(null, null)).shoppingCart(null).build();
    assertThat(i.impressions()).hasSize(2);
    assertThat(i.shoppingCart()).isEmpty();
    assertThat(CommerceEvent.impressions(null).build().impressions()).isEmpty();
  }

  @Test
  void productListsAreCopied() {
    List<Product> products = new ArrayList<>(List.of(shoe()));
    ProductAction pa =
        ProductAction.builder(ProductActionType.ADD_TO_CART).products(products).build();
    products.clear();
    assertThat(pa.products()).hasSize(1);
    assertThatThrownBy(() -> pa.products().add(shoe()))
        .isInstanceOf(UnsupportedOperationException.class);
    ProductAction.Builder b = pa.toBuilder();
    b.product(shoe());
    assertThat(pa.products()).hasSize(1);
    assertThat(b.build().products()).hasSize(2);
  }
}
