package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A consent decision without a timestamp gets the time it was set, on the injected clock
 * (docs/WIRE.md section 2).
 */
class ConsentTimestampTest {

  @Test
  void decisionsWithoutTimestampGetTheTimeTheyWereSet() throws Exception {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .clock(clock)
                  .uploadInterval(Duration.ofMillis(10))
                  .build());
      SpokeUser u = spoke.user("c-1");
      u.setGdprConsent("Marketing", ConsentDecision.builder(true).document("v2").build());
      clock.advanceMillis(5_000);
      u.setCcpaConsent(ConsentDecision.builder(false).build());
      u.setGdprConsent("analytics", ConsentDecision.builder(false).timestampMillis(42L).build());

      ConsentState c = u.consentState();
      assertThat(c.gdpr().get("marketing").timestampMillis()).isEqualTo(1_700_000_000_000L);
      assertThat(c.ccpa().timestampMillis()).isEqualTo(1_700_000_005_000L);
      assertThat(c.gdpr().get("analytics").timestampMillis()).isEqualTo(42L);

      u.logEvent(CustomEvent.builder("after consent").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      assertThat(s.accepted).isNotEmpty();
      for (ParsedBatch b : s.accepted) {
        assertThat(b.consent().gdpr().get("marketing").timestampMillis())
            .isEqualTo(1_700_000_000_000L);
        assertThat(b.consent().ccpa().timestampMillis()).isEqualTo(1_700_000_005_000L);
      }
    }
  }

  @Test
  void replacingTheWholeStateStampsOnlyWhatLacksATime() {
    ConsentState in =
        ConsentState.builder()
            .gdpr("a", ConsentDecision.builder(true).build())
            .gdpr("b", ConsentDecision.builder(true).timestampMillis(7L).build())
            .build();
    ConsentState out = dev.spoke.internal.capture.UserChanges.stampConsent(in, 99L);
    assertThat(out.gdpr().get("a").timestampMillis()).isEqualTo(99L);
    assertThat(out.gdpr().get("b").timestampMillis()).isEqualTo(7L);
    assertThat(out.ccpa()).isNull();
    ConsentState stamped = dev.spoke.internal.capture.UserChanges.stampConsent(out, 123L);
    assertThat(stamped).isSameAs(out);
  }
}
