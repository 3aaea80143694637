package dev.spoke.internal.capture;

import dev.spoke.SpokeValidationException;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.internal.pipeline.Intake;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.validate.HeaderValidator;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's attribute and consent changes: applied to the user's state, logged as events through
 * {@link Capture}, and handed to kits as signals behind the events already queued. Not API.
 */
public final class UserChanges {
  private static final Logger LOG = LoggerFactory.getLogger(UserChanges.class);

  /** Where an attribute change goes for kits (on the worker, in capture order). */
  public interface AttributeSink {
    void onAttribute(UserContext u, AttributeOp op, String key, Object newValue, Number delta);
  }

  private final Capture capture;
  private final Intake intake;
  private final KitHub kits;
  private final AttributeSink attributeSink;
  private final HeaderValidator headerValidator;
  private final Clock clock;

  /**
   * @param attributeSink null when no kit machinery runs (no signal is queued then)
   */
  public UserChanges(
      Capture capture,
      Intake intake,
      KitHub kits,
      AttributeSink attributeSink,
      HeaderValidator headerValidator,
      Clock clock) {
    this.capture = capture;
    this.intake = intake;
    this.kits = kits;
    this.attributeSink = attributeSink;
    this.headerValidator = headerValidator;
    this.clock = clock;
  }

  /** One attribute operation of a {@code SpokeUser}; never throws outside strict mode. */
  public void attribute(UserContext u, AttributeOp op, String name, Object value) {
    try {
      if (!capture.admits("a user attribute change")) return;
      UserAttributeState.Change change;
      synchronized (u.lock) {
        UserAttributeState a = u.attributeState();
        switch (op) {
          case SET:
            change = a.set(name, value);
            break;
          case LIST:
            change = a.setList(name, value instanceof List ? (List<?>) value : null);
            break;
          case INCREMENT:
            change = a.increment(name, value instanceof Number ? (Number) value : null);
            break;
          case REMOVE:
            change = a.remove(name);
            break;
          case TAG:
            change = a.tag(name);
            break;
          default:
            change = null;
        }
        if (change != null) u.touchedLocked();
      }
      if (change == null) return;
      UserAttributeChange uac =
          UserAttributeChange.builder(change.name())
              .newValue(change.newValue())
              .oldValue(change.oldValue())
              .deleted(change.deleted())
              .newAttribute(change.isNew())
              .build();
      capture.capture(u, uac);
      if (attributeSink != null) {
        String key = change.name();
        Object newValue = change.newValue();
        Number delta = value instanceof Number ? (Number) value : null;
        intake.offerSignal(
            Record.signal(() -> attributeSink.onAttribute(u, op, key, newValue, delta)));
      }
    } catch (SpokeValidationException e) {
      throw e;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
      LOG.warn("spoke: a user attribute change could not be applied", t);
    }
  }

  /** Replaces the user's consent state (validated, each decision stamped) and tells kits. */
  public void consent(UserContext u, ConsentState state) {
    try {
      ConsentState next =
          stampConsent(
              state == null ? ConsentState.empty() : headerValidator.consent(state),
              clock.millis());
      ConsentState before = u.consent();
      u.setConsent(next);
      intake.offerSignal(Record.signal(() -> kits.onConsent(u, before, next)));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      LOG.warn("spoke: consent change failed", e);
    }
  }

  /**
   * Gives every decision without a timestamp the time it was set: the platform's SDKs do the same
   * (mparticle-android-sdk, android-core/src/main/java/com/mparticle/consent/GDPRConsent.java and
   * CCPAConsent.java; mparticle-web-sdk, src/consent.ts, createPrivacyConsent), and the Events
   * API's OpenAPI description requires {@code timestamp_unixtime_ms} in a consent purpose
   * (docs/WIRE.md section 2).
   */
  public static ConsentState stampConsent(ConsentState state, long now) {
    boolean missing = state.ccpa() != null && state.ccpa().timestampMillis() == null;
    for (ConsentDecision d : state.gdpr().values()) {
      missing |= d.timestampMillis() == null;
    }
    if (!missing) {
      return state;
    }
    ConsentState.Builder b = state.toBuilder();
    for (Map.Entry<String, ConsentDecision> p : state.gdpr().entrySet()) {
      if (p.getValue().timestampMillis() == null) {
        b.gdpr(p.getKey(), p.getValue().toBuilder().timestampMillis(now).build());
      }
    }
    if (state.ccpa() != null && state.ccpa().timestampMillis() == null) {
      b.ccpa(state.ccpa().toBuilder().timestampMillis(now).build());
    }
    return b.build();
  }
}
