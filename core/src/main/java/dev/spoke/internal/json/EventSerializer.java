package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
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
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.OptOut;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.user.IdentityType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
  private static final SerializedString[] EVENT_TYPES =
      wire(EventType.values(), EventType::wireName);
  private static final SerializedString[] CUSTOM_TYPES =
      wire(CustomEventType.values(), CustomEventType::wireName);
  private static final SerializedString[] PRODUCT_ACTIONS =
      wire(ProductActionType.values(), ProductActionType::wireName);
  private static final SerializedString[] PROMOTION_ACTIONS =
      wire(PromotionActionType.values(), PromotionActionType::wireName);
  private static final SerializedString[] IDENTITY_TYPES =
      wire(IdentityType.values(), IdentityType::eventsApiKey);

  private final JsonBuffer buffer;

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
    String missing = missingRequired(event);
    if (missing != null) {
      throw new IllegalArgumentException("cannot serialize " + missing);
    }
    try {
      writeChecked(buffer.generator(), event, session);
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
    writeChecked(g, event, session);
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

  private static void writeChecked(JsonGenerator g, Event event, SessionContext session)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName(Names.EVENT_TYPE);
    g.writeString(EVENT_TYPES[event.type().ordinal()]);
    g.writeFieldName(Names.DATA);
    g.writeStartObject();
    writeCommon(g, event, session);
    switch (event.type()) {
      case CUSTOM_EVENT:
        writeCustomEvent(g, (CustomEvent) event);
        break;
      case SCREEN_VIEW:
        writeScreenView(g, (ScreenView) event);
        break;
      case COMMERCE_EVENT:
        writeCommerce(g, (CommerceEvent) event);
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
  private static void writePushMessage(JsonGenerator g, PushMessage e) throws IOException {
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

  private static void writeCommon(JsonGenerator g, Event e, SessionContext s) throws IOException {
    writeLong(g, Names.TIMESTAMP, e.timestampMillis());
    writeString(g, Names.SOURCE_MESSAGE_ID, e.sourceMessageId());
    if (s != null) {
      g.writeFieldName(Names.SESSION_ID);
      g.writeNumber(s.sessionId());
      writeString(g, Names.SESSION_UUID, s.sessionUuid());
      g.writeFieldName(Names.SESSION_START);
      g.writeNumber(s.sessionStartMillis());
      g.writeFieldName(Names.EVENT_NUM);
      g.writeNumber(s.eventNum());
    }
    writeLong(g, Names.EVENT_START, e.eventStartMillis());
    writeAttributes(g, e.customAttributes());
    writeLocation(g, e.location());
  }

  private static void writeCustomEvent(JsonGenerator g, CustomEvent e) throws IOException {
    g.writeFieldName(Names.EVENT_NAME);
    g.writeString(e.name());
    g.writeFieldName(Names.CUSTOM_EVENT_TYPE);
    g.writeString(CUSTOM_TYPES[e.customEventType().ordinal()]);
    writeFlags(g, e.customFlags());
  }

  private static void writeScreenView(JsonGenerator g, ScreenView e) throws IOException {
    g.writeFieldName(Names.SCREEN_NAME);
    g.writeString(e.screenName());
    writeFlags(g, e.customFlags());
  }

  private static void writeCommerce(JsonGenerator g, CommerceEvent e) throws IOException {
    switch (e.kind()) {
      case PRODUCT_ACTION:
        writeProductAction(g, e.productAction());
        break;
      case PROMOTION_ACTION:
        writePromotionAction(g, e.promotionAction());
        break;
      default:
        // The wire needs the key even for no impressions: it is what marks the event's kind.
        g.writeFieldName(Names.PRODUCT_IMPRESSIONS);
        g.writeStartArray();
        for (Impression i : e.impressions()) {
          if (i != null) {
            g.writeStartObject();
            writeString(g, Names.PRODUCT_IMPRESSION_LIST, i.listName());
            if (hasNonNull(i.products())) {
              writeProducts(g, Names.PRODUCTS, i.products());
            } else {
              // Required by the platform's schema (ProductImpression), even when empty.
              g.writeFieldName(Names.PRODUCTS);
              g.writeStartArray();
              g.writeEndArray();
            }
            g.writeEndObject();
          }
        }
        g.writeEndArray();
        break;
    }
    writeString(g, Names.CURRENCY_CODE, e.currencyCode());
    writeString(g, Names.SCREEN_NAME, e.screenName());
    writeBoolean(g, Names.IS_NON_INTERACTIVE, e.nonInteractive());
    writeString(g, Names.EVENT_NAME, e.eventName());
    if (hasNonNull(e.shoppingCart())) {
      g.writeFieldName(Names.SHOPPING_CART);
      g.writeStartObject();
      writeProducts(g, Names.PRODUCTS, e.shoppingCart());
      g.writeEndObject();
    }
    writeFlags(g, e.customFlags());
  }

  private static void writeProductAction(JsonGenerator g, ProductAction a) throws IOException {
    g.writeFieldName(Names.PRODUCT_ACTION);
    g.writeStartObject();
    g.writeFieldName(Names.ACTION);
    g.writeString(PRODUCT_ACTIONS[a.action().ordinal()]);
    writeInt(g, Names.CHECKOUT_STEP, a.checkoutStep());
    writeString(g, Names.CHECKOUT_OPTIONS, a.checkoutOptions());
    writeString(g, Names.PRODUCT_ACTION_LIST, a.productActionList());
    writeString(g, Names.PRODUCT_LIST_SOURCE, a.productListSource());
    writeString(g, Names.TRANSACTION_ID, a.transactionId());
    writeString(g, Names.AFFILIATION, a.affiliation());
    writeDouble(g, Names.TOTAL_AMOUNT, a.totalAmount());
    writeDouble(g, Names.TAX_AMOUNT, a.taxAmount());
    writeDouble(g, Names.SHIPPING_AMOUNT, a.shippingAmount());
    writeString(g, Names.COUPON_CODE, a.couponCode());
    writeProducts(g, Names.PRODUCTS, a.products());
    g.writeEndObject();
  }

  private static void writePromotionAction(JsonGenerator g, PromotionAction a) throws IOException {
    g.writeFieldName(Names.PROMOTION_ACTION);
    g.writeStartObject();
    g.writeFieldName(Names.ACTION);
    g.writeString(PROMOTION_ACTIONS[a.action().ordinal()]);
    if (hasNonNull(a.promotions())) {
      g.writeFieldName(Names.PROMOTIONS);
      g.writeStartArray();
      for (Promotion p : a.promotions()) {
        if (p != null) {
          g.writeStartObject();
          writeString(g, Names.ID, p.id());
          writeString(g, Names.NAME, p.name());
          writeString(g, Names.CREATIVE, p.creative());
          writeString(g, Names.POSITION, p.position());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeProducts(
      JsonGenerator g, SerializableString name, List<Product> products) throws IOException {
    if (!hasNonNull(products)) {
      return;
    }
    g.writeFieldName(name);
    g.writeStartArray();
    for (Product p : products) {
      if (p == null) {
        continue;
      }
      g.writeStartObject();
      writeString(g, Names.ID, p.id());
      writeString(g, Names.NAME, p.name());
      writeString(g, Names.BRAND, p.brand());
      writeString(g, Names.CATEGORY, p.category());
      writeString(g, Names.VARIANT, p.variant());
      writeInt(g, Names.POSITION, p.position());
      writeDouble(g, Names.PRICE, p.price());
      writeDouble(g, Names.QUANTITY, p.quantity());
      writeDouble(g, Names.TOTAL_PRODUCT_AMOUNT, p.totalProductAmount());
      writeString(g, Names.COUPON_CODE, p.couponCode());
      writeLong(g, Names.ADDED_TO_CART_TIME, p.addedToCartTimeMillis());
      writeAttributes(g, p.customAttributes());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeCrash(JsonGenerator g, CrashReport e) throws IOException {
    writeString(g, Names.CLASS_NAME, e.className());
    writeStrings(g, Names.BREADCRUMBS, e.breadcrumbs());
    writeString(g, Names.SEVERITY, e.severity());
    writeString(g, Names.MESSAGE, e.message());
    writeString(g, Names.STACK_TRACE, e.stackTrace());
    writeBoolean(g, Names.EXCEPTION_HANDLED, e.exceptionHandled());
  }

  private static void writeStateTransition(JsonGenerator g, ApplicationStateTransition e)
      throws IOException {
    if (e.transitionType() != null) {
      g.writeFieldName(Names.TRANSITION_TYPE);
      g.writeString(e.transitionType().wireName());
    }
    writeBoolean(g, Names.IS_FIRST_RUN, e.firstRun());
    writeBoolean(g, Names.IS_UPGRADE, e.upgrade());
  }

  private static void writeNetwork(JsonGenerator g, NetworkPerformance e) throws IOException {
    g.writeFieldName(Names.URL);
    g.writeString(e.url());
    g.writeFieldName(Names.RESPONSE_CODE);
    g.writeNumber(e.responseCode());
    writeString(g, Names.HTTP_VERB, e.httpVerb());
    writeLong(g, Names.TIME_ELAPSED, e.timeElapsedMillis());
    writeLong(g, Names.BYTES_IN, e.bytesIn());
    writeLong(g, Names.BYTES_OUT, e.bytesOut());
  }

  private static void writeProfile(JsonGenerator g, ProfileEvent e) throws IOException {
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

  private static void writeAttributeChange(JsonGenerator g, UserAttributeChange e)
      throws IOException {
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

  private static void writeIdentityChange(
      JsonGenerator g, SerializableString name, IdentityChange c) throws IOException {
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

  private static void writeAttributes(JsonGenerator g, Map<String, Object> attributes)
      throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    boolean open = false;
    for (Map.Entry<String, Object> a : attributes.entrySet()) {
      String key = a.getKey();
      String value = WireValues.attributeString(a.getValue());
      if (key == null || value == null) {
        continue;
      }
      if (!open) {
        g.writeFieldName(Names.CUSTOM_ATTRIBUTES);
        g.writeStartObject();
        open = true;
      }
      g.writeFieldName(key);
      g.writeString(value);
    }
    if (open) {
      g.writeEndObject();
    }
  }

  private static void writeFlags(JsonGenerator g, Map<String, String> flags) throws IOException {
    if (flags.isEmpty()) {
      return;
    }
    boolean open = false;
    for (Map.Entry<String, String> f : flags.entrySet()) {
      if (f.getKey() == null || f.getValue() == null) {
        continue;
      }
      if (!open) {
        g.writeFieldName(Names.CUSTOM_FLAGS);
        g.writeStartObject();
        open = true;
      }
      g.writeFieldName(f.getKey());
      g.writeString(f.getValue());
    }
    if (open) {
      g.writeEndObject();
    }
  }

  private static void writeLocation(JsonGenerator g, Location l) throws IOException {
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

  private static void writeInt(JsonGenerator g, SerializableString name, Integer value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeNumber(value.intValue());
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

  private static <E extends Enum<E>> SerializedString[] wire(E[] values, Function<E, String> name) {
    SerializedString[] out = new SerializedString[values.length];
    for (E v : values) {
      out[v.ordinal()] = new SerializedString(name.apply(v));
    }
    return out;
  }
}
