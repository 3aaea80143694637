package dev.spoke.internal.identity;

import dev.spoke.internal.RequestSignature;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryAfter;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.user.IdentityCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. One IDSync call on the wire: builds the body once, authenticates (and signs, for alias)
 * every send, and retries 429, 408, 5xx (but 501/505) and I/O errors with full-jitter backoff or
 * after the server's {@code Retry-After} (capped by the policy), up to {@link
 * RetryPolicy#maxAttempts()} sends. Runs on the thread that calls {@link #run}; waits go through
 * the injected {@link Sleeper}. What an answer means is {@link IdSyncAnswers}'s part.
 */
final class IdSyncExchange {
  // Logged under the client's name: hosts configure IDSync logging by that one class.
  private static final Logger log = LoggerFactory.getLogger(IdSyncClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Writes a request body around the envelope (request id, timestamp) the exchange chose. */
  @FunctionalInterface
  interface BodyWriter {
    byte[] write(IdSyncJson.Envelope envelope) throws IOException;
  }

  /** Turns a 2xx answer into the future's value. */
  @FunctionalInterface
  interface Completer<T> {
    void complete(
        CompletableFuture<T> future, IdentityCall call, int status, byte[] body, Long fallbackMpid);
  }

  /**
   * What to send for one call.
   *
   * @param fallbackMpid the mpid of the result when the server names none, or null
   * @param signed true to add {@code Date} and {@code x-mp-signature} (alias)
   */
  record Outgoing<T>(
      IdentityCall call,
      HttpUrl url,
      Long fallbackMpid,
      BodyWriter body,
      Completer<T> completer,
      boolean signed) {}

  private final OkHttpClient client;
  private final String apiKey;
  private final Supplier<String> secret;
  private final Clock clock;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final IdSyncAnswers answers;

  IdSyncExchange(
      OkHttpClient client,
      String apiKey,
      Supplier<String> secret,
      Clock clock,
      RetryPolicy policy,
      Backoff backoff,
      Sleeper sleeper,
      IdSyncAnswers answers) {
    this.client = client;
    this.apiKey = apiKey;
    this.secret = secret;
    this.clock = clock;
    this.policy = policy;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.answers = answers;
  }

  /**
   * Sends {@code out} until it is answered, fails for good, or {@code future} completes (cancelled
   * by the caller or failed by close); publishes each HTTP call in {@code p} so close can cancel
   * it.
   */
  <T> void run(IdSyncCalls.Pending p, CompletableFuture<T> future, Outgoing<T> out) {
    IdentityCall call = out.call();
    if (future.isDone()) {
      return; // cancelled, or failed by close while queued
    }
    byte[] body;
    try {
      // Built once: a retry is the same request, so it keeps its request_id and timestamp.
      body =
          out.body()
              .write(new IdSyncJson.Envelope(UUID.randomUUID().toString(), clock.millis(), null));
    } catch (IOException e) {
      answers.fail(future, call, "could not write the request body: " + e.getMessage(), 0, null, e);
      return;
    }
    int maxAttempts = policy.maxAttempts();
    for (int attempt = 0; ; attempt++) {
      if (future.isDone()) {
        return; // cancelled by the caller
      }
      String authorization = authorization();
      if (authorization == null) {
        answers.fail(
            future,
            call,
            "has no API secret: the secret supplier returned none; "
                + "configure the secret for this key",
            0,
            null,
            null);
        return;
      }
      Request.Builder rb =
          new Request.Builder()
              .url(out.url())
              .header("Authorization", authorization)
              .header("Accept", "application/json")
              .post(RequestBody.create(body, JSON));
      if (out.signed()) {
        signInto(rb, out.url(), body);
      }
      Request request = rb.build();
      int status;
      byte[] responseBody;
      String retryAfter;
      Call http = client.newCall(request);
      p.http = http;
      if (future.isDone()) {
        return; // close ran meanwhile (and may have missed this call object)
      }
      try (Response response = http.execute()) {
        status = response.code();
        retryAfter = response.header("Retry-After");
        responseBody = IdSyncAnswers.readCapped(response.body());
      } catch (IOException e) {
        if (future.isDone()) {
          return; // cancelled by close
        }
        if (attempt + 1 >= maxAttempts) {
          answers.fail(
              future, call, "failed after " + (attempt + 1) + " attempt(s): " + e, 0, null, e);
          return;
        }
        log.debug(
            "IDSync {} for key {}: I/O error on attempt {}, retrying: {}",
            call,
            apiKey,
            attempt + 1,
            e.toString());
        if (!sleep(future, call, backoff.delayMillis(attempt))) {
          return;
        }
        continue;
      }
      RetryPolicy.Action action = RetryPolicy.classify(status);
      if (action == RetryPolicy.Action.ACCEPT) {
        out.completer().complete(future, call, status, responseBody, out.fallbackMpid());
        return;
      }
      if (action != RetryPolicy.Action.RETRY) {
        answers.refused(future, call, action, status, responseBody);
        return;
      }
      if (attempt + 1 >= maxAttempts) {
        answers.exhausted(future, call, attempt + 1, status, responseBody);
        return;
      }
      OptionalLong serverDelay =
          RetryAfter.parseMillis(retryAfter, clock, policy.maxRetryAfter().toMillis());
      long delay = serverDelay.isPresent() ? serverDelay.getAsLong() : backoff.delayMillis(attempt);
      log.debug(
          "IDSync {} for key {}: HTTP {} on attempt {}, retrying in {} ms",
          call,
          apiKey,
          status,
          attempt + 1,
          delay);
      if (!sleep(future, call, delay)) {
        return;
      }
    }
  }

  /**
   * Adds {@code Date} and {@code x-mp-signature} over method, date, path and body (docs/WIRE.md
   * section 5).
   */
  private void signInto(Request.Builder rb, HttpUrl url, byte[] body) {
    String key;
    try {
      key = secret.get();
    } catch (RuntimeException e) {
      return;
    }
    if (key == null || key.isEmpty()) {
      return;
    }
    String date = RequestSignature.date(clock.instant());
    String pathAndQuery =
        url.encodedPath() + (url.encodedQuery() != null ? "?" + url.encodedQuery() : "");
    rb.header("Date", date);
    rb.header(
        "x-mp-signature",
        RequestSignature.sign(
            key, "POST", date, pathAndQuery, new String(body, StandardCharsets.UTF_8)));
  }

  private boolean sleep(CompletableFuture<?> future, IdentityCall call, long millis) {
    try {
      sleeper.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answers.fail(future, call, "was interrupted while waiting to retry", 0, null, e);
      return false;
    }
  }

  /**
   * @return the Basic credentials read from the supplier now (so a rotated secret is used at once),
   *     or null when it has none
   */
  private String authorization() {
    String s;
    try {
      s = secret.get();
    } catch (RuntimeException e) {
      return null;
    }
    if (s == null || s.isEmpty()) {
      return null;
    }
    byte[] credentials = (apiKey + ':' + s).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }
}
