package dev.spoke.internal.identity;

import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.ResponseBody;

/**
 * Not API. What an IDSync answer means for the caller's future: reads a response body within its
 * cap, turns a 2xx body into an {@link IdentityResult}, and words every failure as one {@link
 * IdentityException} naming the call and the workspace key (never the secret).
 */
final class IdSyncAnswers {
  /**
   * Real IDSync responses are well under 2 KiB; the cap bounds what a broken server can make us
   * hold.
   */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final String apiKey;
  private final IdSyncJson json;

  IdSyncAnswers(String apiKey, IdSyncJson json) {
    this.apiKey = apiKey;
    this.json = json;
  }

  /**
   * @return the body, or null when it is longer than {@link #MAX_RESPONSE_BYTES}
   */
  static byte[] readCapped(ResponseBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = body.byteStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + n > MAX_RESPONSE_BYTES) {
          return null;
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  /**
   * Completes {@code future} with the result a 2xx {@code body} holds, or fails it when the body
   * was over the cap (null) or cannot be read.
   *
   * @param fallbackMpid the mpid of the result when the server names none (modify), or null
   */
  void result(
      CompletableFuture<IdentityResult> future,
      IdentityCall call,
      int status,
      byte[] body,
      Long fallbackMpid) {
    if (body == null) {
      fail(
          future,
          call,
          "answered HTTP " + status + " with a body over " + MAX_RESPONSE_BYTES + " bytes",
          status,
          null,
          null);
      return;
    }
    IdentityResult result;
    try {
      result = json.result(body, status, fallbackMpid);
    } catch (IOException | RuntimeException e) {
      fail(
          future,
          call,
          "answered HTTP " + status + " with an unreadable body: " + e.getMessage(),
          status,
          null,
          e);
      return;
    }
    future.complete(result);
  }

  /** Fails {@code future} after the last attempt the policy allows was answered {@code status}. */
  void exhausted(
      CompletableFuture<?> future, IdentityCall call, int attempts, int status, byte[] body) {
    fail(
        future,
        call,
        "failed after " + attempts + " attempt(s): last HTTP " + status,
        status,
        json.errors(body),
        null);
  }

  /**
   * Fails {@code future} for an answer that is not retried: {@link RetryPolicy.Action#PAUSE}
   * (credentials refused) or a rejection, with the server's errors.
   */
  void refused(
      CompletableFuture<?> future,
      IdentityCall call,
      RetryPolicy.Action action,
      int status,
      byte[] body) {
    List<IdentityException.ServerError> errors = json.errors(body);
    if (action == RetryPolicy.Action.PAUSE) {
      fail(
          future,
          call,
          "was refused with HTTP "
              + status
              + ": check the API secret configured for this key (and that the key is an IDSync-enabled"
              + " input of the workspace)",
          status,
          errors,
          null);
    } else {
      fail(
          future,
          call,
          "was rejected with HTTP " + status + describe(errors),
          status,
          errors,
          null);
    }
  }

  /** The first three server errors, for a message. */
  static String describe(List<IdentityException.ServerError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder(": ");
    for (int i = 0; i < errors.size() && i < 3; i++) {
      if (i > 0) {
        s.append("; ");
      }
      s.append(errors.get(i));
    }
    if (errors.size() > 3) {
      s.append("; … (").append(errors.size() - 3).append(" more)");
    }
    return s.toString();
  }

  /**
   * Fails {@code future} with an {@link IdentityException} whose message names the call and the
   * workspace key, then says {@code what} happened.
   */
  void fail(
      CompletableFuture<?> future,
      IdentityCall call,
      String what,
      int status,
      List<IdentityException.ServerError> errors,
      Throwable cause) {
    String message = "IDSync " + call + " for workspace key '" + apiKey + "' " + what;
    future.completeExceptionally(new IdentityException(call, message, status, errors, cause));
  }
}
