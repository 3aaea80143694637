package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoke.Environment;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.EventType;
import dev.spoke.event.FirstRun;
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
import dev.spoke.event.SessionStart;
import dev.spoke.event.Uninstall;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ApplicationOs;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Not API. The strict round-trip reader for tests and tools: parses Events API batches (WIRE.md
 * sections 2-3) back into the model. It knows exactly the fields the serializers write; any other
 * field, a field of the wrong JSON type, an explicit null where the writers leave a field out, a
 * duplicate field or an unknown enum value is an {@link IllegalArgumentException} that names the
 * field's path, so emission bugs show up where they happen. Thread-safe.
 */
public final class BatchReader {
  private static final Map<String, EventType> EVENT_TYPES =
      byWire(EventType.values(), EventType::wireName);
  private static final Map<String, CustomEventType> CUSTOM_TYPES =
      byWire(CustomEventType.values(), CustomEventType::wireName);
  private static final Map<String, ProductActionType> PRODUCT_ACTIONS =
      byWire(ProductActionType.values(), ProductActionType::wireName);
  private static final Map<String, PromotionActionType> PROMOTION_ACTIONS =
      byWire(PromotionActionType.values(), PromotionActionType::wireName);
  private static final Map<String, ApplicationStateTransition.TransitionType> TRANSITIONS =
      byWire(
          ApplicationStateTransition.TransitionType.values(),
          ApplicationStateTransition.TransitionType::wireName);
  private static final Map<String, ProfileEvent.ProfileEventType> PROFILE_TYPES =
      byWire(ProfileEvent.ProfileEventType.values(), ProfileEvent.ProfileEventType::wireName);
  private static final Map<String, PushMessage.PushMessageType> PUSH_TYPES =
      byWire(PushMessage.PushMessageType.values(), PushMessage.PushMessageType::wireName);
  private static final Map<String, PushMessage.ApplicationState> PUSH_STATES =
      byWire(PushMessage.ApplicationState.values(), PushMessage.ApplicationState::wireName);
  private static final Map<String, PushMessage.Behavior> PUSH_BEHAVIORS =
      byWire(PushMessage.Behavior.values(), PushMessage.Behavior::wireName);
  private static final Map<String, ApplicationOs> OSES =
      byWire(ApplicationOs.values(), ApplicationOs::wireName);
  private static final Map<String, Environment> ENVIRONMENTS =
      byWire(Environment.values(), Environment::wireName);
  private static final Map<String, IdentityType> IDENTITY_TYPES =
      byWire(IdentityType.values(), IdentityType::eventsApiKey);

  private final JsonFactory factory;

  /** Creates a reader with its own default {@link JsonFactory}. */
  public BatchReader() {
    this(new JsonFactory());
  }

  /**
   * @param factory the factory to create parsers from
   */
  public BatchReader(JsonFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * @param json one batch object, UTF-8
   * @return the batch
   * @throws IllegalArgumentException if the JSON is malformed or not exactly what the writers emit
   */
  public ParsedBatch readBatch(byte[] json) {
    return batch(StrictObject.of("batch", parse(json, "batch")));
  }

  /**
   * @param json one batch object
   * @return the batch
   * @throws IllegalArgumentException if the JSON is malformed or not exactly what the writers emit
   */
  public ParsedBatch readBatch(String json) {
    return readBatch(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param json a bulk request body: a JSON array of batch objects, UTF-8
   * @return the batches in order
   * @throws IllegalArgumentException if the JSON is malformed or any batch is not what the writers
   *     emit
   */
  public List<ParsedBatch> readBulk(byte[] json) {
    Object root = parse(json, "bulk");
    if (!(root instanceof List)) {
      throw new IllegalArgumentException(
          "bulk: expected an array, got " + StrictObject.describe(root));
    }
    List<?> items = (List<?>) root;
    List<ParsedBatch> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(batch(StrictObject.of("bulk[" + i + "]", items.get(i))));
    }
    return out;
  }

  /**
   * @param json one {@code {"event_type":…,"data":{…}}} object, UTF-8
   * @return the event and its session fields
   * @throws IllegalArgumentException if the JSON is malformed or not what {@link EventSerializer}
   *     emits
   */
  public ParsedEvent readEvent(byte[] json) {
    return event(StrictObject.of("event", parse(json, "event")));
  }

  private Object parse(byte[] json, String what) {
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException(what + ": empty input");
      }
      Object value = StrictObject.readValue(p, what);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new IllegalArgumentException(
            what + ": trailing content after the value: " + trailing);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ParsedBatch batch(StrictObject b) {
    Environment env =
        lookup(ENVIRONMENTS, b.requiredString("environment"), b.path() + ".environment");
    String sourceRequestId = b.string("source_request_id");
    Long timestamp = b.longValue("timestamp_unixtime_ms");
    String mpDeviceId = b.string("mp_deviceid");
    String sdkVersion = b.string("sdk_version");
    String planId = null;
    Integer planVersion = null;
    StrictObject context = b.object("context");
    if (context != null) {
      StrictObject plan = context.requiredObject("data_plan");
      planId = plan.requiredString("plan_id");
      planVersion = plan.intValue("plan_version");
      plan.done();
      context.done();
    }
    DeviceInfo device = device(b.object("device_info"));
    ApplicationInfo app = application(b.object("application_info"));

    UserSnapshot.Builder user = UserSnapshot.builder();
    Object mpid = b.raw("mpid");
    if (mpid != null) {
      user.mpid(mpid(b.path() + ".mpid", mpid));
    }
    StrictObject ids = b.object("user_identities");
    if (ids != null) {
      user.identities(identities(ids));
    }
    StrictObject attributes = b.object("user_attributes");
    if (attributes != null) {
      for (Map.Entry<String, Object> a : attributes.drain().entrySet()) {
        user.attribute(
            a.getKey(), userAttributeValue(attributes.path() + "." + a.getKey(), a.getValue()));
      }
    }
    user.deletedAttributes(b.strings("deleted_user_attributes"));
    user.consent(consent(b.object("consent_state")));

    List<Object> rawEvents = b.array("events");
    List<ParsedEvent> events = new ArrayList<>(rawEvents.size());
    for (int i = 0; i < rawEvents.size(); i++) {
      events.add(event(StrictObject.of(b.path() + ".events[" + i + "]", rawEvents.get(i))));
    }
    b.done();
    return new ParsedBatch(
        env,
        sourceRequestId,
        timestamp,
        mpDeviceId,
        sdkVersion,
        planId,
        planVersion,
        device,
        app,
        user.build(),
        events);
  }

  private static Long mpid(String where, Object v) {
    if (v instanceof String) {
      try {
        return Long.parseLong((String) v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": '" + v + "' is not an int64", e);
      }
    }
    return StrictObject.asLong(where, v);
  }

  private static UserIdentities identities(StrictObject o) {
    UserIdentities.Builder ids = UserIdentities.builder();
    for (Map.Entry<String, Object> e : o.drain().entrySet()) {
      String where = o.path() + "." + e.getKey();
      ids.put(
          lookup(IDENTITY_TYPES, e.getKey(), where), StrictObject.asString(where, e.getValue()));
    }
    return ids.build();
  }

  private static Object userAttributeValue(String where, Object v) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      List<String> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(StrictObject.asString(where + "[" + i + "]", list.get(i)));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        where
            + ": expected a string, an array of strings or null, got "
            + StrictObject.describe(v));
  }

  private static ConsentState consent(StrictObject o) {
    if (o == null) {
      return ConsentState.empty();
    }
    ConsentState.Builder c = ConsentState.builder();
    StrictObject gdpr = o.object("gdpr");
    if (gdpr != null) {
      for (Map.Entry<String, Object> purpose : gdpr.drain().entrySet()) {
        c.gdpr(
            purpose.getKey(),
            decision(StrictObject.of(gdpr.path() + "." + purpose.getKey(), purpose.getValue())));
      }
    }
    StrictObject ccpa = o.object("ccpa");
    if (ccpa != null) {
      c.ccpa(decision(ccpa.requiredObject("data_sale_opt_out")));
      ccpa.done();
    }
    o.done();
    return c.build();
  }

  private static ConsentDecision decision(StrictObject o) {
    ConsentDecision d =
        ConsentDecision.builder(o.requiredBool("consented"))
            .document(o.string("document"))
            .timestampMillis(o.longValue("timestamp_unixtime_ms"))
            .location(o.string("location"))
            .hardwareId(o.string("hardware_id"))
            .build();
    o.done();
    return d;
  }

  private static DeviceInfo device(StrictObject o) {
    if (o == null) {
      return null;
    }
    DeviceInfo d =
        DeviceInfo.builder()
            .platform(o.string("platform"))
            .osVersion(o.string("os_version"))
            .deviceModel(o.string("device_model"))
            .localeLanguage(o.string("locale_language"))
            .localeCountry(o.string("locale_country"))
            .timezoneOffsetHours(o.intValue("timezone_offset"))
            .dst(o.bool("is_dst"))
            .userAgent(o.string("http_header_user_agent"))
            .build();
    o.done();
    return d;
  }

  private static ApplicationInfo application(StrictObject o) {
    if (o == null) {
      return null;
    }
    String os = o.string("os");
    ApplicationInfo a =
        ApplicationInfo.builder()
            .applicationName(o.string("application_name"))
            .applicationVersion(o.string("application_version"))
            .buildNumber(o.string("application_build_number"))
            .installReferrer(o.string("install_referrer"))
            .packageName(o.string("package"))
            .os(os == null ? null : lookup(OSES, os, o.path() + ".os"))
            .build();
    o.done();
    return a;
  }

  private static ParsedEvent event(StrictObject o) {
    EventType type = lookup(EVENT_TYPES, o.requiredString("event_type"), o.path() + ".event_type");
    StrictObject d = o.requiredObject("data");
    o.done();
    Event.Builder<?> b = typed(type, d);
    SessionContext session = session(d);
    b.timestampMillis(d.longValue("timestamp_unixtime_ms"));
    b.sourceMessageId(d.string("source_message_id"));
    b.eventStartMillis(d.longValue("event_start_unixtime_ms"));
    b.attributes(d.stringMap("custom_attributes"));
    b.location(location(d.object("location")));
    d.done();
    return new ParsedEvent(b.build(), session);
  }

  private static SessionContext session(StrictObject d) {
    if (!d.has("session_id")
        && !d.has("session_uuid")
        && !d.has("session_start_unixtime_ms")
        && !d.has("event_num")) {
      return null;
    }
    // The serializer writes the session fields together; a partial set is an emission bug.
    return new SessionContext(
        d.requiredLong("session_id"),
        d.string("session_uuid"),
        d.requiredLong("session_start_unixtime_ms"),
        d.requiredLong("event_num"));
  }

  private static Location location(StrictObject o) {
    if (o == null) {
      return null;
    }
    Double latitude = o.doubleValue("latitude");
    Double longitude = o.doubleValue("longitude");
    if (latitude == null || longitude == null) {
      throw new IllegalArgumentException(
          o.path() + ": latitude and longitude are written together");
    }
    Location l = Location.builder(latitude, longitude).accuracy(o.doubleValue("accuracy")).build();
    o.done();
    return l;
  }

  /** Reads the type's own fields into a builder; the caller reads the common ones. */
  private static Event.Builder<?> typed(EventType type, StrictObject d) {
    String where = d.path();
    switch (type) {
      case CUSTOM_EVENT:
        return CustomEvent.builder(d.requiredString("event_name"))
            .customEventType(
                lookup(
                    CUSTOM_TYPES,
                    d.requiredString("custom_event_type"),
                    where + ".custom_event_type"))
            .flags(d.stringMap("custom_flags"));
      case SCREEN_VIEW:
        return ScreenView.builder(d.requiredString("screen_name"))
            .flags(d.stringMap("custom_flags"));
      case COMMERCE_EVENT:
        return commerce(d);
      case SESSION_START:
        return SessionStart.builder();
      case FIRST_RUN:
        return FirstRun.builder();
      case UNINSTALL:
        return Uninstall.builder();
      case PUSH_MESSAGE:
        {
          String state = d.string("application_state");
          String behavior = d.string("push_message_behavior");
          return PushMessage.builder(
                  lookup(
                      PUSH_TYPES,
                      d.requiredString("push_message_type"),
                      where + ".push_message_type"),
                  d.requiredString("push_message_token"),
                  d.requiredString("push_notification_payload"))
              .message(d.string("message"))
              .network(d.string("network"))
              .applicationState(
                  state == null ? null : lookup(PUSH_STATES, state, where + ".application_state"))
              .actionIdentifier(d.string("action_identifier"))
              .behavior(
                  behavior == null
                      ? null
                      : lookup(PUSH_BEHAVIORS, behavior, where + ".push_message_behavior"));
        }
      case SESSION_END:
        return SessionEnd.builder(d.requiredLong("session_duration_ms"));
      case CRASH_REPORT:
        return CrashReport.builder()
            .className(d.string("class_name"))
            .breadcrumbs(d.strings("breadcrumbs"))
            .severity(d.string("severity"))
            .message(d.string("message"))
            .stackTrace(d.string("stack_trace"))
            .exceptionHandled(d.bool("exception_handled"));
      case BREADCRUMB:
        return Breadcrumb.builder(d.requiredString("label"));
      case OPT_OUT:
        return OptOut.builder(d.requiredBool("is_opted_out"));
      case APPLICATION_STATE_TRANSITION:
        {
          String t = d.string("application_transition_type");
          return ApplicationStateTransition.builder(
                  t == null ? null : lookup(TRANSITIONS, t, where + ".application_transition_type"))
              .firstRun(d.bool("is_first_run"))
              .upgrade(d.bool("is_upgrade"));
        }
      case NETWORK_PERFORMANCE:
        {
          long code = d.requiredLong("response_code");
          if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                where + ".response_code: " + code + " is out of int range");
          }
          return NetworkPerformance.builder(d.requiredString("url"), (int) code)
              .httpVerb(d.string("http_verb"))
              .timeElapsedMillis(d.longValue("time_elapsed"))
              .bytesIn(d.longValue("bytes_in"))
              .bytesOut(d.longValue("bytes_out"));
        }
      case PUSH_REGISTRATION:
        return PushRegistration.builder(
            d.requiredBool("register"), d.requiredString("registration_token"));
      case PROFILE:
        {
          Object previous = d.raw("previous_mpid");
          Object current = d.raw("current_mpid");
          String t = d.string("profile_event_type");
          return ProfileEvent.builder(
                  t == null ? null : lookup(PROFILE_TYPES, t, where + ".profile_event_type"))
              .previousMpid(previous == null ? null : mpid(where + ".previous_mpid", previous))
              .currentMpid(current == null ? null : mpid(where + ".current_mpid", current));
        }
      case USER_ATTRIBUTE_CHANGE:
        return UserAttributeChange.builder(d.requiredString("user_attribute_name"))
            .newValue(userAttributeValue(where + ".new", d.requiredNullable("new")))
            .oldValue(userAttributeValue(where + ".old", d.requiredNullable("old")))
            .deleted(d.requiredBool("deleted"))
            .newAttribute(d.requiredBool("is_new_attribute"));
      case USER_IDENTITY_CHANGE:
        return UserIdentityChange.builder(
            identityChange(d.requiredObject("new")), identityChange(d.requiredObject("old")));
      default:
        throw new IllegalArgumentException(
            where + ": event_type '" + type.wireName() + "' has no model class to read it into");
    }
  }

  private static IdentityChange identityChange(StrictObject o) {
    Object identity = o.requiredNullable("identity");
    IdentityChange c =
        IdentityChange.builder(
                lookup(
                    IDENTITY_TYPES, o.requiredString("identity_type"), o.path() + ".identity_type"))
            .identity(
                identity == null ? null : StrictObject.asString(o.path() + ".identity", identity))
            .timestampMillis(o.requiredLong("timestamp_unixtime_ms"))
            .createdThisBatch(o.requiredBool("created_this_batch"))
            .build();
    o.done();
    return c;
  }

  private static CommerceEvent.Builder commerce(StrictObject d) {
    int kinds =
        (d.has("product_action") ? 1 : 0)
            + (d.has("promotion_action") ? 1 : 0)
            + (d.has("product_impressions") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          d.path()
              + ": a commerce event carries exactly one of product_action, promotion_action, product_impressions; found "
              + kinds);
    }
    CommerceEvent.Builder b;
    if (d.has("product_action")) {
      b = CommerceEvent.productAction(productAction(d.requiredObject("product_action")));
    } else if (d.has("promotion_action")) {
      b = CommerceEvent.promotionAction(promotionAction(d.requiredObject("promotion_action")));
    } else {
      List<Object> raw = d.array("product_impressions");
      List<Impression> impressions = new ArrayList<>(raw.size());
      for (int i = 0; i < raw.size(); i++) {
        StrictObject o = StrictObject.of(d.path() + ".product_impressions[" + i + "]", raw.get(i));
        impressions.add(
            Impression.builder(o.string("product_impression_list"))
                .products(products(o, "products"))
                .build());
        o.done();
      }
      b = CommerceEvent.impressions(impressions);
    }
    b.currencyCode(d.string("currency_code"))
        .screenName(d.string("screen_name"))
        .nonInteractive(d.bool("is_non_interactive"))
        .eventName(d.string("event_name"))
        .flags(d.stringMap("custom_flags"));
    StrictObject cart = d.object("shopping_cart");
    if (cart != null) {
      b.shoppingCart(products(cart, "products"));
      cart.done();
    }
    return b;
  }

  private static ProductAction productAction(StrictObject o) {
    ProductAction a =
        ProductAction.builder(
                lookup(PRODUCT_ACTIONS, o.requiredString("action"), o.path() + ".action"))
            .checkoutStep(o.intValue("checkout_step"))
            .checkoutOptions(o.string("checkout_options"))
            .productActionList(o.string("product_action_list"))
            .productListSource(o.string("product_list_source"))
            .transactionId(o.string("transaction_id"))
            .affiliation(o.string("affiliation"))
            .totalAmount(o.doubleValue("total_amount"))
            .taxAmount(o.doubleValue("tax_amount"))
            .shippingAmount(o.doubleValue("shipping_amount"))
            .couponCode(o.string("coupon_code"))
            .products(products(o, "products"))
            .build();
    o.done();
    return a;
  }

  private static PromotionAction promotionAction(StrictObject o) {
    PromotionActionType action =
        lookup(PROMOTION_ACTIONS, o.requiredString("action"), o.path() + ".action");
    List<Object> raw = o.array("promotions");
    List<Promotion> promotions = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      StrictObject p = StrictObject.of(o.path() + ".promotions[" + i + "]", raw.get(i));
      promotions.add(
          Promotion.builder(p.string("id"))
              .name(p.string("name"))
              .creative(p.string("creative"))
              .position(p.string("position"))
              .build());
      p.done();
    }
    o.done();
    return PromotionAction.builder(action).promotions(promotions).build();
  }

  private static List<Product> products(StrictObject parent, String name) {
    List<Object> raw = parent.array(name);
    List<Product> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      StrictObject p = StrictObject.of(parent.path() + "." + name + "[" + i + "]", raw.get(i));
      out.add(
          Product.builder()
              .id(p.string("id"))
              .name(p.string("name"))
              .brand(p.string("brand"))
              .category(p.string("category"))
              .variant(p.string("variant"))
              .position(p.intValue("position"))
              .price(p.doubleValue("price"))
              .quantity(p.doubleValue("quantity"))
              .totalProductAmount(p.doubleValue("total_product_amount"))
              .couponCode(p.string("coupon_code"))
              .addedToCartTimeMillis(p.longValue("added_to_cart_time_ms"))
              .attributes(p.stringMap("custom_attributes"))
              .build());
      p.done();
    }
    return out;
  }

  private static <T> T lookup(Map<String, T> byWire, String name, String where) {
    T value = byWire.get(name);
    if (value == null) {
      throw new IllegalArgumentException(where + ": unknown value '" + name + "'");
    }
    return value;
  }

  private static <E extends Enum<E>> Map<String, E> byWire(
      E[] values, Function<E, String> wireName) {
    Map<String, E> out = new HashMap<>();
    for (E v : values) {
      out.put(wireName.apply(v), v);
    }
    return Collections.unmodifiableMap(out);
  }
}
