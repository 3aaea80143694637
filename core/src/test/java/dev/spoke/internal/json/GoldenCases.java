package dev.spoke.internal.json;

import dev.spoke.Environment;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.FirstRun;
import dev.spoke.event.IdentityChange;
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.OptOut;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.event.Uninstall;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ApplicationOs;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed inputs behind the golden files in {@code src/test/resources/golden}. */
final class GoldenCases {
  static final long T = 1_700_000_000_000L;
  static final SessionContext SESSION =
      new SessionContext(-4_242_424_242L, "5b1e7c3a-0d2f-4e8b-9a61-3c7d2e9f1a0b", T - 60_000L, 7L);

  private GoldenCases() {}

  /** One event plus the session it is serialized with. */
  static final class Case {
    final Event event;
    final SessionContext session;

    Case(Event event, SessionContext session) {
      this.event = event;
      this.session = session;
    }
  }

  /**
   * @return golden file base name (the event type) → its cases, in file order
   */
  static Map<String, List<Case>> all() {
    Map<String, List<Case>> m = new LinkedHashMap<>();
    m.put("custom_event", customEvents());
    m.put(
        "screen_view",
        List.of(
            new Case(
                ScreenView.builder("Home")
                    .timestamp(T)
                    .sourceMessageId("msg-screen")
                    .attribute("referrer", "push")
                    .flag("Google.Page", "/home")
                    .build(),
                SESSION)));
    m.put("commerce_event", commerceEvents());
    m.put(
        "session_start",
        List.of(
            new Case(
                SessionStart.builder().timestamp(T - 60_000L).sourceMessageId("msg-ss").build(),
                SESSION.withEventNum(1))));
    m.put(
        "session_end",
        List.of(
            new Case(
                SessionEnd.builder(60_000L).timestamp(T).sourceMessageId("msg-se").build(),
                SESSION)));
    m.put(
        "crash_report",
        List.of(
            new Case(
                CrashReport.builder()
                    .timestamp(T)
                    .sourceMessageId("msg-crash")
                    .className("java.lang.IllegalStateException")
                    .message("boom \"quoted\"\nline2")
                    .severity("fatal")
                    .stackTrace(
                        "java.lang.IllegalStateException: boom\n\tat App.main(App.java:3)\n")
                    .breadcrumb("opened cart")
                    .breadcrumb("tapped pay")
                    .exceptionHandled(false)
                    .build(),
                SESSION)));
    m.put(
        "breadcrumb",
        List.of(
            new Case(
                Breadcrumb.builder("opened cart").timestamp(T).sourceMessageId("msg-bc").build(),
                SESSION)));
    m.put(
        "opt_out",
        List.of(
            new Case(OptOut.builder(true).timestamp(T).sourceMessageId("msg-oo").build(), null)));
    m.put(
        "application_state_transition",
        List.of(
            new Case(
                ApplicationStateTransition.builder(
                        ApplicationStateTransition.TransitionType.APPLICATION_INITIALIZED)
                    .timestamp(T)
                    .sourceMessageId("msg-ast")
                    .firstRun(true)
                    .upgrade(false)
                    .build(),
                SESSION)));
    m.put(
        "network_performance",
        List.of(
            new Case(
                NetworkPerformance.builder("https://api.example.com/v1/cart", 503)
                    .timestamp(T)
                    .sourceMessageId("msg-np")
                    .httpVerb("POST")
                    .timeElapsedMillis(1234L)
                    .bytesIn(2048L)
                    .bytesOut(512L)
                    .build(),
                SESSION)));
    m.put(
        "push_registration",
        List.of(
            new Case(
                PushRegistration.builder(true, "tok-abc123")
                    .timestamp(T)
                    .sourceMessageId("msg-pr")
                    .build(),
                null)));
    m.put(
        "first_run",
        List.of(
            new Case(FirstRun.builder().timestamp(T).sourceMessageId("msg-fr").build(), SESSION)));
    m.put(
        "uninstall",
        List.of(
            new Case(Uninstall.builder().timestamp(T).sourceMessageId("msg-un").build(), null)));
    m.put(
        "push_message",
        List.of(
            new Case(
                PushMessage.builder(
                        PushMessage.PushMessageType.ACTION,
                        "tok-abc123",
                        "{\"aps\":{\"alert\":\"Hi\"}}")
                    .timestamp(T)
                    .sourceMessageId("msg-pm")
                    .message("Hi")
                    .network("apn")
                    .applicationState(PushMessage.ApplicationState.BACKGROUND)
                    .actionIdentifier("open")
                    .behavior(PushMessage.Behavior.DIRECT_OPEN)
                    .build(),
                SESSION),
            new Case(
                PushMessage.builder(PushMessage.PushMessageType.RECEIVED, "tok-abc123", "{}")
                    .timestamp(T)
                    .sourceMessageId("msg-pm2")
                    .build(),
                null)));
    m.put(
        "profile",
        List.of(
            new Case(
                ProfileEvent.builder(ProfileEvent.ProfileEventType.LOGIN)
                    .timestamp(T)
                    .sourceMessageId("msg-pf")
                    .previousMpid(-8_000_000_000_000_000_001L)
                    .currentMpid(1_234_567_890_123_456_789L)
                    .build(),
                null)));
    m.put("user_attribute_change", attributeChanges());
    m.put(
        "user_identity_change",
        List.of(
            new Case(
                UserIdentityChange.builder(
                        IdentityChange.builder(IdentityType.EMAIL)
                            .identity("ada@example.com")
                            .timestampMillis(T)
                            .createdThisBatch(true)
                            .build(),
                        IdentityChange.builder(IdentityType.EMAIL)
                            .identity(null)
                            .timestampMillis(T - 1_000L)
                            .createdThisBatch(false)
                            .build())
                    .timestamp(T)
                    .sourceMessageId("msg-uic-1")
                    .build(),
                null),
            new Case(
                UserIdentityChange.builder(
                        IdentityChange.builder(IdentityType.OTHER_ID_2)
                            .identity(null)
                            .timestampMillis(T)
                            .createdThisBatch(false)
                            .build(),
                        IdentityChange.builder(IdentityType.OTHER_ID_2)
                            .identity("legacy-7")
                            .timestampMillis(T - 5_000L)
                            .createdThisBatch(false)
                            .build())
                    .timestamp(T)
                    .sourceMessageId("msg-uic-2")
                    .build(),
                SESSION)));
    return m;
  }

  private static List<Case> customEvents() {
    List<Case> out = new ArrayList<>();
    int i = 0;
    for (CustomEventType type : CustomEventType.values()) {
      CustomEvent.Builder b =
          CustomEvent.builder("Event " + type.wireName())
              .customEventType(type)
              .timestamp(T + i)
              .sourceMessageId("msg-ce-" + type.wireName());
      if (type == CustomEventType.OTHER) {
        // The value conversions of WIRE.md section 3: everything is sent as a string.
        b.attribute("sku", "SKU-42")
            .attribute("price", 19.99)
            .attribute("whole", 2.0)
            .attribute("qty", 3)
            .attribute("big", 123_456_789_012L)
            .attribute("huge", 1.0E10)
            .attribute("tiny", 1.0E-5)
            .attribute("exact", new BigDecimal("0.10"))
            .attribute("float", 2.5f)
            .attribute("on", true)
            .attribute("off", false)
            .attribute("dropped", (String) null)
            .attribute(null, "dropped too")
            .attribute("unicode", "caf\u00e9 \u2603 \"q\" \\ /")
            .eventStartMillis(T - 500L)
            .location(Location.builder(52.52, 13.405).accuracy(12.5).build())
            .flag("flag.key", "flag-value");
      }
      if (type == CustomEventType.MEDIA) {
        b.attribute("content_id", "vid-9").attribute("playhead_ms", 30_000);
      }
      out.add(new Case(b.build(), i % 2 == 0 ? SESSION.withEventNum(10 + i) : null));
      i++;
    }
    return out;
  }

  static Product shoe() {
    return Product.builder("SKU-1", "Running shoe")
        .brand("Fleet")
        .category("shoes")
        .variant("blue/42")
        .position(1)
        .price(89.95)
        .quantity(2.0)
        .totalProductAmount(179.9)
        .couponCode("RUN10")
        .addedToCartTimeMillis(T - 3_600_000L)
        .attribute("color", "blue")
        .attribute("size", 42)
        .build();
  }

  static Product sock() {
    return Product.builder("SKU-2", "Sock").price(4.5).quantity(1.0).build();
  }

  private static List<Case> commerceEvents() {
    List<Case> out = new ArrayList<>();
    for (ProductActionType type : ProductActionType.values()) {
      ProductAction.Builder a = ProductAction.builder(type).product(shoe());
      if (type == ProductActionType.PURCHASE || type == ProductActionType.REFUND) {
        a.transactionId("tx-1001")
            .affiliation("web-store")
            .totalAmount(199.4)
            .taxAmount(15.5)
            .shippingAmount(4.0)
            .couponCode("RUN10")
            .product(sock());
      }
      if (type == ProductActionType.CHECKOUT || type == ProductActionType.CHECKOUT_OPTION) {
        a.checkoutStep(2).checkoutOptions("express");
      }
      if (type == ProductActionType.CLICK || type == ProductActionType.VIEW_DETAIL) {
        a.productActionList("search results").productListSource("search");
      }
      CommerceEvent.Builder b =
          CommerceEvent.productAction(a.build())
              .timestamp(T)
              .sourceMessageId("msg-pa-" + type.wireName())
              .currencyCode("EUR");
      if (type == ProductActionType.PURCHASE) {
        b.shoppingCart(List.of(shoe(), sock()))
            .screenName("Checkout")
            .nonInteractive(false)
            .eventName("Purchase complete")
            .attribute("channel", "web")
            .flag("Facebook.EventSourceUrl", "https://shop.example.com/checkout");
      }
      out.add(new Case(b.build(), SESSION));
    }
    for (PromotionActionType type : PromotionActionType.values()) {
      PromotionAction action =
          PromotionAction.builder(type)
              .promotion(
                  Promotion.builder("PROMO-1")
                      .name("Winter sale")
                      .creative("banner-top")
                      .position("hero")
                      .build())
              .promotion(Promotion.builder("PROMO-2").build())
              .build();
      out.add(
          new Case(
              CommerceEvent.promotionAction(action)
                  .timestamp(T)
                  .sourceMessageId("msg-promo-" + type.wireName())
                  .currencyCode("USD")
                  .build(),
              SESSION));
    }
    out.add(
        new Case(
            CommerceEvent.impressions(
                    List.of(
                        Impression.builder("search results")
                            .product(shoe())
                            .product(sock())
                            .build(),
                        Impression.builder("recommended").product(sock()).build()))
                .timestamp(T)
                .sourceMessageId("msg-impressions")
                .currencyCode("USD")
                .shoppingCart(List.of(sock()))
                .nonInteractive(true)
                .build(),
            null));
    return out;
  }

  private static List<Case> attributeChanges() {
    return List.of(
        new Case(
            UserAttributeChange.builder("favorite_color")
                .newValue("blue")
                .oldValue(null)
                .newAttribute(true)
                .deleted(false)
                .timestamp(T)
                .sourceMessageId("msg-uac-new")
                .build(),
            SESSION),
        new Case(
            UserAttributeChange.builder("$city")
                .newValue("Berlin")
                .oldValue("Paris")
                .newAttribute(false)
                .deleted(false)
                .timestamp(T)
                .sourceMessageId("msg-uac-changed")
                .build(),
            SESSION),
        new Case(
            UserAttributeChange.builder("interests")
                .newValue(Arrays.asList("running", "chess"))
                .oldValue(List.of("running"))
                .newAttribute(false)
                .deleted(false)
                .timestamp(T)
                .sourceMessageId("msg-uac-list")
                .build(),
            SESSION),
        new Case(
            UserAttributeChange.builder("nickname")
                .newValue(null)
                .oldValue("ada")
                .newAttribute(false)
                .deleted(true)
                .timestamp(T)
                .sourceMessageId("msg-uac-removed")
                .build(),
            null));
  }

  static UserSnapshot user() {
    return UserSnapshot.builder()
        .mpid(-6_123_456_789_012_345_678L)
        .identities(
            UserIdentities.builder()
                .customerId("user-42")
                .email("ada@example.com")
                .put(IdentityType.OTHER_ID_3, "crm-7")
                .put(IdentityType.MOBILE_NUMBER, "+49 30 1234567")
                .build())
        .attribute("$firstname", "Ada")
        .attribute("interests", List.of("running", "chess"))
        .attribute("vip", null)
        .deletedAttributes(List.of("nickname"))
        .consent(
            ConsentState.builder()
                .gdpr(
                    "location_collection",
                    ConsentDecision.builder(true)
                        .document("privacy-v2")
                        .timestampMillis(T - 86_400_000L)
                        .location("https://example.com/consent")
                        .hardwareId("hw-1")
                        .build())
                .gdpr("marketing", ConsentDecision.builder(false).build())
                .ccpa(ConsentDecision.builder(true).timestampMillis(T - 1_000L).build())
                .build())
        .build();
  }

  static DeviceInfo device() {
    return DeviceInfo.builder()
        .platform("desktop")
        .osVersion("Linux 6.8")
        .deviceModel("amd64")
        .localeLanguage("de")
        .localeCountry("DE")
        .timezoneOffsetHours(1)
        .dst(false)
        .userAgent("Spoke/0.1.0 (Java 17)")
        .build();
  }

  static ApplicationInfo app() {
    return ApplicationInfo.builder()
        .applicationName("Shop CLI")
        .applicationVersion("3.2.1")
        .buildNumber("3210")
        .installReferrer("direct")
        .packageName("com.example.shop")
        .os(ApplicationOs.DESKTOP)
        .build();
  }

  static byte[] batch() {
    HeaderSerializer h = new HeaderSerializer();
    EventSerializer s = new EventSerializer();
    byte[] instance =
        h.instanceFragment(
            Environment.DEVELOPMENT, device(), app(), "0.1.0", "shop-plan", 3, "dev-1");
    List<byte[]> events = new ArrayList<>();
    Map<String, List<Case>> all = all();
    for (String type :
        List.of(
            "session_start",
            "screen_view",
            "custom_event",
            "commerce_event",
            "user_identity_change")) {
      Case c = all.get(type).get(0);
      events.add(s.serialize(c.event, c.session));
    }
    return HeaderSerializer.batch(
        instance, h.userFragment(user()), "7d444840-9dc0-11d1-b245-5ffdce74fad2", events);
  }
}
