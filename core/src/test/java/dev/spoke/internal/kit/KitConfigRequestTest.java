package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Environment;
import dev.spoke.kit.KitReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration request as the platform's Android SDK makes it
 * (MParticleApiClientImpl.fetchConfig): conditional headers, no empty kit list, signing, data plan
 * parameters. docs/WIRE.md section 6.
 */
class KitConfigRequestTest {
  static final String CONFIG = "{\"stl\":60,\"eks\":[{\"id\":160}]}";

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

  KitConfigClientBuilder builder() {
    return KitConfigClient.builder("us1-abc")
        .configBase(server.url("/").toString())
        .environment(Environment.PRODUCTION)
        .appVersion("1.2")
        .sdkVersion("0.1.0")
        .httpClient(http)
        .cacheDir(dir)
        .clock(clock)
        .scheduler(scheduler);
  }

  RecordedRequest fetch(KitConfigClient c, List<Integer> kits) throws InterruptedException {
    c.start(kits, applied::add, reports::add);
    scheduler.runDue();
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void noKitsMeansNoKitHeaderAtAll() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (KitConfigClient c = builder().build()) {
      RecordedRequest r = fetch(c, List.of());
      assertThat(r.getHeaders().names()).doesNotContain("x-mp-kits");
      assertThat(r.getHeader("x-mp-env")).isEqualTo("2");
    }
  }

  @Test
  void lastModifiedComesBackAsIfModifiedSinceAndA304KeepsTheCachedDocument() throws Exception {
    String modified = "Tue, 31 Dec 2024 23:00:00 GMT";
    server.enqueue(new MockResponse().setBody(CONFIG).setHeader("Last-Modified", modified));
    try (KitConfigClient c = builder().build()) {
      RecordedRequest first = fetch(c, List.of(160));
      assertThat(first.getHeader("If-Modified-Since")).isNull();
      assertThat(first.getHeader("If-None-Match")).isNull();

      server.enqueue(new MockResponse().setResponseCode(304));
      c.refreshNow();
      scheduler.runDue();
      RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(second.getHeader("If-Modified-Since")).isEqualTo(modified);
      assertThat(second.getHeader("If-None-Match")).as("no ETag was given").isNull();
      assertThat(reports)
          .extracting(KitReport::kind)
          .containsExactly(KitReport.Kind.CONFIG_APPLIED, KitReport.Kind.CONFIG_UNCHANGED);
      assertThat(c.current().rawJson()).isEqualTo(CONFIG);
    }
    // A restart reads Last-Modified back from the disk cache with the document.
    server.enqueue(new MockResponse().setResponseCode(304));
    reports.clear();
    try (KitConfigClient again = builder().build()) {
      RecordedRequest r = fetch(again, List.of(160));
      assertThat(r.getHeader("If-Modified-Since")).isEqualTo(modified);
      assertThat(reports)
          .extracting(KitReport::kind)
          .containsExactly(KitReport.Kind.CONFIG_UNCHANGED);
    }
  }

  @Test
  void signedAsTheAndroidSdkSignsWithDataPlanParameters() throws Exception {
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (KitConfigClient c = builder().secret(() -> "s3cret").dataPlan("my-plan", 3).build()) {
      RecordedRequest r = fetch(c, List.of(160));
      assertThat(r.getRequestUrl().queryParameter("plan_id")).isEqualTo("my-plan");
      assertThat(r.getRequestUrl().queryParameter("plan_version")).isEqualTo("3");
      assertThat(r.getHeader("Date")).isEqualTo("Wed, 01 Jan 2025 00:00:00 GMT");
      // Computed outside Spoke: HMAC-SHA256("s3cret", "GET\n" + date + "\n" + path?query),
      // lower-case hex.
      assertThat(r.getHeader("x-mp-signature"))
          .isEqualTo("fa46c0f929443effde7d3eeac1d9ca4338045b29c97f94b532a35695ef50ed35");
    }
  }

  @Test
  void aRotatedSecretSignsTheNextRequestAndNoSecretMeansUnsigned() throws Exception {
    AtomicReference<String> secret = new AtomicReference<>("one");
    server.enqueue(new MockResponse().setBody(CONFIG));
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (KitConfigClient c = builder().secret(secret::get).build()) {
      RecordedRequest first = fetch(c, List.of(160));
      secret.set("two");
      c.refreshNow();
      scheduler.runDue();
      RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
      String pathAndQuery =
          first.getRequestUrl().encodedPath() + "?" + first.getRequestUrl().encodedQuery();
      assertThat(first.getHeader("x-mp-signature"))
          .isEqualTo(
              KitConfigRequest.signature(
                  "one", "GET", first.getHeader("Date"), pathAndQuery, null));
      assertThat(second.getHeader("x-mp-signature"))
          .isEqualTo(
              KitConfigRequest.signature(
                  "two", "GET", second.getHeader("Date"), pathAndQuery, null))
          .isNotEqualTo(first.getHeader("x-mp-signature"));
    }
    server.enqueue(new MockResponse().setBody(CONFIG));
    try (KitConfigClient unsigned = builder().build()) {
      clock.advance(Duration.ofMinutes(1));
      RecordedRequest r = fetch(unsigned, List.of(160));
      assertThat(r.getHeader("x-mp-signature")).isNull();
      assertThat(r.getHeader("Date")).isNull();
    }
  }

  @Test
  void dataPlanParametersAreCheckedWhenConfigured() {
    assertThatThrownBy(() -> builder().dataPlan("p", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 1000");
    assertThatThrownBy(() -> builder().dataPlan("p", 1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().dataPlan(null, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("planId");
    assertThatThrownBy(() -> builder().dataPlan(" ", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
