package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.Spoke;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.Workspace;
import dev.spoke.devserver.ConfigRequest;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.example.kit.LogPartnerKitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ga4.Ga4KitFactory;
import dev.spoke.kit.webhook.WebhookKitFactory;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDK → local platform: which kits Spoke loads is decided by the platform's kit configuration for
 * the workspace (not by what is on the classpath), a change of that configuration is picked up, and
 * the configuration's filters decide what each kit receives while the Events API still gets
 * everything.
 */
class KitsE2ETest {
  private static final String KEY = "us1-e2ekits00000000000000000001";
  private static final String SECRET = "e2e-kits-secret";
  private static final String WORKSPACES =
      "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\","
          + "\"workspaces\":[{\"id\":\"w\",\"apiKey\":\""
          + KEY
          + "\",\"apiSecret\":\""
          + SECRET
          + "\","
          + "\"identityScope\":\"workspace\",\"environment\":\"development\"}]}]}]}";

  @TempDir Path dir;

  private DevServer platform;
  private LocalCollector collector;
  private final List<Spoke> instances = new ArrayList<>();

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
    for (Spoke s : instances) {
      s.close(Duration.ofSeconds(5));
    }
    platform.close();
    collector.close();
  }

  private Spoke spoke(SpokeOptions.Builder options) {
    Spoke s =
        Spoke.create(
            options.endpoint(platform.baseUri()).uploadInterval(Duration.ofMillis(50)).build());
    instances.add(s);
    return s;
  }

  private static SpokeOptions.Builder options() {
    return SpokeOptions.builder(Workspace.builder(KEY, SECRET).build());
  }

  private dev.spoke.kit.SideloadedKit.Builder webhook() {
    return WebhookKitFactory.sideloaded(collector.baseUri() + "/webhook")
        .setting("batchSize", "1")
        .setting("flushIntervalMs", "10");
  }

  private WorkspacesFile.Kit ga4() {
    return WorkspacesFile.Kit.of(
        Ga4KitFactory.MODULE_ID,
        Map.of(
            "measurementId", "G-E2E", "apiSecret", "s", "endpoint", collector.baseUri() + "/ga4"));
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

  private static Map<String, Long> kit(SpokeMetrics m, int moduleId) {
    return Quickstart.kit(m, moduleId);
  }

  /** Event names in the webhook requests received so far. */
  private List<String> webhookEventNames() {
    ObjectMapper json = new ObjectMapper();
    List<String> names = new ArrayList<>();
    for (LocalCollector.Request r : collector.requests("/webhook")) {
      try {
        for (JsonNode e : json.readTree(r.body()).path("events")) {
          names.add(e.path("name").asText());
        }
      } catch (java.io.IOException e) {
        throw new AssertionError("the webhook kit sent a body that is not JSON: " + r.body(), e);
      }
    }
    return names;
  }

  @Test
  void onlyTheKitsTheWorkspaceEnablesAreLoadedAndAChangeIsPickedUp() throws Exception {
    RecordingKitFactory recording = new RecordingKitFactory();
    platform.kits(KEY, List.of(WorkspacesFile.Kit.of(RecordingKitFactory.MODULE_ID, Map.of())));
    Spoke first = spoke(options().kit(recording));
    first.user("c1").logEvent(CustomEvent.builder("first").build());
    await(
        "recording kit created", () -> first.activeKits().contains(RecordingKitFactory.MODULE_ID));
    assertThat(first.activeKits()).containsExactly(RecordingKitFactory.MODULE_ID);
    await(
        "recording kit got 'first'",
        () -> recording.calls("event").stream().anyMatch(c -> c.name().equals("first")));

    // The configuration changes on the platform: GA4 instead. A refresh picks it up.
    platform.kits(KEY, List.of(ga4()));
    first.refreshConfiguration();
    await(
        "GA4 replaces the recording kit",
        () -> first.activeKits().equals(List.of(Ga4KitFactory.MODULE_ID)));
    int recorded = recording.calls().size();
    first.user("c1").logEvent(CustomEvent.builder("second").build());
    await(
        "GA4 got 'second'",
        () -> collector.requests("/ga4").stream().anyMatch(r -> r.body().contains("second")));
    assertThat(collector.requests("/ga4").get(0).query()).contains("measurement_id=G-E2E");
    assertThat(first.flush(Duration.ofSeconds(10)).complete()).isTrue();
    assertThat(recording.calls()).hasSize(recorded);

    // A new instance with no kit enabled loads none, although GA4 is on the classpath.
    platform.kits(KEY, List.of());
    Spoke second = spoke(options());
    second.user("c2").logEvent(CustomEvent.builder("third").build());
    await("configuration fetched", () -> platform.configRequests().size() >= 3);
    assertThat(second.flush(Duration.ofSeconds(10)).complete()).isTrue();
    assertThat(second.activeKits()).isEmpty();
    assertThat(second.metrics().kits()).isEmpty();

    // Spoke told the platform which kits it has on the classpath; sideloaded kits are not among
    // them.
    ConfigRequest req = platform.configRequests().get(0);
    assertThat(req.apiKey()).isEqualTo(KEY);
    assertThat(req.kits())
        .contains(String.valueOf(Ga4KitFactory.MODULE_ID))
        .contains(String.valueOf(RecordingKitFactory.MODULE_ID))
        .doesNotContain(String.valueOf(WebhookKitFactory.MODULE_ID))
        .doesNotContain(String.valueOf(LogPartnerKitFactory.MODULE_ID));
    // And the Events API got every event whatever the kits.
    assertThat(platform.eventCount(KEY))
        .isEqualTo(first.metrics().delivered() + second.metrics().delivered());
  }

  @Test
  void sideloadedKitsRunWhateverTheWorkspaceSaysAndProjectionsAndForwardingGoThroughThePlatform()
      throws Exception {
    int other = CustomEventType.OTHER.filterNumber();
    // The workspace: a projection for the recording kit, and an entry in the sideloaded range
    // (ignored).
    com.fasterxml.jackson.databind.JsonNode pr =
        new ObjectMapper()
            .readTree(
                "[{\"id\":9,\"matches\":[{"
                    + "\"message_type\":4,\"event_match_type\":\"Hash\",\"event\":\""
                    + h(other + "Signup")
                    + "\"}],"
                    + "\"behavior\":{\"append_unmapped_as_is\":true},\"action\":{\"projected_event_name\":\"sign_up\"}}]");
    platform.kits(
        KEY,
        List.of(
            WorkspacesFile.Kit.of(RecordingKitFactory.MODULE_ID, Map.of()).withProjections(pr),
            new WorkspacesFile.Kit(
                WebhookKitFactory.MODULE_ID,
                Map.of(),
                Map.of("ec", Map.of(h(other + "Signup"), 0)),
                null,
                null,
                null,
                false)));
    RecordingKitFactory recording = new RecordingKitFactory();
    Spoke s =
        spoke(
            options()
                .kitDiscovery(false)
                .kit(recording)
                .sideloadedKit(
                    webhook().addEventNameFilter(CustomEventType.OTHER, "Internal").build()));
    await("both kits", () -> s.activeKits().size() == 2);
    assertThat(s.activeKits())
        .containsExactly(RecordingKitFactory.MODULE_ID, WebhookKitFactory.MODULE_ID);
    SpokeUser u = s.user("c1");
    u.logEvent(CustomEvent.builder("Signup").attribute("plan", "pro").build());
    u.logEvent(CustomEvent.builder("Internal").build());
    await("webhook got Signup", () -> webhookEventNames().contains("Signup"));
    await(
        "recording kit got sign_up",
        () -> recording.calls("event").stream().anyMatch(c -> c.name().equals("sign_up")));
    assertThat(s.flush(Duration.ofSeconds(10)).complete()).isTrue();
    s.close(Duration.ofSeconds(10));

    assertThat(recording.calls("event"))
        .extracting(RecordingKitFactory.Call::name)
        .contains("sign_up", "Internal")
        .doesNotContain("Signup");
    // The workspace's ec for 1000001 did not apply; the kit's own filter did.
    assertThat(webhookEventNames()).contains("Signup").doesNotContain("Internal");
    // What each kit forwarded reached the platform's forwarding statistics (the recording kit
    // reports nothing).
    assertThat(platform.stats().forwarding()).containsKey(WebhookKitFactory.MODULE_ID);
    assertThat(platform.forwardingRecords(KEY))
        .anySatisfy(
            r -> {
              assertThat(r.get("mid").asInt()).isEqualTo(WebhookKitFactory.MODULE_ID);
              assertThat(r.get("n").asText()).isEqualTo("Signup");
              assertThat(r.get("dt").asInt()).isEqualTo(4);
            });
    // The platform still got every event.
    assertThat(platform.batches(KEY).toString()).contains("Signup").contains("Internal");
  }

  @Test
  void kitsDisabledInTheOptionsFetchNoConfigurationAndLoadNothing() throws Exception {
    platform.kits(KEY, List.of(ga4()));
    Spoke s = spoke(options().kitsEnabled(false).sideloadedKit(webhook().build()));
    s.user("c1").logEvent(CustomEvent.builder("hello").build());
    assertThat(s.flush(Duration.ofSeconds(10)).complete()).isTrue();
    assertThat(s.activeKits()).isEmpty();
    assertThat(platform.configRequests()).isEmpty();
    assertThat(collector.requests()).isEmpty();
    assertThat(platform.eventCount(KEY)).isEqualTo(2); // session_start + hello
  }

  private static String h(String s) {
    return String.valueOf(s.toLowerCase(Locale.ROOT).hashCode());
  }

  @Test
  void theConfigurationsFiltersDecideWhatTheKitReceives() throws Exception {
    int social = CustomEventType.SOCIAL.filterNumber();
    int other = CustomEventType.OTHER.filterNumber();
    int transaction = CustomEventType.TRANSACTION.filterNumber();
    int purchase = ProductActionType.PURCHASE.filterNumber();
    Map<String, Map<String, Integer>> filters =
        Map.of(
            "et", Map.of(h(String.valueOf(social)), 0), // every Social event
            "ec", Map.of(h(other + "Internal Ping"), 0), // one event by name
            "ea", Map.of(h(transaction + "Checkout" + "card"), 0), // one attribute of one event
            "svec", Map.of(h("0" + "Debug"), 0), // one screen
            "svea", Map.of(h("0" + "Home" + "token"), 0), // one attribute of one screen
            "cea", Map.of(h(purchase + "coupon_secret"), 0), // one commerce attribute
            "ua", Map.of(h("ssn"), 0), // one user attribute
            "uid",
                Map.of(String.valueOf(IdentityType.EMAIL.filterNumber()), 0)); // one identity type
    platform.kits(
        KEY,
        List.of(
            new WorkspacesFile.Kit(
                RecordingKitFactory.MODULE_ID,
                Map.of("k", "v"),
                filters,
                null,
                null,
                null,
                false)));
    RecordingKitFactory recording = new RecordingKitFactory();
    Spoke s = spoke(options().kitDiscovery(false).kit(recording));

    SpokeUser u =
        s.user(UserIdentities.builder().customerId("cust-9").email("nine@example.com").build());
    u.setAttribute("plan", "pro");
    u.setAttribute("ssn", "000-00-0000");
    u.logEvent(CustomEvent.builder("Opened").customEventType(CustomEventType.NAVIGATION).build());
    u.logEvent(CustomEvent.builder("Shared").customEventType(CustomEventType.SOCIAL).build());
    u.logEvent(CustomEvent.builder("Internal Ping").customEventType(CustomEventType.OTHER).build());
    u.logEvent(
        CustomEvent.builder("Checkout")
            .customEventType(CustomEventType.TRANSACTION)
            .attribute("card", "4111")
            .attribute("amount", 12)
            .build());
    u.logEvent(ScreenView.builder("Home").attribute("token", "t").attribute("tab", "main").build());
    u.logEvent(ScreenView.builder("Debug").build());
    u.logEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .transactionId("T1")
                    .product(Product.builder("p", "P").price(1.0).build())
                    .build())
            .attribute("coupon_secret", "X")
            .attribute("channel", "web")
            .build());
    u.logEvent(CustomEvent.builder("Done").build());

    await(
        "the kit got 'Done'",
        () -> recording.calls("event").stream().anyMatch(c -> c.name().equals("Done")));
    assertThat(s.flush(Duration.ofSeconds(10)).complete()).isTrue();
    SpokeMetrics m = s.metrics();
    s.close(Duration.ofSeconds(5));

    assertThat(recording.created()).isEqualTo(1);
    assertThat(recording.calls("event"))
        .extracting(RecordingKitFactory.Call::name)
        .containsExactly("Opened", "Checkout", "Done");
    RecordingKitFactory.Call checkout = recording.calls("event").get(1);
    assertThat(checkout.attributes()).containsOnlyKeys("amount");
    assertThat(recording.calls("screen"))
        .extracting(RecordingKitFactory.Call::name)
        .containsExactly("Home");
    assertThat(recording.calls("screen").get(0).attributes()).containsOnlyKeys("tab");
    assertThat(recording.calls("commerce")).hasSize(1);
    assertThat(recording.calls("commerce").get(0).attributes()).containsOnlyKeys("channel");
    assertThat(recording.calls("attribute"))
        .extracting(RecordingKitFactory.Call::name)
        .containsExactly("plan");
    for (RecordingKitFactory.Call c : recording.calls()) {
      KitUser user = c.user();
      assertThat(user.identities().get(IdentityType.CUSTOMER_ID)).isEqualTo("cust-9");
      assertThat(user.identities().get(IdentityType.EMAIL)).as("uid filter").isNull();
      assertThat(user.attributes()).as("ua filter").doesNotContainKey("ssn");
    }
    Map<String, Long> counters = kit(m, RecordingKitFactory.MODULE_ID);
    assertThat(counters)
        .containsEntry("filtered.et", 1L)
        .containsEntry("filtered.ec", 1L)
        .containsEntry("filtered.svec", 1L);

    // Filters apply toward the kit only: the platform got every event, attribute and identity.
    List<String> names = new ArrayList<>();
    JsonNode lastHeader = null;
    for (JsonNode b : platform.batches(KEY)) {
      lastHeader = b;
      for (JsonNode e : b.path("events")) {
        if (e.path("data").has("event_name")) {
          names.add(e.path("data").path("event_name").asText());
        }
        if (e.path("data").path("event_name").asText().equals("Checkout")) {
          assertThat(e.path("data").path("custom_attributes").has("card")).isTrue();
        }
      }
    }
    assertThat(names).contains("Opened", "Shared", "Internal Ping", "Checkout", "Done");
    assertThat(lastHeader).isNotNull();
    assertThat(lastHeader.path("user_identities").path("email").asText())
        .isEqualTo("nine@example.com");
    assertThat(lastHeader.path("user_attributes").path("ssn").asText()).isEqualTo("000-00-0000");
  }
}
