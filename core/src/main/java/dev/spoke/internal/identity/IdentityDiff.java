package dev.spoke.internal.identity;

import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Not API. The {@code identity_changes[]} that turn one set of identities into another. */
final class IdentityDiff {
  private IdentityDiff() {}

  /** One change: a null old value adds the identity, a null new value removes it. */
  static final class Change {
    final IdentityType type;
    final String oldValue;
    final String newValue;

    Change(IdentityType type, String oldValue, String newValue) {
      this.type = type;
      this.oldValue = oldValue;
      this.newValue = newValue;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Change)) {
        return false;
      }
      Change c = (Change) o;
      return type == c.type
          && Objects.equals(oldValue, c.oldValue)
          && Objects.equals(newValue, c.newValue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(type, oldValue, newValue);
    }

    @Override
    public String toString() {
      return type.idsyncKey() + ": " + oldValue + " -> " + newValue;
    }
  }

  /**
   * @param oldIds the identities the user has now, may be null (none)
   * @param newIds the identities the user should have, may be null (none)
   * @return one change per identity type whose value differs, in {@link IdentityType} order
   */
  static List<Change> between(UserIdentities oldIds, UserIdentities newIds) {
    UserIdentities before = oldIds == null ? UserIdentities.empty() : oldIds;
    UserIdentities after = newIds == null ? UserIdentities.empty() : newIds;
    List<Change> changes = new ArrayList<>();
    for (IdentityType type : IdentityType.values()) {
      String o = before.get(type);
      String n = after.get(type);
      if (!Objects.equals(o, n)) {
        changes.add(new Change(type, o, n));
      }
    }
    return changes.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(changes);
  }
}
