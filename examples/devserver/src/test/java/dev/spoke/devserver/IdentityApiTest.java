package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.post;
import static dev.spoke.devserver.TestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityApiTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String secretOf(String key) {
    return "s" + key.substring(key.length() - 1);
  }

  private JsonNode call(String key, String op, String known) {
    HttpResponse<String> r =
        post(
            server,
            "/v1/" + op,
            key,
            secretOf(key),
            "{\"client_sdk\":{\"platform\":\"java\",\"sdk_vendor\":\"spoke\",\"sdk_version\":\"0.1\"},"
                + "\"environment\":\"development\",\"request_id\":\"r\",\"request_timestamp_ms\":1,"
                + "\"known_identities\":"
                + known
                + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return tree(r.body());
  }

  private static long mpid(JsonNode answer) {
    assertThat(answer.get("mpid").isTextual()).isTrue();
    return Long.parseLong(answer.get("mpid").asText());
  }

  @Test
  void identifyAssignsAStablePositiveMpid() {
    JsonNode a =
        call("k3", "identify", "{\"email\":\"a@x.io\",\"device_application_stamp\":\"d1\"}");
    assertThat(mpid(a)).isPositive();
    assertThat(a.get("is_logged_in").asBoolean()).isFalse();
    assertThat(a.get("is_ephemeral").asBoolean()).isFalse();
    assertThat(a.get("context").asText()).isNotEmpty();
    JsonNode again = call("k3", "identify", "{\"email\":\"a@x.io\"}");
    assertThat(mpid(again)).isEqualTo(mpid(a));
    assertThat(again.at("/matched_identities/email").asText()).isEqualTo("a@x.io");
    assertThat(mpid(call("k3", "identify", "{\"email\":\"b@x.io\"}"))).isNotEqualTo(mpid(a));
    assertThat(mpid(call("k3", "identify", "{\"device_application_stamp\":\"d1\"}")))
        .isEqualTo(mpid(a));
  }

  @Test
  void accountScopeSharesMpidsAcrossTheAccountsWorkspaces() {
    long m1 = mpid(call("k1", "identify", "{\"customerid\":\"c1\"}"));
    assertThat(mpid(call("k2", "identify", "{\"customerid\":\"c1\"}"))).isEqualTo(m1);
    assertThat(server.mpidOf("k2", "customerid", "c1")).contains(m1);
  }

  @Test
  void workspaceScopeKeepsMpidsApart() {
    long m3 = mpid(call("k3", "identify", "{\"customerid\":\"c1\"}"));
    long m4 = mpid(call("k4", "identify", "{\"customerid\":\"c1\"}"));
    assertThat(m4).isNotEqualTo(m3);
    assertThat(mpid(call("k1", "identify", "{\"customerid\":\"c1\"}"))).isNotIn(m3, m4);
  }

  @Test
  void organizationScopeSharesAcrossAccounts() {
    long m5 = mpid(call("us2-k5", "identify", "{\"customerid\":\"c9\"}"));
    assertThat(mpid(call("k6", "identify", "{\"customerid\":\"c9\"}"))).isEqualTo(m5);
  }

  @Test
  void loginLogoutAndModify() {
    long anon = mpid(call("k3", "identify", "{\"device_application_stamp\":\"dev\"}"));
    JsonNode login =
        call("k3", "login", "{\"customerid\":\"u1\",\"device_application_stamp\":\"dev\"}");
    assertThat(login.get("is_logged_in").asBoolean()).isTrue();
    long user = mpid(login);
    assertThat(user).isEqualTo(anon); // an anonymous profile is adopted by its first login
    assertThat(call("k3", "identify", "{\"customerid\":\"u1\"}").get("is_logged_in").asBoolean())
        .isTrue();

    JsonNode logout = call("k3", "logout", "{\"device_application_stamp\":\"dev\"}");
    assertThat(logout.get("is_logged_in").asBoolean()).isFalse();
    long afterLogout = mpid(logout);
    assertThat(afterLogout).isNotEqualTo(user);
    assertThat(mpid(call("k3", "identify", "{\"device_application_stamp\":\"dev\"}")))
        .isEqualTo(afterLogout);

    HttpResponse<String> modify =
        post(
            server,
            "/v1/" + user + "/modify",
            "k3",
            "s3",
            "{\"identity_changes\":[{\"identity_type\":\"email\",\"old_value\":null,\"new_value\":\"u1@x.io\"}]}");
    assertThat(modify.statusCode()).as(modify.body()).isEqualTo(200);
    assertThat(tree(modify.body()).get("mpid").asText()).isEqualTo(Long.toString(user));
    assertThat(mpid(call("k3", "identify", "{\"email\":\"u1@x.io\"}"))).isEqualTo(user);

    HttpResponse<String> remove =
        post(
            server,
            "/v1/" + user + "/modify",
            "k3",
            "s3",
            "{\"identity_changes\":[{\"identity_type\":\"email\",\"old_value\":\"u1@x.io\",\"new_value\":null}]}");
    assertThat(remove.statusCode()).isEqualTo(200);
    assertThat(server.mpidOf("k3", "email", "u1@x.io")).isEmpty();
  }

  @Test
  void badRequestsAre400_andAuthIsChecked() {
    assertThat(post(server, "/v1/identify", "k3", "s3", "not json").statusCode()).isEqualTo(400);
    assertThat(post(server, "/v1/identify", "k3", "s3", "[]").statusCode()).isEqualTo(400);
    HttpResponse<String> eventsName =
        post(server, "/v1/identify", "k3", "s3", "{\"known_identities\":{\"customer_id\":\"c\"}}");
    assertThat(eventsName.statusCode()).isEqualTo(400);
    assertThat(tree(eventsName.body()).at("/errors/0/message").asText()).contains("customer_id");
    assertThat(
            post(server, "/v1/identify", "k3", "s3", "{\"known_identities\":{\"email\":5}}")
                .statusCode())
        .isEqualTo(400);
    assertThat(post(server, "/v1/identify", "k3", "s3", "{\"environment\":\"qa\"}").statusCode())
        .isEqualTo(400);
    assertThat(post(server, "/v1/123/modify", "k3", "s3", "{}").statusCode()).isEqualTo(400);
    assertThat(post(server, "/v1/abc/modify", "k3", "s3", "{\"identity_changes\":[]}").statusCode())
        .isEqualTo(400);
    assertThat(post(server, "/v1/999/modify", "k3", "s3", "{\"identity_changes\":[]}").statusCode())
        .isEqualTo(400);
    assertThat(
            post(
                    URI.create(server.identityBaseUri() + "/identify"),
                    null,
                    "{}".getBytes(StandardCharsets.UTF_8),
                    false)
                .statusCode())
        .isEqualTo(401);
    assertThat(post(server, "/v1/identify", "k3", "wrong", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void searchFindsKnownUsersOnly() {
    long m = mpid(call("k3", "identify", "{\"email\":\"s@x.io\"}"));
    assertThat(mpid(call("k3", "search", "{\"email\":\"s@x.io\"}"))).isEqualTo(m);
    assertThat(
            post(
                    server,
                    "/v1/search",
                    "k3",
                    "s3",
                    "{\"known_identities\":{\"email\":\"none@x.io\"}}")
                .statusCode())
        .isEqualTo(404);
  }
}
