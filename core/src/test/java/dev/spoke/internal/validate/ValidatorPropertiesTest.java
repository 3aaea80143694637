package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CrashReport;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class ValidatorPropertiesTest {
  static final long NOW = 1_700_000_000_000L;
  static final ServiceLimits LIMITS = ServiceLimits.defaults();

  /** Built once: a 10^5-entry map must be refused on its size, not iterated. */
  static final Map<String, Object> HUGE_MAP = hugeMap();

  private static Map<String, Object> hugeMap() {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      m.put("k" + i, i);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Text of every nasty kind: empty, blank, control characters, unpaired surrogates, long and huge.
   */
  static Arbitrary<String> nastyStrings() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> controls =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .withChars('\u007f', '\u0085', ' ')
            .ofMaxLength(10);
    Arbitrary<String> surrogates =
        Arbitraries.strings().withCharRange('\uD800', '\uDFFF').withChars('a').ofMaxLength(10);
    Arbitrary<String> longOnes =
        Arbitraries.of(250, 256, 257, 512, 513, 1024, 2049, 4096, 4097, 20_000)
            .flatMap(
                n ->
                    Arbitraries.of('x', '\u0001', '\uD83D', '\u00e9')
                        .map(c -> String.valueOf(c).repeat(n)));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, any),
            net.jqwik.api.Tuple.of(2, controls),
            net.jqwik.api.Tuple.of(2, surrogates),
            net.jqwik.api.Tuple.of(1, longOnes),
            net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "\t\n").map(s -> s)))
        .injectNull(0.1);
  }

  static Arbitrary<Object> values() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            nastyStrings().map(s -> (Object) s),
            Arbitraries.doubles()
                .withSpecialValue(Double.NaN)
                .withSpecialValue(Double.POSITIVE_INFINITY)
                .withSpecialValue(Double.NEGATIVE_INFINITY)
                .withSpecialValue(1e300)
                .map(d -> (Object) d),
            Arbitraries.floats().withSpecialValue(Float.NaN).map(f -> (Object) f),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.of(
                    new BigDecimal("1E999999999"),
                    new BigDecimal("-1E-5000"),
                    new BigDecimal("12.50"),
                    BigInteger.TEN.pow(5000),
                    BigInteger.ONE.negate())
                .map(b -> (Object) b),
            Arbitraries.of('c', '\u0000').map(c -> (Object) c),
            Arbitraries.just(new Object()));
    Arbitrary<Object> nested =
        Arbitraries.oneOf(
            scalars.list().ofMaxSize(3).map(l -> (Object) l),
            Arbitraries.maps(Arbitraries.strings().ofMaxLength(3), scalars)
                .ofMaxSize(3)
                .map(m -> (Object) m));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, scalars), net.jqwik.api.Tuple.of(1, nested))
        .injectNull(0.05);
  }

  static Arbitrary<Map<String, Object>> attributeMaps() {
    Arbitrary<Map<String, Object>> normal = Arbitraries.maps(nastyStrings(), values()).ofMaxSize(8);
    Arbitrary<Map<String, Object>> many =
        Arbitraries.integers()
            .between(95, 130)
            .map(
                n -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  for (int i = 0; i < n; i++) {
                    m.put("a" + i, i);
                  }
                  return m;
                });
    // The 10^5-entry map is checked once in hugeMapIsRefusedOnItsSize: copying it into an event
    // builder on every try would make this class slow without testing anything new.
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, normal), net.jqwik.api.Tuple.of(2, many));
  }

  @SuppressWarnings("unchecked")
  @Provide
  Arbitrary<Event> events() {
    Arbitrary<String> s = nastyStrings();
    Arbitrary<Map<String, Object>> attrs = attributeMaps();
    Arbitrary<Long> ts =
        Arbitraries.oneOf(
                Arbitraries.longs(), Arbitraries.longs().between(NOW - 3_600_000, NOW + 3_600_000))
            .injectNull(0.3);
    Arbitrary<Location> loc =
        Combinators.combine(
                Arbitraries.doubles().withSpecialValue(Double.NaN),
                Arbitraries.doubles().between(-180, 180))
            .as(Location::of)
            .injectNull(0.5);
    Arbitrary<Map<String, String>> flags = Arbitraries.maps(s, s).ofMaxSize(4);
    Arbitrary<Product> product =
        Combinators.combine(
                s, s, attrs, Arbitraries.doubles().withSpecialValue(Double.NaN).injectNull(0.3))
            .as(
                (id, name, a, price) ->
                    Product.builder(id, name).attributes(a).price(price).build())
            .injectNull(0.1);
    Arbitrary<Event> custom =
        Combinators.combine(s, attrs, flags, ts, loc)
            .as(
                (n, a, f, t, l) ->
                    CustomEvent.builder(n)
                        .attributes(a)
                        .flags(f)
                        .timestampMillis(t)
                        .location(l)
                        .build());
    Arbitrary<Event> screen =
        Combinators.combine(s, attrs, flags, ts)
            .as(
                (n, a, f, t) ->
                    ScreenView.builder(n).attributes(a).flags(f).timestampMillis(t).build());
    Arbitrary<Event> commerce =
        Combinators.combine(s, product.list().ofMaxSize(3), attrs, flags, s)
            .as(
                (n, p, a, f, c) ->
                    CommerceEvent.productAction(
                            ProductAction.builder(ProductActionType.PURCHASE)
                                .products(p)
                                .transactionId(c)
                                .build())
                        .eventName(n)
                        .shoppingCart(p)
                        .attributes(a)
                        .flags(f)
                        .currencyCode(c)
                        .build());
    Arbitrary<Event> crash =
        Combinators.combine(s, s, s.list().ofMaxSize(60), ts)
            .as(
                (m, st, b, t) ->
                    CrashReport.builder()
                        .message(m)
                        .stackTrace(st)
                        .className(m)
                        .breadcrumbs(b)
                        .timestampMillis(t)
                        .build());
    Arbitrary<Event> other =
        Combinators.combine(s, attrs)
            .as(
                (n, a) ->
                    Arbitraries.of(
                        Breadcrumb.builder(n).attributes(a).build(),
                        NetworkPerformance.builder(n, 200).httpVerb(n).attributes(a).build()))
            .flatMap(x -> x);
    return Arbitraries.oneOf(custom, screen, commerce, crash, other);
  }

  private static Validator validator(long now, List<ValidationIssue> issues) {
    return new Validator(
        LIMITS, false, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), issues::add);
  }

  /**
   * Property 2: outside strict mode, no input makes validate throw (the call itself is the
   * assertion).
   */
  @Property(tries = 500)
  void validateNeverThrows(@ForAll("events") Event e) {
    List<ValidationIssue> issues = new ArrayList<>();
    Event out = validator(NOW, issues).validate(e);
    assertThat(issues).allSatisfy(i -> assertThat(i.toString()).isNotNull());
    if (out == null) {
      assertThat(issues).as("a dropped event is always reported").isNotEmpty();
    }
  }

  /** Property 3: what comes out never exceeds a limit. */
  @Property(tries = 500)
  void outputRespectsEveryLimit(@ForAll("events") Event e) {
    Event out = validator(NOW, new ArrayList<>()).validate(e);
    if (out == null) {
      return;
    }
    assertThat(out.timestampMillis())
        .isNotNull()
        .isLessThanOrEqualTo(NOW + LIMITS.futureToleranceMillis());
    assertThat(out.sourceMessageId()).isNotBlank();
    assertWireAttributes(out.customAttributes());
    if (out instanceof CustomEvent) {
      assertName(((CustomEvent) out).name());
      assertWireAttributes(((CustomEvent) out).customFlags());
    } else if (out instanceof ScreenView) {
      assertName(((ScreenView) out).screenName());
      assertWireAttributes(((ScreenView) out).customFlags());
    } else if (out instanceof CommerceEvent) {
      CommerceEvent c = (CommerceEvent) out;
      if (c.eventName() != null) {
        assertThat(c.eventName().length()).isLessThanOrEqualTo(LIMITS.eventNameMaxChars());
      }
      assertWireAttributes(c.customFlags());
      List<Product> all = new ArrayList<>(c.shoppingCart());
      all.addAll(c.productAction().products());
      for (Product p : all) {
        assertThat(p).isNotNull();
        assertWireAttributes(p.customAttributes());
        assertThat(p.price() == null || Double.isFinite(p.price())).isTrue();
        assertClean(p.id(), false, Validator.TEXT_MAX_CHARS);
      }
    } else if (out instanceof CrashReport) {
      CrashReport c = (CrashReport) out;
      assertClean(c.message(), true, Validator.CRASH_MESSAGE_MAX_CHARS);
      assertClean(c.stackTrace(), true, Validator.STACK_TRACE_MAX_CHARS);
      assertThat(c.breadcrumbs())
          .hasSizeLessThanOrEqualTo(Validator.CRASH_BREADCRUMBS_MAX)
          .doesNotContainNull();
    } else if (out instanceof Breadcrumb) {
      assertClean(((Breadcrumb) out).label(), false, Validator.TEXT_MAX_CHARS);
      assertThat(((Breadcrumb) out).label()).isNotBlank();
    } else if (out instanceof NetworkPerformance) {
      assertClean(((NetworkPerformance) out).url(), false, Validator.URL_MAX_CHARS);
    }
    if (out.location() != null) {
      assertThat(Double.isFinite(out.location().latitude())).isTrue();
    }
  }

  @net.jqwik.api.Example
  void hugeMapIsRefusedOnItsSize() {
    List<ValidationIssue> issues = new ArrayList<>();
    CustomEvent e = CustomEvent.builder("e").attributes(HUGE_MAP).flags(Map.of("f", "1")).build();
    Event out = validator(NOW, issues).validate(e);
    assertThat(out.customAttributes()).isEmpty();
    assertThat(((CustomEvent) out).customFlags()).containsExactly(Map.entry("f", "1"));
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rule()).isEqualTo(dev.spoke.ValidationRule.TOO_MANY_EVENT_ATTRIBUTES);
              assertThat(i.observed()).isEqualTo(100_000);
            });
  }

  /** Property 4: a timestamp beyond the tolerance is reset to now; any other is kept exactly. */
  @Property(tries = 1000)
  void futureTimestampsAreResetOthersKept(
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long now,
      @ForAll @LongRange(min = -100_000_000L, max = 100_000_000L) long offset,
      @ForAll long anyTimestamp) {
    Validator v = validator(now, new ArrayList<>());
    long tolerance = LIMITS.futureToleranceMillis();
    for (long ts : new long[] {now + offset, anyTimestamp}) {
      Event out = v.validate(CustomEvent.builder("e").timestamp(ts).build());
      if (ts > now + tolerance) {
        assertThat(out.timestampMillis()).isEqualTo(now);
      } else {
        assertThat(out.timestampMillis()).isEqualTo(ts);
      }
    }
  }

  private static void assertName(String name) {
    assertThat(name).isNotBlank();
    assertClean(name, false, LIMITS.eventNameMaxChars());
  }

  private static void assertWireAttributes(Map<String, ?> attributes) {
    assertThat(attributes.size()).isLessThanOrEqualTo(LIMITS.attributesPerEvent());
    attributes.forEach(
        (k, v) -> {
          assertThat(k).isNotBlank();
          assertClean(k, false, LIMITS.eventAttributeKeyMaxChars());
          assertThat(v).isInstanceOf(String.class);
          assertClean((String) v, true, LIMITS.eventAttributeValueMaxChars());
        });
  }

  static void assertClean(String s, boolean keepLineBreaks, int max) {
    if (s == null) {
      return;
    }
    assertThat(s.length()).isLessThanOrEqualTo(max);
    assertThat(Texts.sanitize(s, keepLineBreaks)).as("sanitized").isSameAs(s);
  }
}
