package dev.spoke.kit;

import java.util.List;

/**
 * A kit that mirrors user attributes. Attributes the kit's {@code ua} filter blocks never arrive.
 */
public interface UserAttributeListener {
  default void onUserAttributeSet(KitUser user, String key, String value) throws Exception {}

  default void onUserAttributeListSet(KitUser user, String key, List<String> values)
      throws Exception {}

  default void onUserAttributeIncremented(KitUser user, String key, Number delta, String newValue)
      throws Exception {}

  default void onUserAttributeRemoved(KitUser user, String key) throws Exception {}

  default void onUserTagSet(KitUser user, String key) throws Exception {}
}
