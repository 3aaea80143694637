package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.NOW_MS;
import static dev.spoke.devserver.TestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** k1 (SDK input) and k2 (custom feed) share profiles: account scope. */
class ProfilesTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void send(String key, String secret, String attributes, String deleted) {
    String body =
        "{\"environment\":\"development\",\"mpid\":\"77\",\"timestamp_unixtime_ms\":"
            + NOW_MS
            + ",\"user_attributes\":"
            + attributes
            + (deleted == null ? "" : ",\"deleted_user_attributes\":" + deleted)
            + "}";
    assertThat(post(server, "/v2/events", key, secret, body).statusCode()).isEqualTo(202);
  }

  @Test
  void sdkInputMergesIntoTheProfile() {
    send("k1", "s1", "{\"tier\":\"silver\",\"tags\":[\"a\",\"b\"],\"vip\":null}", null);
    assertThat(server.profile("k1", 77))
        .containsEntry("tier", "silver")
        .containsEntry("tags", List.of("a", "b"))
        .containsEntry("vip", null);
    assertThat(server.attributeSource("k1", 77, "tier")).contains("sdk");
    send("k1", "s1", "{\"tier\":\"bronze\"}", "[\"vip\"]");
    assertThat(server.profile("k1", 77)).containsEntry("tier", "bronze").doesNotContainKey("vip");
  }

  @Test
  void aKeyHeldByTheCustomFeedIsNotOverwrittenOrDeletedBySdkInput() {
    send("k2", "s2", "{\"tier\":\"gold\"}", null);
    send("k1", "s1", "{\"tier\":\"silver\",\"city\":\"Porto\"}", null);
    send("k1", "s1", "{}", "[\"tier\"]");
    assertThat(server.profile("k1", 77))
        .containsEntry("tier", "gold")
        .containsEntry("city", "Porto");
    assertThat(server.attributeSource("k2", 77, "tier")).contains("custom_feed");
  }

  @Test
  void theCustomFeedOverridesAndDeletesSdkKeys() {
    send("k1", "s1", "{\"city\":\"Porto\",\"plan\":\"free\"}", null);
    send("k2", "s2", "{\"city\":\"Lisbon\"}", "[\"plan\"]");
    assertThat(server.profile("k2", 77)).containsEntry("city", "Lisbon").doesNotContainKey("plan");
    send("k1", "s1", "{\"city\":\"Faro\"}", null);
    assertThat(server.profile("k1", 77)).containsEntry("city", "Lisbon");
  }

  @Test
  void profilesFollowTheIdentityScope() {
    send("k1", "s1", "{\"a\":\"1\"}", null);
    assertThat(
            post(
                    server,
                    "/v2/events",
                    "k3",
                    "s3",
                    "{\"environment\":\"development\",\"mpid\":77,\"user_attributes\":{\"b\":\"2\"}}")
                .statusCode())
        .isEqualTo(202);
    assertThat(server.profile("k2", 77)).containsOnlyKeys("a");
    assertThat(server.profile("k3", 77)).containsOnlyKeys("b");
    assertThat(server.profile("k4", 77)).isEmpty();
  }

  @Test
  void anAttributeDoesNotSwitchBetweenScalarAndList() {
    send("k1", "s1", "{\"tags\":[\"a\"]}", null);
    send("k1", "s1", "{\"tags\":\"a\"}", null);
    assertThat(server.profile("k1", 77)).containsEntry("tags", List.of("a"));
  }

  private void sendWithIdentities(String identities, String extra, String attributes) {
    String body =
        "{\"environment\":\"production\",\"user_identities\":"
            + identities
            + extra
            + ",\"user_attributes\":"
            + attributes
            + "}";
    assertThat(post(server, "/v2/events", "k1", "s1", body).statusCode()).isEqualTo(202);
  }

  @Test
  void aBatchWithoutMpidIsResolvedByItsIdentitiesAndBothSpellingsOfTheCustomerIdAreOneIdentity() {
    sendWithIdentities("{\"customerid\":\"c-9\"}", "", "{\"tier\":\"gold\"}");
    long mpid = server.mpidOf("k1", "customerid", "c-9").orElseThrow();
    sendWithIdentities(
        "{\"customer_id\":\"c-9\",\"other_id_2\":\"o-2\"}", "", "{\"city\":\"Porto\"}");
    assertThat(server.profile("k1", mpid))
        .containsEntry("tier", "gold")
        .containsEntry("city", "Porto");
    assertThat(server.mpidOf("k1", "other2", "o-2")).contains(mpid);
    // The same scope's IDSync sees the user the batches created.
    HttpResponse<String> r =
        post(
            server,
            "/v1/identify",
            "k1",
            "s1",
            "{\"environment\":\"production\","
                + "\"request_id\":\"r\",\"known_identities\":{\"customerid\":\"c-9\"}}");
    assertThat(TestSupport.tree(r.body()).get("mpid").asText()).isEqualTo(Long.toString(mpid));
  }

  @Test
  void aBatchWithAnMpidClaimsItsUnheldIdentitiesAndDevicesResolveLater() {
    sendWithIdentities(
        "{\"email\":\"e@x.io\"}", ",\"mpid\":4242,\"mp_deviceid\":\"das-1\"", "{\"a\":\"1\"}");
    assertThat(server.mpidOf("k1", "email", "e@x.io")).contains(4242L);
    sendWithIdentities("{}", ",\"mp_deviceid\":\"das-1\"", "{\"b\":\"2\"}");
    assertThat(server.profile("k1", 4242)).containsEntry("a", "1").containsEntry("b", "2");
  }

  @Test
  void aBatchNamingNoUserIsAcceptedWithoutAProfile() {
    String body = "{\"environment\":\"production\",\"user_attributes\":{\"x\":\"1\"}}";
    assertThat(post(server, "/v2/events", "k1", "s1", body).statusCode()).isEqualTo(202);
    assertThat(server.batches("k1")).hasSize(1);
  }
}
