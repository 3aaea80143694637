package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.KitHash.hash;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KitFiltersTest {

  static KitFilters filters(String entryJson) throws Exception {
    return filters(entryJson, DataPlan.none());
  }

  static KitFilters filters(String entryJson, DataPlan plan) throws Exception {
    KitConfiguration c = KitConfiguration.parse("{\"eks\":[" + entryJson + "]}");
    return new KitFilters(c.kits().get(0), plan);
  }

  static KitUser user(
      Long mpid, Map<String, Object> attrs, ConsentState consent, boolean loggedIn) {
    return new KitUser(
        mpid,
        UserIdentities.builder().customerId("c1").email("a@b.c").build(),
        attrs,
        consent,
        loggedIn);
  }

  static KitUser anyUser() {
    return user(1L, Map.of(), ConsentState.empty(), true);
  }

  static CustomEvent click() {
    return CustomEvent.builder("Button Click")
        .customEventType(CustomEventType.NAVIGATION)
        .attribute("color", "red")
        .attribute("size", "xl")
        .build();
  }

  @Test
  void etBlocksAWholeCustomEventType() throws Exception {
    KitFilters f = filters("{\"id\":1,\"hs\":{\"et\":{\"" + hash("1") + "\":0}}}");
    assertThat(f.filterEvent(click()).blockedBy()).isEqualTo("et");
    CustomEvent other =
        CustomEvent.builder("Button Click").customEventType(CustomEventType.OTHER).build();
    assertThat(f.filterEvent(other).passed()).isTrue();
  }

  @Test
  void ecBlocksOneEventByTypeAndNameCaseInsensitively() throws Exception {
    KitFilters f = filters("{\"id\":1,\"hs\":{\"ec\":{\"-2018143797\":0}}}");
    assertThat(f.filterEvent(click()).blockedBy()).isEqualTo("ec");
    assertThat(
            f.filterEvent(
                    CustomEvent.builder("Button Click")
                        .customEventType(CustomEventType.SEARCH)
                        .build())
                .passed())
        .isTrue();
    assertThat(
            f.filterEvent(
                    CustomEvent.builder("other")
                        .customEventType(CustomEventType.NAVIGATION)
                        .build())
                .passed())
        .isTrue();
  }

  @Test
  void eaRemovesOneAttributeFromTheKitsCopyOnly() throws Exception {
    KitFilters f = filters("{\"id\":1,\"hs\":{\"ea\":{\"-802421640\":0}}}");
    CustomEvent original = click();
    Event seen = f.filterEvent(original).value();
    assertThat(seen.customAttributes()).containsOnlyKeys("size");
    assertThat(original.customAttributes()).containsKeys("color", "size");
    assertThat(((CustomEvent) seen).name()).isEqualTo("Button Click");
  }

  @Test
  void svecAndSveaFilterScreenViews() throws Exception {
    KitFilters f =
        filters(
            "{\"id\":1,\"hs\":{\"svec\":{\"47537423\":0},\"svea\":{\""
                + hash("0cartitems")
                + "\":0}}}");
    assertThat(f.filterEvent(ScreenView.builder("Home").build()).blockedBy()).isEqualTo("svec");
    Event cart =
        f.filterEvent(
                ScreenView.builder("Cart").attribute("items", "3").attribute("total", "9").build())
            .value();
    assertThat(cart.customAttributes()).containsOnlyKeys("total");
    // et never applies to screen views
    KitFilters et = filters("{\"id\":1,\"hs\":{\"et\":{\"" + hash("0") + "\":0}}}");
    assertThat(et.filterEvent(ScreenView.builder("Home").build()).passed()).isTrue();
  }

  @Test
  void uaFiltersUserAttributesAndUidFiltersRawIdentityNumbers() throws Exception {
    KitFilters f =
        filters("{\"id\":1,\"hs\":{\"ua\":{\"" + hash("Tier") + "\":0},\"uid\":{\"7\":0}}}");
    KitUser full = user(5L, Map.of("tier", "gold", "city", "Oslo"), ConsentState.empty(), true);
    KitUser seen = f.userView(full);
    assertThat(seen.attributes()).containsOnlyKeys("city");
    assertThat(seen.identities().asMap()).containsOnlyKeys(IdentityType.CUSTOMER_ID);
    assertThat(full.identities().get(IdentityType.EMAIL)).isEqualTo("a@b.c");
    assertThat(f.allowsUserAttribute("TIER")).isFalse();
    assertThat(f.allowsUserAttribute("city")).isTrue();
    assertThat(filters("{\"id\":1}").userView(full)).isSameAs(full);
  }

  @Test
  void ceaRemovesCommerceAttributesAndEtBlocksACommerceType() throws Exception {
    CommerceEvent purchase =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .product(
                        Product.builder("sku", "Shoe")
                            .attribute("fit", "wide")
                            .attribute("secret", "x")
                            .build())
                    .build())
            .attribute("coupon", "A")
            .attribute("channel", "web")
            .build();
    KitFilters cea = filters("{\"id\":1,\"hs\":{\"cea\":{\"" + hash("16coupon") + "\":0}}}");
    assertThat(cea.filterEvent(purchase).value().customAttributes()).containsOnlyKeys("channel");
    KitFilters et = filters("{\"id\":1,\"hs\":{\"et\":{\"1573\":0}}}");
    assertThat(et.filterEvent(purchase).blockedBy()).isEqualTo("et");
    KitFilters ent = filters("{\"id\":1,\"hs\":{\"ent\":{\"1\":0}}}");
    assertThat(((CommerceEvent) ent.filterEvent(purchase).value()).productAction().products())
        .isEmpty();
    KitFilters afa = filters("{\"id\":1,\"hs\":{\"afa\":{\"1\":{\"" + hash("secret") + "\":0}}}}");
    assertThat(
            ((CommerceEvent) afa.filterEvent(purchase).value())
                .productAction()
                .products()
                .get(0)
                .customAttributes())
        .containsOnlyKeys("fit");
    CommerceEvent promo =
        CommerceEvent.promotionAction(
                PromotionAction.builder(PromotionActionType.CLICK)
                    .promotion(Promotion.builder("p1").build())
                    .build())
            .build();
    KitFilters noPromo = filters("{\"id\":1,\"hs\":{\"ent\":{\"2\":0}}}");
    assertThat(((CommerceEvent) noPromo.filterEvent(promo).value()).promotionAction().promotions())
        .isEmpty();
    CommerceEvent imp =
        CommerceEvent.impressions(
                List.of(
                    Impression.builder("list").product(Product.builder("s", "n").build()).build()))
            .build();
    assertThat(
            ((CommerceEvent)
                    filters("{\"id\":1,\"hs\":{\"ent\":{\"3\":0}}}").filterEvent(imp).value())
                .impressions())
        .isEmpty();
  }

  @Test
  void bracketUsesTheMpidBucketAndPutsUsersWithoutAnMpidInBucketZero() throws Exception {
    KitFilters f = filters("{\"id\":1,\"bk\":{\"lo\":0,\"hi\":50}}");
    assertThat(f.userRuleBlocking(user(256L * 49, Map.of(), ConsentState.empty(), true), false))
        .isNull();
    assertThat(f.userRuleBlocking(user(256L * 50, Map.of(), ConsentState.empty(), true), false))
        .isEqualTo("bk");
    // Android's mpid before identification is 0, so its bucket is 0 (ConfigManager.getUserBucket).
    assertThat(f.userRuleBlocking(user(null, Map.of(), ConsentState.empty(), true), false))
        .isNull();
    assertThat(f.userRuleBlocking(null, false)).isNull();
    KitFilters upper = filters("{\"id\":1,\"bk\":{\"lo\":50,\"hi\":100}}");
    assertThat(upper.userRuleBlocking(user(null, Map.of(), ConsentState.empty(), true), false))
        .isEqualTo("bk");
    assertThat(upper.userRuleBlocking(null, false)).isEqualTo("bk");
  }

  @Test
  void consentRulesFollowTheWireForGdpr() throws Exception {
    // include when the user consented to location_collection
    KitFilters f =
        filters("{\"id\":1,\"crvf\":{\"i\":true,\"v\":[{\"h\":-324077161,\"c\":true}]}}");
    ConsentState yes =
        ConsentState.builder()
            .gdpr("Location_Collection", ConsentDecision.builder(true).build())
            .build();
    ConsentState no =
        ConsentState.builder()
            .gdpr("location_collection", ConsentDecision.builder(false).build())
            .build();
    assertThat(f.userRuleBlocking(user(1L, Map.of(), yes, true), false)).isNull();
    assertThat(f.userRuleBlocking(user(1L, Map.of(), no, true), false)).isEqualTo("crvf");
    assertThat(f.userRuleBlocking(user(1L, Map.of(), ConsentState.empty(), true), false))
        .isEqualTo("crvf");
    assertThat(f.userRuleBlocking(null, false)).isEqualTo("crvf");
    // exclude when matched: a user who refused is excluded, one who consented is included
    KitFilters ex =
        filters("{\"id\":1,\"crvf\":{\"i\":false,\"v\":[{\"h\":-324077161,\"c\":false}]}}");
    assertThat(ex.userRuleBlocking(user(1L, Map.of(), no, true), false)).isEqualTo("crvf");
    assertThat(ex.userRuleBlocking(user(1L, Map.of(), yes, true), false)).isNull();
    assertThat(ex.userRuleBlocking(null, false)).isEqualTo("crvf");
  }

  @Test
  void consentRulesFollowTheWireForCcpa() throws Exception {
    // exclude users who opted out of sale (CCPA consented:true means opted OUT)
    KitFilters f =
        filters("{\"id\":1,\"crvf\":{\"i\":false,\"v\":[{\"h\":-575335347,\"c\":true}]}}");
    ConsentState optedOutOfSale =
        ConsentState.builder().ccpa(ConsentDecision.builder(true).build()).build();
    ConsentState allowsSale =
        ConsentState.builder().ccpa(ConsentDecision.builder(false).build()).build();
    assertThat(f.userRuleBlocking(user(1L, Map.of(), optedOutOfSale, true), false))
        .isEqualTo("crvf");
    assertThat(f.userRuleBlocking(user(1L, Map.of(), allowsSale, true), false)).isNull();
    assertThat(f.userRuleBlocking(user(1L, Map.of(), ConsentState.empty(), true), false)).isNull();
  }

  @Test
  void attributeValueFilterIsDecidedPerEventOnTheEventsAttributesNotTheUsers() throws Exception {
    String a = String.valueOf(hash("Tier"));
    String v = String.valueOf(hash("Gold"));
    KitFilters inc = filters("{\"id\":1,\"avf\":{\"i\":true,\"a\":" + a + ",\"v\":" + v + "}}");
    KitFilters exc = filters("{\"id\":1,\"avf\":{\"i\":false,\"a\":" + a + ",\"v\":" + v + "}}");
    KitUser goldUser = user(1L, Map.of("tier", "gold"), ConsentState.empty(), true);
    assertThat(inc.userRuleBlocking(goldUser, false)).as("not a user rule").isNull();
    assertThat(inc.userRuleBlocking(null, false)).isNull();
    CustomEvent gold =
        CustomEvent.builder("E")
            .customEventType(CustomEventType.OTHER)
            .attribute("TIER", "GOLD")
            .build();
    CustomEvent silver = CustomEvent.builder("E").attribute("tier", "silver").build();
    CustomEvent none = CustomEvent.builder("E").build();
    assertThat(inc.filterEvent(gold).passed()).isTrue();
    assertThat(inc.filterEvent(silver).blockedBy()).isEqualTo("avf");
    assertThat(inc.filterEvent(none).blockedBy()).isEqualTo("avf");
    assertThat(exc.filterEvent(gold).blockedBy()).isEqualTo("avf");
    assertThat(exc.filterEvent(silver).passed()).isTrue();
    assertThat(exc.filterEvent(none).passed()).isTrue();
    assertThat(
            inc.filterEvent(ScreenView.builder("Home").attribute("tier", "gold").build()).passed())
        .isTrue();
    assertThat(inc.filterEvent(ScreenView.builder("Home").build()).blockedBy()).isEqualTo("avf");
    CommerceEvent purchase =
        CommerceEvent.productAction(ProductAction.builder(ProductActionType.PURCHASE).build())
            .attribute("tier", "silver")
            .build();
    assertThat(inc.filterEvent(purchase).blockedBy()).isEqualTo("avf");
    // Decided before ea removes the attribute (Android checks avf first in shouldLogEvent).
    KitFilters incEa =
        filters(
            "{\"id\":1,\"avf\":{\"i\":true,\"a\":"
                + a
                + ",\"v\":"
                + v
                + "},"
                + "\"hs\":{\"ea\":{\""
                + hash("8Etier")
                + "\":0}}}");
    KitFilters.Verdict<Event> out = incEa.filterEvent(gold);
    assertThat(out.passed()).isTrue();
    assertThat(out.value().customAttributes()).isEmpty();
  }

  @Test
  void webUserAttributeValueRuleIsAUserRule() throws Exception {
    KitFilters f =
        filters(
            "{\"id\":1,\"filteringUserAttributeValue\":{\"userAttributeName\":"
                + hash("tier")
                + ",\"userAttributeValue\":"
                + hash("gold")
                + ",\"includeOnMatch\":true}}");
    assertThat(
            f.userRuleBlocking(user(1L, Map.of("tier", "gold"), ConsentState.empty(), true), false))
        .isNull();
    assertThat(
            f.userRuleBlocking(
                user(1L, Map.of("tier", List.of("silver", "GOLD")), ConsentState.empty(), true),
                false))
        .isNull();
    assertThat(
            f.userRuleBlocking(
                user(1L, Map.of("tier", "silver"), ConsentState.empty(), true), false))
        .isEqualTo("filteringUserAttributeValue");
    assertThat(f.userRuleBlocking(null, false)).isEqualTo("filteringUserAttributeValue");
  }

  @Test
  void eauTurnsTheKitOffForUsersNotLoggedIn() throws Exception {
    KitFilters f = filters("{\"id\":1,\"eau\":true}");
    assertThat(f.userRuleBlocking(user(1L, Map.of(), ConsentState.empty(), false), false))
        .isEqualTo("eau");
    assertThat(f.userRuleBlocking(user(1L, Map.of(), ConsentState.empty(), true), false)).isNull();
    assertThat(f.userRuleBlocking(null, false)).isEqualTo("eau");
    assertThat(
            filters("{\"id\":1,\"eau\":false}")
                .userRuleBlocking(user(1L, Map.of(), ConsentState.empty(), false), false))
        .isNull();
  }

  @Test
  void honorOptOutDefaultsToTrueAndCanBeTurnedOff() throws Exception {
    assertThat(filters("{\"id\":1}").userRuleBlocking(anyUser(), true)).isEqualTo("honorOptOut");
    assertThat(filters("{\"id\":1}").userRuleBlocking(anyUser(), false)).isNull();
    assertThat(
            filters("{\"id\":1,\"as\":{\"honorOptOut\":\"false\"}}")
                .userRuleBlocking(anyUser(), true))
        .isNull();
    assertThat(
            filters("{\"id\":1,\"as\":{\"honorOptOut\":\"True\"}}")
                .userRuleBlocking(anyUser(), true))
        .isEqualTo("honorOptOut");
    // Boolean.parseBoolean, as Android: "yes" is not true, so the kit keeps receiving after an
    // opt-out.
    assertThat(
            filters("{\"id\":1,\"as\":{\"honorOptOut\":\"yes\"}}")
                .userRuleBlocking(anyUser(), true))
        .isNull();
  }
}
