package dev.spoke.kit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionStart;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.testing.FakeKitContext;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Drives the webhook kit through the SPI against a local server; no test waits on wall time. */
class WebhookKitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TS = 1_717_171_717_000L;

  private MockWebServer server;
  private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Map<String, String> settings(String... extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("url", server.url("/hook").toString());
    for (int i = 0; i < extra.length; i += 2) {
      s.put(extra[i], extra[i + 1]);
    }
    return s;
  }

  /** A kit whose sends run on the calling thread and whose retries record instead of sleeping. */
  private WebhookKit directKit(FakeKitContext ctx) {
    return new WebhookKit(
        ctx,
        WebhookSettings.parse(ctx.settings()),
        sleeps::add,
        () -> 1.0,
        WebhookKit.DEFAULT_MAX_PENDING,
        k -> new Runner.Direct());
  }

  private static KitUser user() {
    return new KitUser(
        42L,
        UserIdentities.builder().customerId("c-1").email("a@b.c").build(),
        Map.of("tier", "gold"),
        ConsentState.empty(),
        true);
  }

  private static CustomEvent event(String name) {
    return CustomEvent.builder(name).timestamp(TS).build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).as("a request reached the local server").isNotNull();
    return r;
  }

  private static int eventCount(RecordedRequest r) throws IOException {
    return JSON.readTree(r.getBody().readUtf8()).get("events").size();
  }

  @Test
  void exactPayloadAndHeaders() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(
            WebhookKitFactory.MODULE_ID,
            settings("headers", "X-Token: abc; X-Other: d:e ;", "batchSize", "4"));
    WebhookKit kit = directKit(ctx);

    kit.onEvent(
        CustomEvent.builder("Signed Up")
            .timestamp(TS)
            .attribute("plan", "pro")
            .attribute("seats", 3)
            .attribute("trial", true)
            .attribute("ratio", 0.25)
            .attribute("none", (String) null)
            .build(),
        user());
    kit.onScreenView(ScreenView.builder("Home").timestamp(TS + 1).build(), null);
    kit.onCommerceEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .product(Product.builder("sku", "Shirt").build())
                    .build())
            .timestamp(TS + 2)
            .build(),
        new KitUser(null, UserIdentities.empty(), Map.of(), ConsentState.empty(), false));
    assertThat(server.getRequestCount()).isZero();
    kit.onSessionStart(SessionStart.builder().build(), user()); // no timestamp: the context clock's

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/hook");
    assertThat(r.getHeader("X-Token")).isEqualTo("abc");
    assertThat(r.getHeader("X-Other")).isEqualTo("d:e");
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().readUtf8())
        .isEqualTo(
            JSON.readTree(
                    """
                {"events":[
                 {"type":"custom_event","name":"Signed Up","timestamp":1717171717000,
                  "attributes":{"plan":"pro","seats":3,"trial":true,"ratio":0.25,"none":null},
                  "user":{"mpid":42,"identities":{"customer_id":"c-1","email":"a@b.c"}}},
                 {"type":"screen_view","name":"Home","timestamp":1717171717001,"attributes":{}},
                 {"type":"commerce_event","name":"purchase","timestamp":1717171717002,"attributes":{},
                  "user":{"identities":{}}},
                 {"type":"session_start","timestamp":%d,"attributes":{},
                  "user":{"mpid":42,"identities":{"customer_id":"c-1","email":"a@b.c"}}}]}
                """
                        .formatted(ctx.clock().millis()))
                .toString());
    assertThat(ctx.forwarded())
        .containsExactly(
            "Signed Up -> webhook",
            "Home -> webhook",
            "purchase -> webhook",
            "session_start -> webhook");
  }

  @Test
  void batchesBySizeAndSendsTheRestOnClose() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(202));
    }
    FakeKitContext ctx =
        new FakeKitContext(WebhookKitFactory.MODULE_ID, settings("batchSize", "3"));
    WebhookKit kit = directKit(ctx);
    for (int i = 0; i < 7; i++) {
      kit.onEvent(event("e" + i), null);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    kit.close();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(eventCount(take())).isEqualTo(3);
    assertThat(eventCount(take())).isEqualTo(3);
    assertThat(JSON.readTree(take().getBody().readUtf8()).get("events").get(0).get("name").asText())
        .isEqualTo("e6");
    assertThat(ctx.forwarded()).hasSize(7);

    kit.onEvent(event("late"), null); // after close: not queued, not sent
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void flushesByTimeOnTheContextClock() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(WebhookKitFactory.MODULE_ID, settings("flushIntervalMs", "1000"));
    WebhookKit kit = directKit(ctx);
    kit.onEvent(event("a"), null);
    ctx.clock().advance(400);
    kit.onEvent(event("b"), null);

    kit.tick();
    ctx.clock().advance(599);
    kit.tick();
    assertThat(server.getRequestCount()).isZero();

    ctx.clock().advance(1); // the oldest has now waited 1000 ms
    kit.tick();
    assertThat(eventCount(take())).isEqualTo(2);
    kit.tick();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesServerErrorsAndRateLimitsWithBackoffAndRetryAfter() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(
            WebhookKitFactory.MODULE_ID, settings("batchSize", "1", "maxRetries", "3"));

    directKit(ctx).onEvent(event("e"), null);

    assertThat(server.getRequestCount()).isEqualTo(4);
    String first = take().getBody().readUtf8();
    for (int i = 0; i < 3; i++) {
      assertThat(take().getBody().readUtf8()).isEqualTo(first);
    }
    // Backoff 200·2^attempt (jitter at its top here); Retry-After wins when given.
    assertThat(sleeps).containsExactly(200L, 7000L, 800L);
    assertThat(ctx.forwarded()).containsExactly("e -> webhook");
  }

  @Test
  void dropsAndLogsWhenRetriesRunOut() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(502));
    }
    FakeKitContext ctx =
        new FakeKitContext(
            WebhookKitFactory.MODULE_ID, settings("batchSize", "1", "maxRetries", "2"));

    directKit(ctx).onEvent(event("e"), null);

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).containsExactly(200L, 400L);
    assertThat(ctx.forwarded()).isEmpty();
    assertThat(ctx.logger().at(Level.ERROR))
        .singleElement()
        .asString()
        .contains("failed 3 time(s)")
        .contains("HTTP 502")
        .contains("dropped 1 events");
  }

  @Test
  void clientErrorsAreDroppedWithoutRetry() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(400));
    FakeKitContext ctx =
        new FakeKitContext(
            WebhookKitFactory.MODULE_ID,
            settings("batchSize", "1", "headers", "Authorization: Bearer top-secret"));

    directKit(ctx).onEvent(event("e"), null);

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(ctx.forwarded()).isEmpty();
    assertThat(ctx.logger().at(Level.WARN))
        .singleElement()
        .asString()
        .contains("HTTP 400")
        .contains("dropped 1");
    assertThat(String.join("\n", ctx.logger().lines())).doesNotContain("top-secret");
  }

  @Test
  void ioFailuresAreRetriedThenDropped() throws Exception {
    Map<String, String> s = settings("batchSize", "1", "maxRetries", "1");
    server.shutdown(); // nothing listens there any more
    FakeKitContext ctx = new FakeKitContext(WebhookKitFactory.MODULE_ID, s);

    directKit(ctx).onEvent(event("e"), null);

    assertThat(sleeps).containsExactly(200L);
    assertThat(ctx.logger().at(Level.ERROR))
        .singleElement()
        .asString()
        .contains("failed 2 time(s)");
  }

  @Test
  void backoffIsJitteredWithinItsBoundsAndCapped() {
    FakeKitContext ctx = new FakeKitContext(WebhookKitFactory.MODULE_ID, settings());
    WebhookKit low =
        new WebhookKit(
            ctx,
            WebhookSettings.parse(ctx.settings()),
            sleeps::add,
            () -> 0.0,
            10,
            k -> new Runner.Direct());
    assertThat(low.backoffMillis(0)).isEqualTo(100);
    assertThat(low.backoffMillis(2)).isEqualTo(400);
    assertThat(directKit(ctx).backoffMillis(30)).isEqualTo(WebhookKit.MAX_BACKOFF_MS);
    assertThat(WebhookKit.retryAfterMillis("3")).isEqualTo(3000);
    assertThat(WebhookKit.retryAfterMillis("99999")).isEqualTo(WebhookKit.MAX_RETRY_AFTER_MS);
    assertThat(WebhookKit.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(-1);
  }

  @Test
  void fullQueueDropsTheOldestAndSaysSo() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    List<Runnable> held = new ArrayList<>();
    FakeKitContext ctx =
        new FakeKitContext(WebhookKitFactory.MODULE_ID, settings("batchSize", "1000"));
    // A runner that holds tasks: sends never keep up, as with a slow partner.
    WebhookKit kit =
        new WebhookKit(
            ctx,
            WebhookSettings.parse(ctx.settings()),
            sleeps::add,
            () -> 1.0,
            5,
            k ->
                new Runner() {
                  @Override
                  public void execute(Runnable task) {
                    held.add(task);
                  }

                  @Override
                  public boolean close(long timeoutMs) {
                    held.forEach(Runnable::run);
                    return true;
                  }
                });
    for (int i = 0; i < 8; i++) {
      kit.onEvent(event("e" + i), null);
    }
    assertThat(ctx.logger().at(Level.WARN))
        .singleElement()
        .asString()
        .contains("dropped the oldest");
    kit.close();
    var names = JSON.readTree(take().getBody().readUtf8()).findValuesAsText("name");
    assertThat(names).containsExactly("e3", "e4", "e5", "e6", "e7");
  }

  @Test
  void ownDaemonThreadFlushesOnTheContextClockAndStopsOnClose() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(
            WebhookKitFactory.MODULE_ID, settings("flushIntervalMs", "60000", "batchSize", "2"));
    Kit kit = new WebhookKitFactory().create(ctx);
    Thread worker =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("spoke-kit-webhook-1000001") && t.isAlive())
            .findFirst()
            .orElseThrow();
    assertThat(worker.isDaemon()).isTrue();

    ((dev.spoke.kit.EventListener) kit).onEvent(event("a"), null);
    ((dev.spoke.kit.EventListener) kit).onEvent(event("b"), null); // batch full: sent by the worker
    assertThat(eventCount(take())).isEqualTo(2);

    ((dev.spoke.kit.EventListener) kit).onEvent(event("c"), null);
    ctx.clock().advance(60_000); // only the fake clock moves; the worker's next tick notices
    assertThat(eventCount(take())).isEqualTo(1);

    kit.close();
    assertThat(worker.isAlive()).isFalse();
    assertThat(ctx.forwarded()).containsExactly("a -> webhook", "b -> webhook", "c -> webhook");
  }

  @Test
  void closeSendsWhatIsLeftThroughTheOwnThread() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext ctx =
        new FakeKitContext(WebhookKitFactory.MODULE_ID, settings("flushIntervalMs", "3600000"));
    Kit kit = new WebhookKitFactory().create(ctx);
    ((dev.spoke.kit.EventListener) kit).onEvent(event("last"), null);
    kit.close();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(JSON.readTree(take().getBody().readUtf8()).findValuesAsText("name"))
        .containsExactly("last");
  }

  @Test
  void settingsFailFastNamingTheSettingButNeverAHeaderValue() {
    assertThatThrownBy(() -> WebhookSettings.parse(Map.of())).hasMessageContaining("'url'");
    assertThatThrownBy(() -> WebhookSettings.parse(Map.of("url", "mailto:x@y")))
        .hasMessageContaining("'url'");
    assertThatThrownBy(() -> WebhookSettings.parse(settings("batchSize", "0")))
        .hasMessageContaining("'batchSize'")
        .hasMessageContaining("1 to 1000");
    assertThatThrownBy(() -> WebhookSettings.parse(settings("flushIntervalMs", "soon")))
        .hasMessageContaining("'flushIntervalMs'");
    assertThatThrownBy(() -> WebhookSettings.parse(settings("maxRetries", "11")))
        .hasMessageContaining("'maxRetries'");
    assertThatThrownBy(() -> WebhookSettings.parse(settings("headers", "X-Token zq9w")))
        .hasMessageContaining("'headers'")
        .hasMessageNotContaining("zq9w");
    assertThatThrownBy(() -> WebhookSettings.parse(settings("headers", "X-Token: se\u0001cret")))
        .hasMessageContaining("X-Token")
        .hasMessageNotContaining("cret");
    WebhookSettings ok = WebhookSettings.parse(settings("headers", "X-Token: hush"));
    assertThat(ok.batchSize).isEqualTo(50);
    assertThat(ok.flushIntervalMs).isEqualTo(1000);
    assertThat(ok.maxRetries).isEqualTo(3);
    assertThat(ok.toString()).contains("X-Token").doesNotContain("hush");
  }

  @Test
  void aSideloadedKitNotDiscoveredThroughServiceLoader() {
    List<KitFactory> found = new ArrayList<>();
    ServiceLoader.load(KitFactory.class).forEach(found::add);
    assertThat(found).noneSatisfy(f -> assertThat(f).isInstanceOf(WebhookKitFactory.class));
    dev.spoke.kit.SideloadedKit s =
        WebhookKitFactory.sideloaded("http://127.0.0.1:1/in").setting("batchSize", "5").build();
    assertThat(s.moduleId())
        .isEqualTo(1_000_001)
        .isGreaterThanOrEqualTo(dev.spoke.kit.SideloadedKit.MIN_MODULE_ID);
    assertThat(s.settings())
        .containsEntry("url", "http://127.0.0.1:1/in")
        .containsEntry("batchSize", "5");
    assertThat(s.factory()).isInstanceOf(WebhookKitFactory.class);
    assertThatThrownBy(() -> WebhookKitFactory.sideloaded(null)).hasMessageContaining("url");
  }
}
