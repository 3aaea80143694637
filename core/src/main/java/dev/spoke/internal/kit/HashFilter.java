package dev.spoke.internal.kit;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Not API. One {@code hs} filter of a kit: the platform sends {hash → 0|1} where 0 blocks and 1 (or
 * absence) allows, so only the blocked keys are kept.
 */
final class HashFilter {
  static final HashFilter ALLOW_ALL = new HashFilter(Collections.emptySet());

  private final Set<Integer> blocked;

  private HashFilter(Set<Integer> blocked) {
    this.blocked = blocked;
  }

  /**
   * @param blocked the keys that are blocked
   */
  public static HashFilter blocking(Set<Integer> blocked) {
    return blocked.isEmpty()
        ? ALLOW_ALL
        : new HashFilter(Collections.unmodifiableSet(new HashSet<>(blocked)));
  }

  static HashFilter parse(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return ALLOW_ALL;
    }
    Map<String, Object> o = Fields.object(v, path);
    Set<Integer> blocked = new HashSet<>();
    for (Map.Entry<String, Object> e : o.entrySet()) {
      String keyPath = path + "[\"" + e.getKey() + "\"]";
      int key = Fields.intValue(e.getKey(), keyPath);
      if (e.getValue() != null && !Fields.boolValue(e.getValue(), keyPath)) {
        blocked.add(key);
      }
    }
    return blocking(blocked);
  }

  /**
   * @return true unless the key is explicitly blocked
   */
  public boolean allows(int key) {
    return !blocked.contains(key);
  }

  /**
   * @return true if nothing is blocked (the filter can be skipped)
   */
  public boolean allowsAll() {
    return blocked.isEmpty();
  }

  /**
   * @return the blocked keys, unmodifiable
   */
  public Set<Integer> blocked() {
    return blocked;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashFilter && blocked.equals(((HashFilter) o).blocked);
  }

  @Override
  public int hashCode() {
    return blocked.hashCode();
  }

  @Override
  public String toString() {
    return "HashFilter{blocked=" + blocked + '}';
  }
}
