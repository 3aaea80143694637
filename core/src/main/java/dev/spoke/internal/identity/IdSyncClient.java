package dev.spoke.internal.identity;

import dev.spoke.Environment;
import dev.spoke.internal.Copies;
import dev.spoke.internal.RequestSignature;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryAfter;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.UserIdentities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Client of the IDSync API ({@code identify}, {@code login}, {@code logout}, {@code
 * {mpid}/modify}; WIRE.md section 5).
 *
 * <p>Threads: each call returns at once; the request, its retries (waits go through the injected
 * {@link Sleeper}) and the completion of the returned future all run on the injected executor,
 * never on the caller's thread, so dependent stages attached without an executor run there too. The
 * only exception: if the executor rejects the task, the future is failed on the caller's thread.
 * Because retries wait on the executor thread, give this client an executor whose threads may block
 * (e.g. a dedicated daemon {@code spoke-identity} thread), not a shared event loop.
 *
 * <p>Failures never throw into the caller: they complete the future with an {@link
 * IdentityException}. 429, 408, 5xx (but 501/505) and I/O errors are retried with full-jitter
 * backoff, or after the server's {@code Retry-After} (capped by the policy), up to {@link
 * RetryPolicy#maxAttempts()} sends. Cancelling the future stops further attempts.
 *
 * <p>{@link #close} completes every call still queued, waiting to retry or in flight with an {@link
 * IdentityException} saying the instance closed, and fails later calls at once: no future is left
 * pending forever.
 *
 * <p>The API secret is read from the supplier for every send (so a rotated secret is used at once)
 * and appears only in the {@code Authorization} header: never in messages or logs.
 */
public final class IdSyncClient {
  private static final Logger log = LoggerFactory.getLogger(IdSyncClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * Real IDSync responses are well under 2 KiB; the cap bounds what a broken server can make us
   * hold.
   */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final Supplier<String> secret;
  private final Clock clock;
  private final Executor executor;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final IdSyncJson json;

  /** Calls whose future is not complete yet; {@link #close} fails them. */
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  /**
   * @param client the shared HTTP client (timeouts and interceptors are the caller's choice)
   * @param baseUrl the IDSync base, e.g. {@code https://identity.mparticle.com/v1}
   * @param apiKey the workspace key (not a secret; named in error messages)
   * @param secret supplies the workspace API secret for each send
   * @param env the environment sent with every request
   * @param sdkVersion sent as {@code client_sdk.sdk_version}
   * @param clock source of {@code request_timestamp_ms} and the base of HTTP-date {@code
   *     Retry-After}
   * @param executor runs requests and completes the futures (see the class comment)
   * @param policy attempts, which statuses retry and the {@code Retry-After} cap
   * @param backoff delay between retries when the server gives no {@code Retry-After}
   * @param sleeper waits between retries
   * @throws IllegalArgumentException naming the parameter when one is null or malformed
   */
  public IdSyncClient(
      OkHttpClient client,
      String baseUrl,
      String apiKey,
      Supplier<String> secret,
      Environment env,
      String sdkVersion,
      Clock clock,
      Executor executor,
      RetryPolicy policy,
      Backoff backoff,
      Sleeper sleeper) {
    this.client = required("client", client, "pass the shared OkHttpClient");
    this.baseUrl = parseBaseUrl(baseUrl);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "apiKey is " + (apiKey == null ? "null" : "blank") + ": pass the workspace's API key");
    }
    this.apiKey = apiKey;
    this.secret = required("secret", secret, "pass a supplier of the workspace's API secret");
    required("env", env, "pass Environment.DEVELOPMENT or Environment.PRODUCTION");
    if (sdkVersion == null || sdkVersion.isBlank()) {
      throw new IllegalArgumentException(
          "sdkVersion is "
              + (sdkVersion == null ? "null" : "blank")
              + ": pass the SDK's version, e.g. \"0.1.0\"");
    }
    this.clock = required("clock", clock, "pass Clock.systemUTC()");
    this.executor = required("executor", executor, "pass an executor with daemon spoke-… threads");
    this.policy = required("policy", policy, "pass RetryPolicy.defaults()");
    this.backoff = required("backoff", backoff, "pass new Backoff(policy, jitter)");
    this.sleeper = required("sleeper", sleeper, "pass Sleeper.SYSTEM");
    this.json = new IdSyncJson(env, sdkVersion);
  }

  private static <T> T required(String name, T value, String fix) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is null: " + fix);
    }
    return value;
  }

  private static HttpUrl parseBaseUrl(String baseUrl) {
    HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl is "
              + (baseUrl == null ? "null" : "\"" + baseUrl + "\"")
              + ": pass an http(s) URL such as https://identity.mparticle.com/v1");
    }
    return url;
  }

  /** {@link #identify(UserIdentities, Map, Long, String)} without device ids. */
  public CompletableFuture<IdentityResult> identify(
      UserIdentities known, Long previousMpid, String context) {
    return identify(known, Collections.emptyMap(), previousMpid, context);
  }

  /**
   * Resolves the user owning {@code known} ({@code POST /identify}).
   *
   * @param known user identities, sent under their IDSync names; null means none
   * @param deviceIds extra {@code known_identities} entries by IDSync key, e.g. {@code
   *     device_application_stamp}; null means none; a key naming a user identity in {@code known}
   *     is ignored
   * @param previousMpid the current user's mpid, or null
   * @param context the {@code context} of the previous result, or null
   * @return the result, completed on the executor
   */
  public CompletableFuture<IdentityResult> identify(
      UserIdentities known, Map<String, String> deviceIds, Long previousMpid, String context) {
    return identityCall(IdentityCall.IDENTIFY, "identify", known, deviceIds, previousMpid, context);
  }

  /** {@link #login(UserIdentities, Map, Long, String)} without device ids. */
  public CompletableFuture<IdentityResult> login(
      UserIdentities known, Long previousMpid, String context) {
    return login(known, Collections.emptyMap(), previousMpid, context);
  }

  /**
   * Switches to the user owning {@code known} ({@code POST /login}); parameters as for {@link
   * #identify(UserIdentities, Map, Long, String)}.
   *
   * @return the result, completed on the executor
   */
  public CompletableFuture<IdentityResult> login(
      UserIdentities known, Map<String, String> deviceIds, Long previousMpid, String context) {
    return identityCall(IdentityCall.LOGIN, "login", known, deviceIds, previousMpid, context);
  }

  /** {@link #logout(UserIdentities, Map, Long, String)} without device ids. */
  public CompletableFuture<IdentityResult> logout(
      UserIdentities known, Long previousMpid, String context) {
    return logout(known, Collections.emptyMap(), previousMpid, context);
  }

  /**
   * Switches to a logged-out user ({@code POST /logout}); {@code known} holds the identities the
   * logged-out user keeps (often none). Parameters as for {@link #identify(UserIdentities, Map,
   * Long, String)}.
   *
   * @return the result, completed on the executor
   */
  public CompletableFuture<IdentityResult> logout(
      UserIdentities known, Map<String, String> deviceIds, Long previousMpid, String context) {
    return identityCall(IdentityCall.LOGOUT, "logout", known, deviceIds, previousMpid, context);
  }

  /** {@link #modify(long, UserIdentities, UserIdentities, String)} without a context. */
  public CompletableFuture<IdentityResult> modify(
      long mpid, UserIdentities oldIds, UserIdentities newIds) {
    return modify(mpid, oldIds, newIds, null);
  }

  /**
   * Changes the identities of user {@code mpid} ({@code POST /{mpid}/modify}), sending one {@code
   * identity_changes[]} entry per type whose value differs: {@code old_value} null adds, {@code
   * new_value} null removes. The request is sent even when nothing differs: the server decides what
   * an empty change list means.
   *
   * @param mpid the user to change
   * @param oldIds the identities the user has, null means none
   * @param newIds the identities the user should have, null means none
   * @param context the {@code context} of the previous result, or null
   * @return the result (its mpid is {@code mpid} unless the server names another), completed on the
   *     executor; {@code loggedIn}/{@code ephemeral} are false unless the server says otherwise
   */
  public CompletableFuture<IdentityResult> modify(
      long mpid, UserIdentities oldIds, UserIdentities newIds, String context) {
    CompletableFuture<IdentityResult> future = new CompletableFuture<>();
    try {
      List<IdentityDiff.Change> changes = IdentityDiff.between(oldIds, newIds);
      HttpUrl url =
          baseUrl.newBuilder().addPathSegment(Long.toString(mpid)).addPathSegment("modify").build();
      submit(
          future,
          IdentityCall.MODIFY,
          url,
          mpid,
          envelope -> json.modifyRequest(envelope(envelope, context), changes));
    } catch (RuntimeException e) {
      fail(future, IdentityCall.MODIFY, "could not start: " + e, 0, null, e);
    }
    return future;
  }

  /**
   * Copies the source user's data in the request's window to the destination user, as the
   * platform's SDKs send an alias request (mparticle-android-sdk {@code
   * MParticleApiClientImpl.sendAliasRequest} and {@code internal/messages/MPAliasMessage.java};
   * mparticle-web-sdk {@code createAliasNetworkRequest}): {@code POST {aliasBase}/{apiKey}/alias}
   * with {@code {request_id, request_type:"alias", environment, api_key, data:{source_mpid,
   * destination_mpid, start_unixtime_ms, end_unixtime_ms}}}, signed with {@code Date} and {@code
   * x-mp-signature} as the Android SDK signs it (and Basic auth, as every call here). A request
   * that breaks the SDKs' rules ({@link AliasRequest#problem()}) is not sent: the future fails.
   *
   * @param aliasBase e.g. {@code https://nativesdks.us1.mparticle.com/v1/identity}
   * @param request the request
   * @return completes (with null) on a 2xx answer, on the executor; fails with an {@link
   *     IdentityException}
   */
  public CompletableFuture<Void> alias(String aliasBase, AliasRequest request) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    try {
      String problem =
          request == null
              ? "the alias request is null: build one with AliasRequest.builder()"
              : request.problem();
      if (problem != null) {
        fail(future, IdentityCall.ALIAS, "was not sent: " + problem, 0, null, null);
        return future;
      }
      HttpUrl url =
          parseBaseUrl(aliasBase)
              .newBuilder()
              .addPathSegment(apiKey)
              .addPathSegment("alias")
              .build();
      submit(
          future,
          IdentityCall.ALIAS,
          url,
          null,
          envelope -> json.aliasRequest(envelope, apiKey, request),
          (f, call, status, body, mpid) -> f.complete(null),
          true);
    } catch (RuntimeException e) {
      fail(future, IdentityCall.ALIAS, "could not start: " + e, 0, null, e);
    }
    return future;
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

  private CompletableFuture<IdentityResult> identityCall(
      IdentityCall call,
      String path,
      UserIdentities known,
      Map<String, String> deviceIds,
      Long previousMpid,
      String context) {
    CompletableFuture<IdentityResult> future = new CompletableFuture<>();
    try {
      // Copied on the caller's thread: the host may change its map after we return.
      Map<String, String> devices = Copies.safeMap(deviceIds);
      UserIdentities ids = known == null ? UserIdentities.empty() : known;
      HttpUrl url = baseUrl.newBuilder().addPathSegment(path).build();
      submit(
          future,
          call,
          url,
          null,
          envelope ->
              json.identityRequest(envelope(envelope, context), ids, devices, previousMpid));
    } catch (RuntimeException e) {
      fail(future, call, "could not start: " + e, 0, null, e);
    }
    return future;
  }

  private static IdSyncJson.Envelope envelope(IdSyncJson.Envelope base, String context) {
    return new IdSyncJson.Envelope(base.requestId, base.timestampMs, context);
  }

  @FunctionalInterface
  private interface BodyWriter {
    byte[] write(IdSyncJson.Envelope envelope) throws IOException;
  }

  /** Turns a 2xx answer into the future's value. */
  @FunctionalInterface
  private interface Completer<T> {
    void complete(
        CompletableFuture<T> future, IdentityCall call, int status, byte[] body, Long fallbackMpid);
  }

  private void submit(
      CompletableFuture<IdentityResult> future,
      IdentityCall call,
      HttpUrl url,
      Long fallbackMpid,
      BodyWriter body) {
    submit(future, call, url, fallbackMpid, body, this::complete, false);
  }

  /** One outstanding call: its future and, while a request is on the wire, the HTTP call. */
  private static final class Pending {
    final CompletableFuture<?> future;
    final IdentityCall call;
    volatile Call http;

    Pending(CompletableFuture<?> future, IdentityCall call) {
      this.future = future;
      this.call = call;
    }
  }

  /**
   * Fails every call not yet answered (queued, waiting to retry or in flight) with an {@link
   * IdentityException} naming the reason, cancels requests on the wire, and makes later calls fail
   * at once. Idempotent; never blocks.
   */
  public void close() {
    closed = true;
    for (Pending p : pending) {
      fail(
          p.future,
          p.call,
          "was abandoned: the instance was closed before IDSync answered",
          0,
          null,
          null);
      Call http = p.http;
      if (http != null) {
        http.cancel();
      }
    }
    pending.clear();
  }

  private <T> void submit(
      CompletableFuture<T> future,
      IdentityCall call,
      HttpUrl url,
      Long fallbackMpid,
      BodyWriter body,
      Completer<T> completer,
      boolean signed) {
    if (closed) {
      fail(future, call, "was not sent: the instance is closed", 0, null, null);
      return;
    }
    Pending p = new Pending(future, call);
    pending.add(p);
    future.whenComplete((r, e) -> pending.remove(p));
    if (closed) { // close ran between the check and the registration: it may have missed p
      fail(future, call, "was not sent: the instance is closed", 0, null, null);
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              run(p, future, url, fallbackMpid, body, completer, signed);
            } catch (Throwable e) {
              // Keep the promise: a future left pending would hang the caller forever. Catch
              // everything: OkHttp's Kotlin code can throw a checked InterruptedException when
              // close interrupts this thread.
              fail(future, call, "failed unexpectedly: " + e, 0, null, e);
              if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
              if (e instanceof Error) {
                throw (Error) e;
              }
            }
          });
    } catch (RuntimeException rejected) {
      fail(
          future,
          call,
          "could not be scheduled: the executor rejected it (" + rejected + ")",
          0,
          null,
          rejected);
    }
  }

  private <T> void run(
      Pending p,
      CompletableFuture<T> future,
      HttpUrl url,
      Long fallbackMpid,
      BodyWriter writer,
      Completer<T> completer,
      boolean signed) {
    IdentityCall call = p.call;
    if (future.isDone()) {
      return; // cancelled, or failed by close while queued
    }
    byte[] body;
    try {
      // Built once: a retry is the same request, so it keeps its request_id and timestamp.
      body =
          writer.write(new IdSyncJson.Envelope(UUID.randomUUID().toString(), clock.millis(), null));
    } catch (IOException e) {
      fail(future, call, "could not write the request body: " + e.getMessage(), 0, null, e);
      return;
    }
    int maxAttempts = policy.maxAttempts();
    for (int attempt = 0; ; attempt++) {
      if (future.isDone()) {
        return; // cancelled by the caller
      }
      String authorization = authorization();
      if (authorization == null) {
        fail(
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
              .url(url)
              .header("Authorization", authorization)
              .header("Accept", "application/json")
              .post(RequestBody.create(body, JSON));
      if (signed) {
        signInto(rb, url, body);
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
        responseBody = readCapped(response.body());
      } catch (IOException e) {
        if (future.isDone()) {
          return; // cancelled by close
        }
        if (attempt + 1 >= maxAttempts) {
          fail(future, call, "failed after " + (attempt + 1) + " attempt(s): " + e, 0, null, e);
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
        completer.complete(future, call, status, responseBody, fallbackMpid);
        return;
      }
      if (action == RetryPolicy.Action.RETRY) {
        if (attempt + 1 >= maxAttempts) {
          fail(
              future,
              call,
              "failed after " + (attempt + 1) + " attempt(s): last HTTP " + status,
              status,
              json.errors(responseBody),
              null);
          return;
        }
        OptionalLong serverDelay =
            RetryAfter.parseMillis(retryAfter, clock, policy.maxRetryAfter().toMillis());
        long delay =
            serverDelay.isPresent() ? serverDelay.getAsLong() : backoff.delayMillis(attempt);
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
        continue;
      }
      List<IdentityException.ServerError> errors = json.errors(responseBody);
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
      return;
    }
  }

  private void complete(
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

  private boolean sleep(CompletableFuture<?> future, IdentityCall call, long millis) {
    try {
      sleeper.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(future, call, "was interrupted while waiting to retry", 0, null, e);
      return false;
    }
  }

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

  /**
   * @return the body, or null when it is longer than {@link #MAX_RESPONSE_BYTES}
   */
  private static byte[] readCapped(ResponseBody body) throws IOException {
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

  private static String describe(List<IdentityException.ServerError> errors) {
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

  private void fail(
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
