package dev.spoke.internal.json;

import dev.spoke.Environment;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for events and user state as the validator lets them through: required values
 * present, numbers finite; everything else (nulls, odd characters, mixed attribute value types,
 * null attribute keys and values) free.
 */
final class Generators {
  private Generators() {}

  /** Any string, including quotes, backslashes, control characters and non-BMP characters. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().alpha().numeric().withChars("_$.-").ofMinLength(1).ofMaxLength(10),
        Arbitraries.of(
            "",
            "logged_in",
            "attribution",
            "custom_attribute_types",
            "\"",
            "\\",
            "caf\u00e9 \uD83D\uDE00"));
  }

  static Arbitrary<String> maybeText() {
    return text().injectNull(0.3);
  }

  static Arbitrary<Long> maybeLong() {
    return Arbitraries.longs().injectNull(0.3);
  }

  static Arbitrary<Double> maybeDouble() {
    return Arbitraries.doubles().injectNull(0.3);
  }

  static Arbitrary<Boolean> maybeBool() {
    return Arbitraries.of(true, false).injectNull(0.3);
  }

  /** A raw custom attribute value as a caller may pass it. */
  static Arbitrary<Object> attributeValue() {
    return Arbitraries.oneOf(
            text().map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(1.0E10, 1.0E-5, 19.99, 2.0, -0.0, 1.0E300).map(d -> (Object) d),
            Arbitraries.floats().map(f -> (Object) f),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.bigDecimals().ofScale(3).map(b -> (Object) b),
            Arbitraries.just(new BigDecimal("1E+3")).map(b -> (Object) b))
        .injectNull(0.1);
  }

  static Arbitrary<Map<String, Object>> attributes() {
    return Arbitraries.maps(maybeText(), attributeValue()).ofMaxSize(6).map(LinkedHashMap::new);
  }

  static Arbitrary<Map<String, String>> flags() {
    return Arbitraries.maps(maybeText(), maybeText()).ofMaxSize(3).map(LinkedHashMap::new);
  }

  static Arbitrary<Location> location() {
    return Combinators.combine(
            Arbitraries.doubles().between(-90, 90),
            Arbitraries.doubles().between(-180, 180),
            maybeDouble())
        .as((lat, lon, acc) -> Location.builder(lat, lon).accuracy(acc).build())
        .injectNull(0.5);
  }

  static Arbitrary<SessionContext> session() {
    return Combinators.combine(
            Arbitraries.longs(),
            maybeText(),
            Arbitraries.longs(),
            Arbitraries.longs().greaterOrEqual(0))
        .as(SessionContext::new)
        .injectNull(0.3);
  }

  /** Products with string-valued attributes, so they read back equal. */
  static Arbitrary<Product> product() {
    Arbitrary<Map<String, Object>> attrs =
        Arbitraries.maps(text(), text()).ofMaxSize(3).map(LinkedHashMap<String, Object>::new);
    return Combinators.combine(
            Combinators.combine(
                    maybeText(),
                    maybeText(),
                    maybeText(),
                    maybeText(),
                    maybeText(),
                    Arbitraries.integers().injectNull(0.3))
                .as(Generators::tuple),
            Combinators.combine(
                    maybeDouble(), maybeDouble(), maybeDouble(), maybeText(), maybeLong(), attrs)
                .as(Generators::tuple))
        .as(
            (a, b) ->
                Product.builder()
                    .id((String) a.get(0))
                    .name((String) a.get(1))
                    .brand((String) a.get(2))
                    .category((String) a.get(3))
                    .variant((String) a.get(4))
                    .position((Integer) a.get(5))
                    .price((Double) b.get(0))
                    .quantity((Double) b.get(1))
                    .totalProductAmount((Double) b.get(2))
                    .couponCode((String) b.get(3))
                    .addedToCartTimeMillis((Long) b.get(4))
                    .attributes(cast(b.get(5)))
                    .build());
  }

  /** A null-tolerant tuple for combining more values than one combinator takes. */
  static List<Object> tuple(Object... values) {
    return Arrays.asList(values);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  static Arbitrary<List<Product>> products() {
    return product().list().ofMaxSize(3);
  }

  static Arbitrary<Event> commerce() {
    Arbitrary<CommerceEvent.Builder> productAction =
        Combinators.combine(
                Arbitraries.of(ProductActionType.class),
                Combinators.combine(
                        Arbitraries.integers().injectNull(0.5),
                        maybeText(),
                        maybeText(),
                        maybeText())
                    .as(Generators::tuple),
                Combinators.combine(
                        maybeText(),
                        maybeText(),
                        maybeDouble(),
                        maybeDouble(),
                        maybeDouble(),
                        maybeText())
                    .as(Generators::tuple),
                products())
            .as(
                (type, a, b, products) ->
                    CommerceEvent.productAction(
                        ProductAction.builder(type)
                            .checkoutStep((Integer) a.get(0))
                            .checkoutOptions((String) a.get(1))
                            .productActionList((String) a.get(2))
                            .productListSource((String) a.get(3))
                            .transactionId((String) b.get(0))
                            .affiliation((String) b.get(1))
                            .totalAmount((Double) b.get(2))
                            .taxAmount((Double) b.get(3))
                            .shippingAmount((Double) b.get(4))
                            .couponCode((String) b.get(5))
                            .products(products)
                            .build()));
    Arbitrary<Promotion> promotion =
        Combinators.combine(maybeText(), maybeText(), maybeText(), maybeText())
            .as(
                (id, name, creative, position) ->
                    Promotion.builder(id).name(name).creative(creative).position(position).build());
    Arbitrary<CommerceEvent.Builder> promotionAction =
        Combinators.combine(
                Arbitraries.of(PromotionActionType.class), promotion.list().ofMaxSize(3))
            .as(
                (type, promotions) ->
                    CommerceEvent.promotionAction(
                        PromotionAction.builder(type).promotions(promotions).build()));
    Arbitrary<CommerceEvent.Builder> impressions =
        Combinators.combine(text(), products())
            .as((list, products) -> Impression.builder(list).products(products).build())
            .list()
            .ofMaxSize(3)
            .map(CommerceEvent::impressions);
    return Combinators.combine(
            Arbitraries.oneOf(productAction, promotionAction, impressions),
            maybeText(),
            maybeText(),
            maybeBool(),
            maybeText(),
            products(),
            flags())
        .as(
            (b, currency, screen, nonInteractive, name, cart, flags) ->
                b.currencyCode(currency)
                    .screenName(screen)
                    .nonInteractive(nonInteractive)
                    .eventName(name)
                    .shoppingCart(cart)
                    .flags(flags)
                    .build());
  }

  static Arbitrary<Object> userAttributeValue() {
    return Arbitraries.oneOf(
            text().map(s -> (Object) s), text().list().ofMaxSize(4).map(l -> (Object) l))
        .injectNull(0.3);
  }

  static Arbitrary<IdentityChange> identityChange() {
    return Combinators.combine(
            Arbitraries.of(IdentityType.class),
            maybeText(),
            Arbitraries.longs(),
            Arbitraries.of(true, false))
        .as(
            (type, identity, ts, created) ->
                IdentityChange.builder(type)
                    .identity(identity)
                    .timestampMillis(ts)
                    .createdThisBatch(created)
                    .build());
  }

  /** An event of any type that has a model class, its type-specific fields random. */
  static Arbitrary<Event> typedEvent() {
    return Arbitraries.oneOf(
        Combinators.combine(text(), Arbitraries.of(CustomEventType.class), flags())
            .as(
                (name, type, flags) ->
                    CustomEvent.builder(name).customEventType(type).flags(flags).build()),
        Combinators.combine(text(), flags())
            .as((name, flags) -> ScreenView.builder(name).flags(flags).build()),
        commerce(),
        Arbitraries.just(0).map(x -> SessionStart.builder().build()),
        Arbitraries.just(0).map(x -> FirstRun.builder().build()),
        Arbitraries.just(0).map(x -> Uninstall.builder().build()),
        Combinators.combine(
                Combinators.combine(
                        Arbitraries.of(PushMessage.PushMessageType.class),
                        text(),
                        text(),
                        maybeText())
                    .as(Generators::tuple),
                Combinators.combine(
                        maybeText(),
                        Arbitraries.of(PushMessage.ApplicationState.class).injectNull(0.3),
                        maybeText(),
                        Arbitraries.of(PushMessage.Behavior.class).injectNull(0.3))
                    .as(Generators::tuple))
            .as(
                (a, b) ->
                    PushMessage.builder(
                            (PushMessage.PushMessageType) a.get(0),
                            (String) a.get(1),
                            (String) a.get(2))
                        .message((String) a.get(3))
                        .network((String) b.get(0))
                        .applicationState((PushMessage.ApplicationState) b.get(1))
                        .actionIdentifier((String) b.get(2))
                        .behavior((PushMessage.Behavior) b.get(3))
                        .build()),
        Arbitraries.longs().greaterOrEqual(0).map(d -> SessionEnd.builder(d).build()),
        Combinators.combine(
                Combinators.combine(maybeText(), maybeText().list().ofMaxSize(3), maybeText())
                    .as(Generators::tuple),
                Combinators.combine(maybeText(), maybeText(), maybeBool()).as(Generators::tuple))
            .as(
                (a, b) ->
                    CrashReport.builder()
                        .className((String) a.get(0))
                        .breadcrumbs(castList(a.get(1)))
                        .severity((String) a.get(2))
                        .message((String) b.get(0))
                        .stackTrace((String) b.get(1))
                        .exceptionHandled((Boolean) b.get(2))
                        .build()),
        text().map(label -> Breadcrumb.builder(label).build()),
        Arbitraries.of(true, false).map(o -> OptOut.builder(o).build()),
        Combinators.combine(
                Arbitraries.of(ApplicationStateTransition.TransitionType.class),
                maybeBool(),
                maybeBool())
            .as(
                (t, first, upgrade) ->
                    ApplicationStateTransition.builder(t).firstRun(first).upgrade(upgrade).build()),
        Combinators.combine(
                text(),
                Arbitraries.integers().between(100, 599),
                maybeText(),
                maybeLong(),
                maybeLong(),
                maybeLong())
            .as(
                (url, code, verb, elapsed, in, out) ->
                    NetworkPerformance.builder(url, code)
                        .httpVerb(verb)
                        .timeElapsedMillis(elapsed)
                        .bytesIn(in)
                        .bytesOut(out)
                        .build()),
        Combinators.combine(Arbitraries.of(true, false), text())
            .as((register, token) -> PushRegistration.builder(register, token).build()),
        Combinators.combine(
                Arbitraries.of(ProfileEvent.ProfileEventType.class),
                maybeLong(),
                Arbitraries.longs())
            .as(
                (t, previous, current) ->
                    ProfileEvent.builder(t).previousMpid(previous).currentMpid(current).build()),
        Combinators.combine(
                text(),
                userAttributeValue(),
                userAttributeValue(),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (name, now, before, deleted, isNew) ->
                    UserAttributeChange.builder(name)
                        .newValue(now)
                        .oldValue(before)
                        .deleted(deleted)
                        .newAttribute(isNew)
                        .build()),
        Combinators.combine(identityChange(), identityChange())
            .as((now, before) -> UserIdentityChange.builder(now, before).build()));
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  /** Any event with random common fields. */
  static Arbitrary<Event> event() {
    return Combinators.combine(
            typedEvent(), maybeLong(), maybeText(), maybeLong(), attributes(), location())
        .as(
            (e, ts, id, start, attributes, location) ->
                e.toBuilder()
                    .timestampMillis(ts)
                    .sourceMessageId(id)
                    .eventStartMillis(start)
                    .attributes(attributes)
                    .location(location)
                    .build());
  }

  static Arbitrary<ConsentDecision> decision() {
    return Combinators.combine(
            Arbitraries.of(true, false), maybeText(), maybeLong(), maybeText(), maybeText())
        .as(
            (c, doc, ts, loc, hw) ->
                ConsentDecision.builder(c)
                    .document(doc)
                    .timestampMillis(ts)
                    .location(loc)
                    .hardwareId(hw)
                    .build());
  }

  static Arbitrary<UserSnapshot> user() {
    Arbitrary<UserIdentities> identities =
        Arbitraries.maps(Arbitraries.of(IdentityType.class), text())
            .ofMaxSize(4)
            .map(
                m -> {
                  UserIdentities.Builder b = UserIdentities.builder();
                  m.forEach(b::put);
                  return b.build();
                });
    Arbitrary<ConsentState> consent =
        Combinators.combine(
                Arbitraries.maps(text(), decision()).ofMaxSize(3), decision().injectNull(0.5))
            .as(
                (gdpr, ccpa) -> {
                  ConsentState.Builder b = ConsentState.builder().ccpa(ccpa);
                  gdpr.forEach(b::gdpr);
                  return b.build();
                });
    return Combinators.combine(
            maybeLong(),
            identities,
            Arbitraries.maps(text(), userAttributeValue()).ofMaxSize(4).map(LinkedHashMap::new),
            text().list().ofMaxSize(3),
            consent)
        .as(
            (mpid, ids, attrs, deleted, c) ->
                UserSnapshot.builder()
                    .mpid(mpid)
                    .identities(ids)
                    .attributes(attrs)
                    .deletedAttributes(deleted)
                    .consent(c)
                    .build());
  }

  static final List<String> PLATFORMS =
      List.of(
          "iOS", "Android", "web", "desktop", "tvOS", "roku", "out_of_band", "smart_tv", "xbox");

  static Arbitrary<DeviceInfo> device() {
    return Combinators.combine(
            Arbitraries.of(PLATFORMS).injectNull(0.3),
            maybeText(),
            maybeText(),
            maybeText(),
            maybeText(),
            Arbitraries.integers().between(-12, 14).injectNull(0.3),
            maybeBool(),
            maybeText())
        .as(
            (platform, os, model, lang, country, tz, dst, ua) ->
                DeviceInfo.builder()
                    .platform(platform)
                    .osVersion(os)
                    .deviceModel(model)
                    .localeLanguage(lang)
                    .localeCountry(country)
                    .timezoneOffsetHours(tz)
                    .dst(dst)
                    .userAgent(ua)
                    .build())
        .injectNull(0.2);
  }

  static Arbitrary<ApplicationInfo> app() {
    return Combinators.combine(
            maybeText(),
            maybeText(),
            maybeText(),
            maybeText(),
            maybeText(),
            Arbitraries.of(ApplicationOs.class).injectNull(0.3))
        .as(
            (name, version, build, referrer, pkg, os) ->
                ApplicationInfo.builder()
                    .applicationName(name)
                    .applicationVersion(version)
                    .buildNumber(build)
                    .installReferrer(referrer)
                    .packageName(pkg)
                    .os(os)
                    .build())
        .injectNull(0.2);
  }

  /** Everything one batch is made of. */
  static final class BatchInput {
    final Environment env;
    final DeviceInfo device;
    final ApplicationInfo app;
    final String sdkVersion;
    final String planId;
    final Integer planVersion;
    final String mpDeviceId;
    final UserSnapshot user;
    final List<ParsedEvent> events;
    final String sourceRequestId;
    final long timestamp;

    BatchInput(
        Environment env,
        DeviceInfo device,
        ApplicationInfo app,
        List<Object> strings,
        UserSnapshot user,
        List<ParsedEvent> events,
        long timestamp) {
      this.env = env;
      this.device = device;
      this.app = app;
      this.sdkVersion = (String) strings.get(0);
      this.planId = (String) strings.get(1);
      this.planVersion = (Integer) strings.get(2);
      this.mpDeviceId = (String) strings.get(3);
      this.sourceRequestId = (String) strings.get(4);
      this.user = user;
      this.events = events;
      this.timestamp = timestamp;
    }

    byte[] serialize(EventSerializer events, HeaderSerializer header) {
      List<byte[]> bytes = new ArrayList<>();
      for (ParsedEvent e : this.events) {
        bytes.add(events.serialize(e.event(), e.session()));
      }
      return HeaderSerializer.batch(
          header.instanceFragment(env, device, app, sdkVersion, planId, planVersion, mpDeviceId),
          header.userFragment(user),
          sourceRequestId,
          bytes);
    }

    @Override
    public String toString() {
      return "BatchInput[env="
          + env
          + ", device="
          + device
          + ", app="
          + app
          + ", user="
          + user
          + ", events="
          + events
          + "]";
    }
  }

  static Arbitrary<BatchInput> batch() {
    Arbitrary<List<Object>> strings =
        Combinators.combine(
                maybeText(),
                maybeText(),
                Arbitraries.integers().injectNull(0.3),
                maybeText(),
                text())
            .as(Generators::tuple);
    Arbitrary<List<ParsedEvent>> events =
        Combinators.combine(event(), session()).as(ParsedEvent::new).list().ofMaxSize(6);
    return Combinators.combine(
            Arbitraries.of(Environment.class),
            device(),
            app(),
            strings,
            user(),
            events,
            Arbitraries.longs().greaterOrEqual(0))
        .as(BatchInput::new);
  }
}
