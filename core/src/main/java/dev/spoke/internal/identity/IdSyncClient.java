package dev.spoke.internal.identity;

import dev.spoke.Environment;
import dev.spoke.internal.Copies;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.UserIdentities;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

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
 *
 * <p>This class checks the arguments and builds each request (path and body writer); beside it,
 * {@link IdSyncCalls} keeps the calls not answered yet and runs them on the executor, {@link
 * IdSyncExchange} sends one call with its retries, and {@link IdSyncAnswers} turns an answer into
 * the future's value or failure.
 */
public final class IdSyncClient {
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final IdSyncJson json;
  private final IdSyncAnswers answers;
  private final IdSyncCalls calls;

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
    required("client", client, "pass the shared OkHttpClient");
    this.baseUrl = parseBaseUrl(baseUrl);
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "apiKey is " + (apiKey == null ? "null" : "blank") + ": pass the workspace's API key");
    }
    this.apiKey = apiKey;
    required("secret", secret, "pass a supplier of the workspace's API secret");
    required("env", env, "pass Environment.DEVELOPMENT or Environment.PRODUCTION");
    if (sdkVersion == null || sdkVersion.isBlank()) {
      throw new IllegalArgumentException(
          "sdkVersion is "
              + (sdkVersion == null ? "null" : "blank")
              + ": pass the SDK's version, e.g. \"0.1.0\"");
    }
    required("clock", clock, "pass Clock.systemUTC()");
    required("executor", executor, "pass an executor with daemon spoke-… threads");
    required("policy", policy, "pass RetryPolicy.defaults()");
    required("backoff", backoff, "pass new Backoff(policy, jitter)");
    required("sleeper", sleeper, "pass Sleeper.SYSTEM");
    this.json = new IdSyncJson(env, sdkVersion);
    this.answers = new IdSyncAnswers(apiKey, json);
    this.calls =
        new IdSyncCalls(
            executor,
            new IdSyncExchange(client, apiKey, secret, clock, policy, backoff, sleeper, answers),
            answers);
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
      fail(future, IdentityCall.MODIFY, "could not start: " + e, e);
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
        fail(future, IdentityCall.ALIAS, "was not sent: " + problem, null);
        return future;
      }
      HttpUrl url =
          parseBaseUrl(aliasBase)
              .newBuilder()
              .addPathSegment(apiKey)
              .addPathSegment("alias")
              .build();
      calls.submit(
          future,
          new IdSyncExchange.Outgoing<Void>(
              IdentityCall.ALIAS,
              url,
              null,
              envelope -> json.aliasRequest(envelope, apiKey, request),
              (f, call, status, body, mpid) -> f.complete(null),
              true));
    } catch (RuntimeException e) {
      fail(future, IdentityCall.ALIAS, "could not start: " + e, e);
    }
    return future;
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
      fail(future, call, "could not start: " + e, e);
    }
    return future;
  }

  private static IdSyncJson.Envelope envelope(IdSyncJson.Envelope base, String context) {
    return new IdSyncJson.Envelope(base.requestId, base.timestampMs, context);
  }

  private void submit(
      CompletableFuture<IdentityResult> future,
      IdentityCall call,
      HttpUrl url,
      Long fallbackMpid,
      IdSyncExchange.BodyWriter body) {
    calls.submit(
        future,
        new IdSyncExchange.Outgoing<>(call, url, fallbackMpid, body, answers::result, false));
  }

  private void fail(CompletableFuture<?> future, IdentityCall call, String what, Throwable cause) {
    answers.fail(future, call, what, 0, null, cause);
  }

  /**
   * Fails every call not yet answered (queued, waiting to retry or in flight) with an {@link
   * IdentityException} naming the reason, cancels requests on the wire, and makes later calls fail
   * at once. Idempotent; never blocks.
   */
  public void close() {
    calls.close();
  }
}
