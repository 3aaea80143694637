package dev.spoke.kit.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.spoke.event.ScreenView;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.testing.FakeKitContext;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

/** Drives the GA4 kit through the SPI against a local server and checks the exact requests. */
class Ga4KitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cr3t-Secret";
  private static final long TS = 1_717_171_717_000L;

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Map<String, String> settings(String... extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("measurementId", "G-TEST123");
    s.put("apiSecret", SECRET);
    s.put("endpoint", server.url("/mp/collect").toString());
    for (int i = 0; i < extra.length; i += 2) {
      s.put(extra[i], extra[i + 1]);
    }
    return s;
  }

  private static KitUser user() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("$city", "Lyon");
    attrs.put("favourite colours", List.of("red", "blue"));
    attrs.put("vip", null); // a tag: not sent
    return new KitUser(
        42L,
        UserIdentities.builder().customerId("cust-9").email("a@b.c").build(),
        attrs,
        ConsentState.empty(),
        true);
  }

  private Kit kit(FakeKitContext ctx) {
    return new Ga4KitFactory().create(ctx);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the local GA4 server").isNotNull();
    return r;
  }

  private static String compact(String json) throws IOException {
    return JSON.readTree(json).toString();
  }

  @Test
  void customEventIsPostedWithExactQueryAndBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx =
        new FakeKitContext(
            Ga4KitFactory.MODULE_ID, settings("externalUserIdentityType", "CustomerId"));
    CustomEvent event =
        CustomEvent.builder("Video Watched!")
            .customEventType(CustomEventType.MEDIA)
            .timestamp(TS)
            .attribute("video id", "v-1")
            .attribute("seconds", 12)
            .attribute("hd", true)
            .attribute("ratio", 0.5)
            .build();

    ((dev.spoke.kit.EventListener) kit(ctx)).onEvent(event, user());

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/mp/collect?measurement_id=G-TEST123&api_secret=" + SECRET);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().readUtf8())
        .isEqualTo(
            compact(
                """
                {"client_id":"42","user_id":"cust-9","timestamp_micros":1717171717000000,
                 "user_properties":{"city":{"value":"Lyon"},"favourite_colours":{"value":"red,blue"}},
                 "events":[{"name":"Video_Watched_","params":{"video_id":"v-1","seconds":12,"hd":"true","ratio":0.5}}]}
                """));
    assertThat(ctx.forwarded()).containsExactly("Video Watched! -> Video_Watched_");
  }

  @Test
  void screenViewIsScreenViewByDefault() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    ((dev.spoke.kit.ScreenListener) kit(ctx))
        .onScreenView(
            ScreenView.builder("Home").timestamp(TS).attribute("tab", "news").build(), null);

    // No user at all: an anonymous client id made once per kit, no user_id, no user properties.
    String body = take().getBody().readUtf8();
    String clientId = JSON.readTree(body).get("client_id").asText();
    assertThat(clientId).isNotBlank();
    assertThat(body)
        .isEqualTo(
            compact(
                """
                {"client_id":"%s","timestamp_micros":1717171717000000,
                 "events":[{"name":"screen_view","params":{"screen_name":"Home","tab":"news"}}]}
                """
                    .formatted(clientId)));
    assertThat(ctx.forwarded()).containsExactly("Home -> screen_view");
  }

  @Test
  void screenViewIsPageViewWhenEnabled() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(Ga4KitFactory.MODULE_ID, settings("enablePageView", "True"));
    ((dev.spoke.kit.ScreenListener) kit(ctx))
        .onScreenView(
            ScreenView.builder("Pricing")
                .timestamp(TS)
                .attribute("page_location", "https://example.com/pricing")
                .build(),
            user());

    assertThat(take().getBody().readUtf8())
        .isEqualTo(
            compact(
                """
                {"client_id":"42","timestamp_micros":1717171717000000,
                 "user_properties":{"city":{"value":"Lyon"},"favourite_colours":{"value":"red,blue"}},
                 "events":[{"name":"page_view","params":{"page_title":"Pricing",
                   "page_location":"https://example.com/pricing"}}]}
                """));
  }

  @Test
  void userIdIsHashedWhenAsked() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx =
        new FakeKitContext(
            Ga4KitFactory.MODULE_ID,
            settings("externalUserIdentityType", "Email", "hashUserId", "True"));
    KitUser u =
        new KitUser(
            null,
            UserIdentities.of(IdentityType.EMAIL, "abc"),
            Map.of(),
            ConsentState.empty(),
            false);
    ((dev.spoke.kit.EventListener) kit(ctx))
        .onEvent(CustomEvent.builder("e").timestamp(TS).build(), u);

    var body = JSON.readTree(take().getBody().readUtf8());
    // SHA-256("abc"), the standard test vector.
    assertThat(body.get("user_id").asText())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // No mpid: the client id is derived from the first identity, and stable.
    assertThat(body.get("client_id").asText()).isEqualTo(Ga4Payload.sha256Hex("email:abc"));
  }

  @Test
  void mpidCanBeTheUserId() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx =
        new FakeKitContext(Ga4KitFactory.MODULE_ID, settings("externalUserIdentityType", "mpid"));
    ((dev.spoke.kit.EventListener) kit(ctx))
        .onEvent(CustomEvent.builder("e").timestamp(TS).build(), user());
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("user_id").asText()).isEqualTo("42");
  }

  @Test
  void missingTimestampTakesTheContextClock() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    ((dev.spoke.kit.EventListener) kit(ctx)).onEvent(CustomEvent.builder("e").build(), user());
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("timestamp_micros").asLong())
        .isEqualTo(ctx.clock().millis() * 1000);
  }

  @Test
  void purchaseCarriesTransactionFieldsAndItems() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    ProductAction purchase =
        ProductAction.builder(ProductActionType.PURCHASE)
            .transactionId("T-1")
            .affiliation("store")
            .totalAmount(43.5)
            .taxAmount(3.5)
            .shippingAmount(5.0)
            .couponCode("SPRING")
            .product(
                Product.builder("sku-1", "Shirt")
                    .brand("Acme")
                    .category("Apparel")
                    .variant("L")
                    .price(19.0)
                    .quantity(2.0)
                    .position(1)
                    .couponCode("P10")
                    .build())
            .product(Product.builder(null, null).price(1.0).build()) // no id, no name: left out
            .build();
    CommerceEvent e =
        CommerceEvent.productAction(purchase)
            .currencyCode("EUR")
            .timestamp(TS)
            .attribute("channel", "web")
            .build();

    ((dev.spoke.kit.CommerceListener) kit(ctx)).onCommerceEvent(e, user());

    assertThat(take().getBody().readUtf8())
        .isEqualTo(
            compact(
                """
                {"client_id":"42","timestamp_micros":1717171717000000,
                 "user_properties":{"city":{"value":"Lyon"},"favourite_colours":{"value":"red,blue"}},
                 "events":[{"name":"purchase","params":{"transaction_id":"T-1","affiliation":"store",
                   "currency":"EUR","value":43.5,"tax":3.5,"shipping":5,"coupon":"SPRING",
                   "items":[{"item_id":"sku-1","item_name":"Shirt","item_brand":"Acme","item_category":"Apparel",
                     "item_variant":"L","price":19,"quantity":2,"index":1,"coupon":"P10"}],
                   "channel":"web"}}]}
                """));
    assertThat(ctx.forwarded()).containsExactly("purchase -> purchase");
  }

  @ParameterizedTest
  @CsvSource({
    "ADD_TO_CART, add_to_cart",
    "REMOVE_FROM_CART, remove_from_cart",
    "CHECKOUT, begin_checkout",
    "VIEW_DETAIL, view_item",
    "CLICK, select_item",
    "REFUND, refund",
    "ADD_TO_WISHLIST, add_to_wishlist",
  })
  void productActionsMapToRecommendedEvents(ProductActionType action, String ga4Name)
      throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    CommerceEvent e =
        CommerceEvent.productAction(
                ProductAction.builder(action)
                    .product(Product.builder("sku-1", "Shirt").price(9.99).quantity(1.0).build())
                    .build())
            .currencyCode("USD")
            .timestamp(TS)
            .build();

    ((dev.spoke.kit.CommerceListener) kit(ctx)).onCommerceEvent(e, null);

    var event = JSON.readTree(take().getBody().readUtf8()).get("events").get(0);
    assertThat(event.get("name").asText()).isEqualTo(ga4Name);
    assertThat(event.get("params").get("currency").asText()).isEqualTo("USD");
    assertThat(event.get("params").get("items").toString())
        .isEqualTo(
            "[{\"item_id\":\"sku-1\",\"item_name\":\"Shirt\",\"price\":9.99,\"quantity\":1}]");
  }

  @Test
  void clickCarriesTheListName() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    CommerceEvent e =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.CLICK)
                    .productActionList("Search results")
                    .product(Product.builder("sku-1", null).build())
                    .build())
            .timestamp(TS)
            .build();
    ((dev.spoke.kit.CommerceListener) kit(ctx)).onCommerceEvent(e, null);
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").toString())
        .isEqualTo(
            compact(
                """
                [{"name":"select_item","params":{"item_list_name":"Search results","items":[{"item_id":"sku-1"}]}}]
                """));
  }

  @Test
  void checkoutOptionBecomesSetCheckoutOption() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    CommerceEvent e =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.CHECKOUT_OPTION)
                    .checkoutStep(2)
                    .checkoutOptions("Visa")
                    .build())
            .timestamp(TS)
            .build();
    ((dev.spoke.kit.CommerceListener) kit(ctx)).onCommerceEvent(e, null);
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").toString())
        .isEqualTo(
            compact(
                """
                [{"name":"set_checkout_option","params":{"checkout_step":2,"checkout_option":"Visa"}}]
                """));
  }

  @Test
  void removeFromWishlistIsNotSent() throws Exception {
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    CommerceEvent e =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.REMOVE_FROM_WISHLIST)
                    .product(Product.builder("sku-1", "Shirt").build())
                    .build())
            .timestamp(TS)
            .build();
    ((dev.spoke.kit.CommerceListener) kit(ctx)).onCommerceEvent(e, null);
    assertThat(server.getRequestCount()).isZero();
    assertThat(ctx.forwarded()).isEmpty();
  }

  @Test
  void promotionsTravelTogetherOnePerEvent() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    PromotionAction view =
        PromotionAction.builder(PromotionActionType.VIEW)
            .promotion(
                Promotion.builder("P1").name("Summer").creative("banner").position("top").build())
            .promotion(Promotion.builder("P2").name("Winter").build())
            .build();
    ((dev.spoke.kit.CommerceListener) kit(ctx))
        .onCommerceEvent(CommerceEvent.promotionAction(view).timestamp(TS).build(), null);

    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").toString())
        .isEqualTo(
            compact(
                """
                [{"name":"view_promotion","params":{"promotion_id":"P1","promotion_name":"Summer",
                   "creative_name":"banner","creative_slot":"top"}},
                 {"name":"view_promotion","params":{"promotion_id":"P2","promotion_name":"Winter"}}]
                """));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(ctx.forwarded())
        .containsExactly("promotion_view -> view_promotion", "promotion_view -> view_promotion");
  }

  @Test
  void selectPromotion() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    PromotionAction click =
        PromotionAction.builder(PromotionActionType.CLICK)
            .promotion(Promotion.builder("P1").build())
            .build();
    ((dev.spoke.kit.CommerceListener) kit(ctx))
        .onCommerceEvent(
            CommerceEvent.promotionAction(click).eventName("Promo tapped").timestamp(TS).build(),
            null);
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").toString())
        .isEqualTo("[{\"name\":\"select_promotion\",\"params\":{\"promotion_id\":\"P1\"}}]");
    assertThat(ctx.forwarded()).containsExactly("Promo tapped -> select_promotion");
  }

  @Test
  void impressionListsAreBatchedTwentyFivePerRequest() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    List<Impression> lists = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lists.add(
          Impression.builder("list-" + i)
              .product(Product.builder("sku-" + i, null).position(i).build())
              .build());
    }
    lists.add(Impression.builder("empty").build()); // no items: nothing to tell GA4
    ((dev.spoke.kit.CommerceListener) kit(ctx))
        .onCommerceEvent(
            CommerceEvent.impressions(lists).currencyCode("USD").timestamp(TS).build(), null);

    var first = JSON.readTree(take().getBody().readUtf8()).get("events");
    var second = JSON.readTree(take().getBody().readUtf8()).get("events");
    assertThat(first).hasSize(25);
    assertThat(second).hasSize(5);
    assertThat(first.get(0).toString())
        .isEqualTo(
            compact(
                """
                {"name":"view_item_list","params":{"item_list_name":"list-0","currency":"USD",
                  "items":[{"item_id":"sku-0","index":0}]}}
                """));
    assertThat(second.get(4).get("params").get("item_list_name").asText()).isEqualTo("list-29");
    assertThat(ctx.forwarded()).hasSize(30);
  }

  @Test
  void partnerErrorIsLoggedWithoutTheSecretAndNotThrown() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    ((dev.spoke.kit.EventListener) kit(ctx))
        .onEvent(CustomEvent.builder("e").timestamp(TS).build(), null);

    take();
    assertThat(ctx.forwarded()).isEmpty();
    assertThat(ctx.logger().at(Level.WARN))
        .singleElement()
        .asString()
        .contains("HTTP 500")
        .contains("[e]");
    assertThat(String.join("\n", ctx.logger().lines())).doesNotContain(SECRET);
  }

  @Test
  void unreachablePartnerIsLoggedWithoutTheSecretAndNotThrown() throws Exception {
    Map<String, String> s = settings();
    server.shutdown(); // nothing listens on that port any more
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, s);
    ((dev.spoke.kit.EventListener) kit(ctx))
        .onEvent(CustomEvent.builder("e").timestamp(TS).build(), null);

    assertThat(ctx.forwarded()).isEmpty();
    assertThat(ctx.logger().at(Level.WARN)).singleElement().asString().contains("failed");
    assertThat(String.join("\n", ctx.logger().lines())).doesNotContain(SECRET);
  }

  @Test
  void unusableEventNameIsNotSent() throws Exception {
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    ((dev.spoke.kit.EventListener) kit(ctx))
        .onEvent(CustomEvent.builder("123 !!").timestamp(TS).build(), null);
    assertThat(server.getRequestCount()).isZero();
    assertThat(ctx.logger().at(Level.DEBUG)).singleElement().asString().contains("123 !!");
  }

  @Test
  void settingsUpdateTakesEffectAndBadUpdateKeepsTheOldOnes() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext ctx = new FakeKitContext(Ga4KitFactory.MODULE_ID, settings());
    Kit kit = kit(ctx);
    kit.onSettingsUpdated(settings("enablePageView", "true"));
    kit.onSettingsUpdated(Map.of("apiSecret", SECRET)); // no measurementId: rejected, logged
    ((dev.spoke.kit.ScreenListener) kit)
        .onScreenView(ScreenView.builder("Home").timestamp(TS).build(), null);

    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").get(0).get("name").asText())
        .isEqualTo("page_view");
    assertThat(ctx.logger().at(Level.ERROR)).singleElement().asString().contains("measurementId");
  }

  @Test
  void factoryFailsFastNamingTheSetting() {
    Ga4KitFactory f = new Ga4KitFactory();
    assertThatThrownBy(
            () ->
                f.create(new FakeKitContext(Ga4KitFactory.MODULE_ID, Map.of("apiSecret", SECRET))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'measurementId'");
    assertThatThrownBy(
            () ->
                f.create(
                    new FakeKitContext(
                        Ga4KitFactory.MODULE_ID, Map.of("measurementId", "G-1", "apiSecret", " "))))
        .hasMessageContaining("'apiSecret'");
    Map<String, String> badType = new HashMap<>(settings());
    badType.put("externalUserIdentityType", "Shoe size");
    assertThatThrownBy(() -> f.create(new FakeKitContext(Ga4KitFactory.MODULE_ID, badType)))
        .hasMessageContaining("'externalUserIdentityType'")
        .hasMessageContaining("Shoe size")
        .hasMessageNotContaining(SECRET);
    Map<String, String> badUrl = new HashMap<>(settings());
    badUrl.put("endpoint", "ftp:/nowhere");
    assertThatThrownBy(() -> f.create(new FakeKitContext(Ga4KitFactory.MODULE_ID, badUrl)))
        .hasMessageContaining("'endpoint'");
  }

  @Test
  void identityTypeSpellings() {
    assertThat(Ga4Settings.identityType("CustomerId")).contains(IdentityType.CUSTOMER_ID);
    assertThat(Ga4Settings.identityType("customer_id")).contains(IdentityType.CUSTOMER_ID);
    assertThat(Ga4Settings.identityType("Other2")).contains(IdentityType.OTHER_ID_2);
    assertThat(Ga4Settings.identityType("OtherId10")).contains(IdentityType.OTHER_ID_10);
    assertThat(Ga4Settings.identityType("MobileNumber")).contains(IdentityType.MOBILE_NUMBER);
    assertThat(Ga4Settings.identityType("Fax")).isEmpty();
    assertThat(Ga4Settings.parse(settings()).toString()).doesNotContain(SECRET);
  }

  @Test
  void discoveredThroughServiceLoader() {
    List<KitFactory> found = new ArrayList<>();
    ServiceLoader.load(KitFactory.class).forEach(found::add);
    assertThat(found)
        .anySatisfy(
            f -> {
              assertThat(f).isInstanceOf(Ga4KitFactory.class);
              assertThat(f.moduleId()).isEqualTo(160);
              assertThat(f.name()).isEqualTo("Google Analytics 4");
            });
  }
}
