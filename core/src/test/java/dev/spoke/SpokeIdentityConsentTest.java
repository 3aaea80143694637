package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.OptOut;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.OptOutListener;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokeIdentityConsentTest {

  private static void await(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(5);
    }
  }

  static final class RecordingKitFactory implements KitFactory {
    final int id;
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Boolean> optOuts = new CopyOnWriteArrayList<>();

    RecordingKitFactory(int id) {
      this.id = id;
    }

    @Override
    public int moduleId() {
      return id;
    }

    @Override
    public String name() {
      return "rec-" + id;
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Kit create(KitContext c) {
      return new K();
    }

    final class K implements Kit, EventListener, OptOutListener {
      @Override
      public void onEvent(CustomEvent e, KitUser u) {
        events.add(e.name());
      }

      @Override
      public void onOptOut(boolean o) {
        optOuts.add(o);
      }
    }
  }

  @Test
  void eventsLoggedDuringIdentifyCarryTheResolvedMpid() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v1/identify")
                  ? new MockResponse()
                      .setResponseCode(200)
                      .setBodyDelay(200, TimeUnit.MILLISECONDS)
                      .setBody(
                          "{\"mpid\":\"4242\",\"context\":\"c1\",\"is_ephemeral\":false,\"is_logged_in\":false}")
                  : new MockResponse().setResponseCode(202);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .uploadInterval(Duration.ofMillis(10))
                  .build());
      var f = spoke.identify(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-1"));
      spoke.logEvent(CustomEvent.builder("while identifying").build());
      assertThat(f.get(10, TimeUnit.SECONDS).mpid()).isEqualTo(4242L);
      assertThat(spoke.currentUser().mpid()).isEqualTo(4242L);
      spoke.flush(Duration.ofSeconds(10));
      spoke.close();
      for (ParsedBatch b : s.accepted) {
        assertThat(b.mpid()).isEqualTo(4242L);
      }
      assertThat(s.events("custom_event")).hasSize(1);
      RecordedRequest idReq = null;
      // The identify request carried the IDSync key name for the customer id.
      for (int i = 0; i < s.server.getRequestCount(); i++) {
        RecordedRequest r = s.server.takeRequest(1, TimeUnit.SECONDS);
        if (r != null && r.getPath().startsWith("/v1/identify")) idReq = r;
      }
      assertThat(idReq).isNotNull();
      assertThat(idReq.getBody().readUtf8()).contains("\"customerid\":\"c-1\"");
    }
  }

  @Test
  void consentTravelsOnBatchesAndGatesKitsByTheirConsentRules() throws Exception {
    int purposeHash = ("1" + "marketing").toLowerCase(Locale.ROOT).hashCode();
    String config =
        "{\"eks\":[{\"id\":911,\"as\":{},\"crvf\":{\"i\":true,\"v\":[{\"h\":"
            + purposeHash
            + ",\"c\":true}]}}]}";
    RecordingKitFactory kit = new RecordingKitFactory(911);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v4/")
                  ? new MockResponse().setResponseCode(200).setBody(config)
                  : new MockResponse().setResponseCode(202);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .kit(kit)
                  .build());
      await(() -> spoke.activeKits().contains(911));
      SpokeUser u = spoke.user("u1");
      u.logEvent(CustomEvent.builder("no consent yet").build());
      u.setGdprConsent(
          "Marketing", ConsentDecision.builder(true).document("v1").timestampMillis(1L).build());
      u.logEvent(CustomEvent.builder("after consent").build());
      u.setCcpaConsent(ConsentDecision.builder(true).build());
      spoke.flush(Duration.ofSeconds(10));
      await(() -> kit.events.contains("after consent"));
      spoke.close();
      assertThat(kit.events).containsExactly("after consent");
      ParsedBatch last = s.accepted.get(s.accepted.size() - 1);
      assertThat(last.consent().gdpr()).containsKey("marketing");
      assertThat(last.consent().gdpr().get("marketing").consented()).isTrue();
      assertThat(last.consent().ccpa()).isNotNull();
    }
  }

  @Test
  void optOutLogsTheEventStopsCollectionTellsKitsAndPersists(@TempDir Path dir) throws Exception {
    RecordingKitFactory kit = new RecordingKitFactory(912);
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v4/")
                  ? new MockResponse()
                      .setResponseCode(200)
                      .setBody("{\"eks\":[{\"id\":912,\"as\":{}}]}")
                  : new MockResponse().setResponseCode(202);
      SpokeOptions options =
          SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
              .endpoint(s.root())
              .kitDiscovery(false)
              .kit(kit)
              .dataDirectory(dir)
              .build();
      Spoke spoke = Spoke.create(options);
      await(() -> spoke.activeKits().contains(912));
      spoke.logEvent(CustomEvent.builder("before").build());
      spoke.setOptOut(true);
      spoke.logEvent(CustomEvent.builder("after").build());
      spoke.flush(Duration.ofSeconds(10));
      await(() -> !kit.optOuts.isEmpty());
      spoke.close();
      assertThat(s.events("opt_out")).hasSize(1);
      assertThat(((OptOut) s.events("opt_out").get(0).event()).optedOut()).isTrue();
      assertThat(s.events("custom_event")).hasSize(1);
      assertThat(spoke.metrics().dropped()).containsEntry(DropReason.OPTED_OUT, 1L);
      assertThat(kit.optOuts).containsExactly(true);
      assertThat(kit.events).containsExactly("before");

      Spoke again = Spoke.create(options);
      assertThat(again.isOptedOut()).isTrue();
      again.logEvent(CustomEvent.builder("still out").build());
      again.close();
      assertThat(again.metrics().dropped()).containsEntry(DropReason.OPTED_OUT, 1L);
    }
  }
}
