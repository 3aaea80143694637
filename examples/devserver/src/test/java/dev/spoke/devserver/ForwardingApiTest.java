package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarding statistics as the Web SDK posts them, and projections/eaa served in the kit
 * configuration.
 */
class ForwardingApiTest {
  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> post(String path, String body) {
    return TestSupport.post(
        URI.create(server.baseUri() + path), null, body.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void batchedRecordsAreAcceptedCountedPerKitAndKept() {
    HttpResponse<String> r =
        post(
            "/v2/JS/k1/Forwarding",
            "{\"uuid\":\"u-1\",\"data\":["
                + "{\"mid\":160,\"n\":\"Signup\",\"dt\":4,\"et\":8,\"ct\":1,\"sdk\":\"0.1.0\",\"dbg\":true,\"eec\":0},"
                + "{\"mid\":1000001,\"n\":\"Home\",\"dt\":3,\"ct\":2,\"sdk\":\"0.1.0\",\"dbg\":true,\"eec\":0},"
                + "{\"mid\":160,\"n\":\"Go\",\"dt\":4,\"ct\":3,\"proj\":[{\"pid\":7,\"name\":\"went\"}]}]}");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(server.stats().forwarding())
        .containsExactly(Map.entry(160, 2L), Map.entry(1_000_001, 1L));
    assertThat(server.stats().forwardingRecords()).isEqualTo(3);
    List<JsonNode> kept = server.forwardingRecords("k1");
    assertThat(kept).extracting(n -> n.get("n").asText()).containsExactly("Signup", "Home", "Go");
    assertThat(kept.get(2).at("/proj/0/pid").asInt()).isEqualTo(7);
    assertThat(server.forwardingRecords("k2")).isEmpty();
    // Not Events API traffic: no batch, no event counted.
    assertThat(server.stats().eventsAccepted()).isZero();
    // Shown on GET /stats (and the live page) per kit.
    JsonNode stats =
        tree(
            TestSupport.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + "/stats")).GET().build())
                .body());
    assertThat(stats.path("forwardingRecords").asLong()).isEqualTo(3);
    assertThat(stats.at("/forwardingByKit/160").asLong()).isEqualTo(2);
    assertThat(stats.at("/forwardingByKit/1000001").asLong()).isEqualTo(1);
  }

  @Test
  void aSingleRecordOnTheV1Path() {
    assertThat(post("/v1/JS/k1/Forwarding", "{\"mid\":92,\"n\":\"x\",\"dt\":4}").statusCode())
        .isEqualTo(202);
    assertThat(server.stats().forwarding()).containsExactly(Map.entry(92, 1L));
  }

  @Test
  void malformedBodiesAndUnknownKeysAreRefusedWithAReason() {
    HttpResponse<String> r = post("/v2/JS/k1/Forwarding", "{\"data\":[{\"n\":\"no mid\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("mid");
    assertThat(post("/v2/JS/k1/Forwarding", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(post("/v2/JS/k1/Forwarding", "not json").statusCode()).isEqualTo(400);
    assertThat(post("/v2/JS/nope/Forwarding", "{\"data\":[]}").statusCode()).isEqualTo(404);
    assertThat(post("/v2/JS/k1/Other", "{\"data\":[]}").statusCode()).isEqualTo(404);
    assertThat(server.stats().forwardingRejected()).isEqualTo(3);
    assertThat(server.stats().forwardingRecords()).isZero();
    HttpResponse<String> get =
        TestSupport.send(
            HttpRequest.newBuilder(URI.create(server.baseUri() + "/v2/JS/k1/Forwarding"))
                .GET()
                .build());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void theConfigurationServesProjectionsAndEventAttributeMappings() {
    String ws =
        "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\",\"workspaces\":[{\"id\":\"w\","
            + "\"apiKey\":\"pk\",\"apiSecret\":\"ps\",\"identityScope\":\"workspace\",\"kits\":[{\"id\":160,"
            + "\"filters\":{\"ec\":{\"5\":0},\"eaa\":{\"12\":\"favorites\"},\"eas\":{\"13\":\"last_seen\"}},"
            + "\"pr\":[{\"id\":3,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\",\"event\":\"1\"}],"
            + "\"action\":{\"projected_event_name\":\"renamed\"}}]},{\"id\":1000002}]}]}]}]}";
    server.close();
    server = DevServer.builder().workspaces(WorkspacesFile.parse(ws)).seed(1).build().start();
    HttpResponse<String> r =
        TestSupport.send(
            HttpRequest.newBuilder(URI.create(server.configBaseUri() + "/pk/config"))
                .GET()
                .build());
    JsonNode kit = tree(r.body()).get("eks").get(0);
    assertThat(kit.at("/hs/ec/5").asInt()).isZero();
    assertThat(kit.at("/hs/eaa/12").asText()).isEqualTo("favorites");
    assertThat(kit.at("/hs/eas/13").asText()).isEqualTo("last_seen");
    assertThat(kit.at("/pr/0/action/projected_event_name").asText()).isEqualTo("renamed");
    // An id in the sideloaded range is served as configured: the SDKs ignore it, the server does
    // not judge.
    assertThat(tree(r.body()).get("eks").get(1).get("id").asInt()).isEqualTo(1_000_002);
    assertThatThrownBy(
            () ->
                WorkspacesFile.parse(
                    ws.replace("\"pr\":[", "\"pr\":{\"x\":[")
                        .replace("}]},{\"id\":1000002}", "}]}},{\"id\":1000002}")))
        .hasMessageContaining("'pr'");
  }
}
