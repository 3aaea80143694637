package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {
  private final List<ValidationIssue> issues = new ArrayList<>();
  private final ServiceLimits limits = ServiceLimits.defaults();
  private final AttributeValues values =
      new AttributeValues(limits, new Reporter(false, issues::add));

  @Test
  void scalarsBecomeWireText() {
    assertThat(values.value("n", 42)).isEqualTo("42");
    assertThat(values.value("n", true)).isEqualTo("true");
    assertThat(issues).isEmpty();
  }

  @Test
  void aNameThatIsNullOrBlankAfterSanitizingIsRefused() {
    assertThat(values.name(null)).isNull();
    assertThat(values.name("\u0000")).isNull();

    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .contains(ValidationRule.USER_ATTRIBUTE_NAME_INVALID);
  }

  @Test
  void aListWithANullEntryOrTooManyEntriesIsRefused() {
    assertThat(values.list("l", Arrays.asList("a", null))).isNull();
    List<String> tooLong = Collections.nCopies(limits.userAttributeListMaxEntries() + 1, "x");
    assertThat(values.list("l", tooLong)).isNull();

    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(
            ValidationRule.USER_ATTRIBUTE_VALUE_INVALID,
            ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG);
    assertThat(values.list("l", List.of(1, "b"))).containsExactly("1", "b");
  }

  @Test
  void entryBytesIsTheSizeOfTheEntryInAJsonObjectWithItsSeparator() {
    assertThat(AttributeValues.entryBytes("a", "b")).isEqualTo(utf8("\"a\":\"b\","));
    assertThat(AttributeValues.entryBytes("t", null)).isEqualTo(utf8("\"t\":null,"));
    assertThat(AttributeValues.entryBytes("l", List.of("x", "é")))
        .isEqualTo(utf8("\"l\":[\"x\",\"é\"],"));
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
