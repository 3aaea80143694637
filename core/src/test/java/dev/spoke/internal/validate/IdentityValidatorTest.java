package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationAction;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.user.IdentityType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityValidatorTest {
  final List<ValidationIssue> issues = new ArrayList<>();
  final IdentityValidator validator =
      new IdentityValidator(ServiceLimits.defaults(), false, issues::add);

  @Test
  void cleanValuesPassUnchanged() {
    String email = "ann@example.com";
    assertThat(validator.clean(IdentityType.EMAIL, email)).isSameAs(email);
    assertThat(validator.clean(IdentityType.CUSTOMER_ID, "c".repeat(256))).hasSize(256);
    // The Android SDK accepts identities up to its attribute value limit (4096), not the name
    // limit.
    assertThat(validator.clean(IdentityType.CUSTOMER_ID, "c".repeat(4096))).hasSize(4096);
    assertThat(issues).isEmpty();
  }

  @Test
  void tooLongIsRefused() {
    assertThat(validator.clean(IdentityType.CUSTOMER_ID, "c".repeat(4097))).isNull();
    assertThat(issues).hasSize(1);
    ValidationIssue i = issues.get(0);
    assertThat(i.rule()).isEqualTo(ValidationRule.IDENTITY_TOO_LONG);
    assertThat(i.action()).isEqualTo(ValidationAction.REFUSE_IDENTITY);
    assertThat(i.key()).isEqualTo("customer_id");
    assertThat(i.observed()).isEqualTo(4097);
    assertThat(i.limit()).isEqualTo(4096);
    assertThat(i.describe()).contains("ServiceLimits.userAttributeValueMaxChars");
  }

  @Test
  void blankOrMissingIsRefused() {
    assertThat(validator.clean(IdentityType.EMAIL, null)).isNull();
    assertThat(validator.clean(IdentityType.EMAIL, " ")).isNull();
    assertThat(validator.clean(IdentityType.EMAIL, "\u0001")).isNull();
    assertThat(validator.clean(null, "x")).isNull();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(
            ValidationRule.IDENTITY_INVALID,
            ValidationRule.IDENTITY_INVALID,
            ValidationRule.STRING_SANITIZED,
            ValidationRule.IDENTITY_INVALID,
            ValidationRule.IDENTITY_INVALID);
  }

  @Test
  void sanitizedAndNeverEchoesTheValue() {
    assertThat(validator.clean(IdentityType.EMAIL, "secret-person@example.com\n"))
        .isEqualTo("secret-person@example.com");
    assertThat(issues)
        .extracting(ValidationIssue::toString)
        .noneMatch(s -> s.contains("secret-person"));
    IdentityValidator strict = new IdentityValidator(ServiceLimits.defaults(), true, issues::add);
    assertThatThrownBy(() -> strict.clean(IdentityType.EMAIL, "secret-person".repeat(400)))
        .isInstanceOf(SpokeValidationException.class)
        .hasMessageContaining("'email'")
        .hasMessageNotContaining("secret-person");
  }
}
