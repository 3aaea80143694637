package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.kit.ConsentListener;
import dev.spoke.kit.IdentityListener;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.OptOutListener;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. The delivery half of the kit runtime: each call from the hub (an event, a user
 * attribute, identity, consent or opt-out change) becomes one delivery, held by the {@link
 * ReplayBuffer} until the first configuration and then handed to the {@link KitDispatcher} for the
 * kits running at that moment. It also keeps what every later call depends on: whether the user
 * opted out and the last user seen (for {@code KitContext.currentUser}).
 *
 * <p>Threading: every method may be called from any thread, never blocks on I/O or on a kit, and
 * never throws.
 */
final class KitCalls {
  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);

  private final KitRegistry registry;
  private final KitDispatcher dispatcher;
  private final ReplayBuffer buffer;

  private volatile boolean optedOut;
  private volatile KitUser lastUser;

  KitCalls(KitRegistry registry, KitDispatcher dispatcher, ReplayBuffer buffer) {
    this.registry = registry;
    this.dispatcher = dispatcher;
    this.buffer = buffer;
  }

  /**
   * @return the last user a call carried, or null before any
   */
  KitUser lastUser() {
    return lastUser;
  }

  /**
   * The one place event types are chosen for kits: custom events, screen views, commerce events and
   * session start/end; attribute, identity, consent and opt-out changes reach kits through their
   * own calls.
   */
  static boolean forKits(Event event) {
    return event instanceof CustomEvent
        || event instanceof ScreenView
        || event instanceof CommerceEvent
        || event instanceof SessionStart
        || event instanceof SessionEnd;
  }

  /** A validated event the caller chose with {@link #forKits}. */
  void event(Event event, KitUser user) {
    dispatch(user, () -> dispatcher.deliverEvent(registry.running(), optedOut, event, user));
  }

  /** A user attribute change, as the capture path describes it. */
  void attribute(KitUser user, AttributeOp op, String key, Object newValue, Number delta) {
    switch (op) {
      case SET:
        userAttributeSet(user, key, String.valueOf(newValue));
        break;
      case LIST:
        {
          @SuppressWarnings("unchecked")
          List<String> values = newValue instanceof List ? (List<String>) newValue : List.of();
          userAttributeListSet(user, key, values);
          break;
        }
      case INCREMENT:
        userAttributeIncremented(user, key, delta, String.valueOf(newValue));
        break;
      case REMOVE:
        userAttributeRemoved(user, key);
        break;
      case TAG:
        userTagSet(user, key);
        break;
      default:
    }
  }

  void userAttributeSet(KitUser user, String key, String value) {
    userAttribute(user, key, (l, u) -> l.onUserAttributeSet(u, key, value));
  }

  void userAttributeListSet(KitUser user, String key, List<String> values) {
    List<String> copy =
        values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    userAttribute(user, key, (l, u) -> l.onUserAttributeListSet(u, key, copy));
  }

  void userAttributeIncremented(KitUser user, String key, Number delta, String newValue) {
    userAttribute(user, key, (l, u) -> l.onUserAttributeIncremented(u, key, delta, newValue));
  }

  void userAttributeRemoved(KitUser user, String key) {
    userAttribute(user, key, (l, u) -> l.onUserAttributeRemoved(u, key));
  }

  void userTagSet(KitUser user, String key) {
    userAttribute(user, key, (l, u) -> l.onUserTagSet(u, key));
  }

  private void userAttribute(KitUser user, String key, KitDispatcher.AttributeCall call) {
    dispatch(
        user, () -> dispatcher.deliverUserAttribute(registry.running(), optedOut, user, key, call));
  }

  /**
   * @param call IDENTIFY, LOGIN, LOGOUT or MODIFY; ALIAS reaches no kit
   */
  void identity(IdentityCall call, KitUser user) {
    Objects.requireNonNull(call, "call");
    toAll(
        user,
        IdentityListener.class,
        (k, view) ->
            kit -> {
              IdentityListener l = (IdentityListener) kit;
              switch (call) {
                case IDENTIFY:
                  l.onIdentifyCompleted(view);
                  break;
                case LOGIN:
                  l.onLoginCompleted(view);
                  break;
                case LOGOUT:
                  l.onLogoutCompleted(view);
                  break;
                case MODIFY:
                  l.onModifyCompleted(view);
                  break;
                default:
                  // ALIAS changes no user's identities: kits have no callback for it.
                  break;
              }
            });
  }

  void consentChanged(ConsentState oldState, ConsentState newState, KitUser user) {
    toAll(
        user,
        ConsentListener.class,
        (k, view) ->
            kit -> ((ConsentListener) kit).onConsentStateChanged(view, oldState, newState));
  }

  private void toAll(KitUser user, Class<?> listener, KitDispatcher.ViewCall call) {
    dispatch(user, () -> dispatcher.deliverAll(registry.running(), optedOut, user, listener, call));
  }

  /**
   * Every kit listening is told; afterwards kits whose {@code honorOptOut} is true receive nothing
   * until the user opts back in. The state changes in call order, with the deliveries around it.
   */
  void optOut(boolean optedOut) {
    dispatch(
        null,
        () -> {
          this.optedOut = optedOut;
          for (ActiveKit k : registry.running()) {
            dispatcher.send(
                k,
                OptOutListener.class::isInstance,
                kit -> ((OptOutListener) kit).onOptOut(optedOut));
          }
        });
  }

  private void dispatch(KitUser user, Runnable delivery) {
    if (registry.isClosed()) {
      return;
    }
    try {
      if (user != null) {
        lastUser = user;
      }
      if (buffer.hold(delivery)) {
        return;
      }
      delivery.run();
    } catch (RuntimeException e) {
      LOG.warn("kit dispatch failed; the call is lost for the kits", e);
    }
  }
}
