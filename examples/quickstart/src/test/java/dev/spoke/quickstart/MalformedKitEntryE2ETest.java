package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.ga4.Ga4KitFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDK → local platform: the workspace's kit configuration carries one entry Spoke cannot read (half
 * a bracket). On a first start with nothing cached, every other kit starts and receives events; the
 * bad kit is reported once to the host's listener with its id and the field.
 */
class MalformedKitEntryE2ETest {
  private static final String KEY = "us1-e2emalformed000000000000001";
  private static final String SECRET = "e2e-malformed-secret";
  private static final String WORKSPACES =
      "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\","
          + "\"workspaces\":[{\"id\":\"w\",\"apiKey\":\""
          + KEY
          + "\",\"apiSecret\":\""
          + SECRET
          + "\","
          + "\"identityScope\":\"workspace\",\"environment\":\"development\"}]}]}]}";

  @TempDir Path dir;

  /** The module id of the deliberately unreadable entry. */
  private static final int BROKEN = 4242;

  private DevServer platform;
  private LocalCollector collector;
  private Spoke spoke;

  @BeforeEach
  void start() throws Exception {
    collector = LocalCollector.start();
    platform =
        DevServer.builder()
            .workspaces(WorkspacesFile.parse(WORKSPACES))
            .dataDirectory(dir)
            .seed(5)
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    if (spoke != null) {
      spoke.close(Duration.ofSeconds(5));
    }
    platform.close();
    collector.close();
  }

  @Test
  void oneUnreadableEntryCostsOnlyItsKit() {
    // Configured kits only (the webhook and example kits are sideloaded: no workspace entry
    // configures them).
    RecordingKitFactory recording = new RecordingKitFactory();
    platform.kits(
        KEY,
        List.of(
            WorkspacesFile.Kit.of(RecordingKitFactory.MODULE_ID, Map.of()),
            WorkspacesFile.Kit.of(
                Ga4KitFactory.MODULE_ID,
                Map.of(
                    "measurementId",
                    "G-E2E",
                    "apiSecret",
                    "s",
                    "endpoint",
                    collector.baseUri() + "/ga4"))));
    platform.rawKitEntries(KEY, List.of("{\"id\":" + BROKEN + ",\"bk\":{\"lo\":10}}"));
    List<String> kitMessages = new CopyOnWriteArrayList<>();
    SpokeListener listener =
        new SpokeListener() {
          @Override
          public void onKit(int moduleId, String kitName, String message) {
            kitMessages.add(moduleId + " " + message);
          }
        };
    spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder(KEY, SECRET).build())
                .endpoint(platform.baseUri())
                .kit(recording)
                .uploadInterval(Duration.ofMillis(50))
                .listener(listener)
                .build());
    spoke.user("c1").logEvent(CustomEvent.builder("hello").build());

    await("both good kits running", () -> spoke.activeKits().size() == 2);
    assertThat(spoke.activeKits())
        .containsExactlyInAnyOrder(RecordingKitFactory.MODULE_ID, Ga4KitFactory.MODULE_ID);
    await(
        "the recording kit got the event",
        () -> recording.calls("event").stream().anyMatch(c -> c.name().equals("hello")));
    await(
        "GA4 got the event",
        () -> collector.requests("/ga4").stream().anyMatch(r -> r.body().contains("hello")));
    List<String> invalid =
        kitMessages.stream().filter(m -> m.contains("KIT_ENTRY_INVALID")).toList();
    assertThat(invalid)
        .singleElement()
        .satisfies(
            m ->
                assertThat(m).startsWith(BROKEN + " ").contains("eks[2].bk").contains("lo and hi"));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
