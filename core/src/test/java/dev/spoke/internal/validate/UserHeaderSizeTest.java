package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.json.UserSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A user's attributes, each within its own limit, must not add up to a header that leaves no room
 * for events in a 128 KB batch: the total is checked when an attribute is set.
 */
class UserHeaderSizeTest {
  private static final ServiceLimits LIMITS = ServiceLimits.defaults();
  private static final HeaderSerializer HEADERS = new HeaderSerializer();

  private static int serializedBytes(UserAttributeState s) {
    return HEADERS.userFragment(UserSnapshot.builder().attributes(s.snapshot()).build()).length;
  }

  @Test
  void listsWithinEveryPerAttributeLimitCannotOutgrowTheBatch() {
    List<ValidationIssue> issues = new ArrayList<>();
    UserAttributeState s = new UserAttributeState(LIMITS, false, issues::add);
    List<String> values = Collections.nCopies(1000, "v".repeat(512)); // the documented maxima
    int accepted = 0;
    for (int i = 0; i < 5; i++) {
      if (s.setList("list-" + i, values) != null) {
        accepted++;
      }
    }
    assertThat(accepted).isZero(); // one such list alone is ~515 KB on the wire
    assertThat(issues)
        .hasSize(5)
        .allSatisfy(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.USER_ATTRIBUTES_TOO_LARGE);
              assertThat(i.limit()).isEqualTo(LIMITS.batchMaxBytes() / 2);
              assertThat(i.describe()).contains("bytes").contains("remove");
            });
    assertThat(serializedBytes(s)).isLessThanOrEqualTo(LIMITS.batchMaxBytes() / 2);
  }

  @Test
  void manyLongScalarsStopAtTheBudgetAndRemovingMakesRoomAgain() {
    List<ValidationIssue> issues = new ArrayList<>();
    UserAttributeState s = new UserAttributeState(LIMITS, false, issues::add);
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
      if (s.set("a" + i, "x".repeat(4096)) != null) {
        accepted++;
      }
    }
    assertThat(accepted).isBetween(10, 16);
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTES_TOO_LARGE);
    assertThat(serializedBytes(s)).isLessThanOrEqualTo(LIMITS.batchMaxBytes() / 2);
    assertThat(s.remove("a0")).isNotNull();
    assertThat(s.set("again", "x".repeat(4000))).isNotNull();
    // A change that shrinks an attribute is always taken.
    assertThat(s.set("a1", "short")).isNotNull();
  }

  /**
   * Attributes whose entries alone fill the budget to the byte: the braces and the {@code
   * user_attributes} name around them must be counted too (a seed of the property below found the
   * member 19 bytes over half a batch).
   */
  @Test
  void theMemberAroundTheEntriesCountsTowardsTheBudget() {
    List<ValidationIssue> issues = new ArrayList<>();
    UserAttributeState s = new UserAttributeState(LIMITS, false, issues::add);
    // 127 entries of 512 chars: 65,411 bytes as an entry; a scalar of 118 chars then ends the
    // entries at exactly 65,536.
    assertThat(s.setList("a", Collections.nCopies(127, "v".repeat(512)))).isNotNull();
    for (int length = 80; length <= 130; length++) {
      s.set("b", "x".repeat(length));
      assertThat(serializedBytes(s))
          .as("value of %d chars", length)
          .isLessThanOrEqualTo(LIMITS.batchMaxBytes() / 2);
    }
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.USER_ATTRIBUTES_TOO_LARGE);
  }

  /**
   * Property: whatever sequence of sets, lists, increments and removals (each within the
   * per-attribute limits), the serialized attributes never exceed half a batch, and a refusal is
   * always reported with the rule.
   */
  @Property(tries = 60)
  void serializedAttributesStayWithinTheBudget(@ForAll("ops") List<Op> ops) {
    List<ValidationIssue> issues = new ArrayList<>();
    UserAttributeState s = new UserAttributeState(LIMITS, false, issues::add);
    for (Op op : ops) {
      int before = issues.size();
      Object change;
      switch (op.kind) {
        case 0:
          change = s.set(op.name, op.text);
          break;
        case 1:
          change =
              s.setList(op.name, Collections.nCopies(op.count, op.text.isEmpty() ? "e" : op.text));
          break;
        case 2:
          change = s.remove(op.name);
          break;
        default:
          change = s.increment(op.name, op.count);
          break;
      }
      if (change == null && issues.size() > before) {
        assertThat(issues.get(issues.size() - 1).rule()).isNotNull();
      }
      assertThat(serializedBytes(s)).isLessThanOrEqualTo(LIMITS.batchMaxBytes() / 2);
    }
  }

  static final class Op {
    final int kind;
    final String name;
    final String text;
    final int count;

    Op(int kind, String name, String text, int count) {
      this.kind = kind;
      this.name = name;
      this.text = text;
      this.count = count;
    }

    @Override
    public String toString() {
      return "Op[" + kind + " " + name + " len=" + text.length() + " n=" + count + "]";
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> texts =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(512),
            Arbitraries.strings().withChars('"', '\\', '\u0001', 'é', '€').ofMaxLength(512),
            Arbitraries.strings().all().ofMaxLength(512),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3000).ofMaxLength(4096));
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(2),
                texts,
                Arbitraries.integers().between(1, 1000))
            .as(Op::new);
    return op.list().ofMaxSize(60);
  }
}
