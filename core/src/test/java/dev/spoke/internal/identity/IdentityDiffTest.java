package dev.spoke.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IdentityDiffTest {
  @Test
  void addChangeRemoveInTypeOrder() {
    UserIdentities before =
        UserIdentities.builder().customerId("c").email("e1").put(IdentityType.OTHER, "o").build();
    UserIdentities after =
        UserIdentities.builder()
            .customerId("c")
            .email("e2")
            .put(IdentityType.PHONE_NUMBER_3, "p3")
            .build();

    assertThat(IdentityDiff.between(before, after))
        .containsExactly(
            new IdentityDiff.Change(IdentityType.OTHER, "o", null),
            new IdentityDiff.Change(IdentityType.EMAIL, "e1", "e2"),
            new IdentityDiff.Change(IdentityType.PHONE_NUMBER_3, null, "p3"));
  }

  @Test
  void nullMeansNoIdentities() {
    UserIdentities ids = UserIdentities.of(IdentityType.ALIAS, "a");
    assertThat(IdentityDiff.between(null, ids))
        .containsExactly(new IdentityDiff.Change(IdentityType.ALIAS, null, "a"));
    assertThat(IdentityDiff.between(ids, null))
        .containsExactly(new IdentityDiff.Change(IdentityType.ALIAS, "a", null));
    assertThat(IdentityDiff.between(null, null)).isEmpty();
    assertThat(IdentityDiff.between(ids, ids)).isEmpty();
  }

  /** Applying the changes to the old identities always yields the new ones. */
  @Property(tries = 200)
  void changesTurnOldIntoNew(
      @ForAll List<@net.jqwik.api.constraints.IntRange(min = 0, max = 43) Integer> ops) {
    IdentityType[] types = IdentityType.values();
    UserIdentities.Builder ob = UserIdentities.builder();
    UserIdentities.Builder nb = UserIdentities.builder();
    for (int op : ops) {
      IdentityType t = types[op % types.length];
      if (op < types.length) {
        ob.put(t, "v" + (op % 3));
      } else {
        nb.put(t, "v" + (op % 2));
      }
    }
    UserIdentities oldIds = ob.build();
    UserIdentities newIds = nb.build();

    UserIdentities.Builder applied = oldIds.toBuilder();
    for (IdentityDiff.Change c : IdentityDiff.between(oldIds, newIds)) {
      assertThat(c.oldValue).isEqualTo(oldIds.get(c.type));
      assertThat(c.oldValue).isNotEqualTo(c.newValue);
      applied.put(c.type, c.newValue);
    }
    assertThat(applied.build()).isEqualTo(newIds);
  }
}
