package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationAction;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.event.UserAttributeChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class UserAttributeStateTest {
  final List<ValidationIssue> issues = new ArrayList<>();
  final UserAttributeState state =
      new UserAttributeState(ServiceLimits.defaults(), false, issues::add);

  private ValidationIssue only(ValidationRule rule) {
    assertThat(issues).hasSize(1);
    ValidationIssue i = issues.get(0);
    assertThat(i.rule()).isEqualTo(rule);
    assertThat(i.action()).isEqualTo(ValidationAction.REFUSE_USER_ATTRIBUTE);
    return i;
  }

  private static String strictMessage(java.util.function.Consumer<UserAttributeState> op) {
    UserAttributeState s =
        new UserAttributeState(
            ServiceLimits.defaults(),
            true,
            i -> {
              throw new AssertionError("strict mode reported " + i);
            });
    try {
      op.accept(s);
    } catch (SpokeValidationException x) {
      return x.getMessage();
    }
    throw new AssertionError("strict mode did not throw");
  }

  @Test
  void setStoresWireTextAndDescribesTheChange() {
    UserAttributeState.Change c = state.set("$age", 42);
    assertThat(c.name()).isEqualTo("$age");
    assertThat(c.oldValue()).isNull();
    assertThat(c.newValue()).isEqualTo("42");
    assertThat(c.isNew()).isTrue();
    assertThat(c.deleted()).isFalse();
    UserAttributeState.Change c2 = state.set("$age", "43");
    assertThat(c2.oldValue()).isEqualTo("42");
    assertThat(c2.isNew()).isFalse();
    assertThat(state.set("$age", "43")).as("unchanged value is a no-op").isNull();
    state.set("vip", true);
    assertThat(state.snapshot()).containsExactly(Map.entry("$age", "43"), Map.entry("vip", "true"));
    assertThat(issues).isEmpty();
    UserAttributeChange event = c2.toEvent();
    assertThat(event.name()).isEqualTo("$age");
    assertThat(event.oldValue()).isEqualTo("42");
    assertThat(event.newValue()).isEqualTo("43");
  }

  @Test
  void snapshotIsAnImmutableCopy() {
    state.set("a", "1");
    Map<String, Object> snap = state.snapshot();
    state.set("b", "2");
    assertThat(snap).containsOnlyKeys("a");
    assertThatThrownBy(() -> snap.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidNameIsRefused() {
    assertThat(state.set(null, "v")).isNull();
    assertThat(state.set("  ", "v")).isNull();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTE_NAME_INVALID);
    assertThat(state.snapshot()).isEmpty();
    assertThat(strictMessage(s -> s.set(null, "v")))
        .contains("USER_ATTRIBUTE_NAME_INVALID", "non-blank name");
  }

  @Test
  void nameOverTheLimitIsRefused() {
    assertThat(state.set("n".repeat(256), "v")).isNotNull();
    assertThat(state.set("n".repeat(257), "v")).isNull();
    ValidationIssue i = only(ValidationRule.USER_ATTRIBUTE_NAME_TOO_LONG);
    assertThat(i.observed()).isEqualTo(257);
    assertThat(i.limit()).isEqualTo(256);
    assertThat(strictMessage(s -> s.tag("n".repeat(300))))
        .contains("ServiceLimits.userAttributeNameMaxChars");
  }

  @Test
  void newAttributesBeyondTheCountAreRefusedButExistingOnesStillChange() {
    for (int i = 0; i < 100; i++) {
      assertThat(state.set("a" + i, i)).isNotNull();
    }
    assertThat(state.set("one-too-many", "x")).isNull();
    ValidationIssue i = only(ValidationRule.TOO_MANY_USER_ATTRIBUTES);
    assertThat(i.key()).isEqualTo("one-too-many");
    assertThat(i.observed()).isEqualTo(101);
    assertThat(i.limit()).isEqualTo(100);
    assertThat(state.set("a0", "changed")).isNotNull();
    assertThat(state.size()).isEqualTo(100);
    state.remove("a1");
    assertThat(state.set("one-too-many", "x")).isNotNull();
  }

  @Test
  void valueOverTheLimitIsRefused() {
    assertThat(state.set("bio", "b".repeat(4096))).isNotNull();
    assertThat(state.set("bio", "b".repeat(4097))).isNull();
    ValidationIssue i = only(ValidationRule.USER_ATTRIBUTE_VALUE_TOO_LONG);
    assertThat(i.observed()).isEqualTo(4097);
    assertThat(i.limit()).isEqualTo(4096);
    assertThat(state.snapshot().get("bio")).isEqualTo("b".repeat(4096));
    assertThat(strictMessage(s -> s.set("bio", "b".repeat(5000))))
        .contains("'bio'", "5000 characters", "ServiceLimits.userAttributeValueMaxChars");
  }

  @Test
  void listOverTheLimitIsRefused() {
    assertThat(state.setList("l", Collections.nCopies(1000, "v"))).isNotNull();
    assertThat(state.setList("l", Collections.nCopies(1001, "v"))).isNull();
    ValidationIssue i = only(ValidationRule.USER_ATTRIBUTE_LIST_TOO_LONG);
    assertThat(i.observed()).isEqualTo(1001);
    assertThat(i.limit()).isEqualTo(1000);
    assertThat(strictMessage(s -> s.setList("l", Collections.nCopies(2000, "v"))))
        .contains("2000 entries", "ServiceLimits.userAttributeListMaxEntries");
  }

  @Test
  void listEntryOverTheLimitIsRefused() {
    assertThat(state.setList("l", List.of("e".repeat(512), 7, false))).isNotNull();
    assertThat(state.snapshot().get("l")).isEqualTo(List.of("e".repeat(512), "7", "false"));
    assertThat(state.setList("l", List.of("ok", "e".repeat(513)))).isNull();
    ValidationIssue i = only(ValidationRule.USER_ATTRIBUTE_LIST_ENTRY_TOO_LONG);
    assertThat(i.observed()).isEqualTo(513);
    assertThat(i.limit()).isEqualTo(512);
    assertThat(strictMessage(s -> s.setList("l", List.of("e".repeat(600)))))
        .contains("ServiceLimits.userAttributeListEntryMaxChars");
  }

  @Test
  void scalarAndListNeverSwitch() {
    state.set("s", "1");
    state.setList("l", List.of("a"));
    assertThat(state.setList("s", List.of("x"))).isNull();
    assertThat(state.set("l", "x")).isNull();
    assertThat(state.increment("l", 1)).isNull();
    assertThat(issues)
        .hasSize(3)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTE_TYPE_CHANGED);
    assertThat(state.snapshot()).containsExactly(Map.entry("s", "1"), Map.entry("l", List.of("a")));
    // Removing first is the documented way to change an attribute's kind.
    state.remove("s");
    assertThat(state.setList("s", List.of("x"))).isNotNull();
    assertThat(
            strictMessage(
                s -> {
                  s.set("s", "1");
                  s.setList("s", List.of("x"));
                }))
        .contains("scalar and a list");
  }

  @Test
  void otherCollectionsAreLists() {
    assertThat(state.set("set", new TreeSet<>(Set.of("b", "a"))).newValue())
        .isEqualTo(List.of("a", "b"));
  }

  @Test
  void invalidValuesAreRefused() {
    assertThat(state.set("nan", Double.NaN)).isNull();
    assertThat(state.set("map", Map.of())).isNull();
    assertThat(state.setList("nulls", Arrays.asList("a", null))).isNull();
    assertThat(state.setList("nested", List.of(List.of("a")))).isNull();
    assertThat(state.setList("none", null)).isNull();
    assertThat(state.increment("x", null)).isNull();
    assertThat(state.increment("x", Double.POSITIVE_INFINITY)).isNull();
    assertThat(issues)
        .hasSize(7)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID);
    assertThat(state.snapshot()).isEmpty();
    assertThat(strictMessage(s -> s.set("nan", Float.NaN))).contains("'nan'", "NaN");
  }

  @Test
  void incrementDoesDecimalArithmetic() {
    assertThat(state.increment("n", 5).newValue()).isEqualTo("5");
    assertThat(state.increment("n", -2).newValue()).isEqualTo("3");
    assertThat(state.increment("n", 0.1).newValue()).isEqualTo("3.1");
    assertThat(state.increment("n", new BigDecimal("0.2")).newValue()).isEqualTo("3.3");
    assertThat(state.increment("n", 0)).as("no change").isNull();
    state.set("big", "99999999999999999999");
    assertThat(state.increment("big", 1).newValue()).isEqualTo("100000000000000000000");
    assertThat(issues).isEmpty();
  }

  @Test
  void incrementOfANonNumberIsRefused() {
    state.set("word", "abc");
    state.set("exp", "1e5");
    state.tag("tag");
    assertThat(state.increment("word", 1)).isNull();
    assertThat(state.increment("exp", 1)).isNull();
    assertThat(state.increment("tag", 1)).isNull();
    assertThat(issues)
        .hasSize(3)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTE_NOT_NUMERIC);
    assertThat(
            strictMessage(
                s -> {
                  s.set("w", "abc");
                  s.increment("w", 1);
                }))
        .contains("not a plain decimal number");
  }

  @Test
  void tagsRemovalsAndDeletedNames() {
    UserAttributeState.Change tag = state.tag("beta");
    assertThat(tag.newValue()).isNull();
    assertThat(tag.isNew()).isTrue();
    assertThat(state.tag("beta")).isNull();
    assertThat(state.snapshot()).containsEntry("beta", null);
    UserAttributeState.Change removed = state.remove("beta");
    assertThat(removed.deleted()).isTrue();
    assertThat(removed.newValue()).isNull();
    assertThat(state.remove("beta")).isNull();
    state.set("x", "1");
    state.remove("x");
    assertThat(state.deleted()).containsExactly("beta", "x");
    state.set("x", "2");
    assertThat(state.deleted()).containsExactly("beta");
    assertThat(state.drainDeleted()).containsExactly("beta");
    assertThat(state.deleted()).isEmpty();
    assertThat(issues).isEmpty();
  }

  @Test
  void namesAndValuesAreSanitized() {
    UserAttributeState.Change c = state.set("na\u0000me", "a\uDC00b");
    assertThat(c.name()).isEqualTo("name");
    assertThat(c.newValue()).isEqualTo("a\uFFFDb");
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.STRING_SANITIZED);
    assertThat(issues).extracting(ValidationIssue::action).containsOnly(ValidationAction.SANITIZE);
  }

  @Test
  void aConcurrentlyFailingListIsRefusedNotThrown() {
    List<Object> hostile =
        new ArrayList<>(List.of("a")) {
          @Override
          public Object[] toArray() {
            throw new java.util.ConcurrentModificationException();
          }
        };
    assertThat(state.setList("l", hostile)).isNull();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(ValidationRule.USER_ATTRIBUTE_VALUE_INVALID);
  }
}
