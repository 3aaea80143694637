package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Environment;
import dev.spoke.kit.KitReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitConfigClientTest {
  static final String CONFIG =
      "{\"stl\":60,\"eks\":[{\"id\":160,\"as\":{\"measurementId\":\"G-1\"}}]}";
  static final String CONFIG2 = "{\"stl\":90,\"eks\":[{\"id\":100001}]}";

  @TempDir Path dir;

  MockWebServer server;
  final OkHttpClient http = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
  final FakeClock clock = new FakeClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final List<KitConfiguration> applied = new CopyOnWriteArrayList<>();
  final List<KitReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.shutdown();
  }

  KitConfigClient client(Environment env) {
    return KitConfigClient.builder("us1-abc")
        .configBase(server.url("/").toString())
        .environment(env)
        .appVersion("1.2")
        .sdkVersion("0.1.0")
        .httpClient(http)
        .cacheDir(dir)
        .clock(clock)
        .scheduler(scheduler)
        .build();
  }

  void start(KitConfigClient c) {
    c.start(List.of(160, 900), applied::add, reports::add);
  }

  @Test
  void sendsTheHeadersAndAppliesAndCachesA200() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("ETag", "\"v1\""));
    KitConfigClient c = client(Environment.DEVELOPMENT);
    start(c);
    assertThat(server.getRequestCount()).as("start never fetches on the caller's thread").isZero();
    scheduler.runDue();

    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getRequestUrl().encodedPath()).isEqualTo("/v4/us1-abc/config");
    assertThat(r.getRequestUrl().queryParameter("av")).isEqualTo("1.2");
    assertThat(r.getRequestUrl().queryParameter("sv")).isEqualTo("0.1.0");
    assertThat(r.getHeader("x-mp-env")).isEqualTo("1");
    assertThat(r.getHeader("x-mp-kits")).isEqualTo("160,900");
    assertThat(r.getHeader("If-None-Match")).isNull();

    assertThat(applied)
        .singleElement()
        .extracting(KitConfiguration::sessionTimeoutSeconds)
        .isEqualTo(60);
    assertThat(reports).extracting(KitReport::kind).containsExactly(KitReport.Kind.CONFIG_APPLIED);
    String cached = Files.readString(dir.resolve("kit-config-us1-abc.json"));
    assertThat(cached).contains("\\\"v1\\\"").contains("measurementId");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
    c.close();
  }

  @Test
  void a304AppliesTheCachedDocumentWithoutDownloadingIt() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("ETag", "\"v1\""));
    KitConfigClient first = client(Environment.PRODUCTION);
    start(first);
    scheduler.runDue();
    first.close();
    server.takeRequest();

    server.enqueue(new MockResponse().setResponseCode(304));
    applied.clear();
    reports.clear();
    KitConfigClient second = client(Environment.PRODUCTION);
    start(second);
    scheduler.runDue();
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeader("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(r.getHeader("x-mp-env")).isEqualTo("2");
    assertThat(applied).singleElement().extracting(KitConfiguration::rawJson).isEqualTo(CONFIG);
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_UNCHANGED);

    // a later 304 changes nothing and calls nobody
    clock.advance(Duration.ofMinutes(10));
    server.enqueue(new MockResponse().setResponseCode(304));
    scheduler.runDue();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(applied).hasSize(1);
    second.close();
  }

  @Test
  void serverDownStartsFromTheDiskCache() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("ETag", "\"v1\""));
    KitConfigClient first = client(Environment.PRODUCTION);
    start(first);
    scheduler.runDue();
    first.close();

    applied.clear();
    reports.clear();
    server.enqueue(new MockResponse().setResponseCode(503));
    KitConfigClient second = client(Environment.PRODUCTION);
    start(second);
    scheduler.runDue();
    assertThat(applied).singleElement().extracting(KitConfiguration::rawJson).isEqualTo(CONFIG);
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_FROM_CACHE);
    assertThat(reports.get(0).message()).contains("503");
    second.close();

    applied.clear();
    reports.clear();
    server.shutdown();
    KitConfigClient third = client(Environment.PRODUCTION);
    start(third);
    scheduler.runDue();
    assertThat(applied).singleElement().extracting(KitConfiguration::rawJson).isEqualTo(CONFIG);
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_FROM_CACHE);
    third.close();
  }

  @Test
  void withoutACacheAFailureIsReportedAndRetriedWithBackoff() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    KitConfigClient c = client(Environment.PRODUCTION);
    start(c);
    scheduler.runDue();
    assertThat(applied).isEmpty();
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_FETCH_FAILED);
    assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMinutes(1).toMillis());
    server.enqueue(new MockResponse().setResponseCode(500));
    clock.advance(Duration.ofMinutes(1));
    scheduler.runDue();
    assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMinutes(2).toMillis());
    c.close();
  }

  @Test
  void refreshesAtMostEveryTenMinutesUnlessAskedTo() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("ETag", "\"v1\""));
    KitConfigClient c = client(Environment.PRODUCTION);
    start(c);
    scheduler.runDue();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofMinutes(10).toMillis());

    clock.advance(Duration.ofMinutes(5));
    c.refreshIfDue();
    scheduler.runDue();
    assertThat(server.getRequestCount()).as("not due after 5 minutes").isEqualTo(1);

    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    scheduler.runDue();
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(new MockResponse().setBody(CONFIG2).setHeader("ETag", "\"v2\""));
    clock.advance(Duration.ofSeconds(1));
    scheduler.runDue();
    assertThat(server.getRequestCount()).as("due at 10 minutes").isEqualTo(2);
    assertThat(applied).extracting(KitConfiguration::sessionTimeoutSeconds).containsExactly(60, 90);

    server.enqueue(new MockResponse().setResponseCode(304));
    c.refreshNow();
    scheduler.runDue();
    assertThat(server.getRequestCount()).as("refreshNow ignores the interval").isEqualTo(3);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("If-None-Match")).isEqualTo("\"v2\"");
    c.close();
  }

  @Test
  void anInvalidOrOversizedDocumentIsRejectedAndThePreviousKept() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("ETag", "\"v1\""));
    KitConfigClient c = client(Environment.PRODUCTION);
    start(c);
    scheduler.runDue();
    server.enqueue(new MockResponse().setBody("{\"eks\":{\"id\":1}}"));
    c.refreshNow();
    scheduler.runDue();
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(
            KitReport.Kind.CONFIG_APPLIED,
            KitReport.Kind.CONFIG_INVALID,
            KitReport.Kind.CONFIG_FETCH_FAILED);
    assertThat(reports.get(1).message()).contains("eks").contains("array");
    assertThat(c.current().rawJson()).isEqualTo(CONFIG);
    assertThat(Files.readString(c.cacheFile())).contains("measurementId");

    server.enqueue(new MockResponse().setBody("{\"pad\":\"" + "x".repeat(5000) + "\"}"));
    KitConfigClient small =
        KitConfigClient.builder("other")
            .configBase(server.url("/").toString())
            .httpClient(http)
            .clock(clock)
            .scheduler(scheduler)
            .maxBodyBytes(1024)
            .build();
    List<KitReport> smallReports = new CopyOnWriteArrayList<>();
    small.start(List.of(), applied::add, smallReports::add);
    scheduler.runDue();
    assertThat(smallReports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_FETCH_FAILED);
    assertThat(smallReports.get(0).message()).contains("1024");
    assertThat(small.current()).isNull();
    small.close();
    c.close();
  }

  @Test
  void builderFailsFastNamingTheParameter() {
    assertThatThrownBy(() -> KitConfigClient.builder("k").refreshInterval(Duration.ofMinutes(5)))
        .hasMessageContaining("refreshInterval")
        .hasMessageContaining("10 minutes");
    assertThatThrownBy(() -> KitConfigClient.builder(" ")).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> KitConfigClient.builder("k").configBase("not a url"))
        .hasMessageContaining("configBase");
    assertThatThrownBy(() -> KitConfigClient.builder("k").build())
        .hasMessageContaining("httpClient");
    assertThat(KitConfigCache.safeFileName("us1-a/b..c")).isEqualTo("us1-a_b..c");
  }
}
