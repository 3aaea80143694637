package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.DropReason;
import java.io.ByteArrayInputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploaderTest {
  private static final String KEY = "us1-test-key";
  private static final String SECRET = "s3cr3t-value-never-printed";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private MockWebServer server;
  private final RecordingListener listener = new RecordingListener();
  private final FakeSleeper sleeper = new FakeSleeper();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<Uploader> uploaders = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    sleeper.release();
    for (Uploader u : uploaders) {
      u.close(Duration.ZERO);
    }
    server.shutdown();
  }

  private Uploader start(Consumer<UploaderConfig.Builder> tweak) {
    UploaderConfig.Builder b =
        UploaderConfig.builder()
            .baseUrl(server.url("/v2").toString())
            .apiKey(KEY)
            .apiSecret(SECRET)
            .gzip(false)
            .sleeper(sleeper)
            .jitter(() -> 0.5)
            .threadFactory(
                r -> {
                  Thread t = new Thread(r);
                  threads.add(t);
                  return t;
                });
    tweak.accept(b);
    Uploader u = Uploader.start(b.build(), listener);
    uploaders.add(u);
    return u;
  }

  private Uploader start() {
    return start(b -> {});
  }

  static SealedBatch batch(String id, boolean historical) {
    byte[] json =
        BatchFraming.frame(
            "\"environment\":\"development\"".getBytes(StandardCharsets.UTF_8),
            id,
            List.of(
                ("{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"e-"
                        + id
                        + "\",\"custom_event_type\":\"other\"}}")
                    .getBytes(StandardCharsets.UTF_8)));
    return SealedBatch.builder()
        .sourceRequestId(id)
        .json(json)
        .historical(historical)
        .eventCount(1)
        .userKey("user-" + id)
        .build();
  }

  static SealedBatch batch(String id) {
    return batch(id, false);
  }

  private static String bodyOf(SealedBatch... batches) {
    return new String(RequestPacker.body(List.of(batches)), StandardCharsets.UTF_8);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(r).as("request reached the server").isNotNull();
    return r;
  }

  private static void await(BooleanSupplier cond) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!cond.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within timeout").isLessThan(end);
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  private static String basic(String key, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static SealedBatch userBatch(String id, String userKey) {
    SealedBatch b = batch(id);
    return SealedBatch.builder()
        .sourceRequestId(id)
        .json(b.json())
        .eventCount(1)
        .userKey(userKey)
        .build();
  }

  @Test
  void aUsersNextBatchWaitsForTheOneInFlightWhileOtherUsersGoAhead() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch otherUserSent = new CountDownLatch(1);
    AtomicInteger firstAttempts = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
            String body = r.getBody().readUtf8();
            String id =
                body.contains("e-a1")
                    ? "a1"
                    : body.contains("e-a2") ? "a2" : body.contains("e-b1") ? "b1" : "?";
            if (id.equals("a1") && firstAttempts.getAndIncrement() == 0) {
              // a1 stays in flight until b1 (another user's, queued behind a2) has been sent.
              boolean sent = otherUserSent.await(5, TimeUnit.SECONDS);
              log.add("a1:503" + (sent ? "" : ":b1-never-came"));
              return new MockResponse().setResponseCode(503);
            }
            log.add(id + ":202");
            if (id.equals("b1"))
              otherUserSent.countDown(); // after logging: a1's answer is logged next
            return new MockResponse().setResponseCode(202);
          }
        });
    Uploader u = start(b -> b.maxInFlight(2).batchesPerRequest(1));
    listener
        .watch(u)
        .submit(
            List.of(
                userBatch("a1", "user-a"), userBatch("a2", "user-a"), userBatch("b1", "user-b")));
    await(() -> log.size() == 4);
    assertThat(log).containsExactly("b1:202", "a1:503", "a1:202", "a2:202");
  }

  @Test
  void aBatchWithoutAUserKeyWaitsForEverythingBeforeItAndHoldsBackWhatFollows() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    AtomicInteger inFlight = new AtomicInteger();
    List<Integer> inFlightAtUnkeyed = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
            int n = inFlight.incrementAndGet();
            String body = r.getBody().readUtf8();
            String id = body.replaceAll("(?s).*\\\"e-([a-z0-9]+)\\\".*", "$1");
            if (id.startsWith("r")) inFlightAtUnkeyed.add(n);
            Thread.sleep(50);
            log.add(id);
            inFlight.decrementAndGet();
            return new MockResponse().setResponseCode(202);
          }
        });
    Uploader u = start(b -> b.maxInFlight(3).batchesPerRequest(1));
    SealedBatch replayed =
        SealedBatch.builder().sourceRequestId("r1").json(batch("r1").json()).eventCount(1).build();
    listener.watch(u).submit(List.of(batch("x1"), batch("x2"), replayed, batch("y1"), batch("y2")));
    await(() -> log.size() == 5);
    assertThat(inFlightAtUnkeyed).containsExactly(1); // sent alone
    assertThat(log.indexOf("r1")).isEqualTo(2); // after both earlier ones, before both later ones
  }

  // ------------------------------------------------------------------ 2xx, auth, routing, gzip

  @Test
  void accepted202WithAuthHeaderPathAndExactBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start();
    SealedBatch b = batch("a1");
    assertThat(listener.watch(u).submit(List.of(b))).isTrue();
    assertThat(u.awaitIdle(WAIT)).isTrue();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/v2/bulkevents");
    assertThat(r.getHeader("Authorization")).isEqualTo(basic(KEY, SECRET));
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getHeader("Content-Encoding")).isNull();
    assertThat(r.getBody().readUtf8()).isEqualTo(bodyOf(b));
    assertThat(listener.accepted).containsExactly(b);
    assertThat(listener.bytes.get()).isEqualTo(RequestPacker.body(List.of(b)).length);
    assertThat(u.pendingBatches()).isZero();
    assertThat(u.pendingBytes()).isZero();
  }

  @Test
  void gzipOnCompressesTheSameBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start(b -> b.gzip(true));
    SealedBatch b = batch("g1");
    listener.watch(u).submit(List.of(b));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    RecordedRequest r = take();
    assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
    byte[] wire = r.getBody().readByteArray();
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(wire)).readAllBytes();
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(bodyOf(b));
    assertThat(listener.bytes.get()).isEqualTo(wire.length);
  }

  @Test
  void gzipDefaultsOnlyForLoopback() {
    assertThat(UploaderConfig.defaultGzip(HttpUrl.get("https://s2s.us1.mparticle.com/v2")))
        .isFalse();
    assertThat(UploaderConfig.defaultGzip(HttpUrl.get("https://example.com/v2"))).isFalse();
    assertThat(UploaderConfig.defaultGzip(HttpUrl.get("http://127.0.0.1:9/v2"))).isTrue();
    assertThat(UploaderConfig.defaultGzip(HttpUrl.get("http://localhost:9/v2"))).isTrue();
    assertThat(UploaderConfig.defaultGzip(HttpUrl.get("http://[::1]:9/v2"))).isTrue();
  }

  @Test
  void historicalRoutedSeparatelyNeverMixed() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(202));
    server.enqueue(new MockResponse().setResponseCode(202));
    SealedBatch r1 = batch("r1");
    SealedBatch h1 = batch("h1", true);
    SealedBatch r2 = batch("r2");
    Uploader u = start(b -> b.maxInFlight(1));
    listener.watch(u).submit(List.of(r1, h1, r2));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertThat(first.getPath()).isEqualTo("/v2/bulkevents");
    assertThat(first.getBody().readUtf8()).isEqualTo(bodyOf(r1, r2));
    assertThat(second.getPath()).isEqualTo("/v2/bulkevents/historical");
    assertThat(second.getBody().readUtf8()).isEqualTo(bodyOf(h1));
    assertThat(listener.accepted).containsExactlyInAnyOrder(r1, r2, h1);
  }

  @Test
  void packsWithinRequestLimits() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(202));
    }
    List<SealedBatch> in = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      in.add(batch("p" + i));
    }
    Uploader u = start(b -> b.maxInFlight(1).batchesPerRequest(2));
    listener.watch(u).submit(in);
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(in.get(0), in.get(1)));
    assertThat(listener.accepted).hasSize(7);
  }

  // ------------------------------------------------------------------ 4xx

  @Test
  void badRequestDropsAndReportsServerMessage() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody(
                "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"events[0] missing event_type\"}]}"));
    Uploader u = start();
    SealedBatch b = batch("bad");
    listener.watch(u).submit(List.of(b));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.dropped).hasSize(1);
    RecordingListener.Drop d = listener.dropped.get(0);
    assertThat(d.batch()).isSameAs(b);
    assertThat(d.reason()).isEqualTo(DropReason.BAD_REQUEST);
    assertThat(d.detail()).contains("400").contains("BAD_REQUEST: events[0] missing event_type");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void badRequestWithRawTextBodyIsTruncated() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(400).setBody("x".repeat(5000)));
    Uploader u = start();
    listener.watch(u).submit(List.of(batch("raw")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    String detail = listener.dropped.get(0).detail();
    assertThat(detail).contains("xxxx");
    assertThat(detail.length()).isLessThan(600);
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 409, 422, 501, 505})
  void nonRetryableStatusesDropAfterOneRequest(int status) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(status).setBody("nope"));
    Uploader u = start();
    listener.watch(u).submit(List.of(batch("n" + status)));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.dropped)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DropReason.REJECTED);
              assertThat(d.detail()).contains(String.valueOf(status)).contains("nope");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(listener.retries).isEmpty();
  }

  @Test
  void unauthorizedPausesNamesKeyKeepsDataAndResumesOnNewCredentials() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401));
    server.enqueue(new MockResponse().setResponseCode(202));
    sleeper.blockFrom = 30_000; // the probe wait blocks until credentials change
    Uploader u = start();
    SealedBatch b = batch("auth");
    listener.watch(u).submit(List.of(b));
    assertThat(sleeper.awaitEntered(1)).isTrue();
    assertThat(sleeper.delays).containsExactly(30_000L);
    assertThat(u.isPaused()).isTrue();
    assertThat(u.pendingBatches()).isEqualTo(1);
    assertThat(listener.dropped).isEmpty();
    assertThat(listener.pausedMessages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m).contains(KEY).contains("401").contains("Spoke.updateSecret");
              assertThat(m).doesNotContain(SECRET);
            });
    u.updateCredentials("us1-new-key", "n3w-secret");
    assertThat(u.awaitIdle(WAIT)).isTrue();
    take();
    RecordedRequest probe = take();
    assertThat(probe.getHeader("Authorization")).isEqualTo(basic("us1-new-key", "n3w-secret"));
    assertThat(listener.accepted).containsExactly(b);
    assertThat(listener.resumed.get()).isEqualTo(1);
    assertThat(u.isPaused()).isFalse();
    for (String text : listener.allTexts()) {
      assertThat(text).doesNotContain(SECRET).doesNotContain("n3w-secret");
    }
  }

  @Test
  void forbiddenProbesOnDoublingScheduleThenResumes() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(403));
    server.enqueue(new MockResponse().setResponseCode(403));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start();
    SealedBatch b = batch("probe");
    listener.watch(u).submit(List.of(b));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(sleeper.delays).containsExactly(30_000L, 60_000L);
    assertThat(listener.pausedMessages).hasSize(1);
    assertThat(listener.pausedMessages.get(0)).contains(KEY).contains("403").doesNotContain(SECRET);
    assertThat(listener.resumed.get()).isEqualTo(1);
    assertThat(listener.accepted).containsExactly(b);
    String first = take().getBody().readUtf8();
    assertThat(take().getBody().readUtf8()).isEqualTo(first);
    assertThat(take().getBody().readUtf8()).isEqualTo(first);
  }

  @Test
  void secretNeverInToStringOfConfig() {
    UploaderConfig c =
        UploaderConfig.builder()
            .baseUrl("http://127.0.0.1:1/v2")
            .apiKey(KEY)
            .apiSecret(SECRET)
            .build();
    assertThat(c.toString()).contains(KEY).doesNotContain(SECRET);
  }

  @Test
  void payloadTooLargeSplitsInHalvesAndDropsALoneBatch() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(413)); // [a b c d]
    server.enqueue(new MockResponse().setResponseCode(202)); // [a b]
    server.enqueue(new MockResponse().setResponseCode(413)); // [c d]
    server.enqueue(new MockResponse().setResponseCode(202)); // [c]
    server.enqueue(new MockResponse().setResponseCode(413)); // [d]
    SealedBatch a = batch("a");
    SealedBatch bb = batch("b");
    SealedBatch c = batch("c");
    SealedBatch d = batch("d");
    Uploader u = start(x -> x.maxInFlight(1));
    listener.watch(u).submit(List.of(a, bb, c, d));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(a, bb, c, d));
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(a, bb));
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(c, d));
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(c));
    assertThat(take().getBody().readUtf8()).isEqualTo(bodyOf(d));
    assertThat(listener.accepted).containsExactly(a, bb, c);
    assertThat(listener.dropped)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.batch()).isSameAs(d);
              assertThat(x.reason()).isEqualTo(DropReason.PAYLOAD_TOO_LARGE);
            });
  }

  // ------------------------------------------------------------------ retries

  @Test
  void rateLimitedHonoursRetryAfterSeconds() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start(b -> b.jitter(() -> 0.0));
    listener.watch(u).submit(List.of(batch("rl")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(sleeper.delays).containsExactly(7_000L);
    assertThat(listener.retries)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.attempt()).isEqualTo(1);
              assertThat(r.delay()).isEqualTo(7_000L);
            });
    assertThat(listener.accepted).hasSize(1);
  }

  @Test
  void rateLimitedHonoursRetryAfterHttpDateOnInjectedClock() throws Exception {
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(42).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", date));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start(b -> b.jitter(() -> 0.0).clock(Clock.fixed(now, ZoneOffset.UTC)));
    listener.watch(u).submit(List.of(batch("rd")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(sleeper.delays).containsExactly(42_000L);
  }

  @Test
  void retryAfterIsCapped() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "86400"));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start(b -> b.jitter(() -> 0.0));
    listener.watch(u).submit(List.of(batch("cap")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(sleeper.delays).containsExactly(300_000L);
  }

  @Test
  void serverErrorsRetriedWithIdenticalBytesAndSourceRequestId() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start(b -> b.gzip(true));
    SealedBatch b = batch("same-id-123");
    listener.watch(u).submit(List.of(b));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    byte[] first = take().getBody().readByteArray();
    for (int i = 0; i < 3; i++) {
      assertThat(take().getBody().readByteArray()).isEqualTo(first);
    }
    String plain =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(first)).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(plain).contains("\"source_request_id\":\"same-id-123\"");
    // base 200 ms, jitter 0.5: 100, 200, 400 ms
    assertThat(sleeper.delays).containsExactly(100L, 200L, 400L);
    assertThat(listener.retries)
        .extracting(RecordingListener.Retry::status)
        .containsExactly(500, 502, 503);
    assertThat(listener.accepted).containsExactly(b);
  }

  @Test
  void retriesExhaustedDropsAfterMaxAttempts() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }
    Uploader u = start(b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(3).build()));
    listener.watch(u).submit(List.of(batch("ex")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(listener.dropped)
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo(DropReason.RETRIES_EXHAUSTED));
  }

  @Test
  void connectionDropIsRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(new MockResponse().setResponseCode(202));
    Uploader u = start();
    SealedBatch b = batch("drop");
    listener.watch(u).submit(List.of(b));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.retries)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isZero();
              assertThat(r.error()).isNotNull();
            });
    assertThat(listener.accepted).containsExactly(b);
  }

  @Test
  void connectionRefusedIsRetried() throws Exception {
    int port = server.getPort();
    server.shutdown();
    Uploader u =
        start(
            b ->
                b.baseUrl("http://127.0.0.1:" + port + "/v2")
                    .retryPolicy(RetryPolicy.builder().maxAttempts(2).build()));
    listener.watch(u).submit(List.of(batch("refused")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.retries)
        .singleElement()
        .satisfies(r -> assertThat(r.error()).isInstanceOf(ConnectException.class));
    assertThat(listener.dropped.get(0).reason()).isEqualTo(DropReason.RETRIES_EXHAUSTED);
  }

  @Test
  void timeoutIsRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setResponseCode(202));
    okhttp3.OkHttpClient fast =
        HttpClients.derive(null).newBuilder().readTimeout(250, TimeUnit.MILLISECONDS).build();
    Uploader u = start(b -> b.client(fast));
    listener.watch(u).submit(List.of(batch("slow")));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.retries)
        .singleElement()
        .satisfies(r -> assertThat(r.error()).isInstanceOf(InterruptedIOException.class));
    assertThat(listener.accepted).hasSize(1);
  }

  @Test
  void closeCancelsARequestInFlightAndHandsItsBatchBack() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)); // never answers
    Uploader u = start(b -> b.maxInFlight(1));
    SealedBatch hung = batch("hung");
    listener.watch(u).submit(List.of(hung));
    take(); // the request reached the server and waits for an answer that never comes
    List<SealedBatch> unresolved = u.close(Duration.ofMillis(100));
    assertThat(unresolved).containsExactly(hung);
    for (Thread t : threads) {
      t.join(
          WAIT.toMillis()); // a sender whose call was not cancelled would wait for the read timeout
      assertThat(t.isAlive()).as("sender thread stopped by close").isFalse();
    }
    assertThat(listener.accepted).isEmpty();
    assertThat(listener.dropped).isEmpty();
  }

  @Test
  void noOtherRequestStartsWhileOneBacksOff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(202));
    }
    sleeper.blockFrom = 0;
    Uploader u = start(b -> b.batchesPerRequest(1).maxInFlight(2));
    listener.watch(u).submit(List.of(batch("first")));
    assertThat(sleeper.awaitEntered(1)).isTrue(); // the first request is backing off
    listener.watch(u).submit(List.of(batch("second"), batch("third")));
    // Nothing may be sent while the gate is held; give the idle sender every chance to misbehave.
    assertThat(u.awaitIdle(Duration.ofMillis(300))).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
    sleeper.release();
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(listener.accepted).hasSize(3);
  }

  // ------------------------------------------------------------------ transport bounds

  @Test
  void boundedRequestsInFlight() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch twoIn = new CountDownLatch(2);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int n = now.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
            twoIn.countDown();
            release.await(10, TimeUnit.SECONDS);
            now.decrementAndGet();
            return new MockResponse().setResponseCode(202);
          }
        });
    Uploader u = start(b -> b.batchesPerRequest(1).maxInFlight(2));
    List<SealedBatch> in = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      in.add(batch("f" + i));
    }
    listener.watch(u).submit(in);
    assertThat(twoIn.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(now.get()).isEqualTo(2);
    release.countDown();
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(max.get()).isEqualTo(2);
    assertThat(listener.accepted).hasSize(6);
    assertThat(threads)
        .hasSize(2)
        .allSatisfy(
            t -> {
              assertThat(t.isDaemon()).isTrue();
              assertThat(t.getName()).matches("spoke-upload-[12]");
            });
  }

  @Test
  void redirectIsNotFollowed() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    try {
      server.enqueue(
          new MockResponse()
              .setResponseCode(307)
              .setHeader("Location", other.url("/v2/bulkevents").toString()));
      Uploader u = start();
      listener.watch(u).submit(List.of(batch("redir")));
      assertThat(u.awaitIdle(WAIT)).isTrue();
      assertThat(other.getRequestCount()).isZero();
      assertThat(listener.dropped)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).isEqualTo(DropReason.REJECTED);
                assertThat(d.detail()).contains("307").contains("redirect not followed");
              });
    } finally {
      other.shutdown();
    }
  }

  @Test
  void oversizedBatchDroppedAtSubmit() {
    Uploader u = start(b -> b.batchMaxBytes(100).requestMaxBytes(1000));
    SealedBatch big = batch("x".repeat(120));
    assertThat(listener.watch(u).submit(List.of(big))).isTrue();
    assertThat(listener.dropped)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DropReason.RECORD_TOO_LARGE);
              assertThat(d.detail()).contains("100");
            });
    assertThat(u.pendingBatches()).isZero();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void backlogBoundRefusesTrySubmitAndBlocksSubmitUntilRoom() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
            return new MockResponse().setResponseCode(202);
          }
        });
    SealedBatch one = batch("b0");
    int size = one.sizeBytes();
    Uploader u =
        start(b -> b.batchMaxBytes(size).requestMaxBytes(size * 3).maxBacklogBytes(size * 3L));
    assertThat(listener.watch(u).trySubmit(List.of(one, batch("b1"), batch("b2")))).isTrue();
    assertThat(listener.watch(u).trySubmit(List.of(batch("b3")))).isFalse();
    assertThat(u.pendingBytes()).isEqualTo(3L * size);
    AtomicInteger submitted = new AtomicInteger();
    Thread worker =
        new Thread(
            () -> {
              if (listener.watch(u).submit(List.of(batch("b4")))) {
                submitted.incrementAndGet();
              }
            });
    worker.start();
    await(() -> worker.getState() == Thread.State.WAITING);
    assertThat(submitted.get()).isZero();
    release.countDown();
    worker.join(10_000);
    assertThat(submitted.get()).isEqualTo(1);
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(listener.accepted).hasSize(4);
  }

  @Test
  void throwingListenerNeverKillsSenders() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse().setResponseCode(202));
    }
    UploadListener bad =
        new UploadListener() {
          @Override
          public void bytesSent(long bytes) {
            throw new IllegalStateException("boom");
          }
        };
    UploaderConfig c =
        UploaderConfig.builder()
            .baseUrl(server.url("/v2").toString())
            .apiKey(KEY)
            .apiSecret(SECRET)
            .maxInFlight(1)
            .sleeper(sleeper)
            .build();
    Uploader u = Uploader.start(c, bad);
    uploaders.add(u);
    u.submit(List.of(throwingObserver(batch("l1"))));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    u.submit(List.of(throwingObserver(batch("l2"))));
    assertThat(u.awaitIdle(WAIT)).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** A batch whose result observer throws (as a broken listener behind it would). */
  private static SealedBatch throwingObserver(SealedBatch b) {
    b.completion()
        .observe(
            (delivered, reason, detail) -> {
              throw new IllegalStateException("boom");
            });
    return b;
  }

  @Test
  void closeReturnsUnresolvedStopsThreadsAndRefusesNewWork() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401));
    sleeper.blockFrom = 1;
    Uploader u = start();
    SealedBatch held = batch("held");
    SealedBatch queued = batch("queued");
    listener.watch(u).submit(List.of(held));
    assertThat(sleeper.awaitEntered(1)).isTrue();
    listener.watch(u).submit(List.of(queued));
    List<SealedBatch> left = u.close(Duration.ofMillis(50));
    assertThat(left).containsExactlyInAnyOrder(held, queued);
    for (Thread t : threads) {
      t.join(5_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(listener.watch(u).submit(List.of(batch("late")))).isFalse();
    assertThat(u.close(Duration.ZERO)).isEmpty();
    assertThat(listener.accepted).isEmpty();
    assertThat(listener.dropped).isEmpty();
  }

  @Test
  void configFailsFastNamingTheParameter() {
    assertThatThrownBy(
            () -> UploaderConfig.builder().baseUrl("ftp://x").apiKey("k").apiSecret("s").build())
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> UploaderConfig.builder().baseUrl("http://h/v2").apiSecret("s").build())
        .hasMessageContaining("apiKey");
    assertThatThrownBy(
            () ->
                UploaderConfig.builder()
                    .baseUrl("http://h/v2")
                    .apiKey("k")
                    .apiSecret("s")
                    .maxInFlight(0)
                    .build())
        .hasMessageContaining("maxInFlight is 0");
  }
}
