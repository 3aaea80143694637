package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Not API. Writes one event as the Events API's {@code {"event_type":"…","data":{…}}} (WIRE.md
 * section 3) with Jackson's streaming generator: no trees, no maps, no reflection.
 *
 * <p>What it writes: the fields WIRE.md names for the event's type, null optional fields left out
 * (except {@code new}/{@code old} of {@code user_attribute_change} and {@code identity} of {@code
 * user_identity_change}, which the wire requires even when null); custom attribute values as
 * strings ({@link WireValues#attributeString}); null keys, null values and null list elements
 * skipped; empty maps and lists left out; non-finite numbers left out (JSON cannot carry them). It
 * never writes {@code custom_attribute_types}, an event-level {@code logged_in} or {@code
 * attribution}.
 *
 * <p>An event missing a value the wire requires (see {@link #missingRequired(Event)}) is refused
 * with an {@link IllegalArgumentException} before anything is written; the validator drops such
 * events before they get here, so the caller treats the exception as a drop.
 *
 * <p>Not thread-safe: one instance per worker thread; it reuses one generator and one buffer.
 */
public final class EventSerializer {
  /** As the fallback timestamp: an event without one is written without one. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final JsonBuffer buffer;
  private final EventWriter writer = new EventWriter();

  /** Creates a serializer with its own default {@link JsonFactory}. */
  public EventSerializer() {
    this(new JsonFactory());
  }

  /**
   * @param factory the factory to create the reused generator from (shared factories are fine)
   */
  public EventSerializer(JsonFactory factory) {
    this.buffer = new JsonBuffer(factory);
  }

  /**
   * @param event the event to write
   * @param session the session the event belongs to, or null for none
   * @return the UTF-8 JSON of {@code {"event_type":"…","data":{…}}}
   * @throws IllegalArgumentException if the event lacks a value the wire requires ({@link
   *     #missingRequired(Event)} says which)
   */
  public byte[] serialize(Event event, SessionContext session) {
    return serialize(event, session, NO_TIMESTAMP, 0L, 0L);
  }

  /**
   * Serializes an event as validated in place on a tracking call, supplying what it may lack: the
   * bytes are those of the event completed with this timestamp and id.
   *
   * @param event the event to write
   * @param session the session the event belongs to, or null for none
   * @param timestamp written as {@code timestamp_unixtime_ms} when the event has none; {@link
   *     #NO_TIMESTAMP} to leave the field out then
   * @param idHigh the most significant bits of a generated {@code source_message_id} (a version-4
   *     UUID), written instead of the event's own id; 0 to write the event's id
   * @param idLow the least significant bits of that id
   * @return the UTF-8 JSON of {@code {"event_type":"…","data":{…}}}
   * @throws IllegalArgumentException if the event lacks a value the wire requires
   */
  public byte[] serialize(
      Event event, SessionContext session, long timestamp, long idHigh, long idLow) {
    return serialize(
        event, session, session == null ? 0L : session.eventNum(), timestamp, idHigh, idLow);
  }

  /**
   * As {@link #serialize(Event, SessionContext, long, long, long)}, with the event's number in the
   * session given apart from the session's other fields, so a tracking call can pass the user's
   * running session as it is instead of a copy per event.
   *
   * @param eventNum written as {@code event_num} (instead of the session's own) when there is a
   *     session
   */
  public byte[] serialize(
      Event event, SessionContext session, long eventNum, long timestamp, long idHigh, long idLow) {
    String missing = missingRequired(event);
    if (missing != null) {
      throw new IllegalArgumentException("cannot serialize " + missing);
    }
    try {
      writer.write(buffer.generator(), event, session, eventNum, timestamp, idHigh, idLow);
      return buffer.take();
    } catch (IOException e) {
      buffer.discard();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      buffer.discard();
      throw e;
    }
  }

  /**
   * Writes the event object onto a caller's generator (for example as an element of a batch's
   * {@code events} array), for callers that frame batches without intermediate arrays.
   *
   * @param g where to write; the event object is written as the next value
   * @param event the event to write
   * @param session the session, or null
   * @throws IllegalArgumentException if the event lacks a value the wire requires
   * @throws IOException from the generator's target
   */
  public static void write(JsonGenerator g, Event event, SessionContext session)
      throws IOException {
    String missing = missingRequired(event);
    if (missing != null) {
      throw new IllegalArgumentException("cannot serialize " + missing);
    }
    new EventWriter()
        .write(g, event, session, session == null ? 0L : session.eventNum(), NO_TIMESTAMP, 0L, 0L);
  }

  /**
   * Says whether the event has every value the wire requires for its type.
   *
   * @param event an event, may be null
   * @return null if it can be serialized, otherwise what is missing, e.g. {@code "custom_event:
   *     event_name is null"}
   */
  public static String missingRequired(Event event) {
    if (event == null) {
      return "a null event";
    }
    switch (event.type()) {
      case CUSTOM_EVENT:
        {
          CustomEvent e = (CustomEvent) event;
          if (e.name() == null) {
            return "custom_event: event_name is null";
          }
          return e.customEventType() == null ? "custom_event: custom_event_type is null" : null;
        }
      case SCREEN_VIEW:
        return ((ScreenView) event).screenName() == null
            ? "screen_view: screen_name is null"
            : null;
      case BREADCRUMB:
        return ((Breadcrumb) event).label() == null ? "breadcrumb: label is null" : null;
      case NETWORK_PERFORMANCE:
        return ((NetworkPerformance) event).url() == null
            ? "network_performance: url is null"
            : null;
      case PUSH_REGISTRATION:
        return ((PushRegistration) event).registrationToken() == null
            ? "push_registration: registration_token is null"
            : null;
      case PUSH_MESSAGE:
        {
          PushMessage e = (PushMessage) event;
          if (e.pushMessageType() == null) {
            return "push_message: push_message_type is null";
          }
          if (e.token() == null) {
            return "push_message: push_message_token is null";
          }
          return e.payload() == null ? "push_message: push_notification_payload is null" : null;
        }
      case USER_ATTRIBUTE_CHANGE:
        return ((UserAttributeChange) event).name() == null
            ? "user_attribute_change: user_attribute_name is null"
            : null;
      case USER_IDENTITY_CHANGE:
        {
          UserIdentityChange e = (UserIdentityChange) event;
          if (e.newIdentity() == null || e.newIdentity().type() == null) {
            return "user_identity_change: new or its identity_type is null";
          }
          return e.oldIdentity() == null || e.oldIdentity().type() == null
              ? "user_identity_change: old or its identity_type is null"
              : null;
        }
      case COMMERCE_EVENT:
        return missingCommerce((CommerceEvent) event);
      // The platform's JSON Schema and OpenAPI description require these (mParticle/docs
      // static/schema/mparticle.inbound.eventsapi.schema.json): a batch carrying one without them
      // is
      // refused whole, so the event is refused here instead.
      case APPLICATION_STATE_TRANSITION:
        return ((ApplicationStateTransition) event).transitionType() == null
            ? "application_state_transition: application_transition_type is null"
            : null;
      case PROFILE:
        {
          ProfileEvent e = (ProfileEvent) event;
          if (e.profileEventType() == null) {
            return "profile: profile_event_type is null";
          }
          return e.currentMpid() == null ? "profile: current_mpid is null" : null;
        }
      default:
        return null;
    }
  }

  private static String missingCommerce(CommerceEvent e) {
    switch (e.kind()) {
      case PRODUCT_ACTION:
        return e.productAction() == null || e.productAction().action() == null
            ? "commerce_event: product_action or its action is null"
            : null;
      case PROMOTION_ACTION:
        return e.promotionAction() == null || e.promotionAction().action() == null
            ? "commerce_event: promotion_action or its action is null"
            : null;
      default:
        for (Impression i : e.impressions()) {
          if (i != null && i.listName() == null) {
            return "commerce_event: an impression's product_impression_list is null";
          }
        }
        return null;
    }
  }

  /**
   * Writes a user attribute value: a string, a list of strings (null elements skipped), or null (a
   * tag, or the absent side of a change). Other values are rendered as attribute strings.
   */
  static void writeUserAttributeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) value) {
        String s = WireValues.attributeString(o);
        if (s != null) {
          g.writeString(s);
        }
      }
      g.writeEndArray();
    } else {
      String s = WireValues.attributeString(value);
      if (s == null) {
        g.writeNull();
      } else {
        g.writeString(s);
      }
    }
  }

  static void writeStrings(JsonGenerator g, SerializableString name, List<String> values)
      throws IOException {
    if (!hasNonNull(values)) {
      return;
    }
    g.writeFieldName(name);
    g.writeStartArray();
    for (String v : values) {
      if (v != null) {
        g.writeString(v);
      }
    }
    g.writeEndArray();
  }

  static void writeString(JsonGenerator g, SerializableString name, String value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  static void writeLong(JsonGenerator g, SerializableString name, Long value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeNumber(value.longValue());
    }
  }

  static void writeDouble(JsonGenerator g, SerializableString name, Double value)
      throws IOException {
    if (value != null && Double.isFinite(value)) {
      g.writeFieldName(name);
      g.writeNumber(value.doubleValue());
    }
  }

  static void writeBoolean(JsonGenerator g, SerializableString name, Boolean value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeBoolean(value.booleanValue());
    }
  }

  static boolean hasNonNull(List<?> values) {
    for (Object v : values) {
      if (v != null) {
        return true;
      }
    }
    return false;
  }
}
