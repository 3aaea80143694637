package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** IDSync alias requests as the platform's SDKs send them (docs/WIRE.md section 5). */
class AliasRequestTest {

  @Test
  void anAnonymousUserIsAliasedIntoTheLoggedInOneWithTheSdksPayload() throws Exception {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            String p = r.getPath();
            if (p.startsWith("/v1/identify")) {
              return new MockResponse()
                  .setBody("{\"mpid\":\"111\",\"context\":\"c\",\"is_logged_in\":false}");
            }
            if (p.startsWith("/v1/login")) {
              return new MockResponse()
                  .setBody("{\"mpid\":\"222\",\"context\":\"c\",\"is_logged_in\":true}");
            }
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .uploadInterval(Duration.ofMillis(10))
                  .build());
      SpokeUser anonymous = spoke.user("anon");
      anonymous.identify().get(10, TimeUnit.SECONDS);
      spoke
          .login(
              dev.spoke.user.UserIdentities.of(dev.spoke.user.IdentityType.EMAIL, "a@example.com"))
          .get(10, TimeUnit.SECONDS);
      SpokeUser me = spoke.currentUser();

      anonymous.aliasInto(me, 1_000L, 2_000L).get(10, TimeUnit.SECONDS);
      spoke.close();

      RecordedRequest alias = null;
      for (int i = 0; i < s.server.getRequestCount(); i++) {
        RecordedRequest r = s.server.takeRequest(1, TimeUnit.SECONDS);
        if (r != null && r.getPath().endsWith("/alias")) alias = r;
      }
      assertThat(alias).isNotNull();
      assertThat(alias.getPath()).isEqualTo("/v1/identity/key-1/alias");
      String body = alias.getBody().readUtf8();
      JsonNode json = new ObjectMapper().readTree(body);
      assertThat(json.get("request_type").asText()).isEqualTo("alias");
      assertThat(json.get("environment").asText()).isEqualTo("production");
      assertThat(json.get("api_key").asText()).isEqualTo("key-1");
      assertThat(json.get("request_id").asText()).isNotBlank();
      assertThat(json.at("/data/source_mpid").asLong()).isEqualTo(111L);
      assertThat(json.at("/data/destination_mpid").asLong()).isEqualTo(222L);
      assertThat(json.at("/data/start_unixtime_ms").asLong()).isEqualTo(1_000L);
      assertThat(json.at("/data/end_unixtime_ms").asLong()).isEqualTo(2_000L);
      assertThat(alias.getHeader("Date")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
      assertThat(alias.getHeader("x-mp-signature"))
          .isEqualTo(
              dev.spoke.internal.RequestSignature.sign(
                  "secret-1",
                  "POST",
                  "Tue, 14 Nov 2023 22:13:20 GMT",
                  "/v1/identity/key-1/alias",
                  body));
    }
  }

  @Test
  void requestsTheSdksRefuseAreNotSentAndSayWhy() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .build());
      assertRefused(
          spoke.aliasUsers(
              AliasRequest.builder()
                  .destinationMpid(2)
                  .startTimeMillis(1)
                  .endTimeMillis(2)
                  .build()),
          "sourceMpid and a destinationMpid");
      assertRefused(
          spoke.aliasUsers(
              AliasRequest.builder()
                  .sourceMpid(2)
                  .destinationMpid(2)
                  .startTimeMillis(1)
                  .endTimeMillis(2)
                  .build()),
          "are both 2");
      assertRefused(
          spoke.aliasUsers(
              AliasRequest.builder().sourceMpid(1).destinationMpid(2).endTimeMillis(2).build()),
          "startTimeMillis and an endTimeMillis");
      assertRefused(
          spoke.aliasUsers(
              AliasRequest.builder()
                  .sourceMpid(1)
                  .destinationMpid(2)
                  .startTimeMillis(3)
                  .endTimeMillis(2)
                  .build()),
          "is after its endTimeMillis");
      assertRefused(spoke.aliasUsers(null), "null");
      // A user IDSync has not resolved yet has no MPID to alias.
      assertRefused(spoke.user("unknown").aliasInto(spoke.user("other"), 1, 2), "destinationMpid");
      spoke.close();
      for (int i = 0; i < s.server.getRequestCount(); i++) {
        RecordedRequest r = s.server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r.getPath()).doesNotEndWith("/alias");
      }
    }
  }

  private static void assertRefused(
      java.util.concurrent.CompletableFuture<Void> f, String message) {
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(
            e -> {
              assertThat(e.getCause())
                  .isInstanceOf(IdentityException.class)
                  .hasMessageContaining(message);
              assertThat(((IdentityException) e.getCause()).call()).isEqualTo(IdentityCall.ALIAS);
            });
  }
}
