package dev.spoke.internal.pipeline;

import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import java.time.Duration;
import java.util.Map;

/**
 * What the entry point needs of the kit machinery. Every method returns at once: kits run on their
 * own threads. Events (including session and user-attribute-change events) arrive through {@link
 * #onEvent} on the worker thread, in capture order. Not API.
 */
public interface KitHub extends Pipeline.KitSink {
  KitHub NONE = new KitHub() {};

  @Override
  default void onEvent(Record record) {}

  default void start() {}

  /**
   * Whether kits may want the event objects of the records captured now. False lets a record hold
   * only the serialized event (kits off, or a configuration that enables no kit).
   */
  default boolean wantsEvents() {
    return false;
  }

  /** Waits until a first configuration was applied (or the timeout passes); true when it was. */
  default boolean awaitConfiguration(Duration timeout) {
    return true;
  }

  default void onIdentity(UserContext user, IdentityCall call) {}

  default void onConsent(UserContext user, ConsentState before, ConsentState after) {}

  default void onOptOut(boolean optedOut) {}

  /** Per kit name: counter name → value. */
  default Map<String, Map<String, Long>> stats() {
    return Map.of();
  }

  default void close(Duration timeout) {}
}
