package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.ParsedBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * The host's data plan reference ({@code SpokeOptions.Builder#dataPlanId}) reaches the platform the
 * way the Web SDK's {@code dataPlan.planId/planVersion} settings do: in every batch's {@code
 * context.data_plan} and on the kit configuration request.
 */
class DataPlanIdTest {

  private static SpokeOptions.Builder options(RecordingServer s) {
    return SpokeOptions.builder(Workspace.builder("us1-plan", "secret-plan").build())
        .endpoint(s.root())
        .uploadInterval(Duration.ofMillis(20))
        .forwardingStats(false);
  }

  @Test
  void batchesAndTheConfigurationRequestCarryThePlan() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      List<String> configPaths = new CopyOnWriteArrayList<>();
      s.answer =
          r -> {
            if (r.getPath().startsWith("/v4/")) {
              configPaths.add(r.getPath());
              return new MockResponse().setResponseCode(200).setBody("{\"eks\":[]}");
            }
            return new MockResponse().setResponseCode(202);
          };
      try (Spoke spoke = Spoke.create(options(s).dataPlanId("shop_plan", 3).build())) {
        spoke.user("u1").logEvent(CustomEvent.builder("Viewed").build());
        assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      }
      assertThat(s.accepted).isNotEmpty();
      for (ParsedBatch b : s.accepted) {
        assertThat(b.dataPlanId()).isEqualTo("shop_plan");
        assertThat(b.dataPlanVersion()).isEqualTo(3);
      }
      assertThat(configPaths)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p).contains("plan_id=shop_plan").contains("plan_version=3"));
    }
  }

  @Test
  void withoutAPlanNoContextIsSent() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      try (Spoke spoke = Spoke.create(options(s).kitsEnabled(false).build())) {
        spoke.user("u1").logEvent(CustomEvent.builder("Viewed").build());
        assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      }
      assertThat(s.accepted).isNotEmpty().allSatisfy(b -> assertThat(b.dataPlanId()).isNull());
    }
  }

  @Test
  void aBadPlanReferenceIsRefusedNamingTheValue() {
    SpokeOptions.Builder b =
        SpokeOptions.builder(Workspace.builder("us1-plan", "secret-plan").build());
    assertThatThrownBy(() -> b.dataPlanId("Shop Plan", null)).hasMessageContaining("'Shop Plan'");
    assertThatThrownBy(() -> b.dataPlanId("shop_plan", 0)).hasMessageContaining("version 0");
    assertThatThrownBy(() -> b.dataPlanId(null, 1)).hasMessageContaining("dataPlanId");
  }
}
