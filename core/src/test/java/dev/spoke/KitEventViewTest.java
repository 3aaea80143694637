package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.internal.json.ParsedEvent;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * What a kit receives is the event as validated and completed on the tracking call, even though the
 * event is no longer completed (or its numbers turned into text) when no kit is active: attribute
 * values as text, the capture time and the very {@code source_message_id} the platform receives.
 */
class KitEventViewTest {
  static final class CapturingFactory implements KitFactory {
    final List<CustomEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public int moduleId() {
      return 1_000_020;
    }

    @Override
    public String name() {
      return "capturing";
    }

    @Override
    public String version() {
      return "1";
    }

    @Override
    public Kit create(KitContext context) {
      return new CapturingKit();
    }

    final class CapturingKit implements Kit, EventListener {
      @Override
      public void onEvent(CustomEvent event, KitUser user) {
        events.add(event);
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(5);
    }
  }

  @Test
  void aKitSeesTextValuesAndTheTimestampAndIdTheWireCarries() throws Exception {
    CapturingFactory kit = new CapturingFactory();
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r ->
              r.getPath().startsWith("/v4/")
                  ? new MockResponse().setResponseCode(200).setBody("{\"eks\":[]}")
                  : new MockResponse().setResponseCode(202);
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitDiscovery(false)
                  .sideloadedKit(dev.spoke.kit.SideloadedKit.builder(kit).build())
                  .build());
      await(() -> spoke.activeKits().contains(1_000_020));
      spoke
          .user("u1")
          .logEvent(
              CustomEvent.builder("Product Viewed")
                  .customEventType(CustomEventType.OTHER)
                  .attribute("sku", "SKU-1")
                  .attribute("price", 19.99)
                  .attribute("qty", 3)
                  .attribute("gift", true)
                  .build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      await(() -> kit.events.size() == 1);
      spoke.close(Duration.ofSeconds(10));

      CustomEvent seen = kit.events.get(0);
      assertThat(seen.customAttributes())
          .containsExactly(
              Map.entry("sku", "SKU-1"),
              Map.entry("price", "19.99"),
              Map.entry("qty", "3"),
              Map.entry("gift", "true"));
      List<ParsedEvent> sent = s.events("custom_event");
      assertThat(sent).hasSize(1);
      Event wire = sent.get(0).event();
      assertThat(seen.sourceMessageId()).hasSize(36).isEqualTo(wire.sourceMessageId());
      assertThat(seen.timestampMillis()).isNotNull().isEqualTo(wire.timestampMillis());
      assertThat(wire.customAttributes()).isEqualTo(seen.customAttributes());
    }
  }
}
