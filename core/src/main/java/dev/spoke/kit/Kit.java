package dev.spoke.kit;

import java.util.Map;

/**
 * A running partner forwarder. A kit receives data by also implementing any of the listener
 * interfaces of this package ({@link EventListener}, {@link ScreenListener}, {@link
 * CommerceListener}, {@link UserAttributeListener}, {@link IdentityListener}, {@link
 * SessionListener}, {@link ConsentListener}, {@link OptOutListener}). Every call reaches the kit on
 * its own single thread, in order, never on the host app's thread; a call that throws is counted
 * and reported and the kit keeps receiving later calls.
 */
public interface Kit {

  /** The workspace configuration changed this kit's settings. */
  default void onSettingsUpdated(Map<String, String> settings) throws Exception {}

  /** The kit was disabled by the configuration, or Spoke is closing. Release resources here. */
  default void close() throws Exception {}
}
