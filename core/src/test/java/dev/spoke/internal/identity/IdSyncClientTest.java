package dev.spoke.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.Environment;
import dev.spoke.internal.upload.Backoff;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdSyncClientTest {
  private static final String KEY = "us1-workspacekey";
  private static final String SECRET = "s3cr3t-Value-never-shown";
  private static final long NOW = 1_700_000_000_123L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private static final String EXECUTOR_THREAD = "spoke-identity-test";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MockWebServer server;
  private OkHttpClient http;
  private ExecutorService executor;
  private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<String> secret = new AtomicReference<>(SECRET);
  private RetryPolicy policy;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    // OkHttp must not retry on its own: the client under test owns retries.
    http =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(5))
            .build();
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, EXECUTOR_THREAD);
              t.setDaemon(true);
              return t;
            });
    policy =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofSeconds(1))
            .maxBackoff(Duration.ofSeconds(8))
            .maxAttempts(3)
            .maxRetryAfter(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void tearDown() throws Exception {
    executor.shutdownNow();
    http.connectionPool().evictAll();
    server.shutdown();
  }

  private IdSyncClient client() {
    return client(sleeps::add);
  }

  private IdSyncClient client(Sleeper sleeper) {
    return client(sleeper, executor, server.url("/v1").toString());
  }

  private IdSyncClient client(Sleeper sleeper, java.util.concurrent.Executor exec, String base) {
    return new IdSyncClient(
        http,
        base,
        KEY,
        secret::get,
        Environment.DEVELOPMENT,
        "1.2.3",
        CLOCK,
        exec,
        policy,
        new Backoff(policy, () -> 0.5),
        sleeper);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("request received").isNotNull();
    return r;
  }

  private static JsonNode body(RecordedRequest r) throws Exception {
    return MAPPER.readTree(r.getBody().readUtf8());
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  private static IdentityException failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IdentityException.class);
      return (IdentityException) e.getCause();
    }
    throw new AssertionError("expected the call to fail");
  }

  private static String basic(String key, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static void assertEnvelope(JsonNode b, String context) {
    assertThat(b.path("client_sdk").path("platform").asText()).isEqualTo("other");
    assertThat(b.path("client_sdk").path("sdk_vendor").asText()).isEqualTo("spoke");
    assertThat(b.path("client_sdk").path("sdk_version").asText()).isEqualTo("1.2.3");
    assertThat(b.path("environment").asText()).isEqualTo("development");
    assertThat(UUID.fromString(b.path("request_id").asText())).isNotNull();
    assertThat(b.path("request_timestamp_ms").isIntegralNumber()).isTrue();
    assertThat(b.path("request_timestamp_ms").asLong()).isEqualTo(NOW);
    assertThat(b.has("context")).isTrue();
    if (context == null) {
      assertThat(b.get("context").isNull()).isTrue();
    } else {
      assertThat(b.get("context").asText()).isEqualTo(context);
    }
  }

  @Test
  void identifySendsIdsyncKeyNamesAndParsesTheResponse() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"context\":\"ctx-1\",\"mpid\":\"8765432109876543210\",\"is_ephemeral\":false,"
                + "\"is_logged_in\":false,\"matched_identities\":{\"customerid\":\"c-1\","
                + "\"device_application_stamp\":\"das-1\",\"email\":\"a@example.com\"}}"));
    UserIdentities known =
        UserIdentities.builder()
            .customerId("c-1")
            .email("a@example.com")
            .put(IdentityType.OTHER_ID_2, "o-2")
            .put(IdentityType.MOBILE_NUMBER, "+15550100")
            .put(IdentityType.FACEBOOK_CUSTOM_AUDIENCE_ID, "fb-9")
            .build();
    Map<String, String> devices = new LinkedHashMap<>();
    devices.put("device_application_stamp", "das-1");

    IdentityResult result = await(client().identify(known, devices, 42L, "ctx-0"));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/v1/identify");
    assertThat(r.getHeader("Authorization")).isEqualTo(basic(KEY, SECRET));
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonNode b = body(r);
    assertEnvelope(b, "ctx-0");
    assertThat(b.path("previous_mpid").asText()).isEqualTo("42");
    JsonNode ids = b.path("known_identities");
    assertThat(fieldNames(ids))
        .containsExactlyInAnyOrder(
            "customerid",
            "email",
            "other2",
            "mobile_number",
            "facebookcustomaudienceid",
            "device_application_stamp");
    assertThat(ids.path("customerid").asText()).isEqualTo("c-1");
    assertThat(ids.path("other2").asText()).isEqualTo("o-2");
    assertThat(ids.path("mobile_number").asText()).isEqualTo("+15550100");
    assertThat(ids.path("device_application_stamp").asText()).isEqualTo("das-1");

    assertThat(result.mpid()).isEqualTo(8765432109876543210L);
    assertThat(result.context()).isEqualTo("ctx-1");
    assertThat(result.loggedIn()).isFalse();
    assertThat(result.ephemeral()).isFalse();
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.matchedIdentities())
        .isEqualTo(UserIdentities.builder().customerId("c-1").email("a@example.com").build());
    assertThat(sleeps).isEmpty();
  }

  @Test
  void loginWritesExplicitNullsAndCarriesLoggedIn() throws Exception {
    server.enqueue(json(200, "{\"mpid\":\"-17\",\"context\":\"ctx-L\",\"is_logged_in\":true}"));

    IdentityResult result =
        await(client().login(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-7"), null, null));

    RecordedRequest r = take();
    assertThat(r.getPath()).isEqualTo("/v1/login");
    assertThat(r.getHeader("Authorization")).isEqualTo(basic(KEY, SECRET));
    JsonNode b = body(r);
    assertEnvelope(b, null);
    assertThat(b.has("previous_mpid")).isTrue();
    assertThat(b.get("previous_mpid").isNull()).isTrue();
    assertThat(fieldNames(b.path("known_identities"))).containsExactly("customerid");
    assertThat(b.has("identity_changes")).isFalse();
    assertThat(result.mpid()).isEqualTo(-17L);
    assertThat(result.context()).isEqualTo("ctx-L");
    assertThat(result.loggedIn()).isTrue();
  }

  @Test
  void logoutWithNoIdentitiesAndEphemeralAnswer() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"mpid\":\"99\",\"context\":null,\"is_ephemeral\":true,\"is_logged_in\":false}"));

    IdentityResult result = await(client().logout(null, 12345L, "ctx-2"));

    RecordedRequest r = take();
    assertThat(r.getPath()).isEqualTo("/v1/logout");
    JsonNode b = body(r);
    assertEnvelope(b, "ctx-2");
    assertThat(b.path("previous_mpid").asText()).isEqualTo("12345");
    assertThat(b.path("known_identities").isObject()).isTrue();
    assertThat(b.path("known_identities").size()).isZero();
    assertThat(result.mpid()).isEqualTo(99L);
    assertThat(result.context()).isNull();
    assertThat(result.ephemeral()).isTrue();
    assertThat(result.loggedIn()).isFalse();
  }

  @Test
  void modifySendsAddChangeAndRemove() throws Exception {
    server.enqueue(
        json(200, "{\"change_results\":[{\"identity_type\":\"email\",\"modified_mpid\":\"42\"}]}"));
    UserIdentities before =
        UserIdentities.builder()
            .customerId("c-1")
            .email("old@example.com")
            .put(IdentityType.OTHER_ID_2, "o-2")
            .build();
    UserIdentities after =
        UserIdentities.builder()
            .customerId("c-1")
            .email("new@example.com")
            .put(IdentityType.MOBILE_NUMBER, "+15550100")
            .build();

    IdentityResult result = await(client().modify(42L, before, after));

    RecordedRequest r = take();
    assertThat(r.getPath()).isEqualTo("/v1/42/modify");
    assertThat(r.getHeader("Authorization")).isEqualTo(basic(KEY, SECRET));
    JsonNode b = body(r);
    assertEnvelope(b, null);
    assertThat(b.has("known_identities")).isFalse();
    JsonNode changes = b.path("identity_changes");
    assertThat(changes.size()).isEqualTo(3);
    // Identity type order: email (7), other2 (10), mobile_number (19); customerid is unchanged.
    assertThat(changes.get(0).path("identity_type").asText()).isEqualTo("email");
    assertThat(changes.get(0).path("old_value").asText()).isEqualTo("old@example.com");
    assertThat(changes.get(0).path("new_value").asText()).isEqualTo("new@example.com");
    assertThat(changes.get(1).path("identity_type").asText()).isEqualTo("other2");
    assertThat(changes.get(1).path("old_value").asText()).isEqualTo("o-2");
    assertThat(changes.get(1).has("new_value")).isTrue();
    assertThat(changes.get(1).get("new_value").isNull()).isTrue();
    assertThat(changes.get(2).path("identity_type").asText()).isEqualTo("mobile_number");
    assertThat(changes.get(2).get("old_value").isNull()).isTrue();
    assertThat(changes.get(2).path("new_value").asText()).isEqualTo("+15550100");
    assertThat(result.mpid()).isEqualTo(42L);
    assertThat(result.httpStatus()).isEqualTo(200);
  }

  @Test
  void badRequestFailsWithServerErrorsAndNoRetry() throws Exception {
    server.enqueue(
        json(
            400,
            "{\"errors\":[{\"code\":\"LOOKUP_ERROR\",\"message\":\"unknown identity type\"},"
                + "{\"code\":\"BAD_REQUEST\",\"message\":\"context invalid\"}]}"));

    IdentityException e = failure(client().identify(UserIdentities.empty(), null, null));

    assertThat(e.call()).isEqualTo(IdentityCall.IDENTIFY);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.errors())
        .containsExactly(
            new IdentityException.ServerError("LOOKUP_ERROR", "unknown identity type"),
            new IdentityException.ServerError("BAD_REQUEST", "context invalid"));
    assertThat(e.getMessage())
        .contains("IDENTIFY", KEY, "400", "LOOKUP_ERROR")
        .doesNotContain(SECRET);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void refusedCredentialsNameTheKeyNeverTheSecret(int status) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(status));

    IdentityException e = failure(client().login(UserIdentities.empty(), 1L, null));

    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.call()).isEqualTo(IdentityCall.LOGIN);
    assertThat(e.getMessage())
        .contains("LOGIN", KEY, String.valueOf(status), "check the API secret");
    assertThat(e.getMessage()).doesNotContain(SECRET);
    assertThat(e.toString()).doesNotContain(SECRET);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void otherClientErrorIsNotRetried() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("not json"));

    IdentityException e =
        failure(client().modify(5L, UserIdentities.empty(), UserIdentities.empty()));

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.call()).isEqualTo(IdentityCall.MODIFY);
    assertThat(e.errors()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsWaitsRetryAfterThenSucceedsWithTheSameRequest() throws Exception {
    server.enqueue(json(429, "{}").setHeader("Retry-After", "7"));
    server.enqueue(json(200, "{\"mpid\":\"1\"}"));

    IdentityResult result =
        await(client().identify(UserIdentities.of(IdentityType.EMAIL, "a@b.c"), null, null));

    assertThat(result.mpid()).isEqualTo(1L);
    assertThat(sleeps).containsExactly(7_000L);
    JsonNode first = body(take());
    JsonNode second = body(take());
    assertThat(second.path("request_id").asText()).isEqualTo(first.path("request_id").asText());
    assertThat(second.path("known_identities")).isEqualTo(first.path("known_identities"));
  }

  @Test
  void retryAfterIsCappedByThePolicy() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "86400"));
    server.enqueue(json(200, "{\"mpid\":\"2\"}"));

    assertThat(await(client().identify(UserIdentities.empty(), null, null)).mpid()).isEqualTo(2L);

    assertThat(sleeps).containsExactly(30_000L);
  }

  @Test
  void serverErrorsRetryWithJitteredBackoff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(json(200, "{\"mpid\":\"3\",\"context\":\"c\"}"));

    IdentityResult result = await(client().logout(UserIdentities.empty(), null, null));

    assertThat(result.mpid()).isEqualTo(3L);
    // Jitter 0.5 of ceilings 1 s and 2 s.
    assertThat(sleeps).containsExactly(500L, 1_000L);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastStatus() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(502, "{\"errors\":[{\"code\":\"UPSTREAM\",\"message\":\"try later\"}]}"));
    }
    server.enqueue(json(200, "{\"mpid\":\"4\"}")); // must never be requested

    IdentityException e = failure(client().identify(UserIdentities.empty(), null, null));

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.errors())
        .extracting(IdentityException.ServerError::code)
        .containsExactly("UPSTREAM");
    assertThat(e.getMessage()).contains("3 attempt", KEY);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void ioErrorsAreRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "{\"mpid\":\"5\"}"));

    IdentityResult result = await(client().identify(UserIdentities.empty(), null, null));

    assertThat(result.mpid()).isEqualTo(5L);
    assertThat(sleeps).containsExactly(500L);
  }

  @Test
  void ioErrorsExhaustedFailWithStatusZero() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }

    IdentityException e = failure(client().identify(UserIdentities.empty(), null, null));

    assertThat(e.httpStatus()).isZero();
    assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    assertThat(sleeps).containsExactly(500L, 1_000L);
  }

  @Test
  void theSecretIsReadForEverySend() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "{\"mpid\":\"6\"}"));
    IdSyncClient c = client(millis -> secret.set("rotated-secret"));

    await(c.identify(UserIdentities.empty(), null, null));

    assertThat(take().getHeader("Authorization")).isEqualTo(basic(KEY, SECRET));
    assertThat(take().getHeader("Authorization")).isEqualTo(basic(KEY, "rotated-secret"));
  }

  @Test
  void missingSecretFailsWithoutSending() throws Exception {
    secret.set(null);

    IdentityException e = failure(client().identify(UserIdentities.empty(), null, null));

    assertThat(e.getMessage()).contains(KEY, "secret");
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"mpid\":\"not-a-number\"}", "{\"context\":\"c\"}", "[1,2]", "{\"mpid\":", ""})
  void unreadableSuccessBodyFailsWithoutRetry(String bodyText) throws Exception {
    server.enqueue(json(200, bodyText));

    IdentityException e = failure(client().login(UserIdentities.empty(), null, null));

    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.getMessage()).contains("LOGIN", KEY, "unreadable");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void oversizedResponseBodyIsRefused() throws Exception {
    StringBuilder big = new StringBuilder("{\"mpid\":\"7\",\"pad\":\"");
    while (big.length() <= IdSyncAnswers.MAX_RESPONSE_BYTES) {
      big.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }
    server.enqueue(json(200, big.append("\"}").toString()));

    IdentityException e = failure(client().identify(UserIdentities.empty(), null, null));

    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.getMessage()).contains("bytes");
  }

  @Test
  void futureCompletesOnTheExecutorThreadNotTheCaller() throws Exception {
    server.enqueue(json(200, "{\"mpid\":\"8\"}"));
    CountDownLatch gate = new CountDownLatch(1);
    // Holds the single executor thread so the callback is attached before the call can finish.
    executor.execute(
        () -> {
          try {
            gate.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
        });
    AtomicReference<String> completedOn = new AtomicReference<>();

    CompletableFuture<IdentityResult> f = client().identify(UserIdentities.empty(), null, null);
    CompletableFuture<IdentityResult> observed =
        f.whenComplete((r, t) -> completedOn.set(Thread.currentThread().getName()));
    assertThat(f).isNotDone();
    gate.countDown();

    assertThat(await(observed).mpid()).isEqualTo(8L);
    assertThat(completedOn.get())
        .isEqualTo(EXECUTOR_THREAD)
        .isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void cancellingStopsFurtherAttempts() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(json(200, "{\"mpid\":\"9\"}"));
    AtomicReference<CompletableFuture<IdentityResult>> ref = new AtomicReference<>();
    CountDownLatch published = new CountDownLatch(1);
    CountDownLatch slept = new CountDownLatch(1);
    IdSyncClient c =
        client(
            millis -> {
              published.await(5, TimeUnit.SECONDS);
              ref.get().cancel(false);
              slept.countDown();
            });

    ref.set(c.identify(UserIdentities.empty(), null, null));
    published.countDown();

    assertThat(slept.await(5, TimeUnit.SECONDS)).isTrue();
    // The executor is single-threaded: once this no-op runs, the cancelled call has returned.
    executor.submit(() -> {}).get(5, TimeUnit.SECONDS);
    assertThat(ref.get()).isCancelled();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rejectedExecutionFailsTheFutureInsteadOfThrowing() throws Exception {
    IdSyncClient c =
        client(
            sleeps::add,
            task -> {
              throw new RejectedExecutionException("shut down");
            },
            server.url("/v1").toString());

    CompletableFuture<IdentityResult> f = c.identify(UserIdentities.empty(), null, null);

    IdentityException e = failure(f);
    assertThat(e.getMessage()).contains("rejected", KEY);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void trailingSlashInBaseUrlIsTolerated() throws Exception {
    server.enqueue(json(200, "{\"mpid\":\"10\"}"));

    await(client(sleeps::add, executor, server.url("/v1/").toString()).identify(null, null, null));

    assertThat(take().getPath()).isEqualTo("/v1/identify");
  }

  @Test
  void deviceIdsNeverOverrideUserIdentities() throws Exception {
    server.enqueue(json(200, "{\"mpid\":\"11\"}"));
    Map<String, String> devices = new LinkedHashMap<>();
    devices.put("email", "device@example.com");
    devices.put("push_token", "pt-1");
    devices.put(null, "ignored");
    devices.put("ios_idfv", null);

    await(
        client()
            .identify(
                UserIdentities.of(IdentityType.EMAIL, "user@example.com"), devices, null, null));

    JsonNode ids = body(take()).path("known_identities");
    assertThat(fieldNames(ids)).containsExactly("email", "push_token");
    assertThat(ids.path("email").asText()).isEqualTo("user@example.com");
  }

  @Test
  void constructorFailsFastNamingTheParameter() {
    String base = server.url("/v1").toString();
    assertThatThrownBy(() -> client(sleeps::add, executor, "not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("not a url");
    assertThatThrownBy(
            () ->
                new IdSyncClient(
                    http,
                    base,
                    " ",
                    secret::get,
                    Environment.PRODUCTION,
                    "1",
                    CLOCK,
                    executor,
                    policy,
                    new Backoff(policy, () -> 0),
                    sleeps::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey");
    assertThatThrownBy(
            () ->
                new IdSyncClient(
                    http,
                    base,
                    KEY,
                    null,
                    Environment.PRODUCTION,
                    "1",
                    CLOCK,
                    executor,
                    policy,
                    new Backoff(policy, () -> 0),
                    sleeps::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(
            () ->
                new IdSyncClient(
                    http,
                    base,
                    KEY,
                    secret::get,
                    Environment.PRODUCTION,
                    "1",
                    CLOCK,
                    null,
                    policy,
                    new Backoff(policy, () -> 0),
                    sleeps::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executor");
  }
}
