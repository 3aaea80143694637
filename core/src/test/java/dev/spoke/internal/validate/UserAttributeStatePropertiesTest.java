package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UserAttributeStatePropertiesTest {
  /** Small limits, so that random sequences hit every one of them often. */
  static final ServiceLimits SMALL =
      ServiceLimits.builder()
          .userAttributesPerUser(5)
          .userAttributeNameMaxChars(8)
          .userAttributeValueMaxChars(16)
          .userAttributeListMaxEntries(4)
          .userAttributeListEntryMaxChars(6)
          .build();

  /** One operation: kind, name, value. */
  record Op(int kind, String name, Object value) {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "$age", "$city"),
            ValidatorPropertiesTest.nastyStrings());
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            ValidatorPropertiesTest.values(),
            Arbitraries.integers().between(-5, 5).map(i -> (Object) i),
            ValidatorPropertiesTest.values().list().ofMaxSize(6).map(l -> (Object) l));
    Arbitrary<Op> op =
        Combinators.combine(Arbitraries.integers().between(0, 4), names, values).as(Op::new);
    return op.list().ofMaxSize(40);
  }

  private static UserAttributeState.Change apply(UserAttributeState s, Op op) {
    switch (op.kind()) {
      case 0:
        return s.set(op.name(), op.value());
      case 1:
        return s.setList(
            op.name(),
            op.value() instanceof List
                ? (List<?>) op.value()
                : List.of(String.valueOf(op.value())));
      case 2:
        return s.increment(op.name(), op.value() instanceof Number ? (Number) op.value() : null);
      case 3:
        return s.remove(op.name());
      default:
        return s.tag(op.name());
    }
  }

  /**
   * Properties 2 and 3: no sequence throws; the state never exceeds a limit nor switches a kind.
   */
  @Property(tries = 500)
  void anySequenceStaysWithinTheLimits(@ForAll("operations") List<Op> ops) {
    for (ServiceLimits limits : new ServiceLimits[] {SMALL, ServiceLimits.defaults()}) {
      List<ValidationIssue> issues = new ArrayList<>();
      UserAttributeState state = new UserAttributeState(limits, false, issues::add);
      for (Op op : ops) {
        UserAttributeState.Change c = apply(state, op);
        if (c != null && c.oldValue() != null && c.newValue() != null) {
          assertThat(c.oldValue() instanceof List)
              .as("kind kept for " + c)
              .isEqualTo(c.newValue() instanceof List);
        }
        assertWithin(state.snapshot(), limits);
      }
      for (String deleted : state.deleted()) {
        assertThat(state.snapshot()).doesNotContainKey(deleted);
      }
    }
  }

  private static void assertWithin(Map<String, Object> snapshot, ServiceLimits limits) {
    assertThat(snapshot.size()).isLessThanOrEqualTo(limits.userAttributesPerUser());
    snapshot.forEach(
        (name, value) -> {
          assertThat(name).isNotBlank();
          ValidatorPropertiesTest.assertClean(name, false, limits.userAttributeNameMaxChars());
          if (value instanceof List) {
            List<?> list = (List<?>) value;
            assertThat(list.size()).isLessThanOrEqualTo(limits.userAttributeListMaxEntries());
            for (Object entry : list) {
              assertThat(entry).isInstanceOf(String.class);
              ValidatorPropertiesTest.assertClean(
                  (String) entry, true, limits.userAttributeListEntryMaxChars());
            }
          } else if (value != null) {
            assertThat(value).isInstanceOf(String.class);
            ValidatorPropertiesTest.assertClean(
                (String) value, true, limits.userAttributeValueMaxChars());
          }
        });
  }
}
