package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spoke.Environment;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionStart;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitManagerTest {
  @TempDir Path dir;

  final OkHttpClient http = new OkHttpClient();
  final List<KitReport> reports = new CopyOnWriteArrayList<>();
  final List<KitManager> managers = new CopyOnWriteArrayList<>();

  static final KitUser USER =
      new KitUser(
          256L * 10,
          UserIdentities.builder().customerId("c1").email("a@b.c").build(),
          Map.of("tier", "gold", "city", "Oslo"),
          ConsentState.empty(),
          true);

  @AfterEach
  void closeAll() {
    managers.forEach(m -> m.close(Duration.ofSeconds(2)));
  }

  static KitConfiguration config(String eks) throws KitConfigurationException {
    return KitConfiguration.parse("{\"stl\":61,\"uitl\":30,\"eks\":[" + eks + "]}");
  }

  KitManagerBuilder builder(KitConfiguration config, KitFactory... factories) {
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(http)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .configuration(config)
            .reportListener(reports::add);
    for (KitFactory f : factories) {
      b.kit(f);
    }
    return b;
  }

  KitManager started(KitManagerBuilder b) {
    KitManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  static CustomEvent event(String name) {
    return CustomEvent.builder(name)
        .customEventType(CustomEventType.NAVIGATION)
        .attribute("color", "red")
        .build();
  }

  List<KitReport> reportsOf(KitReport.Kind kind) {
    return reports.stream().filter(r -> r.kind() == kind).toList();
  }

  @Test
  void onlyEnabledKitsAreInstantiatedOrCreated() throws Exception {
    int annotated = TestFactories.Annotated.INSTANCES.get();
    int annotatedCreates = TestFactories.Annotated.CREATES.get();
    int plainCreates = TestFactories.Plain.CREATES.get();
    int enabledCreates = TestFactories.AnnotatedEnabled.CREATES.get();
    ClassLoader cl =
        TestFactories.servicesLoader(
            dir,
            TestFactories.Annotated.class.getName(),
            TestFactories.Plain.class.getName(),
            TestFactories.AnnotatedEnabled.class.getName());
    KitManager m =
        started(
            KitManager.builder()
                .httpClient(http)
                .classLoader(cl)
                .reportListener(reports::add)
                .configuration(config("{\"id\":902}")));
    await(() -> !reportsOf(KitReport.Kind.KIT_CREATED).isEmpty(), "kit 902 created");

    assertThat(m.availableKits()).containsExactly(900, 901, 902);
    assertThat(m.activeKits()).containsExactly(902);
    assertThat(TestFactories.AnnotatedEnabled.CREATES.get() - enabledCreates).isEqualTo(1);
    assertThat(TestFactories.Annotated.INSTANCES.get() - annotated)
        .as("disabled annotated factory never instantiated")
        .isZero();
    assertThat(TestFactories.Annotated.CREATES.get() - annotatedCreates).isZero();
    assertThat(TestFactories.Plain.CREATES.get() - plainCreates)
        .as("disabled plain factory never creates")
        .isZero();
  }

  @Test
  void anEnabledIdWithoutAKitIsReportedOnceWithTheArtifact() throws Exception {
    KitManager m = started(builder(config("{\"id\":160},{\"id\":4242}")));
    m.applyConfiguration(config("{\"id\":160},{\"id\":4242},{\"id\":100001}"));
    m.applyConfiguration(config("{\"id\":160}"));
    List<KitReport> r = reportsOf(KitReport.Kind.KIT_UNAVAILABLE);
    assertThat(r).extracting(KitReport::moduleId).containsExactly(160, 4242, 100001);
    assertThat(r.get(0).message()).contains("dev.spoke:spoke-kit-ga4");
    assertThat(r.get(1).message()).contains("no Spoke kit is known").contains("docs/KITS.md");
    // The webhook kit is sideloaded now (1000001): its former id is no known kit.
    assertThat(r.get(2).message()).contains("no Spoke kit is known");
  }

  @Test
  void callsBeforeTheConfigurationAreReplayedInOrderAndTheBufferIsBounded() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "rec");
    KitManager m = builder(config("{\"id\":1}"), f).replayCapacity(5).build();
    managers.add(m);
    m.onEvent(event("e1"), USER);
    m.onUserAttributeSet(USER, "plan", "pro");
    m.onEvent(ScreenView.builder("Home").build(), USER);
    m.onOptOut(true);
    m.onEvent(event("after-opt-out"), USER);
    m.onEvent(event("dropped-1"), USER);
    m.onEvent(event("dropped-2"), USER);
    assertThat(f.created).isEmpty();
    assertThat(m.replayDropped()).isEqualTo(2);
    assertThat(reportsOf(KitReport.Kind.REPLAY_BUFFER_FULL)).isNotEmpty();

    m.start();
    m.onOptOut(false);
    m.onEvent(event("live"), USER);
    RecordingKit k = f.kit();
    await(() -> k.calls.size() >= 6, "replayed and live calls");
    assertThat(k.callsSnapshot())
        .containsExactly(
            "event:e1",
            "attr:plan=pro",
            "screen:Home",
            "optOut:true",
            "optOut:false",
            "event:live");
    KitStats s = m.stats().get(1);
    assertThat(s.filtered()).containsEntry("honorOptOut", 1L);
    assertThat(s.delivered()).isEqualTo(6);
  }

  @Test
  void aHangingKitAndAThrowingKitDelayNeitherAnotherKitNorTheDispatcher() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingKit.Factory hanging =
        new RecordingKit.Factory(
            1,
            "hanging",
            c ->
                new RecordingKit(c) {
                  @Override
                  void before(String call) throws Exception {
                    if (call.startsWith("event")) {
                      release.await();
                    }
                  }
                });
    RecordingKit.Factory throwing =
        new RecordingKit.Factory(
            2,
            "throwing",
            c ->
                new RecordingKit(c) {
                  @Override
                  void before(String call) {
                    throw new IllegalStateException("partner down");
                  }
                });
    RecordingKit.Factory healthy = new RecordingKit.Factory(3, "healthy");
    KitManager m =
        started(
            builder(config("{\"id\":1},{\"id\":2},{\"id\":3}"), hanging, throwing, healthy)
                .queueCapacity(10));
    try {
      RecordingKit ok = healthy.kit();
      throwing.kit();
      // In rounds of 10 (the queue bound), so the healthy and throwing kits can keep up while the
      // hanging kit's queue stays full: each round must complete while kit 1 never returns.
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            for (int round = 1; round <= 20; round++) {
              for (int i = 0; i < 10; i++) {
                m.onEvent(event("e" + ((round - 1) * 10 + i)), USER);
              }
              int expected = round * 10;
              await(
                  () -> ok.calls.size() == expected && m.stats().get(2).failed() == expected,
                  "round " + round);
            }
          },
          "neither the dispatcher nor the other kits may wait for the hanging kit");
      assertThat(ok.calls.get(199)).isEqualTo("event:e199");

      KitStats hung = m.stats().get(1);
      assertThat(hung.received()).isEqualTo(200);
      assertThat(hung.dropped()).isGreaterThanOrEqualTo(189);
      assertThat(hung.queued()).isLessThanOrEqualTo(10);
      assertThat(reportsOf(KitReport.Kind.KIT_QUEUE_FULL))
          .extracting(KitReport::moduleId)
          .containsOnly(1);
      List<KitReport> failures = reportsOf(KitReport.Kind.KIT_CALL_FAILED);
      assertThat(failures).hasSizeBetween(1, 6);
      assertThat(failures.get(0).error()).hasMessage("partner down");
      assertThat(m.stats().get(3).delivered()).isEqualTo(200);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aKitWhoseCreateThrowsIsExcludedAndTheOthersCarryOn() throws Exception {
    KitFactory broken =
        new KitFactory() {
          @Override
          public int moduleId() {
            return 7;
          }

          @Override
          public String name() {
            return "broken";
          }

          @Override
          public String version() {
            return "1";
          }

          @Override
          public Kit create(KitContext context) {
            throw new IllegalArgumentException("apiSecret missing");
          }
        };
    RecordingKit.Factory good = new RecordingKit.Factory(8, "good");
    KitManager m = started(builder(config("{\"id\":7},{\"id\":8}"), broken, good));
    m.onEvent(event("e1"), USER);
    await(() -> good.kit().calls.size() == 1, "good kit got the event");
    await(() -> !reportsOf(KitReport.Kind.KIT_CREATE_FAILED).isEmpty(), "broken kit reported");
    assertThat(m.activeKits()).doesNotContain(7);
    KitReport r = reportsOf(KitReport.Kind.KIT_CREATE_FAILED).get(0);
    assertThat(r.moduleId()).isEqualTo(7);
    assertThat(r.message()).contains("broken").contains("apiSecret missing").contains("excluded");
    // still enabled: not retried
    m.applyConfiguration(config("{\"id\":7},{\"id\":8}"));
    assertThat(reportsOf(KitReport.Kind.KIT_CREATE_FAILED)).hasSize(1);
    assertThat(m.activeKits()).containsExactly(8);
  }

  @Test
  void whenTheCreateFailureIsReportedTheKitIsAlreadyGoneFromTheActiveKits() throws Exception {
    KitFactory broken =
        new KitFactory() {
          @Override
          public int moduleId() {
            return 7;
          }

          @Override
          public String name() {
            return "broken";
          }

          @Override
          public String version() {
            return "1";
          }

          @Override
          public Kit create(KitContext context) {
            throw new IllegalArgumentException("apiSecret missing");
          }
        };
    java.util.concurrent.atomic.AtomicReference<KitManager> ref =
        new java.util.concurrent.atomic.AtomicReference<>();
    List<List<Integer>> activeAtReport = new CopyOnWriteArrayList<>();
    KitManagerBuilder b =
        builder(config("{\"id\":7},{\"id\":8}"), broken, new RecordingKit.Factory(8, "good"))
            .reportListener(
                r -> {
                  if (r.kind() == KitReport.Kind.KIT_CREATE_FAILED)
                    activeAtReport.add(ref.get().activeKits());
                });
    KitManager m = b.build();
    ref.set(m);
    managers.add(m);
    m.start();
    await(() -> !activeAtReport.isEmpty(), "create failure reported");
    assertThat(activeAtReport.get(0)).doesNotContain(7);
  }

  @Test
  void aConfigurationChangeUpdatesCreatesAndCloses() throws Exception {
    RecordingKit.Factory one = new RecordingKit.Factory(1, "one");
    RecordingKit.Factory two = new RecordingKit.Factory(2, "two");
    RecordingKit.Factory three = new RecordingKit.Factory(3, "three");
    List<KitConfiguration> seen = new CopyOnWriteArrayList<>();
    KitManager m =
        started(
            builder(config("{\"id\":1,\"as\":{\"k\":\"a\"}},{\"id\":2}"), one, two, three)
                .configurationListener(seen::add));
    RecordingKit k1 = one.kit();
    RecordingKit k2 = two.kit();
    assertThat(k1.context.settings()).containsEntry("k", "a");

    m.applyConfiguration(config("{\"id\":1,\"as\":{\"k\":\"b\"}},{\"id\":3}"));
    await(() -> k1.calls.contains("settings:{k=b}"), "settings updated");
    await(() -> k2.calls.contains("close"), "disabled kit closed");
    RecordingKit k3 = three.kit();
    assertThat(one.created).hasSize(1);
    assertThat(k1.context.settings()).containsEntry("k", "b");
    assertThat(m.activeKits()).containsExactly(1, 3);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).sessionTimeoutSeconds()).isEqualTo(61);
    assertThat(m.current()).isEqualTo(seen.get(1));

    m.onEvent(event("after"), USER);
    await(
        () -> k3.calls.contains("event:after") && k1.calls.contains("event:after"),
        "both running kits");
    assertThat(k2.calls).doesNotContain("event:after");

    // re-enabled: a fresh kit
    m.applyConfiguration(config("{\"id\":1,\"as\":{\"k\":\"b\"}},{\"id\":2},{\"id\":3}"));
    await(() -> two.created.size() == 2, "kit two created again");
    assertThat(reportsOf(KitReport.Kind.KIT_CLOSED))
        .extracting(KitReport::moduleId)
        .containsExactly(2);
  }

  @Test
  void eachKitGetsItsOwnFilteredCopyAndUserView() throws Exception {
    RecordingKit.Factory plain = new RecordingKit.Factory(1, "plain");
    RecordingKit.Factory filtered = new RecordingKit.Factory(2, "filtered");
    String hs =
        "\"hs\":{\"ea\":{\""
            + KitHash.hash("1clickcolor")
            + "\":0},\"ec\":{\""
            + KitHash.hash("1secret")
            + "\":0},"
            + "\"ua\":{\""
            + KitHash.hash("tier")
            + "\":0},\"uid\":{\"7\":0}}";
    KitManager m = started(builder(config("{\"id\":1},{\"id\":2," + hs + "}"), plain, filtered));
    m.onEvent(event("click"), USER);
    m.onEvent(event("secret"), USER);
    m.onUserAttributeSet(USER, "tier", "platinum");
    m.onUserAttributeSet(USER, "city", "Bergen");
    RecordingKit a = plain.kit();
    RecordingKit b = filtered.kit();
    await(() -> a.calls.size() == 4 && b.calls.size() == 2, "deliveries");
    assertThat(b.callsSnapshot()).containsExactly("event:click", "attr:city=Bergen");
    assertThat(((CustomEvent) a.received.get(0)).customAttributes()).containsKey("color");
    assertThat(((CustomEvent) b.received.get(0)).customAttributes()).doesNotContainKey("color");
    assertThat(b.lastUser.attributes()).containsOnlyKeys("city");
    assertThat(b.lastUser.identities().get(IdentityType.EMAIL)).isNull();
    assertThat(a.lastUser.identities().get(IdentityType.EMAIL)).isEqualTo("a@b.c");
    assertThat(b.context.currentUser().orElseThrow().attributes()).containsOnlyKeys("city");
    assertThat(m.stats().get(2).filtered()).containsEntry("ec", 1L).containsEntry("ua", 1L);
  }

  @Test
  void userRulesGateEveryCallAndConsentChangesAreReEvaluated() throws Exception {
    RecordingKit.Factory gated = new RecordingKit.Factory(1, "gated");
    String crvf =
        "\"crvf\":{\"i\":true,\"v\":[{\"h\":" + KitHash.hash("1marketing") + ",\"c\":true}]}";
    KitManager m = started(builder(config("{\"id\":1," + crvf + ",\"eau\":true}"), gated));
    ConsentState yes =
        ConsentState.builder().gdpr("marketing", ConsentDecision.builder(true).build()).build();
    KitUser consenting = new KitUser(1L, UserIdentities.empty(), Map.of(), yes, true);
    KitUser anonymous = new KitUser(1L, UserIdentities.empty(), Map.of(), yes, false);
    m.onEvent(event("no-consent"), USER);
    m.onEvent(event("anonymous"), anonymous);
    m.onConsentChanged(ConsentState.empty(), yes, consenting);
    m.onEvent(event("ok"), consenting);
    m.onIdentity(dev.spoke.user.IdentityCall.LOGIN, consenting);
    RecordingKit k = gated.kit();
    await(() -> k.calls.size() == 3, "admitted calls");
    assertThat(k.callsSnapshot()).containsExactly("consent", "event:ok", "login");
    assertThat(m.stats().get(1).filtered()).containsEntry("crvf", 1L).containsEntry("eau", 1L);
  }

  @Test
  void anAliasReachesNoIdentityCallbackAndModifyReachesItsOwn() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "identity");
    KitManager m = started(builder(config("{\"id\":1}"), f));
    KitUser user = new KitUser(1L, UserIdentities.empty(), Map.of(), ConsentState.empty(), true);
    m.onIdentity(dev.spoke.user.IdentityCall.ALIAS, user);
    m.onIdentity(dev.spoke.user.IdentityCall.MODIFY, user);
    m.onEvent(event("after"), user);
    RecordingKit k = f.kit();
    await(() -> k.calls.size() == 2, "calls");
    assertThat(k.callsSnapshot()).containsExactly("modify", "event:after");
  }

  @Test
  void honorOptOutStopsOnlyTheKitsThatHonorIt() throws Exception {
    RecordingKit.Factory honoring = new RecordingKit.Factory(1, "honoring");
    RecordingKit.Factory ignoring = new RecordingKit.Factory(2, "ignoring");
    KitManager m =
        started(
            builder(
                config("{\"id\":1},{\"id\":2,\"as\":{\"honorOptOut\":\"false\"}}"),
                honoring,
                ignoring));
    m.onOptOut(true);
    m.onEvent(event("x"), USER);
    m.onEvent(SessionStart.builder().build(), USER);
    RecordingKit h = honoring.kit();
    RecordingKit i = ignoring.kit();
    await(() -> i.calls.size() == 3, "ignoring kit");
    await(() -> h.calls.size() == 1, "honoring kit told of the opt-out");
    assertThat(h.callsSnapshot()).containsExactly("optOut:true");
    assertThat(i.callsSnapshot()).containsExactly("optOut:true", "event:x", "sessionStart");
  }

  @Test
  void commerceIsExpandedForEventOnlyKitsAndPassedAsIsToCommerceKits() throws Exception {
    RecordingKit.Factory events = new RecordingKit.Factory(1, "events");
    RecordingKit.Factory commerce =
        new RecordingKit.Factory(2, "commerce", RecordingKit.Commerce::new);
    KitManager m = started(builder(config("{\"id\":1},{\"id\":2}"), events, commerce));
    CommerceEvent purchase =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .transactionId("t1")
                    .product(Product.builder("s1", "Shoe").price(10.0).build())
                    .product(Product.builder("s2", "Sock").build())
                    .build())
            .build();
    m.onEvent(purchase, USER);
    RecordingKit e = events.kit();
    RecordingKit c = commerce.kit();
    await(() -> e.calls.size() == 3 && c.calls.size() == 1, "commerce deliveries");
    // Android's order (CommerceEventUtils.expandProductAction): the Total first, then one Item per
    // product.
    assertThat(e.callsSnapshot())
        .containsExactly(
            "event:eCommerce - purchase - Total",
            "event:eCommerce - purchase - Item",
            "event:eCommerce - purchase - Item");
    assertThat(c.callsSnapshot()).containsExactly("commerce:16");
    assertThat(m.stats().get(1).delivered()).isEqualTo(1);
  }

  @Test
  void reportForwardedIsCountedAndCloseIsBounded() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    RecordingKit.Factory stuck =
        new RecordingKit.Factory(
            1,
            "stuck",
            c ->
                new RecordingKit(c) {
                  @Override
                  void before(String call) throws Exception {
                    if (call.equals("close")) {
                      never.await();
                    }
                    if (call.startsWith("event")) {
                      context.reportForwarded("e", "partner-event");
                    }
                  }
                });
    RecordingKit.Factory fine = new RecordingKit.Factory(2, "fine");
    KitManager m = builder(config("{\"id\":1},{\"id\":2}"), stuck, fine).build();
    m.start();
    m.onEvent(event("e"), USER);
    await(() -> m.stats().get(1).forwarded() == 1, "forwarded counted");
    assertThat(m.close(Duration.ofMillis(200))).isFalse();
    assertThat(reportsOf(KitReport.Kind.KIT_CLOSE_TIMED_OUT))
        .extracting(KitReport::moduleId)
        .containsExactly(1);
    assertThat(fine.kit().calls).contains("close");
    assertThat(m.close(Duration.ofMillis(1))).isTrue();
    m.onEvent(event("ignored"), USER);
    assertThat(m.stats().get(2).received()).isEqualTo(1);
  }

  @Test
  void builderFailsFast() {
    assertThatThrownBy(() -> KitManager.builder().configuration(KitConfiguration.empty()).build())
        .hasMessageContaining("httpClient");
    assertThatThrownBy(() -> KitManager.builder().httpClient(http).build())
        .hasMessageContaining("configClient")
        .hasMessageContaining("neither");
    assertThatThrownBy(() -> KitManager.builder().queueCapacity(0))
        .hasMessageContaining("queueCapacity");
  }

  @Test
  void aManagerWithAConfigClientStartsFromTheServer() throws Exception {
    try (okhttp3.mockwebserver.MockWebServer server = new okhttp3.mockwebserver.MockWebServer()) {
      server.enqueue(new okhttp3.mockwebserver.MockResponse().setBody("{\"eks\":[{\"id\":5}]}"));
      RecordingKit.Factory five = new RecordingKit.Factory(5, "five");
      KitConfigClient client =
          KitConfigClient.builder("key")
              .configBase(server.url("/").toString())
              .httpClient(http)
              .cacheDir(dir)
              .build();
      KitManager m =
          KitManager.builder()
              .httpClient(http)
              .discoverKits(false)
              .kit(five)
              .configClient(client)
              .reportListener(reports::add)
              .build();
      managers.add(m);
      m.onEvent(event("early"), USER);
      m.start();
      await(
          () -> !five.created.isEmpty() && five.kit().calls.contains("event:early"),
          "kit from server config");
      assertThat(server.takeRequest().getHeader("x-mp-kits")).isEqualTo("5");
      assertThat(reportsOf(KitReport.Kind.CONFIG_APPLIED)).hasSize(1);
    }
  }

  @Test
  void theConfigurationsDataPlanHoldsKitsToItAndEachBlockIsCountedAndReported() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "rec");
    String dpr =
        "\"dpr\":{\"dtpn\":{\"blok\":{\"ev\":true,\"ea\":true,\"ua\":true,\"id\":true},"
            + "\"vers\":"
            + DataPlanTest.shopPlan()
            + "}}";
    KitManager m =
        started(builder(KitConfiguration.parse("{\"eks\":[{\"id\":1}]," + dpr + "}"), f));
    m.onEvent(DataPlanTest.custom("Unplanned", CustomEventType.OTHER), USER);
    m.onEvent(DataPlanTest.custom("Unplanned", CustomEventType.OTHER), USER);
    m.onEvent(
        DataPlanTest.custom("Store Locator", CustomEventType.LOCATION, "radius", "pin"), USER);
    m.onUserAttributeSet(USER, "city", "Bergen");
    m.onUserAttributeSet(USER, "tier", "platinum");
    RecordingKit k = f.kit();
    await(() -> k.calls.size() == 2, "planned calls");
    assertThat(k.callsSnapshot()).containsExactly("event:Store Locator", "attr:tier=platinum");
    assertThat(((CustomEvent) k.received.get(0)).customAttributes()).containsOnlyKeys("radius");
    assertThat(k.lastUser.attributes()).containsOnlyKeys("tier");
    assertThat(k.lastUser.identities().asMap())
        .containsOnlyKeys(IdentityType.CUSTOMER_ID, IdentityType.EMAIL);

    KitStats s = m.stats().get(1);
    assertThat(s.filtered()).containsEntry("dataPlan", 3L);
    // city is removed from the user each of the two delivered calls carry, and blocked once as a
    // call.
    assertThat(s.dataPlanBlocked())
        .containsEntry("event", 2L)
        .containsEntry("eventAttribute", 1L)
        .containsEntry("userAttribute", 3L)
        .doesNotContainKey("identity");
    List<String> blocked =
        reportsOf(KitReport.Kind.DATA_PLAN_BLOCKED).stream().map(KitReport::message).toList();
    assertThat(blocked)
        .hasSize(3)
        .anyMatch(msg -> msg.contains("unplanned event custom_event:other:Unplanned"))
        .anyMatch(
            msg ->
                msg.contains(
                    "unplanned attribute 'pin' of event custom_event:location:Store Locator"))
        .anyMatch(msg -> msg.contains("unplanned user attribute 'city'"));
    assertThat(reportsOf(KitReport.Kind.DATA_PLAN_APPLIED))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.message())
                    .contains("from the configuration's dpr")
                    .contains("spoke_shop v2")
                    .contains("data points that match nothing"));
  }

  @Test
  void theHostsDataPlanWinsOverTheConfigurationsAndAConfigurationWithoutDprBlocksNothing()
      throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "rec");
    String dpr =
        "\"dpr\":{\"dtpn\":{\"blok\":{\"ev\":true},\"vers\":{\"version_document\":{\"data_points\":[]}}}}";
    KitManager m =
        started(
            builder(KitConfiguration.parse("{\"eks\":[{\"id\":1}]," + dpr + "}"), f)
                .dataPlan(DataPlan.parse(DataPlanTest.shopPlan(), false, true, false, false)));
    m.onEvent(DataPlanTest.custom("Unplanned", CustomEventType.OTHER), USER);
    RecordingKit k = f.kit();
    await(() -> k.calls.size() == 1, "host plan does not block events");
    assertThat(reportsOf(KitReport.Kind.DATA_PLAN_APPLIED).get(0).message())
        .contains("given by the host");

    RecordingKit.Factory g = new RecordingKit.Factory(1, "rec2");
    KitManager fromConfig =
        started(builder(KitConfiguration.parse("{\"eks\":[{\"id\":1}]," + dpr + "}"), g));
    fromConfig.onEvent(DataPlanTest.custom("Unplanned", CustomEventType.OTHER), USER);
    fromConfig.applyConfiguration(KitConfiguration.parse("{\"eks\":[{\"id\":1}]}"));
    fromConfig.onEvent(DataPlanTest.custom("Later", CustomEventType.OTHER), USER);
    RecordingKit k2 = g.kit();
    await(() -> k2.calls.size() == 1, "the plan is dropped with the dpr");
    assertThat(k2.callsSnapshot()).containsExactly("event:Later");
  }
}
