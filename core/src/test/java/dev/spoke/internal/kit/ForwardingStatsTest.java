package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarding statistics: the Web SDK's batch upload ({@code POST .../v2/JS/<key>/Forwarding}, body
 * {@code {uuid, data[]}}) and its status handling (mParticle/mparticle-web-sdk
 * src/forwardingStatsUploader.js, src/apiClient.ts), fed by what kits report forwarded.
 */
class ForwardingStatsTest {
  final MockWebServer platform = new MockWebServer();
  final OkHttpClient http = new OkHttpClient();
  KitManager manager;
  ForwardingStats stats;

  @BeforeEach
  void start() throws IOException {
    platform.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (manager != null) {
      manager.close(Duration.ofSeconds(2));
    }
    if (stats != null) {
      stats.close();
    }
    platform.shutdown();
  }

  ForwardingStats stats(int capacity) {
    stats =
        new ForwardingStats(
            http,
            platform.url("/").toString(),
            "key-1",
            capacity,
            0,
            Thread::new,
            Clock.systemUTC());
    return stats;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> data(RecordedRequest r) throws IOException {
    Map<String, Object> body = (Map<String, Object>) JsonTree.parse(r.getBody().readUtf8());
    assertThat((String) body.get("uuid")).matches("[0-9a-f-]{36}");
    return (List<Map<String, Object>>) body.get("data");
  }

  @Test
  void recordsGoInOneBatchToTheForwardingEndpoint() throws Exception {
    ForwardingStats s = stats(10);
    platform.enqueue(new MockResponse().setResponseCode(202));
    s.record(Map.of("mid", 1, "n", "a"));
    s.record(Map.of("mid", 1, "n", "b"));
    s.flush();
    RecordedRequest r = platform.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/v2/JS/key-1/Forwarding");
    assertThat(r.getHeader("Authorization")).isNull(); // the secret never goes there
    assertThat(data(r)).extracting(m -> m.get("n")).containsExactly("a", "b");
    await(() -> s.sent() == 2, "sent counted");
    assertThat(s.pending()).isZero();
  }

  @Test
  void serverErrorsAndTooManyRequestsKeepTheRecordsOtherClientErrorsDropThem() throws Exception {
    ForwardingStats s = stats(10);
    platform.enqueue(new MockResponse().setResponseCode(503));
    s.record(Map.of("n", "a"));
    s.flush();
    platform.takeRequest(5, TimeUnit.SECONDS);
    await(() -> s.pending() == 1, "kept after 503");
    platform.enqueue(new MockResponse().setResponseCode(429));
    s.flush();
    platform.takeRequest(5, TimeUnit.SECONDS);
    await(() -> s.pending() == 1, "kept after 429");
    platform.enqueue(new MockResponse().setResponseCode(400));
    s.flush();
    platform.takeRequest(5, TimeUnit.SECONDS);
    await(() -> s.rejected() == 1, "dropped after 400");
    assertThat(s.pending()).isZero();
    assertThat(s.sent()).isZero();
  }

  @Test
  void closeSendsWhatIsWaitingInRequestsOfAtMostOneHundred() throws Exception {
    ForwardingStats s = stats(1000);
    for (int i = 0; i < 150; i++) {
      s.record(Map.of("n", "e" + i));
    }
    platform.enqueue(new MockResponse().setResponseCode(202));
    platform.enqueue(new MockResponse().setResponseCode(202));
    s.close(Duration.ofSeconds(5));
    assertThat(data(platform.takeRequest(5, TimeUnit.SECONDS))).hasSize(100);
    assertThat(data(platform.takeRequest(5, TimeUnit.SECONDS))).hasSize(50);
    assertThat(s.sent()).isEqualTo(150);
    s.record(Map.of("n", "late"));
    assertThat(s.dropped()).isEqualTo(1);
  }

  @Test
  void aBusyQueueIsSentInFullBatchesOneAfterTheOtherAndTheRestWaitsForTheTick() throws Exception {
    ForwardingStats s = stats(1000);
    for (int i = 0; i < 250; i++) {
      s.record(Map.of("n", "e" + i));
    }
    platform.enqueue(new MockResponse().setResponseCode(202));
    platform.enqueue(new MockResponse().setResponseCode(202));
    s.flush();
    assertThat(data(platform.takeRequest(5, TimeUnit.SECONDS))).hasSize(100);
    assertThat(data(platform.takeRequest(5, TimeUnit.SECONDS))).hasSize(100);
    await(() -> s.sent() == 200, "two full batches sent");
    // The partial batch waits for the next tick (the timer is off here): still queued, no third
    // request.
    assertThat(s.pending()).isEqualTo(50);
    assertThat(platform.getRequestCount()).isEqualTo(2);
  }

  @Test
  void closeCountsWhatTheServerWouldNotTake() throws Exception {
    ForwardingStats s = stats(10);
    s.record(Map.of("n", "a"));
    platform.enqueue(new MockResponse().setResponseCode(500));
    s.close(Duration.ofSeconds(5));
    assertThat(s.dropped()).isEqualTo(1);
    assertThat(s.pending()).isZero();
  }

  @Test
  void aFullQueueDropsAndCounts() {
    ForwardingStats s = stats(2);
    s.record(Map.of("n", "a"));
    s.record(Map.of("n", "b"));
    s.record(Map.of("n", "c"));
    assertThat(s.pending()).isEqualTo(2);
    assertThat(s.dropped()).isEqualTo(1);
  }

  static final KitUser USER =
      new KitUser(2560L, UserIdentities.builder().build(), Map.of(), ConsentState.empty(), true);

  /** A kit that reports each item it forwards, as kits do. */
  static RecordingKit.Factory reporting(int id) {
    return new RecordingKit.Factory(
        id,
        "rep" + id,
        ctx ->
            new RecordingKit.Commerce(ctx) {
              @Override
              void before(String call) {
                context.reportForwarded(call, "partner call");
              }

              @Override
              public void onCommerceEvent(CommerceEvent event, KitUser user) throws Exception {
                super.onCommerceEvent(event, user);
                context.reportForwarded("commerce", "partner call");
              }
            });
  }

  static RecordingKit.Factory reportingEventsOnly(int id) {
    return new RecordingKit.Factory(
        id,
        "ev" + id,
        ctx ->
            new RecordingKit(ctx) {
              @Override
              void before(String call) {
                context.reportForwarded(call, "partner call");
              }
            });
  }

  @Test
  void whatKitsReportForwardedBecomesRecords() throws Exception {
    RecordingKit.Factory k = reporting(5);
    RecordingKit.Factory ev = reportingEventsOnly(6);
    manager =
        KitManager.builder()
            .httpClient(http)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .kit(k)
            .kit(ev)
            .sdkVersion("9.9")
            .forwardingStats(stats(100))
            .configuration(
                KitConfiguration.parse(
                    "{\"eks\":[{\"id\":5,\"pr\":[{\"id\":77,\"matches\":[{\"message_type\":4,"
                        + "\"event_match_type\":\"Hash\",\"event\":\""
                        + KitHash.hash("1Go")
                        + "\"}],\"action\":{"
                        + "\"projected_event_name\":\"went\"}}]},{\"id\":6}]}"))
            .build();
    manager.start();
    manager.onEvent(
        CustomEvent.builder("Go")
            .customEventType(CustomEventType.NAVIGATION)
            .timestamp(1_700_000_000_000L)
            .attribute("k", "v")
            .build(),
        USER);
    manager.onEvent(ScreenView.builder("Home").build(), USER);
    manager.onEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .product(Product.builder("s", "n").build())
                    .build())
            .build(),
        USER);
    await(() -> k.kit().calls.size() == 3 && ev.kit().calls.size() == 4, "kits called");
    platform.enqueue(new MockResponse().setResponseCode(202));
    stats.flush();
    List<Map<String, Object>> data = data(platform.takeRequest(5, TimeUnit.SECONDS));
    assertThat(data).hasSize(7);
    Map<String, Object> projected =
        data.stream()
            .filter(m -> m.get("mid").equals(5L) && m.get("dt").equals(4L))
            .findFirst()
            .orElseThrow();
    assertThat(projected)
        .containsEntry("n", "Go")
        .containsEntry("et", 1L)
        .containsEntry("ct", 1_700_000_000_000L)
        .containsEntry("sdk", "9.9")
        .containsEntry("dbg", true)
        .containsEntry("eec", 0L)
        .containsEntry("attrs", Map.of("k", "v"));
    assertThat(projected.get("proj").toString()).contains("pid=77").contains("name=event:went");
    assertThat(data)
        .filteredOn(m -> m.get("mid").equals(5L) && m.get("dt").equals(16L))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("et", 16L));
    assertThat(data)
        .filteredOn(m -> m.get("mid").equals(6L) && m.get("dt").equals(3L))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("n", "Home").doesNotContainKey("et"));
    // The event-only kit got the purchase expanded into 2 events: each record says how many there
    // were.
    assertThat(data)
        .filteredOn(m -> m.get("mid").equals(6L) && m.get("dt").equals(16L))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).containsEntry("eec", 2L));
  }

  @Test
  void aKitReportingLaterFromItsOwnThreadIsMatchedByName() throws Exception {
    RecordingKit.Factory k = new RecordingKit.Factory(5, "later");
    manager =
        KitManager.builder()
            .httpClient(http)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .kit(k)
            .forwardingStats(stats(100))
            .configuration(KitConfiguration.parse("{\"eks\":[{\"id\":5}]}"))
            .build();
    manager.start();
    manager.onEvent(ScreenView.builder("Home").build(), USER);
    manager.onEvent(
        CustomEvent.builder("Go").customEventType(CustomEventType.SEARCH).build(), USER);
    await(() -> k.kit().calls.size() == 2, "kit called");
    // As a batching kit does once its partner answered: from another thread, by the name it
    // received.
    Thread t =
        new Thread(
            () -> {
              k.kit().context.reportForwarded("Go", "batch");
              k.kit().context.reportForwarded("Home", "batch");
              k.kit().context.reportForwarded("never delivered", "batch");
            });
    t.start();
    t.join();
    platform.enqueue(new MockResponse().setResponseCode(202));
    stats.flush();
    List<Map<String, Object>> data = data(platform.takeRequest(5, TimeUnit.SECONDS));
    assertThat(data)
        .extracting(m -> m.get("n") + "/" + m.get("dt"))
        .containsExactly("Go/4", "Home/3");
    assertThat(data.get(0)).containsEntry("et", 3L);
  }

  @Test
  void productionRecordsCarryNoAttributes() throws Exception {
    RecordingKit.Factory k = reporting(5);
    manager =
        KitManager.builder()
            .httpClient(http)
            .environment(Environment.PRODUCTION)
            .discoverKits(false)
            .kit(k)
            .forwardingStats(stats(100))
            .configuration(KitConfiguration.parse("{\"eks\":[{\"id\":5}]}"))
            .build();
    manager.start();
    manager.onEvent(CustomEvent.builder("Go").attribute("email", "a@b.c").build(), USER);
    await(() -> k.kit().calls.size() == 1, "kit called");
    platform.enqueue(new MockResponse().setResponseCode(202));
    stats.flush();
    Map<String, Object> r = data(platform.takeRequest(5, TimeUnit.SECONDS)).get(0);
    assertThat(r).doesNotContainKey("attrs").containsEntry("dbg", false);
  }
}
