package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.UserAttributeListener;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

class SpokeKitsTest {

  static final class CountingFactory implements KitFactory {
    final int id;
    final AtomicInteger created = new AtomicInteger();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> attributes = new CopyOnWriteArrayList<>();

    CountingFactory(int id) {
      this.id = id;
    }

    @Override
    public int moduleId() {
      return id;
    }

    @Override
    public String name() {
      return "counting-" + id;
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Kit create(KitContext context) {
      created.incrementAndGet();
      return new TestKit();
    }

    final class TestKit implements Kit, EventListener, UserAttributeListener {
      @Override
      public void onEvent(CustomEvent event, KitUser user) {
        events.add(event.name());
      }

      @Override
      public void onUserAttributeSet(KitUser user, String key, String value) {
        attributes.add(key + "=" + value);
      }
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(5);
    }
  }

  @Test
  void onlyKitsEnabledByTheConfigurationAreCreatedAndTheirFiltersApply() throws Exception {
    int other = CustomEventType.OTHER.filterNumber();
    int blocked = (other + "blocked").toLowerCase(Locale.ROOT).hashCode();
    String config =
        "{\"eks\":[{\"id\":901,\"as\":{\"k\":\"v\"},\"hs\":{\"ec\":{\""
            + blocked
            + "\":0}}}],\"stl\":60,\"uitl\":1}";
    CountingFactory enabled = new CountingFactory(901);
    CountingFactory disabled = new CountingFactory(902);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v4/")
                  ? new MockResponse()
                      .setResponseCode(200)
                      .setHeader("ETag", "\"1\"")
                      .setBody(config)
                  : new MockResponse().setResponseCode(202);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .kit(enabled)
                  .kit(disabled)
                  .build());
      SpokeUser u = spoke.user("u1");
      u.logEvent(CustomEvent.builder("before config").build());
      await(() -> spoke.activeKits().contains(901));
      u.logEvent(CustomEvent.builder("allowed").build());
      u.logEvent(CustomEvent.builder("blocked").build());
      u.setAttribute("plan", "pro");
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      await(() -> enabled.events.size() >= 2 && !enabled.attributes.isEmpty());
      Long filtered = spoke.metrics().kits().get("counting-901").get("filtered.ec");
      spoke.close();

      assertThat(enabled.created).hasValue(1);
      assertThat(disabled.created).hasValue(0);
      assertThat(enabled.events).containsExactly("before config", "allowed");
      assertThat(enabled.attributes).containsExactly("plan=pro");
      assertThat(filtered).isEqualTo(1L);
      // Filters apply toward kits only: the platform still gets every event.
      assertThat(s.events("custom_event")).hasSize(3);
      assertThat(s.server.getRequestCount()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void theConfigurationsDataPlanAndTheHostsReachKitsThroughTheEntryPoint() throws Exception {
    String plan =
        "{\"data_plan_id\":\"p\",\"version\":1,\"version_document\":{\"data_points\":["
            + "{\"match\":{\"type\":\"custom_event\",\"criteria\":{\"event_name\":\"planned\",\"custom_event_type\":\"other\"}},"
            + "\"validator\":{\"definition\":{}}},"
            + "{\"match\":{\"type\":\"user_attributes\",\"criteria\":{}},\"validator\":{\"definition\":"
            + "{\"additionalProperties\":false,\"properties\":{\"tier\":{}}}}}]}}";
    String config =
        "{\"eks\":[{\"id\":905,\"as\":{}}],\"dpr\":{\"dtpn\":{\"blok\":{\"ev\":true,\"ua\":true},\"vers\":"
            + plan
            + "}}}";
    for (boolean hostPlan : new boolean[] {false, true}) {
      CountingFactory kit = new CountingFactory(905);
      try (RecordingServer s = new RecordingServer()) {
        s.answer =
            r ->
                r.getPath().startsWith("/v4/")
                    ? new MockResponse().setResponseCode(200).setBody(config)
                    : new MockResponse().setResponseCode(202);
        SpokeOptions.Builder b =
            SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                .endpoint(s.root())
                .kitDiscovery(false)
                .kit(kit);
        if (hostPlan) {
          // The host's plan blocks only user attributes: it replaces the configuration's.
          b.dataPlan(DataPlanOptions.builder(plan).blockUserAttributes(true).build());
        }
        Spoke spoke = Spoke.create(b.build());
        await(() -> spoke.activeKits().contains(905));
        SpokeUser u = spoke.user("u1");
        u.logEvent(CustomEvent.builder("planned").build());
        u.logEvent(CustomEvent.builder("unplanned").build());
        u.setAttribute("tier", "gold");
        u.setAttribute("city", "Oslo");
        assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
        await(() -> !kit.attributes.isEmpty() && kit.events.contains("planned"));
        spoke.close();
        Map<String, Long> stats = spoke.metrics().kits().get("counting-905");
        assertThat(kit.events)
            .as("host plan " + hostPlan)
            .containsExactlyElementsOf(
                hostPlan ? List.of("planned", "unplanned") : List.of("planned"));
        assertThat(kit.attributes).containsExactly("tier=gold");
        // The city call, plus city removed from the user any later call carries (how many depends
        // on timing).
        assertThat(stats.get("dataPlanBlocked.userAttribute")).isGreaterThanOrEqualTo(1L);
        assertThat(stats.get("filtered.dataPlan")).isEqualTo(hostPlan ? 1L : 2L);
        assertThat(stats.get("dataPlanBlocked.event")).isEqualTo(hostPlan ? null : 1L);
        // Uploads are never changed by the plan.
        assertThat(s.events("custom_event")).hasSize(2);
      }
    }
  }

  @Test
  void eventsOverflowingThePreConfigurationBufferAreCountedAndUploadsUnaffected() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CountingFactory kit = new CountingFactory(903);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            if (r.getPath().startsWith("/v4/")) {
              try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new MockResponse()
                  .setResponseCode(200)
                  .setBody("{\"eks\":[{\"id\":903,\"as\":{}}]}");
            }
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .kit(kit)
                  .kitBufferCapacity(2)
                  .build());
      SpokeUser u = spoke.user("u1");
      for (int i = 0; i < 5; i++) u.logEvent(CustomEvent.builder("e" + i).build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      await(() -> spoke.metrics().kits().containsKey("(before the kit configuration)"));
      // session_start + 5 custom events reached the kit machinery; 2 fit the buffer.
      assertThat(spoke.metrics().kits().get("(before the kit configuration)").get("dropped"))
          .isEqualTo(4L);
      release.countDown();
      await(() -> spoke.activeKits().contains(903));
      await(() -> kit.events.size() == 1);
      spoke.close();
      assertThat(s.events("custom_event")).hasSize(5);
      assertThat(kit.events).containsExactly("e0");
    }
  }

  @Test
  void closeRightAfterStartStillHandsBufferedEventsToKitsWhenTheConfigurationArrives()
      throws Exception {
    CountingFactory kit = new CountingFactory(904);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v4/")
                  ? new MockResponse()
                      .setResponseCode(200)
                      .setBodyDelay(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                      .setBody("{\"eks\":[{\"id\":904,\"as\":{}}]}")
                  : new MockResponse().setResponseCode(202);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .kit(kit)
                  .build());
      spoke.user("u1").logEvent(CustomEvent.builder("early").build());
      spoke.close(Duration.ofSeconds(10));
      assertThat(kit.created).hasValue(1);
      assertThat(kit.events).containsExactly("early");
      assertThat(s.events("custom_event")).hasSize(1);
    }
  }

  /** A kit that says what it forwarded, as kits do. */
  static final class ReportingFactory implements KitFactory {
    final int id;
    final List<String> events = new CopyOnWriteArrayList<>();

    ReportingFactory(int id) {
      this.id = id;
    }

    @Override
    public int moduleId() {
      return id;
    }

    @Override
    public String name() {
      return "reporting-" + id;
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Kit create(KitContext context) {
      return new ReportingKit(context);
    }

    final class ReportingKit implements Kit, EventListener {
      final KitContext context;

      ReportingKit(KitContext context) {
        this.context = context;
      }

      @Override
      public void onEvent(CustomEvent event, KitUser user) {
        events.add(event.name() + " " + context.settings());
        context.reportForwarded(event.name(), "sent");
      }
    }
  }

  @Test
  void aSideloadedKitRunsWithAnEmptyWorkspaceConfigurationAndItsForwardingIsReported()
      throws Exception {
    ReportingFactory side = new ReportingFactory(1_000_010);
    List<String> statsBodies = new CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            if (r.getPath().startsWith("/v4/"))
              return new MockResponse().setResponseCode(200).setBody("{\"eks\":[]}");
            if (r.getPath().equals("/v2/JS/key-1/Forwarding"))
              statsBodies.add(r.getBody().readUtf8());
            return new MockResponse().setResponseCode(202);
          };
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .sideloadedKit(
                      dev.spoke.kit.SideloadedKit.builder(side)
                          .setting("color", "blue")
                          .addEventNameFilter(CustomEventType.OTHER, "hidden")
                          .build())
                  .build());
      SpokeUser u = spoke.user("u1");
      u.logEvent(CustomEvent.builder("shown").customEventType(CustomEventType.OTHER).build());
      u.logEvent(CustomEvent.builder("hidden").customEventType(CustomEventType.OTHER).build());
      await(() -> spoke.activeKits().contains(1_000_010) && side.events.size() == 1);
      spoke.close(Duration.ofSeconds(10));
      assertThat(side.events).containsExactly("shown {color=blue}");
      assertThat(String.join("", statsBodies))
          .contains("\"mid\":1000010")
          .contains("\"n\":\"shown\"")
          .doesNotContain("hidden");
    }
  }

  @Test
  void forwardingStatisticsAreOnByDefaultTowardThePlatformsHost() {
    SpokeOptions o =
        SpokeOptions.builder(Workspace.builder("us1-key1", "secret-1").build()).build();
    assertThat(o.forwardingStats()).isTrue();
    assertThat(o.forwardingStatsBaseUri().toString()).isEqualTo("https://jssdks.mparticle.com");
    SpokeOptions local =
        SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
            .endpoint(java.net.URI.create("http://127.0.0.1:9"))
            .forwardingStats(false)
            .build();
    assertThat(local.forwardingStats()).isFalse();
    assertThat(local.forwardingStatsBaseUri().toString()).isEqualTo("http://127.0.0.1:9");
  }
}
