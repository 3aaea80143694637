package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.ValidationRule;
import dev.spoke.example.kit.LogPartnerKitFactory;
import dev.spoke.kit.ga4.Ga4KitFactory;
import dev.spoke.kit.webhook.WebhookKitFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, run in-process: its outcome and what it prints. */
class QuickstartE2ETest {
  @TempDir Path dir;

  @Test
  void theScenarioSucceedsAndThePrintedSummaryIsTrue() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path data = dir.resolve("quickstart-data");
    Files.createDirectories(data.resolve("stale"));
    Quickstart.Outcome o =
        Quickstart.run(data, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(o.problems()).isEmpty();
    assertThat(o.ok()).isTrue();
    assertThat(Files.exists(data.resolve("stale"))).as("the data directory starts fresh").isFalse();

    // Everything sent was accepted; the broken limits were fixed locally (the over-long name
    // truncated, as
    // the platform does), so nothing was dropped.
    assertThat(o.metrics().delivered())
        .isEqualTo(o.metrics().accepted())
        .isEqualTo(o.platform().eventsAccepted());
    assertThat(o.metrics().dropped()).isEmpty();
    assertThat(o.failures()).isEmpty();
    assertThat(o.validation())
        .containsKeys(
            ValidationRule.EVENT_NAME_TOO_LONG,
            ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG,
            ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG);

    // The scenario's parts all reached the platform.
    Set<String> types = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (JsonNode b : o.batches()) {
      assertThat(b.path("mpid").asLong()).isEqualTo(o.mpid());
      for (JsonNode e : b.path("events")) {
        types.add(e.path("event_type").asText());
        names.add(
            e.path("data").path("event_name").asText(e.path("data").path("screen_name").asText()));
      }
    }
    assertThat(types)
        .contains(
            "session_start",
            "session_end",
            "custom_event",
            "screen_view",
            "commerce_event",
            "profile",
            "user_attribute_change",
            "user_identity_change");
    assertThat(names)
        .contains(
            "Opened Catalog",
            "Searched",
            "Played Track",
            Quickstart.FILTERED_EVENT,
            "Home",
            "Checkout");
    JsonNode last = o.batches().get(o.batches().size() - 1);
    assertThat(last.path("user_attributes").path("favorite_genres").size()).isEqualTo(3);
    assertThat(last.path("user_attributes").has("all_tags")).as("the refused list").isFalse();
    assertThat(last.path("consent_state").path("gdpr").has("location_collection")).isTrue();
    assertThat(last.path("user_identities").path("customer_id").asText()).isEqualTo("ada-1815");

    // Kits: GA4 (configured) and the sideloaded webhook and example kits loaded and sent to the
    // collector;
    // GA4 never got the filtered event and got the projected one renamed; the workspace's entry in
    // the
    // sideloaded range (which would block every custom event type) was ignored.
    assertThat(Quickstart.kit(o.metrics(), Ga4KitFactory.MODULE_ID))
        .containsEntry("filtered.ec", 1L);
    assertThat(Quickstart.kit(o.metrics(), WebhookKitFactory.MODULE_ID))
        .containsEntry("filtered.svec", 1L);
    assertThat(Quickstart.kit(o.metrics(), LogPartnerKitFactory.MODULE_ID))
        .doesNotContainKey("filtered.et");
    assertThat(o.ga4Requests()).isNotEmpty();
    assertThat(o.ga4Requests())
        .noneMatch(r -> r.body().contains("debug_ping") || r.body().contains("Debug Ping"));
    assertThat(o.ga4Requests())
        .anyMatch(r -> r.body().contains("\"listen\"") && r.body().contains("Giant Steps"));
    assertThat(o.ga4Requests()).noneMatch(r -> r.body().contains("played_track"));
    assertThat(o.exampleRequests()).anyMatch(r -> r.body().contains("Played Track"));
    assertThat(o.webhookRequests()).noneMatch(r -> r.body().contains("\"Checkout\""));
    // What each kit forwarded was reported to the local platform and counted there.
    assertThat(o.platform().forwarding())
        .containsKeys(
            Ga4KitFactory.MODULE_ID, WebhookKitFactory.MODULE_ID, LogPartnerKitFactory.MODULE_ID);
    ObjectMapper json = new ObjectMapper();
    int webhookEvents = 0;
    for (LocalCollector.Request r : o.webhookRequests()) {
      webhookEvents += json.readTree(r.body()).path("events").size();
    }
    assertThat(webhookEvents)
        .as("the webhook has no filter: it got the Debug Ping too")
        .isGreaterThan(o.ga4Requests().size());

    // What it prints: the summary and, on its own line, the path of the platform's JSONL log.
    List<String> lines = printed.lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("  forwarding statistics: Spoke sent "));
    assertThat(lines).anyMatch(l -> l.contains("(1000002)") && l.contains("sideloaded range"));
    assertThat(lines).contains("result: OK, everything sent was accepted");
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "  live page http://127\\.0\\.0\\.1:\\d+/"
                        + " \\(keep it open after the run: -Dspoke\\.quickstart\\.serve=true\\)"));
    String last2 = lines.get(lines.size() - 1);
    assertThat(last2).startsWith("received batches: ");
    Path log = Paths.get(last2.substring("received batches: ".length()));
    assertThat(log).isAbsolute().exists().isEqualTo(o.batchLog());
    List<String> logged = Files.readAllLines(log);
    assertThat(logged).hasSize((int) o.platform().batchesAccepted());
    assertThat(json.readTree(logged.get(0)).path("events").isArray()).isTrue();
    assertThat(printed).contains("accepted by the local platform " + o.platform().eventsAccepted());
  }
}
