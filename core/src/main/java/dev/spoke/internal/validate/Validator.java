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
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Returned by the field checks when the whole event must be dropped (compared by identity). */
  private static final String DROP = new String("<drop>");

  private final ServiceLimits limits;
  private final Clock clock;
  private final Reporter reporter;

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
   * @param e the event as the host built it, may be null
   * @return the event ready to capture (timestamp and {@code source_message_id} filled, values as
   *     wire text, every limit respected): the same instance when nothing had to change; null when
   *     the event is dropped
   * @throws SpokeValidationException in strict mode only, on the first broken rule
   */
  public Event validate(Event e) {
    if (e == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "event", 0, 0, null);
      return null;
    }
    try {
      return check(e);
    } catch (SpokeValidationException strictFailure) {
      throw strictFailure;
    } catch (RuntimeException defect) {
      // Never into the host: drop what could not be inspected, and say so.
      reporter.report(ValidationRule.VALIDATION_FAILED, e.type().wireName(), 0, 0, null);
      return null;
    }
  }

  private Event check(Event e) {
    Event typed = checkType(e);
    if (typed == null) {
      return null;
    }
    String name = displayName(typed);
    long now = clock.millis();

    Map<String, ?> attributes = typed.customAttributes();
    Map<String, ?> cleanAttributes = attributes(attributes, "custom_attributes", name);
    Location location = typed.location();
    Location cleanLocation = location(location, name);

    Long ts = typed.timestampMillis();
    long cleanTs;
    if (ts == null) {
      cleanTs = now;
    } else {
      long tolerance = limits.futureToleranceMillis();
      if (ts > Texts.saturatedAdd(now, tolerance)) {
        reporter.report(
            ValidationRule.TIMESTAMP_IN_FUTURE,
            "timestamp_unixtime_ms",
            Texts.saturatedSubtract(ts, now),
            tolerance,
            name);
        cleanTs = now;
      } else {
        cleanTs = ts;
      }
    }
    String id = typed.sourceMessageId();
    boolean needsId = id == null || id.isBlank();
    if (!needsId && !Texts.isIdentifier(id, MESSAGE_ID_MAX_CHARS)) {
      // A caller's own id goes onto the wire: only an id-shaped one (a UUID has 36 chars) is kept.
      reporter.report(
          ValidationRule.FIELD_INVALID,
          "source_message_id",
          id.length(),
          MESSAGE_ID_MAX_CHARS,
          name);
      needsId = true;
    }

    if (cleanAttributes == attributes
        && cleanLocation == location
        && ts != null
        && ts == cleanTs
        && !needsId) {
      return typed;
    }
    Event.Builder<?> b = typed.toBuilder();
    b.timestampMillis(cleanTs);
    if (needsId) {
      b.sourceMessageId(dev.spoke.internal.Ids.uuid());
    }
    if (cleanAttributes != attributes) {
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
      return commerce((CommerceEvent) e);
    }
    if (e instanceof CrashReport) {
      return crash((CrashReport) e);
    }
    if (e instanceof Breadcrumb) {
      return breadcrumb((Breadcrumb) e);
    }
    if (e instanceof NetworkPerformance) {
      return network((NetworkPerformance) e);
    }
    if (e instanceof ApplicationStateTransition) {
      return required(
          ((ApplicationStateTransition) e).transitionType(), "application_transition_type", e);
    }
    if (e instanceof ProfileEvent) {
      return required(((ProfileEvent) e).profileEventType(), "profile_event_type", e);
    }
    if (e instanceof PushRegistration) {
      return push((PushRegistration) e);
    }
    if (e instanceof PushMessage) {
      return pushMessage((PushMessage) e);
    }
    if (e instanceof UserAttributeChange) {
      return attributeChange((UserAttributeChange) e);
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
    String name = eventName(e.name(), "event_name", true);
    if (name == DROP) {
      return null;
    }
    if (e.customEventType() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "custom_event_type", 0, 0, name);
      return null;
    }
    Map<String, ?> flags = attributes(e.customFlags(), "custom_flags", name);
    if (name == e.name() && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder().name(name).clearFlags().flags(asStrings(flags)).build();
  }

  private Event screen(ScreenView e) {
    String name = eventName(e.screenName(), "screen_name", true);
    if (name == DROP) {
      return null;
    }
    Map<String, ?> flags = attributes(e.customFlags(), "custom_flags", name);
    if (name == e.screenName() && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder().screenName(name).clearFlags().flags(asStrings(flags)).build();
  }

  private Event breadcrumb(Breadcrumb e) {
    String label = requiredText(e.label(), "label", TEXT_MAX_CHARS, e);
    if (label == DROP) {
      return null;
    }
    return label == e.label() ? e : e.toBuilder().label(label).build();
  }

  private Event network(NetworkPerformance e) {
    String url = requiredText(e.url(), "url", URL_MAX_CHARS, e);
    if (url == DROP) {
      return null;
    }
    String verb = text(e.httpVerb(), "http_verb", TEXT_MAX_CHARS, false, url);
    if (url == e.url() && verb == e.httpVerb()) {
      return e;
    }
    return e.toBuilder().url(url).httpVerb(verb).build();
  }

  private Event push(PushRegistration e) {
    String token = e.registrationToken();
    if (token == null || token.isBlank()) {
      reporter.report(
          ValidationRule.REQUIRED_FIELD_MISSING, "registration_token", 0, 0, e.type().wireName());
      return null;
    }
    String clean = text(token, "registration_token", TEXT_MAX_CHARS, false, e.type().wireName());
    return clean == token ? e : e.toBuilder().registrationToken(clean).build();
  }

  /**
   * {@code push_message}: type, token and payload are required by the OpenAPI description and the
   * JSON Schema; free text is capped like the other fields; {@code action_identifier} at the JSON
   * reference's 100 characters, the payload at {@link #PAYLOAD_MAX_CHARS}.
   */
  private Event pushMessage(PushMessage e) {
    String ev = e.type().wireName();
    if (e.pushMessageType() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_message_type", 0, 0, ev);
      return null;
    }
    if (e.token() == null || e.token().isBlank()) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_message_token", 0, 0, ev);
      return null;
    }
    if (e.payload() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_notification_payload", 0, 0, ev);
      return null;
    }
    String token = text(e.token(), "push_message_token", TEXT_MAX_CHARS, false, ev);
    String payload = text(e.payload(), "push_notification_payload", PAYLOAD_MAX_CHARS, true, ev);
    String message = text(e.message(), "message", CRASH_MESSAGE_MAX_CHARS, true, ev);
    String network = text(e.network(), "network", TEXT_MAX_CHARS, false, ev);
    String action =
        text(e.actionIdentifier(), "action_identifier", ACTION_IDENTIFIER_MAX_CHARS, false, ev);
    if (token == e.token()
        && payload == e.payload()
        && message == e.message()
        && network == e.network()
        && action == e.actionIdentifier()) {
      return e;
    }
    return e.toBuilder()
        .token(token)
        .payload(payload)
        .message(message)
        .network(network)
        .actionIdentifier(action)
        .build();
  }

  private Event crash(CrashReport e) {
    String ev = e.type().wireName();
    String className = text(e.className(), "class_name", TEXT_MAX_CHARS, false, ev);
    String severity = text(e.severity(), "severity", TEXT_MAX_CHARS, false, ev);
    String message = text(e.message(), "message", CRASH_MESSAGE_MAX_CHARS, true, ev);
    String stackTrace = text(e.stackTrace(), "stack_trace", STACK_TRACE_MAX_CHARS, true, ev);
    List<String> crumbs = e.breadcrumbs();
    List<String> cleanCrumbs = crumbs;
    if (!crumbs.isEmpty()) {
      int from = 0;
      if (crumbs.size() > CRASH_BREADCRUMBS_MAX) {
        reporter.report(
            ValidationRule.FIELD_TRUNCATED,
            "breadcrumbs",
            crumbs.size(),
            CRASH_BREADCRUMBS_MAX,
            ev);
        from = crumbs.size() - CRASH_BREADCRUMBS_MAX;
      }
      List<String> out = from > 0 ? new ArrayList<>(CRASH_BREADCRUMBS_MAX) : null;
      for (int i = from; i < crumbs.size(); i++) {
        String crumb = crumbs.get(i);
        String clean = crumb == null ? null : text(crumb, "breadcrumbs", TEXT_MAX_CHARS, false, ev);
        if (crumb == null) {
          reporter.report(ValidationRule.FIELD_INVALID, "breadcrumbs", 0, 0, ev);
        }
        if (out == null && (clean == null || clean != crumb)) {
          out = new ArrayList<>(crumbs.subList(from, i));
        }
        if (out != null && clean != null) {
          out.add(clean);
        }
      }
      if (out != null) {
        cleanCrumbs = out;
      }
    }
    if (className == e.className()
        && severity == e.severity()
        && message == e.message()
        && stackTrace == e.stackTrace()
        && cleanCrumbs == crumbs) {
      return e;
    }
    return e.toBuilder()
        .className(className)
        .severity(severity)
        .message(message)
        .stackTrace(stackTrace)
        .breadcrumbs(cleanCrumbs)
        .build();
  }

  private Event attributeChange(UserAttributeChange e) {
    String name = e.name();
    if (name == null || name.isBlank()) {
      reporter.report(
          ValidationRule.REQUIRED_FIELD_MISSING, "user_attribute_name", 0, 0, e.type().wireName());
      return null;
    }
    Object newValue = changeValue(e.newValue(), "new");
    Object oldValue = changeValue(e.oldValue(), "old");
    if (newValue == e.newValue() && oldValue == e.oldValue()) {
      return e;
    }
    return e.toBuilder().newValue(newValue).oldValue(oldValue).build();
  }

  /** A change's value must be a String, a list of Strings or null; anything else is made so. */
  private Object changeValue(Object v, String key) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      boolean allStrings = true;
      for (Object o : list) {
        if (!(o instanceof String)) {
          allStrings = false;
          break;
        }
      }
      if (allStrings) {
        return v;
      }
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        String t =
            Texts.estimatedLength(o) > limits.userAttributeValueMaxChars()
                ? null
                : Texts.scalarText(o);
        if (t == null) {
          reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, "user_attribute_change");
        } else {
          out.add(t);
        }
      }
      return Collections.unmodifiableList(out);
    }
    String t =
        Texts.estimatedLength(v) > limits.userAttributeValueMaxChars() ? null : Texts.scalarText(v);
    if (t == null) {
      reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, "user_attribute_change");
    }
    return t;
  }

  // ---- commerce -------------------------------------------------------------------------------

  private Event commerce(CommerceEvent e) {
    String name = e.eventName();
    if (name != null) {
      name = eventName(name, "event_name", false);
      if (name == DROP) {
        return null;
      }
    }
    String ev = name != null ? name : e.type().wireName();
    ProductAction pa = e.productAction();
    ProductAction cleanPa = pa;
    PromotionAction pr = e.promotionAction();
    PromotionAction cleanPr = pr;
    List<Impression> impressions = e.impressions();
    List<Impression> cleanImpressions = impressions;
    switch (e.kind()) {
      case PRODUCT_ACTION:
        if (pa == null || pa.action() == null) {
          reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "product_action", 0, 0, ev);
          return null;
        }
        cleanPa = productAction(pa, ev);
        break;
      case PROMOTION_ACTION:
        if (pr == null || pr.action() == null) {
          reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "promotion_action", 0, 0, ev);
          return null;
        }
        cleanPr = promotionAction(pr, ev);
        break;
      default:
        cleanImpressions = impressions(impressions, ev);
    }
    String screen = text(e.screenName(), "screen_name", TEXT_MAX_CHARS, false, ev);
    String currency = text(e.currencyCode(), "currency_code", TEXT_MAX_CHARS, false, ev);
    List<Product> cart = products(e.shoppingCart(), "shopping_cart", ev);
    Map<String, ?> flags = attributes(e.customFlags(), "custom_flags", ev);
    if (name == e.eventName()
        && cleanPa == pa
        && cleanPr == pr
        && cleanImpressions == impressions
        && screen == e.screenName()
        && currency == e.currencyCode()
        && cart == e.shoppingCart()
        && flags == e.customFlags()) {
      return e;
    }
    return e.toBuilder()
        .eventName(name)
        .replaceProductAction(cleanPa)
        .replacePromotionAction(cleanPr)
        .replaceImpressions(cleanImpressions)
        .screenName(screen)
        .currencyCode(currency)
        .shoppingCart(cart)
        .clearFlags()
        .flags(asStrings(flags))
        .build();
  }

  private ProductAction productAction(ProductAction pa, String ev) {
    String checkoutOptions =
        text(pa.checkoutOptions(), "checkout_options", TEXT_MAX_CHARS, false, ev);
    String list = text(pa.productActionList(), "product_action_list", TEXT_MAX_CHARS, false, ev);
    String source = text(pa.productListSource(), "product_list_source", TEXT_MAX_CHARS, false, ev);
    String transaction = text(pa.transactionId(), "transaction_id", TEXT_MAX_CHARS, false, ev);
    String affiliation = text(pa.affiliation(), "affiliation", TEXT_MAX_CHARS, false, ev);
    String coupon = text(pa.couponCode(), "coupon_code", TEXT_MAX_CHARS, false, ev);
    Double total = finite(pa.totalAmount(), "total_amount", ev);
    Double tax = finite(pa.taxAmount(), "tax_amount", ev);
    Double shipping = finite(pa.shippingAmount(), "shipping_amount", ev);
    List<Product> products = products(pa.products(), "products", ev);
    if (checkoutOptions == pa.checkoutOptions()
        && list == pa.productActionList()
        && source == pa.productListSource()
        && transaction == pa.transactionId()
        && affiliation == pa.affiliation()
        && coupon == pa.couponCode()
        && total == pa.totalAmount()
        && tax == pa.taxAmount()
        && shipping == pa.shippingAmount()
        && products == pa.products()) {
      return pa;
    }
    return pa.toBuilder()
        .checkoutOptions(checkoutOptions)
        .productActionList(list)
        .productListSource(source)
        .transactionId(transaction)
        .affiliation(affiliation)
        .couponCode(coupon)
        .totalAmount(total)
        .taxAmount(tax)
        .shippingAmount(shipping)
        .products(products)
        .build();
  }

  private PromotionAction promotionAction(PromotionAction pr, String ev) {
    List<Promotion> promotions = pr.promotions();
    List<Promotion> out = null;
    for (int i = 0; i < promotions.size(); i++) {
      Promotion p = promotions.get(i);
      Promotion clean = p == null ? null : promotion(p, ev);
      if (p == null) {
        reporter.report(ValidationRule.FIELD_INVALID, "promotions", 0, 0, ev);
      }
      if (out == null && (clean == null || clean != p)) {
        out = new ArrayList<>(promotions.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? pr : pr.toBuilder().promotions(out).build();
  }

  private Promotion promotion(Promotion p, String ev) {
    String id = text(p.id(), "promotion id", TEXT_MAX_CHARS, false, ev);
    String name = text(p.name(), "promotion name", TEXT_MAX_CHARS, false, ev);
    String creative = text(p.creative(), "promotion creative", TEXT_MAX_CHARS, false, ev);
    String position = text(p.position(), "promotion position", TEXT_MAX_CHARS, false, ev);
    if (id == p.id() && name == p.name() && creative == p.creative() && position == p.position()) {
      return p;
    }
    return p.toBuilder().id(id).name(name).creative(creative).position(position).build();
  }

  private List<Impression> impressions(List<Impression> impressions, String ev) {
    List<Impression> out = null;
    for (int i = 0; i < impressions.size(); i++) {
      Impression imp = impressions.get(i);
      Impression clean = null;
      if (imp == null) {
        reporter.report(ValidationRule.FIELD_INVALID, "product_impressions", 0, 0, ev);
      } else {
        String list = text(imp.listName(), "product_impression_list", TEXT_MAX_CHARS, false, ev);
        List<Product> products = products(imp.products(), "product_impressions", ev);
        clean =
            list == imp.listName() && products == imp.products()
                ? imp
                : imp.toBuilder().listName(list).products(products).build();
      }
      if (out == null && (clean == null || clean != imp)) {
        out = new ArrayList<>(impressions.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? impressions : out;
  }

  private List<Product> products(List<Product> products, String key, String ev) {
    List<Product> out = null;
    for (int i = 0; i < products.size(); i++) {
      Product p = products.get(i);
      Product clean = null;
      if (p == null) {
        reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, ev);
      } else {
        clean = product(p, ev);
      }
      if (out == null && (clean == null || clean != p)) {
        out = new ArrayList<>(products.subList(0, i));
      }
      if (out != null && clean != null) {
        out.add(clean);
      }
    }
    return out == null ? products : out;
  }

  private Product product(Product p, String ev) {
    String id = text(p.id(), "product id", TEXT_MAX_CHARS, false, ev);
    String name = text(p.name(), "product name", TEXT_MAX_CHARS, false, ev);
    String brand = text(p.brand(), "product brand", TEXT_MAX_CHARS, false, ev);
    String category = text(p.category(), "product category", TEXT_MAX_CHARS, false, ev);
    String variant = text(p.variant(), "product variant", TEXT_MAX_CHARS, false, ev);
    String coupon = text(p.couponCode(), "product coupon_code", TEXT_MAX_CHARS, false, ev);
    Double price = finite(p.price(), "product price", ev);
    Double quantity = finite(p.quantity(), "product quantity", ev);
    Double total = finite(p.totalProductAmount(), "product total_product_amount", ev);
    Map<String, ?> attributes = attributes(p.customAttributes(), "product custom_attributes", ev);
    if (id == p.id()
        && name == p.name()
        && brand == p.brand()
        && category == p.category()
        && variant == p.variant()
        && coupon == p.couponCode()
        && price == p.price()
        && quantity == p.quantity()
        && total == p.totalProductAmount()
        && attributes == p.customAttributes()) {
      return p;
    }
    Product.Builder b =
        p.toBuilder()
            .id(id)
            .name(name)
            .brand(brand)
            .category(category)
            .variant(variant)
            .couponCode(coupon)
            .price(price)
            .quantity(quantity)
            .totalProductAmount(total);
    if (attributes != p.customAttributes()) {
      b.clearAttributes().attributes(attributes);
    }
    return b.build();
  }

  private Double finite(Double d, String key, String ev) {
    if (d != null && !Double.isFinite(d)) {
      reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, ev);
      return null;
    }
    return d;
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

  /**
   * Checks an event name against the name limit.
   *
   * @param required true if a null or blank name drops the event
   * @return the (possibly sanitized) name, or {@link #DROP}
   */
  private String eventName(String raw, String key, boolean required) {
    if (raw == null) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, null);
      return DROP;
    }
    int max = limits.eventNameMaxChars();
    String s = raw;
    if (raw.length() > max) {
      int length = Texts.sanitizedLength(raw, false);
      if (length > max) {
        // Truncated, not dropped: the Events API truncates names over the limit on arrival
        // (docs.mparticle.com, guides/default-service-limits, "Event name length": "For S2S data,
        // names exceeding the limit will be truncated") and so does the Android SDK
        // (mparticle-android-sdk, android-core/src/main/java/com/mparticle/MPEvent.java).
        reporter.report(
            ValidationRule.EVENT_NAME_TOO_LONG, key, length, max, Texts.truncate(raw, max));
        s = Texts.truncate(raw, max);
      }
    }
    String clean = reporter.sanitize(s, false, key, s);
    if (required && clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, null);
      return DROP;
    }
    return clean;
  }

  /**
   * A required free-text field: null or blank drops the event, longer than the cap is truncated.
   */
  private String requiredText(String raw, String key, int cap, Event e) {
    if (raw == null || raw.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, e.type().wireName());
      return DROP;
    }
    String clean = text(raw, key, cap, false, e.type().wireName());
    if (clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_NAME_MISSING, key, 0, 0, e.type().wireName());
      return DROP;
    }
    return clean;
  }

  /**
   * An optional free-text field: truncated to its cap (before sanitizing, so a huge text is never
   * copied whole).
   */
  private String text(String raw, String key, int cap, boolean keepLineBreaks, String ev) {
    return reporter.text(raw, key, cap, keepLineBreaks, ev);
  }

  /**
   * Validates custom attributes or custom flags: wire text values, every key and value within its
   * limit, no more entries than allowed.
   *
   * @return the same map when nothing changed; otherwise a new map of String to String
   */
  private Map<String, ?> attributes(Map<String, ?> attributes, String what, String ev) {
    int size = attributes.size();
    if (size == 0) {
      return attributes;
    }
    if (size > limits.attributesPerEvent()) {
      // The platform's SDKs keep the event and drop all its attributes; checked before any
      // iteration.
      reporter.report(
          ValidationRule.TOO_MANY_EVENT_ATTRIBUTES, what, size, limits.attributesPerEvent(), ev);
      return Collections.emptyMap();
    }
    Map<String, String> out = null;
    int index = 0;
    for (Map.Entry<?, ?> entry : attributes.entrySet()) {
      Object rawKey = entry.getKey();
      Object rawValue = entry.getValue();
      String key = attributeKey(rawKey, ev);
      String value = key == null ? null : attributeValue(key, rawValue, ev);
      if (out == null && (value == null || key != rawKey || value != rawValue)) {
        out = new LinkedHashMap<>();
        copyFirst(attributes, index, out);
      }
      if (out != null && key != null && value != null) {
        out.put(key, value);
      }
      index++;
    }
    return out == null ? attributes : out;
  }

  /** Copies the first {@code count} entries, which were all found valid wire text. */
  private static void copyFirst(Map<?, ?> source, int count, Map<String, String> target) {
    int i = 0;
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      if (i++ >= count) {
        return;
      }
      target.put((String) entry.getKey(), (String) entry.getValue());
    }
  }

  private String attributeKey(Object rawKey, String ev) {
    if (!(rawKey instanceof String)) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID, null, 0, 0, ev);
      return null;
    }
    String key = (String) rawKey;
    int max = limits.eventAttributeKeyMaxChars();
    if (key.length() > max) {
      int length = Texts.sanitizedLength(key, false);
      if (length > max) {
        reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_TOO_LONG, key, length, max, ev);
        return null;
      }
    }
    String clean = reporter.sanitize(key, false, key, ev);
    if (clean.isBlank()) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID, key, 0, 0, ev);
      return null;
    }
    return clean;
  }

  private String attributeValue(String key, Object rawValue, String ev) {
    int max = limits.eventAttributeValueMaxChars();
    long estimate = Texts.estimatedLength(rawValue);
    if (estimate > max + 16L) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, key, estimate, max, ev);
      return null;
    }
    String text = Texts.scalarText(rawValue);
    if (text == null) {
      reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_INVALID, key, 0, 0, ev);
      return null;
    }
    if (text.length() > max) {
      int length = Texts.sanitizedLength(text, true);
      if (length > max) {
        reporter.report(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, key, length, max, ev);
        return null;
      }
    }
    return reporter.sanitize(text, true, key, ev);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> asStrings(Map<String, ?> cleaned) {
    // Only ever called on maps this class validated: keys and values are Strings.
    return (Map<String, String>) cleaned;
  }
}
