package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ValidationApiTest {

  @Test
  void everyRuleHasAnActionAndADescription() {
    for (ValidationRule rule : ValidationRule.values()) {
      assertThat(rule.action()).isNotNull();
      ValidationIssue issue = ValidationIssue.of(rule, "k", 5, 4, "e");
      assertThat(issue.action()).isEqualTo(rule.action());
      assertThat(issue.describe()).isNotBlank().contains(":");
    }
  }

  @Test
  void actionsFollowThePlatformsSdks() {
    assertThat(ValidationRule.EVENT_NAME_TOO_LONG.action()).isEqualTo(ValidationAction.TRUNCATE);
    assertThat(ValidationRule.TOO_MANY_EVENT_ATTRIBUTES.action())
        .isEqualTo(ValidationAction.DROP_ALL_ATTRIBUTES);
    assertThat(ValidationRule.EVENT_ATTRIBUTE_KEY_TOO_LONG.action())
        .isEqualTo(ValidationAction.DROP_ATTRIBUTE);
    assertThat(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG.action())
        .isEqualTo(ValidationAction.DROP_ATTRIBUTE);
    for (ValidationRule r :
        EnumSet.of(
            ValidationRule.TOO_MANY_USER_ATTRIBUTES,
            ValidationRule.USER_ATTRIBUTE_NAME_TOO_LONG,
            ValidationRule.USER_ATTRIBUTE_VALUE_TOO_LONG,
            ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG,
            ValidationRule.USER_ATTRIBUTE_LIST_ENTRY_TOO_LONG,
            ValidationRule.USER_ATTRIBUTE_TYPE_CHANGED)) {
      assertThat(r.action()).isEqualTo(ValidationAction.REFUSE_USER_ATTRIBUTE);
    }
    assertThat(ValidationRule.TIMESTAMP_IN_FUTURE.action())
        .isEqualTo(ValidationAction.RESET_TIMESTAMP);
    assertThat(ValidationRule.IDENTITY_TOO_LONG.action())
        .isEqualTo(ValidationAction.REFUSE_IDENTITY);
  }

  @Test
  void issueCutsLongKeysForDisplayAndReadsWell() {
    ValidationIssue issue =
        ValidationIssue.of(
            ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG,
            "k".repeat(1000),
            5000,
            4096,
            "Purchase");
    assertThat(issue.key()).hasSize(ValidationIssue.DISPLAY_MAX_CHARS + 1);
    assertThat(issue.toString())
        .contains(
            "EVENT_ATTRIBUTE_VALUE_TOO_LONG",
            "DROP_ATTRIBUTE",
            "observed=5000",
            "limit=4096",
            "event='Purchase'")
        .hasSizeLessThan(250);
    assertThat(issue)
        .isEqualTo(
            ValidationIssue.of(
                ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG,
                "k".repeat(1000),
                5000,
                4096,
                "Purchase"));
    assertThatThrownBy(() -> ValidationIssue.of(null, null, 0, 0, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void strictExceptionNamesRuleKeyLimitAndFix() {
    SpokeValidationException x =
        new SpokeValidationException(
            ValidationIssue.of(
                ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, "desc", 5000, 4096, "Signup"));
    assertThat(x).isInstanceOf(IllegalArgumentException.class);
    assertThat(x.getMessage())
        .isEqualTo(
            "event attribute 'desc' value has 5000 characters; the platform limit is 4096"
                + " (ServiceLimits.eventAttributeValueMaxChars): shorten it or split it across attributes"
                + " [rule EVENT_ATTRIBUTE_VALUE_TOO_LONG in event 'Signup'; outside strict mode Spoke would DROP_ATTRIBUTE]");
    assertThat(x.issue().key()).isEqualTo("desc");
  }

  @Test
  void attributeSourcePriority() {
    assertThat(AttributeSource.values())
        .containsExactly(
            AttributeSource.CALCULATED,
            AttributeSource.ACCOUNT_LEVEL,
            AttributeSource.CUSTOM_FEED,
            AttributeSource.SDK,
            AttributeSource.CUSTOM_CSV,
            AttributeSource.PARTNER_FEED);
    assertThat(AttributeSource.SDK.mayOverwrite(AttributeSource.SDK)).isTrue();
    assertThat(AttributeSource.SDK.mayOverwrite(AttributeSource.PARTNER_FEED)).isTrue();
    assertThat(AttributeSource.SDK.mayOverwrite(AttributeSource.CUSTOM_FEED)).isFalse();
    assertThat(AttributeSource.CUSTOM_CSV.mayOverwrite(AttributeSource.SDK)).isFalse();
    assertThat(AttributeSource.CALCULATED.mayOverwrite(AttributeSource.ACCOUNT_LEVEL)).isTrue();
    assertThat(AttributeSource.PARTNER_FEED.mayOverwrite(null)).isTrue();
    assertThat(AttributeSource.forInputKind(InputKind.PLATFORM)).isEqualTo(AttributeSource.SDK);
    assertThat(AttributeSource.forInputKind(InputKind.CUSTOM_FEED))
        .isEqualTo(AttributeSource.CUSTOM_FEED);
  }
}
