package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Environment;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.EventAttributeMappings;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.SideloadedKit;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Projections, eaa/ear/eas and sideloaded kits through the kit manager, as a kit sees them. */
class KitManagerProjectionsTest {
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

  KitManager started(KitManagerBuilder b) {
    KitManager m = b.build();
    managers.add(m);
    m.start();
    return m;
  }

  KitManagerBuilder builder(String eks, RecordingKit.Factory... factories)
      throws KitConfigurationException {
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(http)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .configuration(KitConfiguration.parse("{\"eks\":[" + eks + "]}"))
            .reportListener(reports::add);
    for (RecordingKit.Factory f : factories) {
      b.kit(f);
    }
    return b;
  }

  static final String RENAME_SIGNUP =
      "\"pr\":[{\"id\":41,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\","
          + "\"event\":\""
          + KitHash.hash("8Signup")
          + "\"}],\"behavior\":{\"append_unmapped_as_is\":true},"
          + "\"action\":{\"projected_event_name\":\"sign_up\",\"attribute_maps\":[{\"projected_attribute_name\":\"method\","
          + "\"match_type\":\"String\",\"value\":\"via\"}]}}]";

  @Test
  void aKitReceivesTheProjectedEventAndOthersTheOriginal() throws Exception {
    RecordingKit.Factory projected = new RecordingKit.Factory(1, "projected");
    RecordingKit.Factory plain = new RecordingKit.Factory(2, "plain");
    KitManager m =
        started(builder("{\"id\":1," + RENAME_SIGNUP + "},{\"id\":2}", projected, plain));
    m.onEvent(
        CustomEvent.builder("Signup")
            .customEventType(CustomEventType.OTHER)
            .attribute("via", "email")
            .attribute("plan", "pro")
            .build(),
        USER);
    await(
        () -> projected.kit().calls.size() == 1 && plain.kit().calls.size() == 1,
        "both kits called");
    CustomEvent got = (CustomEvent) projected.kit().received.get(0);
    assertThat(got.name()).isEqualTo("sign_up");
    assertThat(got.customAttributes())
        .containsEntry("method", "email")
        .containsEntry("plan", "pro")
        .doesNotContainKey("via");
    assertThat(((CustomEvent) plain.kit().received.get(0)).name()).isEqualTo("Signup");
  }

  @Test
  void projectionRunsOnTheFilteredEvent() throws Exception {
    // ea blocks "via": the projection's String map finds nothing, so the renamed event has no
    // "method".
    RecordingKit.Factory f = new RecordingKit.Factory(1, "projected");
    KitManager m =
        started(
            builder(
                "{\"id\":1,\"hs\":{\"ea\":{\""
                    + KitHash.hash("8Signupvia")
                    + "\":0}},"
                    + RENAME_SIGNUP
                    + "}",
                f));
    m.onEvent(
        CustomEvent.builder("Signup")
            .customEventType(CustomEventType.OTHER)
            .attribute("via", "email")
            .build(),
        USER);
    await(() -> f.kit().calls.size() == 1, "kit called");
    CustomEvent got = (CustomEvent) f.kit().received.get(0);
    assertThat(got.name()).isEqualTo("sign_up");
    assertThat(got.customAttributes()).isEmpty();
  }

  @Test
  void aProjectedScreenReachesAnEventListenerAsACustomEvent() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "k");
    KitManager m =
        started(
            builder(
                "{\"id\":1,\"pr\":[{\"id\":3,\"matches\":[{\"message_type\":3,\"event_match_type\":"
                    + "\"Hash\",\"event\":\""
                    + KitHash.hash("0Home")
                    + "\"}],\"action\":{\"projected_event_name\":\"home_view\"}}]}",
                f));
    m.onEvent(ScreenView.builder("Home").build(), USER);
    m.onEvent(ScreenView.builder("Cart").build(), USER);
    await(() -> f.kit().calls.size() == 2, "two calls");
    assertThat(f.kit().callsSnapshot()).containsExactly("event:home_view", "screen:Cart");
  }

  @Test
  void commerceIsProjectedForCommerceKitsAndExpandedForEventKits() throws Exception {
    String pr =
        "\"pr\":[{\"id\":8,\"matches\":[{\"message_type\":16,\"event_match_type\":\"Hash\",\"event\":\""
            + KitHash.hash("16")
            + "\"}],\"action\":{\"projected_event_name\":\"order\",\"outbound_message_type\":4}}]";
    RecordingKit.Factory commerce =
        new RecordingKit.Factory(1, "commerce", RecordingKit.Commerce::new);
    RecordingKit.Factory events = new RecordingKit.Factory(2, "events");
    KitManager m =
        started(builder("{\"id\":1," + pr + "},{\"id\":2," + pr + "}", commerce, events));
    m.onEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .product(Product.builder("sku1", "Shoe").price(10.0).build())
                    .product(Product.builder("sku2", "Sock").price(2.0).build())
                    .build())
            .build(),
        USER);
    await(() -> commerce.kit().calls.size() == 2 && events.kit().calls.size() == 3, "calls");
    // The commerce kit takes the projection's custom events (one per product); the event-only kit
    // the expansion.
    assertThat(commerce.kit().callsSnapshot()).containsExactly("event:order", "event:order");
    assertThat(events.kit().callsSnapshot())
        .containsExactlyInAnyOrder(
            "event:eCommerce - purchase - Item",
            "event:eCommerce - purchase - Item",
            "event:eCommerce - purchase - Total");
  }

  @Test
  void eventAttributeMappingsReachTheKitTyped() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1, "k");
    int h = KitHash.hash("1Navigation Eventkey1");
    KitManager m =
        started(
            builder(
                "{\"id\":1,\"hs\":{\"eaa\":{\""
                    + h
                    + "\":\"output\"},\"ear\":{\""
                    + KitHash.hash("2location eventkey1")
                    + "\":\"output\"},\"eas\":{\""
                    + h
                    + "\":\"last_key1\"}}}",
                f));
    m.onEvent(CustomEvent.builder("x").build(), USER);
    KitContext ctx = f.kit().context;
    EventAttributeMappings maps = ctx.eventAttributeMappings();
    assertThat(maps.addToUser()).containsExactly(Map.entry(h, "output"));
    List<EventAttributeMappings.Mapping> forEvent =
        maps.forEvent(
            CustomEvent.builder("Navigation Event")
                .customEventType(CustomEventType.NAVIGATION)
                .attribute("key1", "value1")
                .build());
    assertThat(forEvent)
        .containsExactly(
            new EventAttributeMappings.Mapping(
                EventAttributeMappings.Action.ADD_TO_LIST, "output", "key1", "value1"),
            new EventAttributeMappings.Mapping(
                EventAttributeMappings.Action.SET_SINGLE, "last_key1", "key1", "value1"));
    assertThat(
            maps.forEvent(
                CustomEvent.builder("location event")
                    .customEventType(CustomEventType.LOCATION)
                    .attribute("key1", "value1")
                    .build()))
        .extracting(EventAttributeMappings.Mapping::action)
        .containsExactly(EventAttributeMappings.Action.REMOVE_FROM_LIST);
  }

  @Test
  void malformedEventAttributeMappingsDisableOnlyThatKitNamingTheField() throws Exception {
    KitConfiguration c =
        KitConfiguration.parse(
            "{\"eks\":[{\"id\":1,\"hs\":{\"eaa\":{\"abc\":\"x\"}}},"
                + "{\"id\":2,\"hs\":{\"eas\":{\"1\":{}}}},{\"id\":3,\"hs\":{\"ear\":{\"5\":\"list\"}}}]}");
    assertThat(c.kits()).extracting(KitEntry::moduleId).containsExactly(3);
    assertThat(c.rejectedEntries())
        .extracting(KitConfiguration.RejectedEntry::message)
        .anySatisfy(f -> assertThat(f).contains("eks[0].hs.eaa"))
        .anySatisfy(f -> assertThat(f).contains("eks[1].hs.eas"));
  }

  // ---- sideloaded kits
  // ----------------------------------------------------------------------------------

  @Test
  void sideloadedKitRunsWithoutAnyConfigurationEntryWithItsOwnFilters() throws Exception {
    RecordingKit.Factory f = new RecordingKit.Factory(1_000_005, "side");
    SideloadedKit side =
        SideloadedKit.builder(f)
            .setting("url", "http://x")
            .addEventNameFilter(CustomEventType.OTHER, "Secret")
            .addEventAttributeFilter(CustomEventType.OTHER, "Signup", "email")
            .addUserAttributeFilter("tier")
            .addUserIdentityFilter(IdentityType.EMAIL)
            .build();
    KitManager m = started(builder("").sideloadedKit(side));
    m.onEvent(CustomEvent.builder("Secret").customEventType(CustomEventType.OTHER).build(), USER);
    m.onEvent(
        CustomEvent.builder("Signup")
            .customEventType(CustomEventType.OTHER)
            .attribute("email", "a@b")
            .attribute("plan", "pro")
            .build(),
        USER);
    await(() -> f.kit().calls.size() == 1, "one call");
    assertThat(f.kit().callsSnapshot()).containsExactly("event:Signup");
    assertThat(((CustomEvent) f.kit().received.get(0)).customAttributes()).containsOnlyKeys("plan");
    assertThat(f.kit().lastUser.attributes()).containsOnlyKeys("city");
    assertThat(f.kit().lastUser.identities().asMap()).containsOnlyKeys(IdentityType.CUSTOMER_ID);
    assertThat(f.kit().context.settings()).containsEntry("url", "http://x");
    assertThat(m.activeKits()).containsExactly(1_000_005);
    assertThat(m.current().kits()).extracting(KitEntry::moduleId).containsExactly(1_000_005);
  }

  @Test
  void configurationEntriesInTheSideloadedRangeAreIgnoredAndReported() throws Exception {
    RecordingKit.Factory side = new RecordingKit.Factory(1_000_001, "side");
    RecordingKit.Factory configured = new RecordingKit.Factory(7, "seven");
    KitManager m =
        started(
            builder(
                    "{\"id\":7},{\"id\":1000001,\"hs\":{\"ec\":{\""
                        + KitHash.hash("8Hello")
                        + "\":0}}},{\"id\":1000002}",
                    configured)
                .sideloadedKit(SideloadedKit.builder(side).build()));
    m.onEvent(CustomEvent.builder("Hello").customEventType(CustomEventType.OTHER).build(), USER);
    await(() -> side.kit().calls.size() == 1 && configured.kit().calls.size() == 1, "both called");
    // The configuration's entry for 1000001 (which would block Hello) does not apply to the
    // sideloaded kit.
    assertThat(m.activeKits()).containsExactly(7, 1_000_001);
    assertThat(reports)
        .filteredOn(r -> r.kind() == KitReport.Kind.KIT_UNAVAILABLE)
        .extracting(KitReport::moduleId)
        .containsExactlyInAnyOrder(1_000_001, 1_000_002);
  }

  @Test
  void sideloadedIdsBelowTheRangeAreRefusedWithAClearMessage() {
    RecordingKit.Factory low = new RecordingKit.Factory(100_001, "low");
    assertThatThrownBy(() -> SideloadedKit.builder(low))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100001")
        .hasMessageContaining("at least 1000000");
    RecordingKit.Factory f = new RecordingKit.Factory(1_000_003, "a");
    assertThatThrownBy(
            () ->
                KitManager.builder()
                    .sideloadedKit(SideloadedKit.builder(f).build())
                    .sideloadedKit(SideloadedKit.builder(f).build()))
        .hasMessageContaining("registered twice");
    assertThatThrownBy(() -> SideloadedKit.builder(f).addScreenNameFilter(""))
        .hasMessageContaining("empty");
  }

  @Test
  void sideloadedFiltersUseThePlatformHashes() {
    SideloadedKit s =
        SideloadedKit.builder(new RecordingKit.Factory(1_000_000, "s"))
            .addEventTypeFilter(CustomEventType.NAVIGATION)
            .addScreenNameFilter("Home")
            .addScreenAttributeFilter("Home", "color")
            .addUserIdentityFilter(IdentityType.CUSTOMER_ID)
            .build();
    assertThat(s.filters().get("et")).containsExactly(49); // WIRE.md: hash("1") = 49
    assertThat(s.filters().get("svec")).containsExactly(47537423); // hash("0home")
    assertThat(s.filters().get("svea")).containsExactly(KitHash.hash("0Homecolor"));
    assertThat(s.filters().get("uid")).containsExactly(1); // raw identity type number
    assertThat(s.toString()).doesNotContain("http");
  }
}
