package dev.spoke.internal.pipeline;

import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one way the pipeline and the entry point reach the kits; the kit runtime ({@code
 * dev.spoke.internal.kit.KitManager}) implements it. Every method returns at once: kits run on
 * their own threads. Events (including session events) arrive through {@link #onEvent} on the
 * worker thread, in capture order; user-attribute changes through {@link #onAttribute}, queued
 * behind the events captured before them. Not API.
 */
public interface KitHub {
  KitHub NONE = new KitHub() {};

  /** On the worker thread: one captured record; types kits do not take are ignored. */
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

  /** A user attribute changed (already applied to {@code user}). */
  default void onAttribute(
      UserContext user, AttributeOp op, String key, Object newValue, Number delta) {}

  default void onIdentity(UserContext user, IdentityCall call) {}

  default void onConsent(UserContext user, ConsentState before, ConsentState after) {}

  default void onOptOut(boolean optedOut) {}

  /** Module ids of the kits running now, in configuration order. */
  default List<Integer> activeKits() {
    return List.of();
  }

  /** Fetches the kit configuration again now (normally at most every 10 minutes). */
  default void refreshConfiguration() {}

  /** Per kit name: counter name → value. */
  default Map<String, Map<String, Long>> counters() {
    return Map.of();
  }

  /**
   * Closes the kits, waiting at most {@code timeout}; true when all closed in time (a kit that did
   * not is reported).
   */
  default boolean close(Duration timeout) {
    return true;
  }
}
