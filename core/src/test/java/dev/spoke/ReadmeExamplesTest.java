package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples, kept compiling and working against a local server. */
class ReadmeExamplesTest {

  @Test
  void clientAndServerExamplesWork(@TempDir Path dir) throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v1/")
                  ? new MockResponse()
                      .setResponseCode(200)
                      .setBody("{\"mpid\":\"7\",\"context\":\"c\",\"is_logged_in\":true}")
                  : new MockResponse().setResponseCode(202);
      Workspace workspace = Workspace.builder("us1-your-key", "secret").build();
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(workspace)
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .dataDirectory(dir.resolve("spoke-data"))
                  .build());
      // --- README: a client app
      spoke.logEvent(ScreenView.builder("Home").build());
      spoke
          .login(UserIdentities.builder().email("ada@example.com").customerId("42").build())
          .thenAccept(r -> System.out.println("MPID " + r.mpid()))
          .get(10, TimeUnit.SECONDS);
      spoke.logEvent(
          CustomEvent.builder("Search")
              .customEventType(CustomEventType.SEARCH)
              .attribute("q", "boots")
              .build());
      SpokeUser me = spoke.currentUser();
      me.setAttribute("plan", "pro");
      me.setAttributeList("interests", List.of("running", "hiking"));
      me.setGdprConsent("marketing", ConsentDecision.builder(true).document("v2").build());
      spoke.logout().get(10, TimeUnit.SECONDS);
      // --- README: a server
      SpokeUser u = spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "42"));
      u.logEvent(
          CommerceEvent.productAction(
                  ProductAction.builder(ProductActionType.PURCHASE)
                      .transactionId("T-1")
                      .totalAmount(42.0)
                      .product(Product.builder("sku-1", "Boots").price(42.0).build())
                      .build())
              .currencyCode("EUR")
              .build());
      u.identify().get(10, TimeUnit.SECONDS);
      // --- README: five lines
      spoke
          .user("customer-42")
          .logEvent(CustomEvent.builder("Signed Up").attribute("plan", "pro").build());
      FlushResult r = spoke.flush(Duration.ofSeconds(5));
      spoke.close();
      assertThat(r.complete()).isTrue();
      assertThat(r.droppedTotal()).isZero();
      assertThat(s.events("commerce_event")).hasSize(1);
      assertThat(s.events("custom_event")).hasSize(2);
      assertThat(s.events("user_attribute_change")).hasSize(2);
    }
  }
}
