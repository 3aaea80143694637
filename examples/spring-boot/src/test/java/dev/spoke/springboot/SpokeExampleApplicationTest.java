package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.Spoke;
import dev.spoke.UploadStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app as it runs, against the local platform in-process: one application context for every test
 * here (the tests run in order because the wrong-secret test changes the instance's secret and
 * restores it).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spoke.upload-interval=50ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpokeExampleApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void localPlatform(DynamicPropertyRegistry registry) {
    registry.add("spoke.endpoint", () -> LocalPlatform.server().baseUri().toString());
    registry.add("spoke.api-key", () -> LocalPlatform.KEY);
    // In production this comes from SPOKE_SECRET; a test property source is not a file, so it is
    // allowed.
    registry.add("spoke.secret", () -> LocalPlatform.SECRET);
  }

  /** Adds the in-memory kit the test workspace enables, as an app would register a kit factory. */
  @TestConfiguration
  static class Kits {
    @Bean
    SpokeOptionsCustomizer countingKit() {
      return options -> options.kit(new CountingKit.Factory());
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Spoke spoke;

  @Test
  @Order(1)
  void requestsLogEventsThatReachTheLocalPlatformAsTheCallingUser() throws Exception {
    HttpResponse<String> search = post("/search?q=trail%20shoes", "alice", null);
    assertThat(search.statusCode()).isEqualTo(202);
    assertThat(search.body()).contains("\"user\":\"alice\"");
    HttpResponse<String> order =
        post(
            "/orders",
            "bob",
            "{\"orderId\":\"T-1001\",\"sku\":\"sku-7\",\"name\":\"Trail shoe\",\"price\":89.5,\"quantity\":2,\"currency\":\"EUR\"}");
    assertThat(order.statusCode()).isEqualTo(202);

    LocalPlatform.await(
        "alice's search and bob's purchase reached the local platform",
        () -> hasEvent("alice", "custom_event") && hasEvent("bob", "commerce_event"));
    JsonNode searchEvent = event("alice", "custom_event");
    assertThat(searchEvent.path("data").path("event_name").asText()).isEqualTo("Search");
    assertThat(searchEvent.path("data").path("custom_event_type").asText()).isEqualTo("search");
    assertThat(searchEvent.path("data").path("custom_attributes").path("query").asText())
        .isEqualTo("trail shoes");
    JsonNode purchase = event("bob", "commerce_event").path("data");
    assertThat(purchase.path("product_action").path("action").asText()).isEqualTo("purchase");
    assertThat(purchase.path("product_action").path("transaction_id").asText()).isEqualTo("T-1001");
    assertThat(purchase.path("product_action").path("total_amount").asDouble()).isEqualTo(179.0);
    assertThat(purchase.path("product_action").path("products").get(0).path("id").asText())
        .isEqualTo("sku-7");
    assertThat(purchase.path("currency_code").asText()).isEqualTo("EUR");
    // Each user's events travel in their own batches: nothing of bob's under alice and the reverse.
    assertThat(LocalPlatform.eventsOf(LocalPlatform.KEY, "alice"))
        .noneMatch(e -> e.path("event_type").asText().equals("commerce_event"));
    assertThat(LocalPlatform.eventsOf(LocalPlatform.KEY, "bob"))
        .noneMatch(e -> e.path("data").path("event_name").asText().equals("Search"));
    for (JsonNode batch : LocalPlatform.server().batches(LocalPlatform.KEY)) {
      assertThat(batch.path("user_identities").path("customer_id").isTextual())
          .as("every batch names its user")
          .isTrue();
    }
  }

  @Test
  @Order(2)
  void aRequestWithoutAUserOrWithABadBodyIsRefusedWithTheFix() throws Exception {
    HttpResponse<String> noUser = post("/search?q=x", null, null);
    assertThat(noUser.statusCode()).isEqualTo(400);
    assertThat(noUser.body()).contains("X-User-Id");
    HttpResponse<String> badOrder =
        post("/orders", "bob", "{\"orderId\":\"T-2\",\"sku\":\"s\",\"price\":-1}");
    assertThat(badOrder.statusCode()).isEqualTo(400);
    assertThat(badOrder.body()).contains("price");
  }

  @Test
  @Order(3)
  void thePrometheusEndpointShowsSpokesMetrics() throws Exception {
    post("/search?q=boots", "carol", null);
    // Wait for every event the platform accepted for this key to show as delivered (scrapes re-read
    // it).
    LocalPlatform.await(
        "the delivered counter matches what the local platform accepted",
        () -> {
          long accepted = LocalPlatform.server().eventCount(LocalPlatform.KEY);
          return LocalPlatform.eventsOf(LocalPlatform.KEY, "carol").size() > 0
              && value(scrape(), "spoke_events_delivered_total", "") == accepted;
        },
        () -> scrape());
    String text = scrape();
    String ws = "workspace=\"" + LocalPlatform.KEY + "\"";
    assertThat(value(text, "spoke_events_accepted_total", ""))
        .isGreaterThanOrEqualTo(value(text, "spoke_events_delivered_total", ""));
    assertThat(value(text, "spoke_events_dropped_total", "reason=\"QUEUE_FULL\"")).isZero();
    assertThat(value(text, "spoke_batches_sent_total", "")).isPositive();
    assertThat(value(text, "spoke_upload_bytes_total", "")).isPositive();
    assertThat(value(text, "spoke_upload_state", "state=\"ok\"")).isEqualTo(1);
    assertThat(value(text, "spoke_upload_state", "state=\"paused\"")).isZero();
    assertThat(text)
        .contains("spoke_events_pending{")
        .contains("spoke_queue_depth{")
        .contains("spoke_upload_retries_total{")
        .contains("spoke_journal_size_bytes{")
        .contains("spoke_spill_batches{")
        .contains("spoke_spill_size_bytes{")
        .contains("spoke_validation_issues_total{")
        .contains(ws);
    // The kit the workspace enables saw the custom events; its counters are tagged with its name.
    LocalPlatform.await(
        "the kit's counters show",
        () ->
            value(
                    scrape(),
                    "spoke_kit_events_total",
                    "kit=\"" + CountingKit.NAME + "\",outcome=\"received\"")
                > 0,
        () -> scrape());
    assertThat(CountingKit.EVENTS.get()).isPositive();
    assertThat(text).doesNotContain(LocalPlatform.SECRET);
  }

  @Test
  @Order(4)
  void healthIsUpWithTheDetailsAnOperatorNeeds() throws Exception {
    HttpResponse<String> r = get("/actuator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode spokeHealth = JSON.readTree(r.body()).path("components").path("spoke");
    assertThat(spokeHealth.path("status").asText()).isEqualTo("UP");
    JsonNode d = spokeHealth.path("details");
    assertThat(d.path("workspace").asText()).isEqualTo(LocalPlatform.KEY);
    assertThat(d.path("uploads").asText()).isEqualTo("ok");
    assertThat(d.path("endpoint").asText()).isEqualTo(LocalPlatform.server().baseUri().toString());
    assertThat(d.path("lastDelivery").asText()).isNotEqualTo("none yet");
    assertThat(d.has("pending")).isTrue();
    assertThat(r.body()).doesNotContain(LocalPlatform.SECRET);
  }

  @Test
  @Order(5)
  void aWrongSecretTurnsHealthDownWithTheReasonAndTheRightOneRestoresIt() throws Exception {
    String wrong = "wrong-secret-after-a-bad-rotation";
    spoke.updateSecret(wrong);
    try {
      post("/search?q=while%20paused", "dave", null);
      LocalPlatform.await(
          "health shows the pause",
          () -> spokeStatus().equals("DOWN"),
          () -> get("/actuator/health").body());
      HttpResponse<String> r = get("/actuator/health");
      assertThat(r.statusCode()).as("an app with a component DOWN answers 503").isEqualTo(503);
      JsonNode d = JSON.readTree(r.body()).path("components").path("spoke").path("details");
      assertThat(d.path("uploads").asText()).isEqualTo("paused");
      assertThat(d.path("httpStatus").asInt()).isIn(401, 403);
      assertThat(d.path("reason").asText())
          .contains(LocalPlatform.KEY)
          .contains("paused")
          .contains("secret");
      assertThat(d.path("pending").asLong()).isPositive();
      assertThat(r.body()).doesNotContain(wrong).doesNotContain(LocalPlatform.SECRET);
      String status = "status=\"" + d.path("httpStatus").asInt() + "\"";
      // A status's counter is registered when a snapshot first shows it, so it shows from the next
      // scrape on.
      LocalPlatform.await(
          "the failure counter shows",
          () -> value(scrape(), "spoke_upload_failures_total", status) > 0,
          () -> scrape());
      String text = scrape();
      assertThat(value(text, "spoke_upload_state", "state=\"paused\"")).isEqualTo(1);
      assertThat(text).doesNotContain(wrong);
      assertThat(LocalPlatform.eventsOf(LocalPlatform.KEY, "dave")).isEmpty();
    } finally {
      spoke.updateSecret(LocalPlatform.SECRET);
    }
    LocalPlatform.await(
        "health is UP again",
        () -> spokeStatus().equals("UP"),
        () -> get("/actuator/health").body());
    LocalPlatform.await(
        "dave's event, kept while paused, reached the platform",
        () -> hasEvent("dave", "custom_event"));
    assertThat(spoke.uploadStatus().state()).isEqualTo(UploadStatus.State.OK);
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  private static boolean hasEvent(String user, String type) {
    return LocalPlatform.eventsOf(LocalPlatform.KEY, user).stream()
        .anyMatch(e -> e.path("event_type").asText().equals(type));
  }

  private static JsonNode event(String user, String type) {
    List<JsonNode> events = LocalPlatform.eventsOf(LocalPlatform.KEY, user);
    return events.stream()
        .filter(e -> e.path("event_type").asText().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private String spokeStatus() {
    try {
      return JSON.readTree(get("/actuator/health").body())
          .path("components")
          .path("spoke")
          .path("status")
          .asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String scrape() {
    HttpResponse<String> r = get("/actuator/prometheus");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /**
   * The value of the sample of a metric whose labels include {@code label} (and this workspace), or
   * -1.
   */
  static long value(String exposition, String metric, String label) {
    Pattern p =
        Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(exposition);
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("workspace=\"" + LocalPlatform.KEY + "\"") && labels.contains(label)) {
        return (long) Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }

  private HttpResponse<String> post(String path, String user, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) b.header("X-User-Id", user);
    if (json != null) {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.POST(HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
