package dev.spoke.kit;

/**
 * A kit told when the user opts out of (or back into) tracking. After an opt-out, kits whose {@code
 * honorOptOut} setting is true (the default) receive nothing more until the user opts back in.
 */
public interface OptOutListener {
  void onOptOut(boolean optedOut) throws Exception;
}
