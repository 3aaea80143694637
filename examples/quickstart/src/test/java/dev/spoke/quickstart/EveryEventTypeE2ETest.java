package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.Environment;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Stats;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ApplicationOs;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDK → local platform: every event type Spoke can produce, with every optional field filled, is
 * accepted by the platform's schema (validated independently of core's serializer).
 */
class EveryEventTypeE2ETest {
  private static final String KEY = "us1-e2eallevents000000000000001";
  private static final String SECRET = "e2e-secret";

  @TempDir Path dir;

  @Test
  void everyEventTypeIsAcceptedByTheSchema() throws Exception {
    String ws =
        "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\",\"workspaces\":[{\"id\":\"w\","
            + "\"apiKey\":\""
            + KEY
            + "\",\"apiSecret\":\""
            + SECRET
            + "\",\"identityScope\":\"workspace\"}]}]}]}";
    try (DevServer platform =
        DevServer.builder()
            .workspaces(WorkspacesFile.parse(ws))
            .dataDirectory(dir.resolve("p"))
            .validateSchema(true)
            .seed(3)
            .build()
            .start()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(
                      Workspace.builder(KEY, SECRET).environment(Environment.DEVELOPMENT).build())
                  .endpoint(platform.baseUri())
                  .kitsEnabled(false)
                  .dataDirectory(dir.resolve("s"))
                  .applicationInfo(
                      ApplicationInfo.builder()
                          .applicationName("e2e")
                          .applicationVersion("1.2.3")
                          .buildNumber("45")
                          .packageName("dev.spoke.e2e")
                          .installReferrer("store")
                          .os(ApplicationOs.DESKTOP)
                          .build())
                  .uploadInterval(Duration.ofMillis(50))
                  .build());
      long now = System.currentTimeMillis();

      spoke
          .login(UserIdentities.builder().customerId("c-1").email("c1@example.com").build())
          .get(10, TimeUnit.SECONDS);
      spoke
          .modify(
              UserIdentities.builder().customerId("c-1").email("c1@example.com").build().toBuilder()
                  .put(dev.spoke.user.IdentityType.OTHER_ID_2, "o2")
                  .build())
          .get(10, TimeUnit.SECONDS);
      SpokeUser u = spoke.currentUser();
      u.startSession();
      u.setAttribute("plan", "pro");
      u.setAttribute("$country", "NZ");
      u.setAttributeList("genres", List.of("jazz", "soul"));
      u.incrementAttribute("visits", 2);
      u.setTag("vip");
      u.removeAttribute("plan");
      u.setGdprConsent(
          "analytics",
          ConsentDecision.builder(true)
              .document("v1")
              .timestampMillis(now)
              .location("settings")
              .hardwareId("hw-1")
              .build());
      u.setCcpaConsent(ConsentDecision.builder(true).timestampMillis(now).build());

      Location here = Location.builder(-41.29, 174.78).accuracy(12.5).build();
      for (CustomEventType t : CustomEventType.values()) {
        u.logEvent(
            CustomEvent.builder("e " + t.wireName())
                .customEventType(t)
                .flag("f", "1")
                .attribute("s", "v")
                .attribute("n", 1.5)
                .attribute("b", true)
                .location(here)
                .eventStartMillis(now - 10)
                .build());
      }
      u.logEvent(ScreenView.builder("Home").flag("tab", "main").attribute("from", "menu").build());
      Product full =
          Product.builder("p1", "Thing")
              .brand("B")
              .category("C")
              .variant("V")
              .position(1)
              .price(9.5)
              .quantity(2.0)
              .totalProductAmount(19.0)
              .couponCode("X")
              .addedToCartTimeMillis(now)
              .attribute("color", "red")
              .build();
      for (ProductActionType t : ProductActionType.values()) {
        u.logEvent(
            CommerceEvent.productAction(
                    ProductAction.builder(t)
                        .checkoutStep(1)
                        .checkoutOptions("o")
                        .productActionList("l")
                        .productListSource("s")
                        .transactionId("T" + t.ordinal())
                        .affiliation("a")
                        .totalAmount(19.0)
                        .taxAmount(1.0)
                        .shippingAmount(2.0)
                        .couponCode("X")
                        .product(full)
                        .build())
                .currencyCode("EUR")
                .screenName("Cart")
                .nonInteractive(false)
                .eventName("ce " + t.wireName())
                .shoppingCart(List.of(full))
                .flag("k", "v")
                .attribute("a", "b")
                .build());
      }
      for (PromotionActionType t : PromotionActionType.values()) {
        u.logEvent(
            CommerceEvent.promotionAction(
                    PromotionAction.builder(t)
                        .promotion(
                            Promotion.builder("promo-1")
                                .name("Spring")
                                .creative("banner")
                                .position("top")
                                .build())
                        .build())
                .build());
      }
      u.logEvent(
          CommerceEvent.impressions(
                  List.of(Impression.builder("search results").product(full).build()))
              .build());
      u.logEvent(
          CrashReport.builder()
              .className("java.lang.IllegalStateException")
              .message("boom")
              .stackTrace("at x.y(Z.java:1)")
              .severity("error")
              .breadcrumb("opened")
              .exceptionHandled(true)
              .build());
      u.logEvent(CrashReport.from(new IllegalArgumentException("bad"), false).build());
      u.logEvent(Breadcrumb.builder("tapped buy").build());
      for (ApplicationStateTransition.TransitionType t :
          ApplicationStateTransition.TransitionType.values()) {
        u.logEvent(ApplicationStateTransition.builder(t).firstRun(false).upgrade(false).build());
      }
      u.logEvent(
          NetworkPerformance.builder("https://api.example.com/x", 200)
              .httpVerb("GET")
              .timeElapsedMillis(35L)
              .bytesIn(1200L)
              .bytesOut(300L)
              .build());
      u.logEvent(PushRegistration.builder(true, "token-1").build());
      u.endSession();
      spoke.setOptOut(true);

      FlushResult closed = spoke.close(Duration.ofSeconds(20));
      assertThat(closed.complete()).as("%s", closed).isTrue();
      assertThat(closed.droppedTotal()).as("%s", closed.dropped()).isZero();
      assertThat(spoke.metrics().validationIssues()).as("nothing needed fixing").isEmpty();

      assertThat(platform.failures(KEY)).as("schema failures").isEmpty();
      Stats s = platform.stats();
      assertThat(s.rejected()).isEmpty();
      assertThat(s.eventsAccepted())
          .isEqualTo(spoke.metrics().accepted())
          .isEqualTo(closed.delivered());

      Map<String, Integer> types = new HashMap<>();
      int customTypes = 0;
      for (JsonNode batch : platform.batches(KEY)) {
        for (JsonNode e : batch.path("events")) {
          types.merge(e.path("event_type").asText(), 1, Integer::sum);
          if ("custom_event".equals(e.path("event_type").asText())) {
            customTypes++;
          }
        }
      }
      assertThat(new TreeSet<>(types.keySet()))
          .containsExactly(
              "application_state_transition",
              "breadcrumb",
              "commerce_event",
              "crash_report",
              "custom_event",
              "network_performance",
              "opt_out",
              "profile",
              "push_registration",
              "screen_view",
              "session_end",
              "session_start",
              "user_attribute_change",
              "user_identity_change");
      assertThat(customTypes).isEqualTo(CustomEventType.values().length);
      assertThat(types.get("commerce_event"))
          .isEqualTo(ProductActionType.values().length + PromotionActionType.values().length + 1);
    }
  }
}
