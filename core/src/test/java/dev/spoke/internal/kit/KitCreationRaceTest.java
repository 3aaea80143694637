package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Calls made while a kit is still being created are counted exactly as calls made once it exists: a
 * call the kit does not listen for is not counted at all (it used to be counted as received and
 * then as filtered "notListening", depending on which thread was first).
 */
class KitCreationRaceTest {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final KitUser USER =
      new KitUser(
          2560L,
          UserIdentities.builder().customerId("c1").build(),
          Map.of(),
          ConsentState.empty(),
          true);

  /** Listens for custom events only; its factory waits for a gate before creating it. */
  private static class GatedFactory implements KitFactory {
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch creating = new CountDownLatch(1);
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public int moduleId() {
      return 1;
    }

    @Override
    public String name() {
      return "events-only";
    }

    @Override
    public String version() {
      return "test";
    }

    @Override
    public Kit create(KitContext context) throws Exception {
      creating.countDown();
      gate.await(10, TimeUnit.SECONDS);
      return new EventsOnly(events);
    }
  }

  private static final class EventsOnly implements Kit, EventListener {
    final List<String> events;

    EventsOnly(List<String> events) {
      this.events = events;
    }

    @Override
    public void onEvent(CustomEvent event, KitUser user) {
      events.add(event.name());
    }
  }

  private static KitStats settled(KitManager m) {
    await(
        () -> {
          KitStats s = m.stats().get(1);
          return s != null
              && s.queued() == 0
              && s.received() == s.delivered() + s.failed() + s.dropped() + s.filteredTotal();
        },
        "calls settle");
    return m.stats().get(1);
  }

  private static KitManager manager(KitFactory f, List<KitReport> reports) throws Exception {
    KitManager m =
        KitManager.builder()
            .httpClient(HTTP)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .reportListener(reports::add)
            .configuration(KitConfiguration.parse("{\"eks\":[{\"id\":1}]}"))
            .kit(f)
            .build();
    m.start();
    return m;
  }

  private static void callEverything(KitManager m) {
    m.onIdentity(IdentityCall.LOGIN, USER);
    m.onUserAttributeSet(USER, "plan", "gold");
    m.onConsentChanged(ConsentState.empty(), ConsentState.empty(), USER);
    m.onOptOut(false);
    m.onEvent(CustomEvent.builder("e1").build(), USER);
  }

  @Test
  void callsBeforeCreationCountLikeCallsAfterIt() throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    GatedFactory early = new GatedFactory();
    KitManager m = manager(early, reports);
    try {
      assertThat(early.creating.await(5, TimeUnit.SECONDS)).isTrue();
      callEverything(m); // the kit does not exist yet: its creation waits for the gate
      early.gate.countDown();
      await(() -> early.events.size() == 1, "event delivered");
      KitStats before = settled(m);
      assertThat(before.received()).isEqualTo(1);
      assertThat(before.delivered()).isEqualTo(1);
      assertThat(before.filtered()).isEmpty();
      assertThat(before.dropped()).isZero();

      GatedFactory late = new GatedFactory();
      late.gate.countDown();
      KitManager m2 = manager(late, reports);
      try {
        await(() -> m2.activeKits().contains(1) && reportedCreated(reports, 2), "kit created");
        callEverything(m2);
        await(() -> late.events.size() == 1, "event delivered");
        KitStats after = settled(m2);
        assertThat(after.received()).isEqualTo(before.received());
        assertThat(after.delivered()).isEqualTo(before.delivered());
        assertThat(after.filtered()).isEqualTo(before.filtered());
      } finally {
        m2.close(Duration.ofSeconds(2));
      }
    } finally {
      early.gate.countDown();
      m.close(Duration.ofSeconds(2));
    }
  }

  private static boolean reportedCreated(List<KitReport> reports, int n) {
    return reports.stream().filter(r -> r.kind() == KitReport.Kind.KIT_CREATED).count() >= n;
  }

  @Test
  void callsForAKitWhoseCreationFailsAreCountedAsDropped() throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    GatedFactory failing =
        new GatedFactory() {
          @Override
          public Kit create(KitContext context) throws Exception {
            super.create(context);
            throw new IllegalStateException("no partner");
          }
        };
    KitManager m = manager(failing, reports);
    try {
      assertThat(failing.creating.await(5, TimeUnit.SECONDS)).isTrue();
      callEverything(m);
      failing.gate.countDown();
      await(
          () -> reports.stream().anyMatch(r -> r.kind() == KitReport.Kind.KIT_CREATE_FAILED),
          "creation failure reported");
      KitStats s = settled(m);
      assertThat(s.received()).isEqualTo(5);
      assertThat(s.dropped()).isEqualTo(5);
      assertThat(s.delivered()).isZero();
    } finally {
      failing.gate.countDown();
      m.close(Duration.ofSeconds(2));
    }
  }
}
