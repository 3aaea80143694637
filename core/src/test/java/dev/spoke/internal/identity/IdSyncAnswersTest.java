package dev.spoke.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class IdSyncAnswersTest {
  private final IdSyncAnswers answers =
      new IdSyncAnswers("key-a", new IdSyncJson(Environment.DEVELOPMENT, "0.1.0"));

  private static IdentityException failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.join();
    } catch (CompletionException e) {
      return (IdentityException) e.getCause();
    }
    throw new AssertionError("not failed");
  }

  @Test
  void aBodyOverTheCapFailsTheCallNamingTheKeyAndTheCap() {
    CompletableFuture<IdentityResult> future = new CompletableFuture<>();

    answers.result(future, IdentityCall.LOGIN, 200, null, null);

    IdentityException e = failure(future);
    assertThat(e.call()).isEqualTo(IdentityCall.LOGIN);
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.getMessage())
        .startsWith("IDSync LOGIN for workspace key 'key-a' ")
        .contains("over " + IdSyncAnswers.MAX_RESPONSE_BYTES + " bytes");
  }

  @Test
  void aRejectionCarriesTheServersErrorsAndNamesAtMostThree() {
    byte[] body =
        ("{\"errors\":[{\"code\":\"a\",\"message\":\"1\"},{\"code\":\"b\",\"message\":\"2\"},"
                + "{\"code\":\"c\",\"message\":\"3\"},{\"code\":\"d\",\"message\":\"4\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    CompletableFuture<IdentityResult> future = new CompletableFuture<>();

    answers.refused(future, IdentityCall.IDENTIFY, RetryPolicy.Action.DROP, 400, body);

    IdentityException e = failure(future);
    assertThat(e.errors()).hasSize(4);
    assertThat(e.getMessage()).endsWith("was rejected with HTTP 400: a: 1; b: 2; c: 3; … (1 more)");
  }

  @Test
  void refusedCredentialsPointAtTheSecret() {
    CompletableFuture<Void> future = new CompletableFuture<>();

    answers.refused(future, IdentityCall.ALIAS, RetryPolicy.Action.PAUSE, 401, new byte[0]);

    assertThat(failure(future).getMessage()).contains("check the API secret");
    assertThat(IdSyncAnswers.describe(List.of())).isEmpty();
  }
}
