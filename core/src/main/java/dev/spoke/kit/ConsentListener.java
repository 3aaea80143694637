package dev.spoke.kit;

import dev.spoke.user.ConsentState;

/**
 * A kit told when a user's consent state changes (after its {@code crvf} rules were re-evaluated).
 */
public interface ConsentListener {
  void onConsentStateChanged(KitUser user, ConsentState oldState, ConsentState newState)
      throws Exception;
}
