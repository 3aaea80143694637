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
import org.junit.jupiter.api.Test;

class CommerceExpansionTest {

    @Test
    void aProductActionGivesOneItemPerProductAndATotal() {
        CommerceEvent purchase = CommerceEvent.productAction(ProductAction.builder(ProductActionType.PURCHASE)
                        .transactionId("t-1").totalAmount(30.0)
                        .products(Arrays.asList(Product.builder("s1", "Shoe").price(10.0).quantity(2.0)
                                .attribute("size", "42").build(), null, Product.builder("s2", "Sock").build()))
                        .build())
                .currencyCode("EUR").attribute("channel", "web").flag("f", "1").timestamp(1234L).sourceMessageId("m1")
                .build();
        List<CustomEvent> out = CommerceExpansion.expand(purchase);
        assertThat(out).extracting(CustomEvent::name).containsExactly("eCommerce - purchase - Item",
                "eCommerce - purchase - Item", "eCommerce - purchase - Total");
        CustomEvent shoe = out.get(0);
        assertThat(shoe.customEventType()).isEqualTo(CustomEventType.TRANSACTION);
        assertThat(shoe.customAttributes()).containsEntry("Id", "s1").containsEntry("Name", "Shoe")
                .containsEntry("Price", 10.0).containsEntry("Quantity", 2.0).containsEntry("size", "42")
                .containsEntry("channel", "web").containsEntry("Currency Code", "EUR");
        assertThat(shoe.timestampMillis()).isEqualTo(1234L);
        assertThat(shoe.customFlags()).containsEntry("f", "1");
        assertThat(shoe.sourceMessageId()).as("expanded events must not share one message id").isNull();
        assertThat(out.get(2).customAttributes()).containsEntry("Transaction Id", "t-1")
                .containsEntry("Total Amount", 30.0).containsEntry("Product Count", 2);
    }

    @Test
    void promotionsAndImpressionsExpandPerItem() {
        CommerceEvent promo = CommerceEvent.promotionAction(PromotionAction.builder(PromotionActionType.CLICK)
                .promotion(Promotion.builder("p1").name("Summer").build()).build()).build();
        assertThat(CommerceExpansion.expand(promo)).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("eCommerce - click - Item");
            assertThat(e.customAttributes()).containsEntry("Id", "p1").containsEntry("Name", "Summer");
        });
        CommerceEvent imp = CommerceEvent.impressions(List.of(Impression.builder("search")
                .product(Product.builder("a", "A").build()).product(Product.builder("b", "B").build()).build())).build();
        assertThat(CommerceExpansion.expand(imp)).hasSize(2).allSatisfy(e -> {
            assertThat(e.name()).isEqualTo("eCommerce - Impression - Item");
            assertThat(e.customAttributes()).containsEntry("Product Impression List", "search");
        });
    }

    @Test
    void oddInputNeverThrows() {
        assertThat(CommerceExpansion.expand(null)).isEmpty();
        assertThat(CommerceExpansion.expand(CommerceEvent.productAction(null).build()))
                .extracting(CustomEvent::name).containsExactly("eCommerce - unknown - Total");
        assertThat(CommerceExpansion.expand(CommerceEvent.promotionAction(null).build())).isEmpty();
        assertThat(CommerceExpansion.expand(CommerceEvent.impressions(null).build())).isEmpty();
    }
}
