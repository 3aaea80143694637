package dev.spoke.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityResultTypesTest {
  @Test
  void resultBuilderDefaultsAndEquality() {
    IdentityResult a =
        IdentityResult.builder()
            .mpid(5)
            .context("c")
            .loggedIn(true)
            .matchedIdentities(null)
            .build();
    IdentityResult b = IdentityResult.builder().mpid(5).context("c").loggedIn(true).build();

    assertThat(a.matchedIdentities()).isEqualTo(UserIdentities.empty());
    assertThat(a.httpStatus()).isEqualTo(200);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(IdentityResult.builder().mpid(5).context("c").build());
    assertThat(a.toString()).contains("mpid=5", "loggedIn=true");
  }

  @Test
  void exceptionCopiesItsErrors() {
    List<IdentityException.ServerError> errors = new ArrayList<>();
    errors.add(new IdentityException.ServerError("BAD_REQUEST", "m"));
    IdentityException e = new IdentityException(IdentityCall.LOGOUT, "msg", 400, errors, null);
    errors.clear();

    assertThat(e.errors()).containsExactly(new IdentityException.ServerError("BAD_REQUEST", "m"));
    assertThatThrownBy(() -> e.errors().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(new IdentityException(IdentityCall.MODIFY, "x", 0, null, null).errors()).isEmpty();
    assertThat(e.call()).isEqualTo(IdentityCall.LOGOUT);
    assertThat(e.httpStatus()).isEqualTo(400);
  }
}
