package dev.spoke.internal.json;

import static dev.spoke.internal.json.EventSerializer.writeBoolean;
import static dev.spoke.internal.json.EventSerializer.writeDouble;
import static dev.spoke.internal.json.EventSerializer.writeLong;
import static dev.spoke.internal.json.EventSerializer.writeString;
import static dev.spoke.internal.json.EventSerializer.writeStrings;
import static dev.spoke.internal.json.EventSerializer.writeUserAttributeValue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.EventType;
import dev.spoke.event.IdentityChange;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.OptOut;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.user.IdentityType;
import java.io.IOException;
import java.util.function.Function;

/**
 * Not API. Writes the body of one event (WIRE.md section 3) onto a generator, field by field. Holds
 * a scratch buffer so numbers and generated ids are written as JSON strings without a temporary
 * {@code String}, and one reused attribute visitor, so a serialization allocates nothing of its
 * own. Not thread-safe: owned by one {@link EventSerializer}.
 */
final class EventWriter {
  private static final SerializedString[] EVENT_TYPES =
      wire(EventType.values(), EventType::wireName);
  private static final SerializedString[] CUSTOM_TYPES =
      wire(CustomEventType.values(), CustomEventType::wireName);
  private static final SerializedString[] IDENTITY_TYPES =
      wire(IdentityType.values(), IdentityType::eventsApiKey);

  private final AttributeJson attributes = new AttributeJson();
  private final CommerceJson commerce = new CommerceJson(attributes);

  /**
   * Writes {@code {"event_type":"…","data":{…}}}.
   *
   * @param eventNum written as {@code event_num} when there is a session
   * @param timestamp written when the event has none, unless {@link EventSerializer#NO_TIMESTAMP}
   * @param idHigh the high bits of a generated {@code source_message_id}, or 0 to write the event's
   *     own id (a version-4 UUID never has all-zero high bits)
   * @param idLow its low bits
   */
  void write(
      JsonGenerator g,
      Event event,
      SessionContext session,
      long eventNum,
      long timestamp,
      long idHigh,
      long idLow)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName(Names.EVENT_TYPE);
    g.writeString(EVENT_TYPES[event.type().ordinal()]);
    g.writeFieldName(Names.DATA);
    g.writeStartObject();
    writeCommon(g, event, session, eventNum, timestamp, idHigh, idLow);
    switch (event.type()) {
      case CUSTOM_EVENT:
        writeCustomEvent(g, (CustomEvent) event);
        break;
      case SCREEN_VIEW:
        writeScreenView(g, (ScreenView) event);
        break;
      case COMMERCE_EVENT:
        commerce.writeCommerce(g, (CommerceEvent) event);
        break;
      case SESSION_START:
      case FIRST_RUN:
      case UNINSTALL:
        // Common fields only.
        break;
      case PUSH_MESSAGE:
        writePushMessage(g, (PushMessage) event);
        break;
      case SESSION_END:
        g.writeFieldName(Names.SESSION_DURATION);
        g.writeNumber(((SessionEnd) event).sessionDurationMillis());
        break;
      case CRASH_REPORT:
        writeCrash(g, (CrashReport) event);
        break;
      case BREADCRUMB:
        g.writeFieldName(Names.LABEL);
        g.writeString(((Breadcrumb) event).label());
        break;
      case OPT_OUT:
        g.writeFieldName(Names.IS_OPTED_OUT);
        g.writeBoolean(((OptOut) event).optedOut());
        break;
      case APPLICATION_STATE_TRANSITION:
        writeStateTransition(g, (ApplicationStateTransition) event);
        break;
      case NETWORK_PERFORMANCE:
        writeNetwork(g, (NetworkPerformance) event);
        break;
      case PUSH_REGISTRATION:
        {
          PushRegistration e = (PushRegistration) event;
          g.writeFieldName(Names.REGISTER);
          g.writeBoolean(e.register());
          g.writeFieldName(Names.REGISTRATION_TOKEN);
          g.writeString(e.registrationToken());
          break;
        }
      case PROFILE:
        writeProfile(g, (ProfileEvent) event);
        break;
      case USER_ATTRIBUTE_CHANGE:
        writeAttributeChange(g, (UserAttributeChange) event);
        break;
      case USER_IDENTITY_CHANGE:
        {
          UserIdentityChange e = (UserIdentityChange) event;
          writeIdentityChange(g, Names.NEW, e.newIdentity());
          writeIdentityChange(g, Names.OLD, e.oldIdentity());
          break;
        }
      default:
        // Every wire type has a model class and a case above; the sealed hierarchy keeps this
        // unreachable.
        break;
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * {@code PushMessageEventData} of the OpenAPI description and the JSON Schema (docs/WIRE.md
   * section 3).
   */
  private void writePushMessage(JsonGenerator g, PushMessage e) throws IOException {
    g.writeFieldName(Names.PUSH_MESSAGE_TOKEN);
    g.writeString(e.token());
    g.writeFieldName(Names.PUSH_MESSAGE_TYPE);
    g.writeString(e.pushMessageType().wireName());
    g.writeFieldName(Names.PUSH_NOTIFICATION_PAYLOAD);
    g.writeString(e.payload());
    writeString(g, Names.MESSAGE, e.message());
    writeString(g, Names.PUSH_NETWORK, e.network());
    if (e.applicationState() != null) {
      g.writeFieldName(Names.PUSH_APPLICATION_STATE);
      g.writeString(e.applicationState().wireName());
    }
    writeString(g, Names.ACTION_IDENTIFIER, e.actionIdentifier());
    if (e.behavior() != null) {
      g.writeFieldName(Names.PUSH_MESSAGE_BEHAVIOR);
      g.writeString(e.behavior().wireName());
    }
  }

  private void writeCommon(
      JsonGenerator g,
      Event e,
      SessionContext s,
      long eventNum,
      long timestamp,
      long idHigh,
      long idLow)
      throws IOException {
    Long own = e.timestampMillis();
    if (own != null || timestamp != EventSerializer.NO_TIMESTAMP) {
      g.writeFieldName(Names.TIMESTAMP);
      g.writeNumber(own != null ? own.longValue() : timestamp);
    }
    if (idHigh != 0) {
      g.writeFieldName(Names.SOURCE_MESSAGE_ID);
      attributes.writeUuid(g, idHigh, idLow);
    } else {
      writeString(g, Names.SOURCE_MESSAGE_ID, e.sourceMessageId());
    }
    if (s != null) {
      g.writeFieldName(Names.SESSION_ID);
      g.writeNumber(s.sessionId());
      writeString(g, Names.SESSION_UUID, s.sessionUuid());
      g.writeFieldName(Names.SESSION_START);
      g.writeNumber(s.sessionStartMillis());
      g.writeFieldName(Names.EVENT_NUM);
      g.writeNumber(eventNum);
    }
    writeLong(g, Names.EVENT_START, e.eventStartMillis());
    attributes.writeAttributes(g, e.customAttributes());
    writeLocation(g, e.location());
  }

  private void writeCustomEvent(JsonGenerator g, CustomEvent e) throws IOException {
    g.writeFieldName(Names.EVENT_NAME);
    g.writeString(e.name());
    g.writeFieldName(Names.CUSTOM_EVENT_TYPE);
    g.writeString(CUSTOM_TYPES[e.customEventType().ordinal()]);
    attributes.writeFlags(g, e.customFlags());
  }

  private void writeScreenView(JsonGenerator g, ScreenView e) throws IOException {
    g.writeFieldName(Names.SCREEN_NAME);
    g.writeString(e.screenName());
    attributes.writeFlags(g, e.customFlags());
  }

  private void writeCrash(JsonGenerator g, CrashReport e) throws IOException {
    writeString(g, Names.CLASS_NAME, e.className());
    writeStrings(g, Names.BREADCRUMBS, e.breadcrumbs());
    writeString(g, Names.SEVERITY, e.severity());
    writeString(g, Names.MESSAGE, e.message());
    writeString(g, Names.STACK_TRACE, e.stackTrace());
    writeBoolean(g, Names.EXCEPTION_HANDLED, e.exceptionHandled());
  }

  private void writeStateTransition(JsonGenerator g, ApplicationStateTransition e)
      throws IOException {
    if (e.transitionType() != null) {
      g.writeFieldName(Names.TRANSITION_TYPE);
      g.writeString(e.transitionType().wireName());
    }
    writeBoolean(g, Names.IS_FIRST_RUN, e.firstRun());
    writeBoolean(g, Names.IS_UPGRADE, e.upgrade());
  }

  private void writeNetwork(JsonGenerator g, NetworkPerformance e) throws IOException {
    g.writeFieldName(Names.URL);
    g.writeString(e.url());
    g.writeFieldName(Names.RESPONSE_CODE);
    g.writeNumber(e.responseCode());
    writeString(g, Names.HTTP_VERB, e.httpVerb());
    writeLong(g, Names.TIME_ELAPSED, e.timeElapsedMillis());
    writeLong(g, Names.BYTES_IN, e.bytesIn());
    writeLong(g, Names.BYTES_OUT, e.bytesOut());
  }

  private void writeProfile(JsonGenerator g, ProfileEvent e) throws IOException {
    // Required by the platform's schema (ProfileEvent), null for a first login with no user before.
    g.writeFieldName(Names.PREVIOUS_MPID);
    if (e.previousMpid() == null) {
      g.writeNull();
    } else {
      g.writeNumber(e.previousMpid().longValue());
    }
    writeLong(g, Names.CURRENT_MPID, e.currentMpid());
    if (e.profileEventType() != null) {
      g.writeFieldName(Names.PROFILE_EVENT_TYPE);
      g.writeString(e.profileEventType().wireName());
    }
  }

  private void writeAttributeChange(JsonGenerator g, UserAttributeChange e) throws IOException {
    g.writeFieldName(Names.USER_ATTRIBUTE_NAME);
    g.writeString(e.name());
    g.writeFieldName(Names.NEW);
    writeUserAttributeValue(g, e.newValue());
    g.writeFieldName(Names.OLD);
    writeUserAttributeValue(g, e.oldValue());
    g.writeFieldName(Names.DELETED);
    g.writeBoolean(e.deleted());
    g.writeFieldName(Names.IS_NEW_ATTRIBUTE);
    g.writeBoolean(e.newAttribute());
  }

  private void writeIdentityChange(JsonGenerator g, SerializableString name, IdentityChange c)
      throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
    g.writeFieldName(Names.IDENTITY_TYPE);
    g.writeString(IDENTITY_TYPES[c.type().ordinal()]);
    g.writeFieldName(Names.IDENTITY);
    if (c.identity() == null) {
      g.writeNull(); // required on the wire: null says "no identity of this type"
    } else {
      g.writeString(c.identity());
    }
    g.writeFieldName(Names.TIMESTAMP);
    g.writeNumber(c.timestampMillis());
    g.writeFieldName(Names.CREATED_THIS_BATCH);
    g.writeBoolean(c.createdThisBatch());
    g.writeEndObject();
  }

  private void writeLocation(JsonGenerator g, Location l) throws IOException {
    // Latitude and longitude together or not at all: JSON has no NaN and half a place is no place.
    if (l == null || !Double.isFinite(l.latitude()) || !Double.isFinite(l.longitude())) {
      return;
    }
    g.writeFieldName(Names.LOCATION);
    g.writeStartObject();
    g.writeFieldName(Names.LATITUDE);
    g.writeNumber(l.latitude());
    g.writeFieldName(Names.LONGITUDE);
    g.writeNumber(l.longitude());
    writeDouble(g, Names.ACCURACY, l.accuracy());
    g.writeEndObject();
  }

  static <E extends Enum<E>> SerializedString[] wire(E[] values, Function<E, String> name) {
    SerializedString[] out = new SerializedString[values.length];
    for (E v : values) {
      out[v.ordinal()] = new SerializedString(name.apply(v));
    }
    return out;
  }
}
