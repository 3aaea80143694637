package dev.spoke.example.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How to test a kit: create it through its factory with a fake KitContext whose settings point at a
 * real local HTTP server, call the listener methods as Spoke would, and assert the exact request
 * the partner receives. No Spoke instance, no network, no sleeping.
 */
class LogPartnerKitTest {
  private MockWebServer partner;

  @BeforeEach
  void startPartner() throws Exception {
    partner = new MockWebServer(); // a real HTTP server on localhost standing in for the partner
    partner.start();
  }

  @AfterEach
  void stopPartner() throws Exception {
    partner.shutdown();
  }

  private Kit kit(FakeKitContext context) throws Exception {
    return new LogPartnerKitFactory().create(context);
  }

  private RecordedRequest received() throws InterruptedException {
    RecordedRequest r =
        partner.takeRequest(5, TimeUnit.SECONDS); // waits for it, bounded; never a sleep
    assertThat(r).as("the partner received a request").isNotNull();
    return r;
  }

  @Test
  void postsEachEventAsOneJsonLine() throws Exception {
    partner.enqueue(new MockResponse().setResponseCode(200));
    FakeKitContext context = new FakeKitContext(Map.of("url", partner.url("/intake").toString()));
    KitUser user = new KitUser(42L, UserIdentities.empty(), Map.of(), ConsentState.empty(), true);

    ((EventListener) kit(context))
        .onEvent(
            CustomEvent.builder("Signed Up")
                .timestamp(1_717_171_717_000L)
                .attribute("plan", "pro")
                .attribute("seats", 3)
                .build(),
            user);

    RecordedRequest r = received();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/intake");
    assertThat(r.getBody().readUtf8())
        .isEqualTo(
            "{\"type\":\"custom_event\",\"name\":\"Signed Up\","
                + "\"timestamp\":1717171717000,\"mpid\":42,\"attributes\":{\"plan\":\"pro\",\"seats\":\"3\"}}");
    assertThat(context.forwarded).containsExactly("Signed Up -> log line");
  }

  @Test
  void screenViewWithoutTimestampTakesSpokesClock() throws Exception {
    partner.enqueue(new MockResponse().setResponseCode(204));
    FakeKitContext context = new FakeKitContext(Map.of("url", partner.url("/intake").toString()));

    ((ScreenListener) kit(context)).onScreenView(ScreenView.builder("Home").build(), null);

    assertThat(received().getBody().readUtf8())
        .isEqualTo(
            "{\"type\":\"screen_view\",\"name\":\"Home\","
                + "\"timestamp\":"
                + FakeKitContext.NOW.toEpochMilli()
                + ",\"attributes\":{}}");
  }

  @Test
  void partnerFailureIsNotReportedAsForwardedAndDoesNotThrow() throws Exception {
    partner.enqueue(new MockResponse().setResponseCode(503));
    FakeKitContext context = new FakeKitContext(Map.of("url", partner.url("/intake").toString()));

    ((EventListener) kit(context)).onEvent(CustomEvent.builder("e").build(), null);

    received();
    assertThat(context.forwarded).isEmpty();
  }

  @Test
  void missingUrlExcludesTheKitWithAClearMessage() {
    assertThatThrownBy(() -> kit(new FakeKitContext(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'url'");
  }

  @Test
  void theHostRegistersItAsASideloadedKit() {
    dev.spoke.kit.SideloadedKit side =
        LogPartnerKitFactory.sideloaded("http://127.0.0.1:1/intake").build();
    assertThat(side.moduleId())
        .isEqualTo(LogPartnerKitFactory.MODULE_ID)
        .isGreaterThanOrEqualTo(dev.spoke.kit.SideloadedKit.MIN_MODULE_ID);
    assertThat(side.settings()).containsEntry("url", "http://127.0.0.1:1/intake");
    // Sideloaded: not discovered, so no workspace configuration can turn it on.
    List<Integer> ids = new ArrayList<>();
    ServiceLoader.load(KitFactory.class).forEach(f -> ids.add(f.moduleId()));
    assertThat(ids).doesNotContain(LogPartnerKitFactory.MODULE_ID);
  }
}
