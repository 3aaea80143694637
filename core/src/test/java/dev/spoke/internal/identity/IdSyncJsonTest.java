package dev.spoke.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Environment;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdSyncJsonTest {
  private final IdSyncJson json = new IdSyncJson(Environment.PRODUCTION, "9.9");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void resultToleratesNumericMpidUnknownFieldsAndOddTypes() throws IOException {
    IdentityResult r =
        json.result(
            utf8(
                "{\"extra\":{\"deep\":[1,{\"x\":2}]},\"mpid\":9223372036854775807,"
                    + "\"is_logged_in\":{\"odd\":true},\"is_ephemeral\":true,\"context\":[\"not\",\"a\",\"string\"],"
                    + "\"matched_identities\":{\"other10\":\"x\",\"email\":[\"a\",\"b\"],\"unknown\":\"u\"}}"),
            202,
            null);

    assertThat(r.mpid()).isEqualTo(Long.MAX_VALUE);
    assertThat(r.loggedIn()).isFalse();
    assertThat(r.ephemeral()).isTrue();
    assertThat(r.context()).isNull();
    assertThat(r.matchedIdentities().asMap()).containsOnlyKeys(IdentityType.OTHER_ID_10);
    assertThat(r.httpStatus()).isEqualTo(202);
  }

  @Test
  void missingMpidUsesTheFallbackOnlyWhenGiven() throws IOException {
    assertThat(json.result(utf8("{}"), 200, 77L).mpid()).isEqualTo(77L);
    assertThat(json.result(utf8("{\"mpid\":\" 12 \"}"), 200, 77L).mpid()).isEqualTo(12L);
    assertThatThrownBy(() -> json.result(utf8("{}"), 200, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("mpid");
    assertThatThrownBy(() -> json.result(utf8("{\"mpid\":\"99999999999999999999\"}"), 200, null))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> json.result(utf8("{\"mpid\":true}"), 200, null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void errorsAreBestEffortAndBounded() {
    assertThat(json.errors(utf8("not json"))).isEmpty();
    assertThat(json.errors(null)).isEmpty();
    assertThat(json.errors(utf8("{\"errors\":\"nope\"}"))).isEmpty();
    assertThat(
            json.errors(
                utf8("{\"errors\":[{\"code\":400,\"message\":null,\"extra\":{\"a\":1}},7]}")))
        .containsExactly(new IdentityException.ServerError("400", null));
    // A truncated body keeps the entries read before the break.
    assertThat(json.errors(utf8("{\"errors\":[{\"code\":\"A\",\"message\":\"m\"},{\"code\":\"B\"")))
        .containsExactly(new IdentityException.ServerError("A", "m"));
    StringBuilder many = new StringBuilder("{\"errors\":[");
    for (int i = 0; i < 500; i++) {
      many.append(i == 0 ? "" : ",").append("{\"code\":\"C").append(i).append("\"}");
    }
    assertThat(json.errors(utf8(many.append("]}").toString())))
        .hasSize(IdSyncJson.MAX_SERVER_ERRORS);
  }
}
