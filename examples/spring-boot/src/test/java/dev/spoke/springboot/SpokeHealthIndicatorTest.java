package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.event.CustomEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The indicator's states without a Spring context: a tiny local Events API whose answer the test
 * sets (503 for an outage, 403 for refused credentials, 202 when all is well).
 */
class SpokeHealthIndicatorTest {
  private static final String SECRET = "indicator-test-secret";

  private final AtomicInteger answer = new AtomicInteger(202);
  private HttpServer server;
  private Spoke spoke;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    server.start();
    URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    // A data directory makes uploads retry until accepted, so the outage lasts as long as the test
    // wants.
    spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder("us1-indicator", SECRET).build())
                .endpoint(root)
                .kitsEnabled(false)
                .dataDirectory(dir)
                .uploadInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .build());
  }

  @AfterEach
  void stop() {
    answer.set(202);
    spoke.close(Duration.ofSeconds(5));
    server.stop(0);
  }

  @Test
  void upBeforeAndAfterDeliveries() {
    SpokeHealthIndicator indicator = new SpokeHealthIndicator(spoke, null);
    Health before = indicator.health();
    assertThat(before.getStatus()).isEqualTo(Status.UP);
    assertThat(before.getDetails())
        .containsEntry("uploads", "ok")
        .containsEntry("lastDelivery", "none yet")
        .containsEntry("workspace", "us1-indicator")
        .doesNotContainKey("reason");
    assertThat(before.getDetails().get("endpoint").toString()).contains("US1");

    spoke.user("u").logEvent(CustomEvent.builder("e").build());
    assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
    Health after = indicator.health();
    assertThat(after.getStatus()).isEqualTo(Status.UP);
    assertThat(after.getDetails().get("lastDelivery")).isNotEqualTo("none yet");
    assertThat(after.getDetails()).containsEntry("delivered", 2L);
  }

  @Test
  void degradedWithTheReasonWhileUploadsFailThenUpAgain() {
    SpokeHealthIndicator indicator =
        new SpokeHealthIndicator(spoke, URI.create("http://127.0.0.1:1"));
    answer.set(503);
    spoke.user("u").logEvent(CustomEvent.builder("e").build());
    LocalPlatform.await(
        "the indicator reports DEGRADED",
        () -> indicator.health().getStatus().equals(SpokeHealthIndicator.DEGRADED),
        () -> indicator.health().toString());
    Health h = indicator.health();
    assertThat(h.getDetails())
        .containsEntry("uploads", "failing")
        .containsEntry("httpStatus", 503)
        .containsKey("since")
        .containsEntry("endpoint", "http://127.0.0.1:1");
    assertThat(h.getDetails().get("reason").toString()).contains("503").contains("retrying");
    assertThat((Long) h.getDetails().get("consecutiveFailures")).isPositive();
    assertThat((Long) h.getDetails().get("pending")).isPositive();
    assertThat(h.toString()).doesNotContain(SECRET);

    answer.set(202);
    assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downWithTheReasonWhileTheCredentialsAreRefused() {
    SpokeHealthIndicator indicator = new SpokeHealthIndicator(spoke, null);
    answer.set(403);
    spoke.user("u").logEvent(CustomEvent.builder("e").build());
    LocalPlatform.await(
        "the indicator reports DOWN",
        () -> indicator.health().getStatus().equals(Status.DOWN),
        () -> indicator.health().toString());
    Health h = indicator.health();
    assertThat(h.getDetails()).containsEntry("uploads", "paused").containsEntry("httpStatus", 403);
    assertThat(h.getDetails().get("reason").toString())
        .contains("us1-indicator")
        .contains("updateSecret");
    assertThat(h.toString()).doesNotContain(SECRET);
  }
}
