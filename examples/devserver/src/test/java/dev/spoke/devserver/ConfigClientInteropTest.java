package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.internal.kit.KitConfigClient;
import dev.spoke.internal.kit.KitConfiguration;
import dev.spoke.kit.KitReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spoke's configuration request, as the Android SDK makes it, against the local platform's
 * configuration endpoint.
 */
class ConfigClientInteropTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void signedConditionalRequestsAreVerifiedAndAnswered304() throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    List<KitConfiguration> applied = new CopyOnWriteArrayList<>();
    try (KitConfigClient c =
        KitConfigClient.builder("k1")
            .configBase(server.baseUri().toString())
            .environment(Environment.DEVELOPMENT)
            .appVersion("1.0")
            .sdkVersion("0.1.0")
            .secret(() -> "s1")
            .dataPlan("plan-a", 2)
            .httpClient(new OkHttpClient())
            .build()) {
      c.start(List.of(), applied::add, reports::add);
      await(() -> reports.size() >= 1);
      c.refreshNow();
      await(() -> reports.size() >= 2);
    }
    assertThat(reports)
        .extracting(KitReport::kind)
        .containsExactly(KitReport.Kind.CONFIG_APPLIED, KitReport.Kind.CONFIG_UNCHANGED);
    List<ConfigRequest> seen = server.configRequests();
    assertThat(seen).hasSize(2);
    assertThat(seen).extracting(ConfigRequest::signed).containsExactly(true, true);
    assertThat(seen).extracting(ConfigRequest::status).containsExactly(200, 304);
    assertThat(seen.get(0).kits()).as("no empty x-mp-kits").isNull();
    assertThat(seen.get(1).ifNoneMatch()).isNotNull();
    assertThat(seen.get(1).ifModifiedSince()).isNotNull();
    assertThat(seen.get(0).planId()).isEqualTo("plan-a");
    assertThat(seen.get(0).planVersion()).isEqualTo("2");

    // The wrong secret is refused: the platform would not serve an unverifiable signed request
    // either.
    List<KitReport> wrong = new CopyOnWriteArrayList<>();
    try (KitConfigClient c =
        KitConfigClient.builder("k1")
            .configBase(server.baseUri().toString())
            .secret(() -> "not-the-secret")
            .httpClient(new OkHttpClient())
            .build()) {
      c.start(List.of(160), x -> {}, wrong::add);
      await(() -> !wrong.isEmpty());
    }
    assertThat(wrong.get(0).kind()).isEqualTo(KitReport.Kind.CONFIG_FETCH_FAILED);
    assertThat(wrong.get(0).message()).contains("401");
    assertThat(server.configRequests().get(2).signed()).isFalse();
  }
}
