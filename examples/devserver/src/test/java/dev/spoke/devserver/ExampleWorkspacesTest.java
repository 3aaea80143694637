package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.Environment;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.ScreenView;
import dev.spoke.user.UserIdentities;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspaces the standalone server serves by default work with Spoke as shipped: the kit they
 * enable (GA4, with a projection) is created without failure and forwards to the server's partner
 * sink, never to the internet; the entry in the sideloaded range (1000001, with a consent rule and
 * eau) is ignored, so the webhook kit the app sideloads runs with its own settings, for an
 * anonymous user too.
 */
class ExampleWorkspacesTest {

  @TempDir Path temp;

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(5_000_000);
    }
  }

  @Test
  void exampleKitsStartAndForwardToThePartnerSink() throws Exception {
    try (DevServer server =
        DevServer.builder()
            .workspaces(WorkspacesFile.example())
            .dataDirectory(temp)
            .build()
            .start()) {
      String config =
          TestSupport.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              server.configBaseUri() + "/us1-devkey0000000000000000000001/config"))
                      .GET()
                      .build())
              .body();
      assertThat(config)
          .contains(server.baseUri() + "/sink/ga4/mp/collect", "\"pr\"", "\"id\":1000001")
          .doesNotContain(WorkspacesFile.SERVER_PLACEHOLDER);

      List<String> reports = Collections.synchronizedList(new ArrayList<>());
      Workspace ws =
          Workspace.builder("us1-devkey0000000000000000000001", "dev-secret-1")
              .environment(Environment.DEVELOPMENT)
              .build();
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws)
                  .endpoint(server.baseUri())
                  .uploadInterval(Duration.ofMillis(200))
                  .sideloadedKit(
                      dev.spoke.kit.webhook.WebhookKitFactory.sideloaded(
                              server.baseUri() + "/sink/webhook")
                          .setting("flushIntervalMs", "200")
                          .build())
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onKit(int moduleId, String kitName, String message) {
                          reports.add(moduleId + " " + message);
                        }
                      })
                  .build());
      try {
        await(
            "both kits are active", () -> spoke.activeKits().containsAll(List.of(160, 1_000_001)));
        var user = spoke.user(UserIdentities.builder().customerId("c-1").build());
        user.identify().get(10, TimeUnit.SECONDS);
        user.logEvent(ScreenView.builder("Catalog").build());
        user.logEvent(CustomEvent.builder("Searched").build());
        FlushResult r = spoke.flush(Duration.ofSeconds(10));
        assertThat(r.complete()).as("%s", r).isTrue();
        // The workspace's entry for 1000001 (a consent rule and eau that would keep this anonymous
        // user out)
        // is in the sideloaded range, so it is ignored: the sideloaded webhook kit forwards too.
        await(
            "GA4 and the webhook reach the sink",
            () -> {
              JsonNode partners = server.liveFeed().statsJson().path("partnerRequests");
              return partners.path("ga4").asLong() > 0 && partners.path("webhook").asLong() > 0;
            });
      } finally {
        spoke.close(Duration.ofSeconds(5));
      }
      assertThat(reports).noneMatch(m -> m.contains("could not be created"));
      assertThat(reports).anyMatch(m -> m.startsWith("1000001 ") && m.contains("sideloaded range"));
      // What the kits forwarded was reported back as forwarding statistics.
      assertThat(server.stats().forwarding()).containsKeys(160, 1_000_001);
    }
  }
}
