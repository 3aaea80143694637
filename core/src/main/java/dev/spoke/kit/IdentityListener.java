package dev.spoke.kit;

/** A kit told when an IDSync call completed; the user is the resulting user. */
public interface IdentityListener {
  default void onIdentifyCompleted(KitUser user) throws Exception {}

  default void onLoginCompleted(KitUser user) throws Exception {}

  default void onLogoutCompleted(KitUser user) throws Exception {}

  default void onModifyCompleted(KitUser user) throws Exception {}
}
