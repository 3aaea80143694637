package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alias endpoint the platform's SDKs call ({@code POST /v1/identity/<apiKey>/alias}). */
class AliasApiTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String key, String secret, String body) {
    return TestSupport.send(
        HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/identity/" + key + "/alias"))
            .header("Authorization", TestSupport.basic(key, secret))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  @Test
  void acceptsTheWebSdksPayloadWith202AndNoBody() {
    HttpResponse<String> r =
        post(
            "k1",
            "s1",
            "{\"request_id\":\"r1\",\"request_type\":\"alias\","
                + "\"environment\":\"development\",\"api_key\":\"k1\",\"data\":{\"destination_mpid\":\"2\","
                + "\"source_mpid\":\"1\",\"start_unixtime_ms\":100,\"end_unixtime_ms\":200,"
                + "\"device_application_stamp\":\"das\"}}");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
    assertThat(server.aliasRequests())
        .singleElement()
        .isEqualTo(new AliasRecord("k1", 1, 2, 100, 200, "development", false));
  }

  @Test
  void refusesWhatTheSdksRefuse() {
    String base = "{\"request_type\":\"alias\",\"environment\":\"production\",\"data\":";
    assertThat(
            post(
                    "k1",
                    "s1",
                    base
                        + "{\"source_mpid\":1,\"destination_mpid\":1,"
                        + "\"start_unixtime_ms\":1,\"end_unixtime_ms\":2}}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    "k1",
                    "s1",
                    base
                        + "{\"source_mpid\":1,\"destination_mpid\":2,"
                        + "\"start_unixtime_ms\":3,\"end_unixtime_ms\":2}}")
                .body())
        .contains("start_unixtime_ms");
    assertThat(post("k1", "s1", base + "{\"source_mpid\":1,\"destination_mpid\":2}}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    "k1",
                    "wrong",
                    base
                        + "{\"source_mpid\":1,\"destination_mpid\":2,"
                        + "\"start_unixtime_ms\":1,\"end_unixtime_ms\":2}}")
                .statusCode())
        .isIn(401, 403);
    assertThat(server.aliasRequests()).isEmpty();
  }

  @Test
  void spokesAliasRequestIsSignedAcceptedAndRecorded() throws Exception {
    try (Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder("k1", "s1").build())
                .endpoint(server.baseUri())
                .kitsEnabled(false)
                .build())) {
      spoke
          .aliasUsers(
              AliasRequest.builder()
                  .sourceMpid(11)
                  .destinationMpid(22)
                  .startTimeMillis(1_000)
                  .endTimeMillis(2_000)
                  .build())
          .get(10, TimeUnit.SECONDS);
      assertThat(server.aliasRequests())
          .singleElement()
          .isEqualTo(new AliasRecord("k1", 11, 22, 1_000, 2_000, "production", true));

      // A request the SDKs would refuse is not sent at all.
      var bad =
          spoke.aliasUsers(
              AliasRequest.builder()
                  .sourceMpid(11)
                  .destinationMpid(11)
                  .startTimeMillis(1)
                  .endTimeMillis(2)
                  .build());
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IdentityException.class)
          .hasMessageContaining("sourceMpid and destinationMpid");
      assertThat(server.aliasRequests()).hasSize(1);
    }
  }
}
