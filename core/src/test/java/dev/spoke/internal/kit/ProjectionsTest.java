package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Projections ({@code pr}) against the behaviour of the Android SDK's CustomMapping, with its test
 * vectors (mParticle/mparticle-android-sdk
 * android-kit-base/src/test/kotlin/com/mparticle/kits/mappings/CustomMappingTest.kt, named per test
 * below).
 */
class ProjectionsTest {

  static Projections pr(String json) throws KitConfigurationException {
    return KitEntry.builder(1).projections(json).build().projections();
  }

  static Projections androidMultiHash() throws Exception {
    try (InputStream in =
        ProjectionsTest.class.getResourceAsStream("/projections/android-multi-hash.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return KitConfiguration.parse("{\"eks\":[" + json + "]}").kits().get(0).projections();
    }
  }

  static final String DEFAULT_EVENT_APPEND =
      "[{\"id\":89,\"matches\":[{\"message_type\":4,\"event_match_type\":\"\","
          + "\"event\":\"\"}],\"behavior\":{\"append_unmapped_as_is\":true,\"is_default\":true},"
          + "\"action\":{\"projected_event_name\":\"\",\"attribute_maps\":[]}}]";

  static CustomEvent event(String name, CustomEventType type, Map<String, String> attrs) {
    return CustomEvent.builder(name).customEventType(type).attributes(attrs).build();
  }

  static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static CustomEvent only(List<Projections.Result> r) {
    assertThat(r).hasSize(1);
    return (CustomEvent) r.get(0).event();
  }

  @Test
  void hashesOfTheAndroidVectors() {
    // UserContent is type 5; the vectors' event and attribute hashes are hash(type + name [+ key]).
    assertThat(KitHash.hash("5sproj 1")).isEqualTo(178531468);
    assertThat(KitHash.hash("5sproj 1Value")).isEqualTo(111828069);
    assertThat(KitHash.hash("5sproj 1Label")).isEqualTo(102582760);
    assertThat(KitHash.hash("15")).isEqualTo(1572);
    assertThat(KitHash.hash("12")).isEqualTo(1569);
  }

  /** testDefault: a default projection with append_unmapped_as_is hands over an equal event. */
  @Test
  void defaultProjectionAppendsEverything() throws Exception {
    CustomEvent e =
        event(
            "whatever",
            CustomEventType.OTHER,
            attrs("some key", "some value", "another key", "another value"));
    CustomEvent out = only(pr(DEFAULT_EVENT_APPEND).project(e));
    assertThat(out.name()).isEqualTo("whatever");
    assertThat(out.customAttributes()).isEqualTo(e.customAttributes());
  }

  /**
   * testNoDefaultEventAndDefaultScreen: no default for events gives null; the screen default
   * applies to screens.
   */
  @Test
  void defaultsArePerMessageType() throws Exception {
    Projections p = pr(DEFAULT_EVENT_APPEND.replace("\"message_type\":4", "\"message_type\":3"));
    assertThat(p.project(event("whatever", CustomEventType.OTHER, attrs("k", "v")))).isNull();
    List<Projections.Result> screen =
        p.project(ScreenView.builder("whatever").attribute("k", "v").build());
    CustomEvent out = only(screen);
    assertThat(out.name()).isEqualTo("whatever");
    assertThat(out.customEventType()).isEqualTo(CustomEventType.OTHER);
    assertThat(out.customAttributes()).containsEntry("k", "v");
  }

  /** testDontAppendAsIs. */
  @Test
  void withoutAppendUnmappedTheAttributesAreDropped() throws Exception {
    CustomEvent e =
        event(
            "whatever", CustomEventType.OTHER, attrs("some key", "some value", "another key", "v"));
    Projections p =
        pr(
            DEFAULT_EVENT_APPEND.replace(
                "\"append_unmapped_as_is\":true", "\"append_unmapped_as_is\":false"));
    assertThat(only(p.project(e)).customAttributes()).isEmpty();
  }

  /**
   * testMaxParams: max_custom_params, key order, mapped attributes first, name kept when none is
   * projected.
   */
  @Test
  void maxCustomParamsKeepsMappedThenSortedKeys() throws Exception {
    CustomEvent e =
        event(
            "whatever",
            CustomEventType.OTHER,
            attrs(
                "key 3",
                "123af4",
                "key 4",
                "123adf45",
                "key 1",
                "12ad3456",
                "key 6",
                "asdasd",
                "key 2",
                "asdasdaf",
                "key 5",
                "asdfasea"));
    String five =
        DEFAULT_EVENT_APPEND.replace(
            "\"is_default\":true", "\"max_custom_params\":5,\"is_default\":true");
    CustomEvent out = only(pr(five).project(e));
    assertThat(out.customAttributes()).hasSize(5).containsKey("key 5").doesNotContainKey("key 6");
    String map6 =
        "\"attribute_maps\":[{\"projected_attribute_name\":\"\",\"match_type\":\"String\","
            + "\"value\":\"key 6\",\"data_type\":\"String\"}]";
    out = only(pr(five.replace("\"attribute_maps\":[]", map6)).project(e));
    assertThat(out.customAttributes()).hasSize(5).containsKey("key 6").doesNotContainKey("key 5");
    out = only(pr(DEFAULT_EVENT_APPEND.replace("\"attribute_maps\":[]", map6)).project(e));
    assertThat(out.customAttributes()).hasSize(6);
    assertThat(out.name()).isEqualTo("whatever");
  }

  /** testFieldName: match_type Field puts the event name under the projected attribute name. */
  @Test
  void fieldMapCarriesTheEventName() throws Exception {
    Projections p =
        pr(
            DEFAULT_EVENT_APPEND.replace(
                "\"attribute_maps\":[]",
                "\"attribute_maps\":[{"
                    + "\"projected_attribute_name\":\"screen_name_key\",\"match_type\":\"Field\",\"value\":\"ScreenName\","
                    + "\"data_type\":1,\"is_required\":true}]"));
    CustomEvent out =
        only(
            p.project(
                CustomEvent.builder("screenname").customEventType(CustomEventType.OTHER).build()));
    assertThat(out.customAttributes()).containsEntry("screen_name_key", "screenname");
  }

  /**
   * testMultiHashProjections1: a hash match fires; projections with a missing required attribute do
   * not.
   */
  @Test
  void multiHash1() throws Exception {
    List<Projections.Result> r =
        androidMultiHash()
            .project(
                event(
                    "sproj 1",
                    CustomEventType.USER_CONTENT,
                    attrs("attribute we don't care about", "some value")));
    CustomEvent out = only(r);
    assertThat(out.name()).isEqualTo("account - check order status");
    assertThat(out.customAttributes()).containsEntry("attribute we don't care about", "some value");
    assertThat(r.get(0).projectionId()).isEqualTo(100);
  }

  /**
   * testMultiHashProjections2: a required hash map now found; optional maps of the same hash,
   * statics.
   */
  @Test
  void multiHash2() throws Exception {
    List<Projections.Result> r =
        androidMultiHash()
            .project(
                event(
                    "sproj 1",
                    CustomEventType.USER_CONTENT,
                    attrs("attribute we don't care about", "some value", "Value", "product name")));
    assertThat(r).hasSize(2);
    CustomEvent tote = (CustomEvent) r.get(1).event();
    assertThat(tote.name()).isEqualTo("pdp - add to tote");
    assertThat(tote.customAttributes())
        .containsEntry("Last Add to Tote Category", "product name")
        .containsEntry("Last Add to Tote Total Amount", "product name")
        .containsEntry("Last Add to Tote SKU", "product name")
        .containsEntry("Last Add to Tote Quantity", "10")
        .containsEntry("Last Add to Tote Unit Price", "1321")
        .doesNotContainKey("Last Add to Tote Name");
  }

  /** testMultiHashProjections3: a third projection fires and the second gains its optional maps. */
  @Test
  void multiHash3() throws Exception {
    List<Projections.Result> r =
        androidMultiHash()
            .project(
                event(
                    "sproj 1",
                    CustomEventType.USER_CONTENT,
                    attrs(
                        "attribute we don't care about",
                        "some value",
                        "Value",
                        "product name",
                        "Label",
                        "product label")));
    assertThat(r)
        .extracting(x -> ((CustomEvent) x.event()).name())
        .containsExactly(
            "account - check order status", "pdp - add to tote", "pdp - complete the look");
    assertThat(r.get(1).event().customAttributes())
        .containsEntry("Last Add to Tote Name", "product label")
        .containsEntry("Last Add to Tote Print", "product label");
    assertThat(r.get(2).event().customAttributes())
        .containsEntry("Complete the Look Product Name", "product name")
        .containsEntry("Complete the Look Product Name 2", "product label");
  }

  /** An event no projection matches, with no default, reaches the kit as it is (null). */
  @Test
  void noMatchAndNoDefaultLeavesTheEventAlone() throws Exception {
    Projections p =
        pr(
            "[{\"id\":1,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\",\"event\":\"1\"}],"
                + "\"action\":{\"projected_event_name\":\"x\"}}]");
    assertThat(p.project(event("other", CustomEventType.OTHER, attrs()))).isNull();
  }

  /**
   * testSingleBasicMatch / testORingAttributeValues: String match = name and one of the attribute
   * values.
   */
  @Test
  void stringMatchNeedsNameAndAttributeValue() throws Exception {
    Projections p =
        pr(
            "[{\"id\":167,\"behavior\":{\"append_unmapped_as_is\":true},\"action\":{\"projected_event_name\":"
                + "\"X_FIRST_APP_OPEN\",\"attribute_maps\":[],\"outbound_message_type\":4},\"matches\":[{\"message_type\":4,"
                + "\"event_match_type\":\"String\",\"event\":\"APPLICATION_START\",\"attribute_key\":\"has_launched_before\","
                + "\"attribute_values\":[\"false\",\"N\"]}]}]");
    assertThat(
            p.project(
                event(
                    "APPLICATION_START", CustomEventType.OTHER, attrs("has_launched_before", "Y"))))
        .isNull();
    assertThat(
            only(p.project(
                    event(
                        "application_start",
                        CustomEventType.OTHER,
                        attrs("has_launched_before", "n"))))
                .name())
        .isEqualTo("X_FIRST_APP_OPEN");
    assertThat(
            p.project(
                event(
                    "APPLICATION_START",
                    CustomEventType.OTHER,
                    attrs("has_launched_before", "false"))))
        .hasSize(1);
  }

  /** testANDingMatchedeMatches: every match must hold. */
  @Test
  void allMatchesMustHold() throws Exception {
    Projections p =
        pr(
            "[{\"id\":171,\"behavior\":{\"append_unmapped_as_is\":true},\"action\":{\"projected_event_name\":"
                + "\"X_NEW\",\"attribute_maps\":[]},\"matches\":[{\"message_type\":4,\"event_match_type\":\"String\","
                + "\"event\":\"SUBSCRIPTION_END\",\"attribute_key\":\"outcome\",\"attribute_values\":[\"new_subscription\"]},"
                + "{\"message_type\":4,\"event_match_type\":\"String\",\"event\":\"SUBSCRIPTION_END\",\"attribute_key\":"
                + "\"plan_id\",\"attribute_values\":[\"3\",\"8\"]}]}]");
    assertThat(
            p.project(
                event(
                    "SUBSCRIPTION_END",
                    CustomEventType.OTHER,
                    attrs("outcome", "new_subscription"))))
        .isNull();
    CustomEvent out =
        only(
            p.project(
                event(
                    "SUBSCRIPTION_END",
                    CustomEventType.OTHER,
                    attrs("outcome", "new_subscription", "plan_id", "8"))));
    assertThat(out.customAttributes())
        .containsEntry("plan_id", "8")
        .containsEntry("outcome", "new_subscription");
  }

  /** A required map whose data_type does not match drops the projection's result. */
  @Test
  void dataTypeOfARequiredMapDecides() throws Exception {
    Projections p =
        pr(
            "[{\"id\":7,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\",\"event\":\""
                + KitHash.hash("8buy")
                + "\"}],\"action\":{\"projected_event_name\":\"purchase\",\"attribute_maps\":[{"
                + "\"projected_attribute_name\":\"qty\",\"match_type\":\"String\",\"value\":\"n\",\"data_type\":2,"
                + "\"is_required\":true}]}}]");
    assertThat(p.project(event("buy", CustomEventType.OTHER, attrs("n", "two")))).isNull();
    assertThat(
            only(p.project(event("buy", CustomEventType.OTHER, attrs("n", "2"))))
                .customAttributes())
        .containsExactly(Map.entry("qty", "2"));
  }

  static CommerceEvent detailWithFiveProducts() {
    ProductAction.Builder pa = ProductAction.builder(ProductActionType.VIEW_DETAIL);
    pa.product(
        Product.builder("product id 0", "product name 0")
            .category("product category 0")
            .price(1.0)
            .quantity(1.0)
            .build());
    for (int i = 1; i <= 4; i++) {
      pa.product(
          Product.builder("product id " + i, "product name " + i)
              .category("product category " + i)
              .price((double) (i + 1))
              .quantity((double) (i + 1))
              .build());
    }
    return CommerceEvent.productAction(pa.build()).currencyCode("dollar bills").build();
  }

  /**
   * testCommerceEventToMPEvent: foreach product, ProductField and EventField hash maps, outbound 4.
   */
  @Test
  void commerceForeachProductToCustomEvents() throws Exception {
    Projections p =
        pr(
            "[{\"id\":93,\"pmid\":220,\"matches\":[{\"message_type\":16,\"event_match_type\":\"Hash\","
                + "\"event\":\"1572\"}],\"behavior\":{\"max_custom_params\":0,\"selector\":\"foreach\"},\"action\":{"
                + "\"projected_event_name\":\"pdp - product view\",\"attribute_maps\":["
                + "{\"projected_attribute_name\":\"Last Product View Category\",\"match_type\":\"Hash\",\"value\":\"2000445218\",\"data_type\":\"String\",\"property\":\"ProductField\"},"
                + "{\"projected_attribute_name\":\"Last Product View Currency\",\"match_type\":\"Hash\",\"value\":\"881337592\",\"data_type\":\"String\",\"property\":\"EventField\"},"
                + "{\"projected_attribute_name\":\"Last Product View SKU\",\"match_type\":\"Hash\",\"value\":\"1514047\",\"data_type\":\"String\",\"property\":\"ProductField\"},"
                + "{\"projected_attribute_name\":\"Last Product View Name\",\"match_type\":\"Hash\",\"value\":\"1455148719\",\"data_type\":\"String\",\"property\":\"ProductField\"},"
                + "{\"projected_attribute_name\":\"Last Product View Quantity\",\"match_type\":\"Hash\",\"value\":\"664929967\",\"data_type\":\"Int\",\"property\":\"ProductField\"},"
                + "{\"projected_attribute_name\":\"Last Product View Total Amount\",\"match_type\":\"Hash\",\"value\":\"1647761705\",\"data_type\":\"String\",\"property\":\"ProductField\"}"
                + "],\"outbound_message_type\":4}}]");
    List<Projections.Result> r = p.project(detailWithFiveProducts());
    assertThat(r).hasSize(5);
    for (int i = 0; i < 5; i++) {
      CustomEvent e = (CustomEvent) r.get(i).event();
      assertThat(e.name()).isEqualTo("pdp - product view");
      assertThat(e.customEventType()).isEqualTo(CustomEventType.TRANSACTION);
      assertThat(e.customAttributes())
          .containsEntry("Last Product View Category", "product category " + i)
          .containsEntry("Last Product View Currency", "dollar bills")
          .containsEntry("Last Product View SKU", "product id " + i)
          .containsEntry("Last Product View Name", "product name " + i)
          .containsEntry("Last Product View Quantity", (i + 1) + ".0")
          .containsEntry("Last Product View Total Amount", ((i + 1) * (i + 1)) + ".0");
    }
  }

  static final String CHECKOUT_STEP_5 =
      "[{\"id\":99,\"pmid\":229,\"matches\":[{\"message_type\":16,\"event_match_type\":"
          + "\"Hash\",\"event\":\"1569\",\"property\":\"EventField\",\"property_name\":\"-601244443\",\"property_values\":"
          + "[\"5\"]}],\"behavior\":{\"max_custom_params\":0,\"selector\":\"last\"},\"action\":{\"projected_event_name\":"
          + "\"checkout - place order\",\"attribute_maps\":[{\"projected_attribute_name\":\"Last Place Order Category\","
          + "\"match_type\":\"Hash\",\"value\":\"-1167125985\",\"data_type\":\"String\",\"property\":\"ProductField\"}],"
          + "\"outbound_message_type\":16}}]";

  static CommerceEvent checkout(Integer step, Map<String, String> attrs, Product... products) {
    ProductAction.Builder pa = ProductAction.builder(ProductActionType.CHECKOUT).checkoutStep(step);
    for (Product p : products) {
      pa.product(p);
    }
    return CommerceEvent.productAction(pa.build()).attributes(attrs).build();
  }

  /**
   * testMatchCommerceEventProperty: EventField, EventAttribute, ProductAttribute (narrowing),
   * ProductField.
   */
  @Test
  void commercePropertyMatches() throws Exception {
    Product plain = Product.builder("sku", "name").price(0.0).build();
    assertThat(pr(CHECKOUT_STEP_5).project(checkout(4, attrs(), plain))).isNull();
    List<Projections.Result> r = pr(CHECKOUT_STEP_5).project(checkout(5, attrs(), plain));
    assertThat(r).hasSize(1);
    CommerceEvent out = (CommerceEvent) r.get(0).event();
    assertThat(out.eventName()).isEqualTo("checkout - place order");

    Projections byAttribute = pr(CHECKOUT_STEP_5.replace("EventField", "EventAttribute"));
    assertThat(byAttribute.project(checkout(5, attrs(), plain))).isNull();
    assertThat(byAttribute.project(checkout(null, attrs("Checkout Step", "5"), plain))).hasSize(1);

    Projections byProductAttribute = pr(CHECKOUT_STEP_5.replace("EventField", "ProductAttribute"));
    Product tagged =
        Product.builder("sku", "name 2").price(0.0).attribute("Checkout Step", "5").build();
    r = byProductAttribute.project(checkout(null, attrs(), plain, tagged));
    assertThat(r).hasSize(1);
    assertThat(((CommerceEvent) r.get(0).event()).productAction().products())
        .extracting(Product::name)
        .containsExactly("name 2");

    Projections byProductField =
        pr(
            CHECKOUT_STEP_5
                .replace("EventField", "ProductField")
                .replace("-601244443", "-1167125985")
                .replace("[\"5\"]", "[\"some product cat\"]"));
    assertThat(byProductField.project(checkout(null, attrs(), plain, tagged))).isNull();
    Product cat = Product.builder("sku", "name 2").price(0.0).category("Some Product Cat").build();
    r = byProductField.project(checkout(null, attrs(), plain, cat));
    assertThat(r).hasSize(1);
    out = (CommerceEvent) r.get(0).event();
    assertThat(out.productAction().products()).extracting(Product::name).containsExactly("name 2");
    assertThat(out.customAttributes())
        .containsEntry("Last Place Order Category", "Some Product Cat");
  }

  /** Outbound 16, foreach: one commerce event per product, each carrying only its product. */
  @Test
  void commerceToCommerceForeachNarrowsProducts() throws Exception {
    Projections p =
        pr(
            "[{\"id\":5,\"matches\":[{\"message_type\":16,\"event_match_type\":\"Hash\",\"event\":\"1572\"}],"
                + "\"action\":{\"projected_event_name\":\"viewed\",\"outbound_message_type\":16}}]");
    List<Projections.Result> r = p.project(detailWithFiveProducts());
    assertThat(r).hasSize(5);
    assertThat(((CommerceEvent) r.get(3).event()).productAction().products())
        .extracting(Product::id)
        .containsExactly("product id 3");
    assertThat(((CommerceEvent) r.get(3).event()).eventName()).isEqualTo("viewed");
  }

  /** Promotions: foreach promotion, PromotionField maps. */
  @Test
  void promotionsProjectPerPromotion() throws Exception {
    int nameHash = KitHash.hash("19Name"); // promotion click is 19
    Projections p =
        pr(
            "[{\"id\":6,\"matches\":[{\"message_type\":16,\"event_match_type\":\"Hash\",\"event\":\""
                + KitHash.hash("19")
                + "\"}],\"action\":{\"projected_event_name\":\"promo\",\"attribute_maps\":[{"
                + "\"projected_attribute_name\":\"promo_name\",\"match_type\":\"Hash\",\"value\":\""
                + nameHash
                + "\",\"property\":\"PromotionField\",\"is_required\":true}]}}]");
    CommerceEvent click =
        CommerceEvent.promotionAction(
                PromotionAction.builder(PromotionActionType.CLICK)
                    .promotion(Promotion.builder("p1").name("Spring").build())
                    .promotion(Promotion.builder("p2").build())
                    .build())
            .build();
    List<Projections.Result> r = p.project(click);
    assertThat(r).hasSize(1); // p2 has no name: the required map fails for it
    assertThat(r.get(0).event().customAttributes())
        .containsExactly(Map.entry("promo_name", "Spring"));
  }

  /** CustomMapping.projectEvents: impressions are never projected, even by a default. */
  @Test
  void impressionsAreNotProjected() throws Exception {
    Projections p =
        pr(
            "[{\"id\":9,\"matches\":[{\"message_type\":16}],\"behavior\":{\"is_default\":true,"
                + "\"append_unmapped_as_is\":true},\"action\":{\"projected_event_name\":\"x\"}}]");
    CommerceEvent imp =
        CommerceEvent.impressions(
                List.of(
                    Impression.builder("list").product(Product.builder("a", "b").build()).build()))
            .build();
    assertThat(p.project(imp)).isNull();
  }

  @Test
  void malformedProjectionsNameTheField() {
    assertThatThrownBy(() -> pr("[{\"matches\":[]}]"))
        .isInstanceOf(KitConfigurationException.class)
        .hasMessageContaining("pr[0].id");
    assertThatThrownBy(
            () ->
                pr(
                    "[{\"id\":1,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\","
                        + "\"event\":\"abc\"}]}]"))
        .hasMessageContaining("pr[0].matches[0].event");
    assertThatThrownBy(
            () ->
                pr(
                    "[{\"id\":1,\"action\":{\"attribute_maps\":[{\"match_type\":\"Hash\","
                        + "\"value\":\"x\"}]}}]"))
        .hasMessageContaining("attribute_maps[0].value");
  }

  @Test
  void projectedEventsAreCopiesWithoutTheSourceMessageId() throws Exception {
    CustomEvent e =
        CustomEvent.builder("whatever")
            .customEventType(CustomEventType.OTHER)
            .sourceMessageId("m1")
            .attribute("k", "v")
            .build();
    Event out = only(pr(DEFAULT_EVENT_APPEND).project(e));
    assertThat(out.sourceMessageId()).isNull();
    assertThat(e.customAttributes()).containsEntry("k", "v");
  }

  static String read(String path) throws IOException {
    try (InputStream in = ProjectionsTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
