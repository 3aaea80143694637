package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValidatorTest {
  final List<ValidationIssue> issues = new ArrayList<>();
  final HeaderValidator v = new HeaderValidator(ServiceLimits.defaults(), false, issues::add);

  @Test
  void cleanConsentIsReturnedAsIsWithoutReports() {
    ConsentState s =
        ConsentState.builder()
            .gdpr("marketing", ConsentDecision.builder(true).document("d").build())
            .ccpa(ConsentDecision.builder(false).build())
            .build();
    assertThat(v.consent(s)).isSameAs(s);
    assertThat(issues).isEmpty();
  }

  @Test
  void purposesAreCappedSanitizedOrDroppedWhenNothingIsLeft() {
    ConsentState s =
        ConsentState.builder()
            .gdpr("p".repeat(300), ConsentDecision.builder(true).build())
            .gdpr("\u0000\u0001", ConsentDecision.builder(true).build())
            .gdpr("ok\uD800", ConsentDecision.builder(false).document("x".repeat(2000)).build())
            .build();
    ConsentState out = v.consent(s);
    assertThat(out.gdpr()).containsOnlyKeys("p".repeat(256), "ok\uFFFD");
    assertThat(out.gdpr().get("ok\uFFFD").document()).hasSize(HeaderValidator.TEXT_CAP);
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .contains(
            ValidationRule.FIELD_TRUNCATED,
            ValidationRule.STRING_SANITIZED,
            ValidationRule.FIELD_INVALID);
  }

  @Test
  void deviceAndApplicationInfoAreMadeFitForTheWire() {
    DeviceInfo d =
        v.device(DeviceInfo.builder().deviceModel("m\u0007").userAgent("u".repeat(5000)).build());
    ApplicationInfo a =
        v.application(ApplicationInfo.builder().applicationName("\uDC00app").build());
    assertThat(d.deviceModel()).isEqualTo("m");
    assertThat(d.userAgent()).hasSize(HeaderValidator.TEXT_CAP);
    assertThat(a.applicationName()).isEqualTo("\uFFFDapp");
    assertThat(issues)
        .extracting(ValidationIssue::key)
        .contains(
            "device_info.device_model",
            "device_info.http_header_user_agent",
            "application_info.application_name");
  }
}
