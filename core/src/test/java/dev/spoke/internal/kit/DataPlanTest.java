package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.DataPlanOptionsAccess;
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
import dev.spoke.event.SessionStart;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform's data plan documents and blocking switches, checked case by case against what its
 * SDKs do. The cases follow mParticle/mparticle-android-sdk {@code
 * android-kit-base/src/test/kotlin/com/mparticle/kits/DataplanFilterImplTest.kt} (parse, block
 * events, block attributes, events before attributes) and mParticle/mparticle-web-sdk {@code
 * test/src/tests-kit-blocking.ts} (closed and open attribute sets, empty plans, user attributes and
 * identities, product attributes); the plan document is our own ({@code
 * dataplans/shop-plan-v2.json}).
 */
class DataPlanTest {

  static String shopPlan() {
    try (InputStream in = DataPlanTest.class.getResourceAsStream("/dataplans/shop-plan-v2.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static DataPlan plan(boolean ev, boolean ea, boolean ua, boolean id)
      throws KitConfigurationException {
    return DataPlan.parse(shopPlan(), ev, ea, ua, id);
  }

  static KitFilters filters(DataPlan plan) throws Exception {
    return KitFiltersTest.filters("{\"id\":1}", plan);
  }

  static CustomEvent custom(String name, CustomEventType type, String... attributes) {
    CustomEvent.Builder b = CustomEvent.builder(name).customEventType(type);
    for (String a : attributes) {
      b.attribute(a, "v-" + a);
    }
    return b.build();
  }

  static Product product(String... attributes) {
    Product.Builder b = Product.builder("sku-1", "Boot").price(10.0);
    for (String a : attributes) {
      b.attribute(a, "v-" + a);
    }
    return b.build();
  }

  static CommerceEvent purchase(List<Product> products, String... attributes) {
    CommerceEvent.Builder b =
        CommerceEvent.productAction(
            ProductAction.builder(ProductActionType.PURCHASE)
                .transactionId("t1")
                .products(products)
                .build());
    for (String a : attributes) {
      b.attribute(a, "v-" + a);
    }
    return b.build();
  }

  static CommerceEvent action(ProductActionType type) {
    return CommerceEvent.productAction(
            ProductAction.builder(type).products(List.of(product())).build())
        .build();
  }

  // ---- parsing
  // ----------------------------------------------------------------------------------------

  @Test
  void everyDataPointIsReducedToItsMatchKeyAndPlannedKeysAsTheSdksDo() throws Exception {
    DataPlan p = plan(true, true, true, true);
    // additionalProperties true on custom_attributes: any attribute (Android "Search Event").
    assertThat(p.plannedKeys("custom_event:search:Search Catalog")).isNull();
    assertThat(p.plannedKeys("custom_event:location:Store Locator"))
        .containsExactlyInAnyOrder("radius", "units", "store_type");
    // No custom_attributes and data left open: any attribute (Android "TestEvent").
    assertThat(p.plannedKeys("custom_event:navigation:Menu Opened")).isNull();
    // Closed with no properties: none (Web "SocialEvent").
    assertThat(p.plannedKeys("custom_event:social:Shared Post")).isEmpty();
    // No custom_attributes and data closed: none (Android "A New ScreenViewEvent").
    assertThat(p.plannedKeys("screen_view::Checkout Summary")).isEmpty();
    assertThat(p.plannedKeys("screen_view::Product Detail"))
        .containsExactlyInAnyOrder("sku", "category");
    assertThat(p.plannedKeys("product_action:add_to_cart"))
        .containsExactlyInAnyOrder("cart_source", "promo");
    assertThat(p.plannedKeys("product_action:add_to_cart#products")).isNull();
    assertThat(p.plannedKeys("product_action:purchase")).containsExactly("payment_type");
    assertThat(p.plannedKeys("product_action:purchase#products"))
        .containsExactlyInAnyOrder("gift_wrap", "size");
    assertThat(p.plannedKeys("promotion_action:view")).containsExactly("placement");
    assertThat(p.plannedKeys("product_impression")).containsExactly("list_page");
    assertThat(p.plannedKeys("product_impression#products")).containsExactly("badge");
    assertThat(p.plannedKeys("user_attributes"))
        .containsExactlyInAnyOrder("tier", "$age", "favorite_store");
    assertThat(p.plannedKeys("user_identities")).containsExactlyInAnyOrder("customerid", "email");
    // Android spells the wish list action without the Events API's underscore; both reach one key.
    assertThat(p.hasPoint("product_action:remove_from_wish_list")).isTrue();
    // 11 event points, 4 product attribute keys (three actions and the impressions), 2 user points.
    assertThat(p.size()).isEqualTo(17);
    assertThat(p.skipped()).hasSize(2);
    assertThat(p.skipped().get(0)).contains("data_points[13]").contains("custom_event");
    assertThat(p.skipped().get(1)).contains("data_points[14]").contains("no match.type");
  }

  @Test
  void aBareVersionDocumentIsReadToo() throws Exception {
    DataPlan p =
        DataPlan.parse(
            "{\"data_points\":[{\"match\":{\"type\":\"screen_view\",\"criteria\":"
                + "{\"screen_name\":\"Home\"}},\"validator\":{\"definition\":{}}}]}",
            true,
            false,
            false,
            false);
    assertThat(p.hasPoint("screen_view::Home")).isTrue();
    assertThat(p.blocksEvent(ScreenView.builder("Away").build())).isTrue();
  }

  @Test
  void aDocumentThatIsNotADataPlanVersionIsRefusedWithTheReason() {
    assertThatThrownBy(() -> DataPlan.parse("{\"events\":[]}", true, true, true, true))
        .hasMessageContaining("no version_document")
        .hasMessageContaining("[events]");
    assertThatThrownBy(() -> DataPlan.parse("not json", true, true, true, true))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                DataPlan.parse(
                    "{\"version_document\":{\"data_points\":{}}}", true, true, true, true))
        .hasMessageContaining("version_document.data_points");
  }

  // ---- the configuration's dpr
  // ------------------------------------------------------------------------

  static String dpr(String blok, String vers) {
    return "{\"dtpn\":{"
        + (blok == null ? "" : "\"blok\":" + blok + ",")
        + "\"vers\":"
        + vers
        + "}}";
  }

  @Test
  void theConfigurationCarriesThePlanAndItsSwitchesUnderDpr() throws Exception {
    KitConfiguration c =
        KitConfiguration.parse(
            "{\"eks\":[],\"dpr\":"
                + dpr("{\"ev\":true,\"ea\":false,\"ua\":true,\"id\":false}", shopPlan())
                + "}");
    DataPlan p = c.dataPlan();
    assertThat(p).isEqualTo(plan(true, false, true, false));
    assertThat(p.toString()).contains("spoke_shop v2").contains("ev").contains("ua");
    assertThat(c.toString()).contains("dpr=");
    assertThat(KitConfiguration.parse("{\"eks\":[]}").dataPlan()).isEqualTo(DataPlan.none());
  }

  @Test
  void sideloadedKitsKeepTheConfigurationsPlan() throws Exception {
    KitConfiguration c =
        KitConfiguration.parse(
            "{\"eks\":[{\"id\":160}],\"dpr\":"
                + dpr("{\"ev\":true,\"ea\":false,\"ua\":true,\"id\":false}", shopPlan())
                + "}");
    KitConfiguration merged =
        new SideloadedKits(
                List.of(
                    dev.spoke.kit.SideloadedKit.builder(
                            new ConformanceKit.Factory(
                                dev.spoke.kit.SideloadedKit.MIN_MODULE_ID, false))
                        .build()))
            .merge(c, id -> {});
    assertThat(merged.kits()).hasSize(2);
    assertThat(merged.dataPlan()).isEqualTo(c.dataPlan());
    assertThat(c.withKits(List.of()).dataPlan()).isEqualTo(plan(true, false, true, false));
  }

  @Test
  void withoutBlokOrDtpnNothingIsBlockedAsInAndroidsConfigManager() throws Exception {
    assertThat(DataPlan.fromConfiguration(JsonTree.parse(dpr(null, shopPlan()))))
        .isEqualTo(DataPlan.none());
    assertThat(DataPlan.fromConfiguration(JsonTree.parse("{}"))).isEqualTo(DataPlan.none());
    DataPlan flagsOnly =
        DataPlan.fromConfiguration(JsonTree.parse("{\"dtpn\":{\"blok\":{\"ev\":true}}}"));
    // Switches without a version: every plannable event is unplanned.
    assertThat(flagsOnly.blocksEvent(custom("Store Locator", CustomEventType.LOCATION))).isTrue();
    assertThat(flagsOnly.blocksEvent(SessionStart.builder().build())).isFalse();
  }

  @Test
  void aDprOfTheWrongShapeIsRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> KitConfiguration.parse("{\"dpr\":[]}")).hasMessageContaining("dpr");
    assertThatThrownBy(
            () -> KitConfiguration.parse("{\"dpr\":" + dpr("{\"ev\":\"sometimes\"}", "{}") + "}"))
        .hasMessageContaining("dpr.dtpn.blok.ev");
    assertThatThrownBy(
            () ->
                KitConfiguration.parse(
                    "{\"dpr\":"
                        + dpr("{\"ev\":true}", "{\"version_document\":{\"data_points\":[7]}}")
                        + "}"))
        .hasMessageContaining("dpr.dtpn.vers.version_document.data_points[0]");
  }

  // ---- events (Android: "commerce blockEvent is blocking properly" and its siblings)
  // -------------------

  static List<Event> plannedOfEachType() {
    return List.of(
        custom("Store Locator", CustomEventType.LOCATION),
        ScreenView.builder("Product Detail").build(),
        action(ProductActionType.ADD_TO_CART),
        action(ProductActionType.REMOVE_FROM_WISHLIST),
        CommerceEvent.promotionAction(
                PromotionAction.builder(PromotionActionType.VIEW)
                    .promotions(List.of(Promotion.builder("p1").build()))
                    .build())
            .build(),
        CommerceEvent.impressions(
                List.of(Impression.builder("Search results").products(List.of(product())).build()))
            .build());
  }

  static List<Event> unplannedOfEachType() {
    return List.of(
        custom("Store Locator", CustomEventType.SEARCH),
        custom("Unplanned", CustomEventType.OTHER),
        ScreenView.builder("Away").build(),
        action(ProductActionType.REFUND),
        CommerceEvent.promotionAction(
                PromotionAction.builder(PromotionActionType.CLICK)
                    .promotions(List.of(Promotion.builder("p1").build()))
                    .build())
            .build());
  }

  @ParameterizedTest
  @MethodSource("unplannedOfEachType")
  void anUnplannedEventIsBlockedWhenEvIsOnAndPassesUntouchedWhenOff(Event e) throws Exception {
    KitFilters.Verdict<Event> v = filters(plan(true, false, false, false)).filterEvent(e);
    assertThat(v.blockedBy()).isEqualTo(KitFilters.RULE_DATA_PLAN);
    assertThat(v.planBlocks()).extracting(PlanBlock::kind).containsExactly(PlanBlock.Kind.EVENT);
    assertThat(v.planBlocks().get(0).key()).isEqualTo(DataPlan.matchKey(e));
    // ea on but ev off: there is no plan to hold its attributes to.
    assertThat(filters(plan(false, true, false, false)).filterEvent(e).value()).isEqualTo(e);
  }

  @ParameterizedTest
  @MethodSource("plannedOfEachType")
  void aPlannedEventPasses(Event e) throws Exception {
    KitFilters.Verdict<Event> v = filters(plan(true, false, true, true)).filterEvent(e);
    assertThat(v.value()).isEqualTo(e);
    assertThat(v.planBlocks()).isEmpty();
  }

  @Test
  void eventsThatCannotBePlannedAlwaysPass() throws Exception {
    SessionStart s = SessionStart.builder().build();
    assertThat(filters(plan(true, true, true, true)).filterEvent(s).value()).isEqualTo(s);
  }

  @Test
  void blockingTheEventComesBeforeFilteringItsAttributes() throws Exception {
    KitFilters.Verdict<Event> v =
        filters(plan(true, true, false, false))
            .filterEvent(custom("Unplanned", CustomEventType.OTHER, "a", "b"));
    assertThat(v.passed()).isFalse();
    assertThat(v.planBlocks()).hasSize(1);
  }

  // ---- event attributes (Web: "should transform EventAttributes…")
  // ------------------------------------

  @Test
  void unplannedAttributesOfAPlannedEventAreRemovedWhenEaIsOn() throws Exception {
    KitFilters f = filters(plan(false, true, false, false));
    KitFilters.Verdict<Event> v =
        f.filterEvent(custom("Store Locator", CustomEventType.LOCATION, "radius", "pin"));
    assertThat(v.value().customAttributes()).containsOnlyKeys("radius");
    assertThat(v.planBlocks())
        .containsExactly(
            new PlanBlock(
                PlanBlock.Kind.EVENT_ATTRIBUTE, "pin", "custom_event:location:Store Locator"));
    // ea off: attributes untouched.
    assertThat(
            filters(plan(true, false, false, false))
                .filterEvent(custom("Store Locator", CustomEventType.LOCATION, "radius", "pin"))
                .value()
                .customAttributes())
        .containsOnlyKeys("radius", "pin");
  }

  @Test
  void openClosedAndEmptyAttributeSetsBehaveAsInTheWebSdk() throws Exception {
    KitFilters f = filters(plan(true, true, false, false));
    assertThat(
            f.filterEvent(custom("Search Catalog", CustomEventType.SEARCH, "query", "anything"))
                .value()
                .customAttributes())
        .containsOnlyKeys("query", "anything");
    assertThat(
            f.filterEvent(custom("Menu Opened", CustomEventType.NAVIGATION, "x"))
                .value()
                .customAttributes())
        .containsOnlyKeys("x");
    assertThat(
            f.filterEvent(custom("Shared Post", CustomEventType.SOCIAL, "x", "y"))
                .value()
                .customAttributes())
        .isEmpty();
    ScreenView closed = ScreenView.builder("Checkout Summary").attribute("step", "2").build();
    assertThat(f.filterEvent(closed).value().customAttributes()).isEmpty();
    ScreenView planned =
        ScreenView.builder("Product Detail").attribute("sku", "1").attribute("ref", "ad").build();
    assertThat(f.filterEvent(planned).value().customAttributes()).containsOnlyKeys("sku");
  }

  @Test
  void productAttributesAreHeldToThePlanOfTheirAction() throws Exception {
    KitFilters f = filters(plan(true, true, false, false));
    CommerceEvent in =
        purchase(List.of(product("gift_wrap", "color"), product("size")), "payment_type", "ref");
    KitFilters.Verdict<Event> v = f.filterEvent(in);
    CommerceEvent out = (CommerceEvent) v.value();
    assertThat(out.customAttributes()).containsOnlyKeys("payment_type");
    assertThat(out.productAction().products().get(0).customAttributes())
        .containsOnlyKeys("gift_wrap");
    assertThat(out.productAction().products().get(1).customAttributes()).containsOnlyKeys("size");
    assertThat(v.planBlocks())
        .extracting(PlanBlock::kind, PlanBlock::key)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(PlanBlock.Kind.EVENT_ATTRIBUTE, "ref"),
            org.assertj.core.groups.Tuple.tuple(PlanBlock.Kind.PRODUCT_ATTRIBUTE, "color"));
    // An action whose products the plan does not describe keeps them whole.
    CommerceEvent cart =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.ADD_TO_CART)
                    .products(List.of(product("anything")))
                    .build())
            .build();
    assertThat(
            ((CommerceEvent) f.filterEvent(cart).value())
                .productAction()
                .products()
                .get(0)
                .customAttributes())
        .containsOnlyKeys("anything");
    CommerceEvent shown =
        CommerceEvent.impressions(
                List.of(
                    Impression.builder("Search results")
                        .products(List.of(product("badge", "rank")))
                        .build()))
            .build();
    assertThat(
            ((CommerceEvent) f.filterEvent(shown).value())
                .impressions()
                .get(0)
                .products()
                .get(0)
                .customAttributes())
        .containsOnlyKeys("badge");
  }

  // ---- users (Web: "should block any unplanned user attributes…", "…user identities…")
  // ---------------

  static KitUser shopper() {
    return new KitUser(
        7L,
        UserIdentities.builder()
            .customerId("c1")
            .email("a@b.c")
            .put(IdentityType.OTHER_ID_2, "o2")
            .build(),
        Map.of("tier", "gold", "city", "Oslo"),
        ConsentState.empty(),
        true);
  }

  @Test
  void unplannedUserAttributesAndIdentitiesAreRemovedFromTheKitsViewAndListed() throws Exception {
    List<PlanBlock> blocks = new ArrayList<>();
    KitUser view = filters(plan(false, false, true, true)).userView(shopper(), blocks);
    assertThat(view.attributes()).containsOnlyKeys("tier");
    assertThat(view.identities().asMap())
        .containsOnlyKeys(IdentityType.CUSTOMER_ID, IdentityType.EMAIL);
    assertThat(blocks)
        .containsExactlyInAnyOrder(
            new PlanBlock(PlanBlock.Kind.USER_ATTRIBUTE, "city", null),
            new PlanBlock(PlanBlock.Kind.IDENTITY, "other2", null));
    KitFilters f = filters(plan(false, false, true, false));
    assertThat(f.userAttributeRuleBlocking("city")).isEqualTo(KitFilters.RULE_DATA_PLAN);
    assertThat(f.userAttributeRuleBlocking("tier")).isNull();
    assertThat(f.userView(shopper()).identities().asMap()).hasSize(3);
  }

  @Test
  void switchesOffOrOpenDefinitionsBlockNoUser() throws Exception {
    KitUser u = shopper();
    assertThat(filters(plan(true, true, false, false)).userView(u)).isSameAs(u);
    DataPlan open =
        DataPlan.parse(
            "{\"version_document\":{\"data_points\":["
                + "{\"match\":{\"type\":\"user_attributes\",\"criteria\":{}},\"validator\":{\"definition\":"
                + "{\"additionalProperties\":true,\"properties\":{\"tier\":{}}}}},"
                + "{\"match\":{\"type\":\"user_identities\",\"criteria\":{}},\"validator\":{\"definition\":"
                + "{\"additionalProperties\":true}}}]}}",
            false,
            false,
            true,
            true);
    assertThat(filters(open).userView(u)).isSameAs(u);
    // Switches on but no user point at all: nothing is blocked (Android's DataplanFilter).
    DataPlan noUserPoints =
        DataPlan.parse("{\"version_document\":{\"data_points\":[]}}", false, false, true, true);
    assertThat(filters(noUserPoints).userView(u)).isSameAs(u);
    assertThat(filters(noUserPoints).allowsUserAttribute("anything")).isTrue();
  }

  @Test
  void theHostsOptionsFailFastWithAMessageThatSaysWhatToPass() throws Exception {
    assertThatThrownBy(() -> DataPlanOptionsAccess.build("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> DataPlanOptionsAccess.build("{\"blockUnplannedEvents\":true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version_document")
        .hasMessageContaining("docs/KITS.md");
    assertThat(DataPlanOptionsAccess.plan(shopPlan(), true))
        .isEqualTo(plan(true, false, false, false));
  }

  @Test
  void matchKeysFollowTheWebSdksShape() {
    assertThat(
            Set.of(
                DataPlan.matchKey(custom("A", CustomEventType.MEDIA)),
                DataPlan.matchKey(ScreenView.builder("B").build()),
                DataPlan.matchKey(action(ProductActionType.CHECKOUT))))
        .containsExactlyInAnyOrder(
            "custom_event:media:A", "screen_view::B", "product_action:checkout");
    assertThat(DataPlan.matchKey(SessionStart.builder().build())).isNull();
  }
}
