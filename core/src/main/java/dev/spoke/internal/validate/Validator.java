package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationRule;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Not API. Checks one event against the platform's limits (WIRE.md section 4) on the host's calling
 * thread, fixes what the platform's SDKs would fix, and reports each fix once.
 *
 * <p>Cheap by design: an event that needs no fix is returned as the same instance (or, when only
 * its timestamp or id had to be filled, a copy sharing its attribute map); strings are scanned once
 * and copied only when a fix is needed; an oversized attribute map is rejected on its size before
 * any iteration. Outside strict mode it never throws; in strict mode the first broken rule throws
 * {@link SpokeValidationException} and nothing is reported. Thread-safe: it holds no per-call
 * state.
 */
public final class Validator {
  /** Cap of a crash report's stack trace text. */
  static final int STACK_TRACE_MAX_CHARS = 16_384;

  /** Cap of a crash report's message. */
  static final int CRASH_MESSAGE_MAX_CHARS = 4096;

  /** Cap of a network performance url. */
  static final int URL_MAX_CHARS = 2048;

  /**
   * Cap of a push message's payload (JSON text): 4096, the size APNs allows a notification payload.
   */
  static final int PAYLOAD_MAX_CHARS = 4096;

  /** Cap of a push message's action identifier: the JSON reference's 100 characters. */
  static final int ACTION_IDENTIFIER_MAX_CHARS = 100;

  /** Cap of every other free-text field. */
  static final int TEXT_MAX_CHARS = 1024;

  /** How many of a crash report's breadcrumbs are kept (the most recent ones). */
  static final int CRASH_BREADCRUMBS_MAX = 50;

  private final ServiceLimits limits;
  private final Clock clock;
  private final Reporter reporter;
  private final Fields fields;
  private final AttributeChecks attributes;
  private final CommerceChecks commerce;
  private final DetailChecks details;

  /**
   * @param limits the limits to enforce
   * @param strict true to throw {@link SpokeValidationException} on the first broken rule instead
   *     of fixing it
   * @param clock the clock that fills and bounds timestamps
   * @param sink receives each fix; its exceptions are swallowed
   */
  public Validator(
      ServiceLimits limits, boolean strict, Clock clock, Consumer<dev.spoke.ValidationIssue> sink) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reporter = new Reporter(strict, sink);
    this.fields = new Fields(limits, reporter);
    this.attributes = new AttributeChecks(limits, reporter);
    this.commerce = new CommerceChecks(fields, attributes, reporter);
    this.details = new DetailChecks(limits, reporter, fields);
  }

  /**
   * @return the limits this validator enforces
   */
  public ServiceLimits limits() {
    return limits;
  }

  /**
   * @param eventTimestamp an event time in epoch milliseconds
   * @param now the current time in epoch milliseconds
   * @return true if the event is older than {@link ServiceLimits#historicalAfterMillis()} and must
   *     go to the historical endpoint
   */
  public boolean isHistorical(long eventTimestamp, long now) {
    return Texts.saturatedSubtract(now, eventTimestamp) > limits.historicalAfterMillis();
  }

  /**
   * Validates an event and completes it as a batch carries it: the timestamp taken now when
   * missing, a {@code source_message_id} generated when missing, attribute values as wire text. The
   * tracking call itself uses {@link #validateInPlace} and completes the event only on the kit
   * path.
   *
   * @param e the event as the host built it, may be null
   * @return the event ready to capture (timestamp and {@code source_message_id} filled, values as
   *     wire text, every limit respected): the same instance when nothing had to change; null when
   *     the event is dropped
   * @throws SpokeValidationException in strict mode only, on the first broken rule
   */
  public Event validate(Event e) {
    long now = clock.millis();
    Event valid = validateInPlace(e, now);
    if (valid == null) {
      return null;
    }
    return completed(valid, now, needsId(valid) ? dev.spoke.internal.Ids.uuid() : null);
  }

  /**
   * The tracking call's validation: checks every limit and fixes what breaks one, but leaves what
   * is merely absent (a timestamp, a {@code source_message_id}) for the caller to supply at
   * serialization, and keeps attribute numbers and booleans as they are (the serializer writes them
   * as the wire's strings). So an event that needs no fix comes back as the same instance, with the
   * same maps and lists: the common case copies nothing.
   *
   * @param e the event as the host built it, may be null
   * @param now the current time in epoch milliseconds (a timestamp beyond the future tolerance is
   *     reset to it)
   * @return the same instance when nothing had to be fixed, a fixed copy, or null when the event is
   *     dropped; its timestamp may still be null and its id null or blank ({@link #needsId})
   * @throws SpokeValidationException in strict mode only, on the first broken rule
   */
  public Event validateInPlace(Event e, long now) {
    if (e == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "event", 0, 0, null);
      return null;
    }
    try {
      return check(e, now);
    } catch (SpokeValidationException strictFailure) {
      throw strictFailure;
    } catch (RuntimeException defect) {
      // Never into the host: drop what could not be inspected, and say so.
      reporter.report(ValidationRule.VALIDATION_FAILED, e.type().wireName(), 0, 0, null);
      return null;
    }
  }

  /**
   * @return whether a validated event still needs a generated {@code source_message_id} (it has
   *     none, or a blank one)
   */
  public static boolean needsId(Event valid) {
    String id = valid.sourceMessageId();
    return id == null || id.isBlank();
  }

  /**
   * An event from {@link #validateInPlace} as kits (and {@link #validate}) see it: timestamp and id
   * filled, attribute values as wire text (kits read text values, as the Android SDK's kits do:
   * mParticle/mparticle-android-sdk, android-kit-base/src/main/java/com/mparticle/kits/
   * CommerceEventUtils.java reads {@code getCustomAttributeStrings()}).
   *
   * @param timestamp the timestamp to fill when the event has none
   * @param generatedId the id to fill when {@link #needsId}, else ignored
   * @return the same instance when nothing is missing and every value already is text
   */
  public static Event completed(Event valid, long timestamp, String generatedId) {
    boolean fillTs = valid.timestampMillis() == null;
    boolean fillId = needsId(valid);
    Map<String, ?> attributes = valid.customAttributes();
    Map<String, ?> text = AttributeChecks.asWireText(attributes);
    if (!fillTs && !fillId && text == attributes) {
      return valid;
    }
    Event.Builder<?> b = valid.toBuilder();
    if (fillTs) {
      b.timestampMillis(timestamp);
    }
    if (fillId) {
      b.sourceMessageId(generatedId);
    }
    if (text != attributes) {
      b.clearAttributes().attributes(text);
    }
    return b.build();
  }

  private Event check(Event e, long now) {
    Event typed = checkType(e);
    if (typed == null) {
      return null;
    }
    String name = displayName(typed);

    Map<String, ?> raw = typed.customAttributes();
    Map<String, ?> cleanAttributes = attributes.check(raw, "custom_attributes", name, true);
    Location location = typed.location();
    Location cleanLocation = location(location, name);

    Long ts = typed.timestampMillis();
    long tolerance = limits.futureToleranceMillis();
    boolean resetTs = ts != null && ts > Texts.saturatedAdd(now, tolerance);
    if (resetTs) {
      reporter.report(
          ValidationRule.TIMESTAMP_IN_FUTURE,
          "timestamp_unixtime_ms",
          Texts.saturatedSubtract(ts, now),
          tolerance,
          name);
    }
    String id = typed.sourceMessageId();
    boolean dropId = !needsId(typed) && !Texts.isIdentifier(id, MESSAGE_ID_MAX_CHARS);
    if (dropId) {
      // A caller's own id goes onto the wire: only an id-shaped one (a UUID has 36 chars) is kept.
      reporter.report(
          ValidationRule.FIELD_INVALID,
          "source_message_id",
          id.length(),
          MESSAGE_ID_MAX_CHARS,
          name);
    }

    if (cleanAttributes == raw && cleanLocation == location && !resetTs && !dropId) {
      return typed;
    }
    Event.Builder<?> b = typed.toBuilder();
    if (resetTs) {
      b.timestampMillis(now);
    }
    if (dropId) {
      b.sourceMessageId(null); // generated at serialization, like a missing one
    }
    if (cleanAttributes != raw) {
      b.clearAttributes().attributes(cleanAttributes);
    }
    if (cleanLocation != location) {
      b.location(cleanLocation);
    }
    return b.build();
  }

  /** Longest caller-given {@code source_message_id} kept (a UUID has 36 chars). */
  static final int MESSAGE_ID_MAX_CHARS = 64;

  private static String displayName(Event e) {
    if (e instanceof CustomEvent) {
      return ((CustomEvent) e).name();
    }
    if (e instanceof ScreenView) {
      return ((ScreenView) e).screenName();
    }
    if (e instanceof CommerceEvent && ((CommerceEvent) e).eventName() != null) {
      return ((CommerceEvent) e).eventName();
    }
    return e.type().wireName();
  }

  // ---- per type -------------------------------------------------------------------------------

  private Event checkType(Event e) {
    if (e instanceof CustomEvent) {
      return custom((CustomEvent) e);
    }
    if (e instanceof ScreenView) {
      return screen((ScreenView) e);
    }
    if (e instanceof CommerceEvent) {
      return commerce.check((CommerceEvent) e);
    }
    if (e instanceof CrashReport) {
      return details.crash((CrashReport) e);
    }
    if (e instanceof Breadcrumb) {
      return details.breadcrumb((Breadcrumb) e);
    }
    if (e instanceof NetworkPerformance) {
      return details.network((NetworkPerformance) e);
    }
    if (e instanceof ApplicationStateTransition) {
      return required(
          ((ApplicationStateTransition) e).transitionType(), "application_transition_type", e);
    }
    if (e instanceof ProfileEvent) {
      return required(((ProfileEvent) e).profileEventType(), "profile_event_type", e);
    }
    if (e instanceof PushRegistration) {
      return details.push((PushRegistration) e);
    }
    if (e instanceof PushMessage) {
      return details.pushMessage((PushMessage) e);
    }
    if (e instanceof UserAttributeChange) {
      return details.attributeChange((UserAttributeChange) e);
    }
    if (e instanceof UserIdentityChange) {
      UserIdentityChange c = (UserIdentityChange) e;
      if (c.newIdentity() == null
          || c.oldIdentity() == null
          || c.newIdentity().type() == null
          || c.oldIdentity().type() == null) {
        reporter.report(
            ValidationRule.REQUIRED_FIELD_MISSING, "new/old identity", 0, 0, e.type().wireName());
        return null;
      }
      return e;
    }
    // session_start, session_end, opt_out, first_run, uninstall: nothing beyond the common fields.
    return e;
  }

  private Event required(Object field, String key, Event e) {
    if (field == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, key, 0, 0, e.type().wireName());
      return null;
    }
    return e;
  }

  private Event custom(CustomEvent e) {
    String name = fields.eventName(e.name(), "event_name", true);
    if (name == Fields.DROP) {
      return null;
    }
    if (e.customEventType() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "custom_event_type", 0, 0, name);
      return null;
    }
    Map<String, ?> flags = attributes.check(e.customFlags(), "custom_flags", name, false);
    if (name == e.name() && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder().name(name).clearFlags().flags(asStrings(flags)).build();
  }

  private Event screen(ScreenView e) {
    String name = fields.eventName(e.screenName(), "screen_name", true);
    if (name == Fields.DROP) {
      return null;
    }
    Map<String, ?> flags = attributes.check(e.customFlags(), "custom_flags", name, false);
    if (name == e.screenName() && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder().screenName(name).clearFlags().flags(asStrings(flags)).build();
  }

  private Location location(Location l, String ev) {
    if (l == null) {
      return null;
    }
    double lat = l.latitude();
    double lon = l.longitude();
    Double acc = l.accuracy();
    // Written so that NaN fails every comparison and lands on the invalid side.
    boolean valid =
        lat >= -90
            && lat <= 90
            && lon >= -180
            && lon <= 180
            && (acc == null || (acc >= 0 && Double.isFinite(acc)));
    if (valid) {
      return l;
    }
    reporter.report(ValidationRule.FIELD_INVALID, "location", 0, 0, ev);
    return null;
  }

  // ---- names, text and attributes -------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static Map<String, String> asStrings(Map<String, ?> cleaned) {
    // Only ever called on maps this class validated: keys and values are Strings.
    return (Map<String, String>) cleaned;
  }
}
