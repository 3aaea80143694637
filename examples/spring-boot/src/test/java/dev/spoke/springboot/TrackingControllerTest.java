package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Who the calling user is, without a web server: an authenticated principal wins over the user
 * header (a header is only a fallback for requests without one), and the event reaches the local
 * platform under that user.
 */
class TrackingControllerTest {

  @Test
  void theAuthenticatedPrincipalIsTheUserNotTheHeader() {
    Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(
                    Workspace.builder(LocalPlatform.CONTROLLER_KEY, LocalPlatform.CONTROLLER_SECRET)
                        .build())
                .endpoint(LocalPlatform.server().baseUri())
                .kitsEnabled(false)
                .build());
    try {
      SpokeProperties properties = new SpokeProperties();
      TrackingController controller = new TrackingController(spoke, properties);

      MockHttpServletRequest signedIn = new MockHttpServletRequest("POST", "/search");
      signedIn.setUserPrincipal(() -> "carol");
      signedIn.addHeader("X-User-Id", "mallory");
      ResponseEntity<Map<String, Object>> r = controller.search("boots", signedIn);
      assertThat(r.getStatusCode().value()).isEqualTo(202);
      assertThat(r.getBody()).containsEntry("user", "carol");

      MockHttpServletRequest headerOnly = new MockHttpServletRequest("POST", "/orders");
      headerOnly.addHeader("X-User-Id", "dan");
      assertThat(
              controller
                  .order(
                      new TrackingController.OrderRequest(
                          "T-9", "sku-1", "Boots", 10.0, null, null),
                      headerOnly)
                  .getBody())
          .containsEntry("user", "dan");

      MockHttpServletRequest nobody = new MockHttpServletRequest("POST", "/search");
      ResponseEntity<Map<String, Object>> refused = controller.search("boots", nobody);
      assertThat(refused.getStatusCode().value()).isEqualTo(400);
      assertThat(refused.getBody().get("error").toString())
          .contains("X-User-Id")
          .contains("authenticate");

      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      List<JsonNode> carols = LocalPlatform.eventsOf(LocalPlatform.CONTROLLER_KEY, "carol");
      assertThat(carols).anyMatch(e -> e.path("data").path("event_name").asText().equals("Search"));
      assertThat(LocalPlatform.eventsOf(LocalPlatform.CONTROLLER_KEY, "mallory")).isEmpty();
      JsonNode purchase =
          LocalPlatform.eventsOf(LocalPlatform.CONTROLLER_KEY, "dan").stream()
              .filter(e -> e.path("event_type").asText().equals("commerce_event"))
              .findFirst()
              .orElseThrow();
      // Defaults: quantity 1, currency USD.
      assertThat(purchase.path("data").path("product_action").path("total_amount").asDouble())
          .isEqualTo(10.0);
      assertThat(purchase.path("data").path("currency_code").asText()).isEqualTo("USD");
    } finally {
      spoke.close(Duration.ofSeconds(5));
    }
  }
}
