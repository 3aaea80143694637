package dev.spoke.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationAction;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.event.ApplicationStateTransition;
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
import dev.spoke.event.SessionStart;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidatorRulesTest {
  static final long NOW = 1_700_000_000_000L;
  final List<ValidationIssue> issues = new ArrayList<>();
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final Validator validator = new Validator(ServiceLimits.defaults(), false, clock, issues::add);
  final Validator strict = new Validator(ServiceLimits.defaults(), true, clock, issues::add);

  static String chars(int n) {
    return "x".repeat(n);
  }

  private ValidationIssue only() {
    assertThat(issues).hasSize(1);
    return issues.get(0);
  }

  private String strictMessage(Event e) {
    try {
      strict.validate(e);
    } catch (SpokeValidationException x) {
      assertThat(x).isInstanceOf(IllegalArgumentException.class);
      return x.getMessage();
    }
    throw new AssertionError("strict mode did not throw for " + e);
  }

  // ---- names ----------------------------------------------------------------------------------

  @Test
  void missingNameDropsTheEvent() {
    assertThat(validator.validate(CustomEvent.builder(null).build())).isNull();
    assertThat(validator.validate(CustomEvent.builder("  ").build())).isNull();
    assertThat(validator.validate(ScreenView.builder("").build())).isNull();
    assertThat(validator.validate(Breadcrumb.builder(null).build())).isNull();
    assertThat(validator.validate(NetworkPerformance.builder(" ", 200).build())).isNull();
    assertThat(issues)
        .hasSize(5)
        .allSatisfy(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_NAME_MISSING);
              assertThat(i.action()).isEqualTo(ValidationAction.DROP_EVENT);
            });
    assertThat(issues.get(2).key()).isEqualTo("screen_name");
    assertThat(strictMessage(CustomEvent.builder(null).build()))
        .contains("EVENT_NAME_MISSING", "non-blank name");
  }

  @Test
  void nameOverTheLimitIsTruncatedAndTheEventKept() {
    assertThat(validator.validate(CustomEvent.builder(chars(256)).build())).isNotNull();
    assertThat(issues).isEmpty();
    Event kept = validator.validate(CustomEvent.builder(chars(257)).attribute("k", "v").build());
    assertThat(kept).isNotNull();
    assertThat(((CustomEvent) kept).name()).isEqualTo(chars(257).substring(0, 256));
    assertThat(kept.customAttributes()).containsEntry("k", "v");
    ValidationIssue i = only();
    assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_NAME_TOO_LONG);
    assertThat(i.action()).isEqualTo(ValidationAction.TRUNCATE);
    assertThat(i.observed()).isEqualTo(257);
    assertThat(i.limit()).isEqualTo(256);
    assertThat(i.key()).isEqualTo("event_name");
    assertThat(i.eventName()).hasSize(ValidationIssue.DISPLAY_MAX_CHARS + 1).endsWith("\u2026");
    assertThat(strictMessage(ScreenView.builder(chars(300)).build()))
        .contains("300 characters", "limit is 256", "ServiceLimits.eventNameMaxChars", "truncated");
    issues.clear();
    Event screen = validator.validate(ScreenView.builder(chars(300)).build());
    assertThat(((ScreenView) screen).screenName()).hasSize(256);
    Event commerce =
        validator.validate(
            CommerceEvent.productAction(
                    dev.spoke.event.ProductAction.builder(
                            dev.spoke.event.ProductActionType.PURCHASE)
                        .build())
                .eventName(chars(400))
                .build());
    assertThat(((CommerceEvent) commerce).eventName()).hasSize(256);
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.EVENT_NAME_TOO_LONG);
  }

  @Test
  void nameLimitCountsUtf16UnitsAfterSanitizing() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    assertThat(validator.validate(CustomEvent.builder(emoji.repeat(128)).build())).isNotNull();
    // 257 units: truncated to 256, which ends on a whole pair (never inside one).
    Event cut = validator.validate(CustomEvent.builder(emoji.repeat(128) + "x").build());
    assertThat(((CustomEvent) cut).name()).isEqualTo(emoji.repeat(128));
    Event odd = validator.validate(CustomEvent.builder("x" + emoji.repeat(128)).build());
    assertThat(((CustomEvent) odd).name()).isEqualTo("x" + emoji.repeat(127));
    // Control characters are removed before measuring.
    Event ok = validator.validate(CustomEvent.builder(chars(256) + "\u0001").build());
    assertThat(((CustomEvent) ok).name()).isEqualTo(chars(256));
  }

  @Test
  void requiredFieldMissingDropsTheEvent() {
    assertThat(validator.validate(CustomEvent.builder("a").customEventType(null).build())).isNull();
    assertThat(validator.validate(ApplicationStateTransition.builder(null).build())).isNull();
    assertThat(validator.validate(CommerceEvent.productAction(null).build())).isNull();
    assertThat(validator.validate(null)).isNull();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.REQUIRED_FIELD_MISSING);
    assertThat(issues)
        .extracting(ValidationIssue::key)
        .containsExactly(
            "custom_event_type", "application_transition_type", "product_action", "event");
    assertThat(strictMessage(CustomEvent.builder("a").customEventType(null).build()))
        .contains("'custom_event_type'", "DROP_EVENT");
  }

  // ---- attributes -----------------------------------------------------------------------------

  @Test
  void tooManyAttributesKeepsTheEventWithoutAttributes() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (int i = 0; i < 101; i++) {
      attrs.put("k" + i, "v");
    }
    Event out = validator.validate(CustomEvent.builder("e").attributes(attrs).build());
    assertThat(out).isNotNull();
    assertThat(out.customAttributes()).isEmpty();
    ValidationIssue i = only();
    assertThat(i.rule()).isEqualTo(ValidationRule.TOO_MANY_EVENT_ATTRIBUTES);
    assertThat(i.action()).isEqualTo(ValidationAction.DROP_ALL_ATTRIBUTES);
    assertThat(i.observed()).isEqualTo(101);
    assertThat(i.limit()).isEqualTo(100);
    assertThat(i.eventName()).isEqualTo("e");
    attrs.remove("k0");
    issues.clear();
    assertThat(
            validator
                .validate(CustomEvent.builder("e").attributes(attrs).build())
                .customAttributes())
        .hasSize(100);
    assertThat(issues).isEmpty();
  }

  @Test
  void invalidKeysDropTheirAttribute() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("ok", "1");
    attrs.put(null, "2");
    attrs.put(" ", "3");
    Event out = validator.validate(CustomEvent.builder("e").attributes(attrs).build());
    assertThat(out.customAttributes()).containsExactly(Map.entry("ok", "1"));
    assertThat(issues)
        .hasSize(2)
        .allSatisfy(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID);
              assertThat(i.action()).isEqualTo(ValidationAction.DROP_ATTRIBUTE);
            });
    assertThat(strictMessage(CustomEvent.builder("e").attribute(null, "v").build()))
        .contains("non-blank key");
  }

  @Test
  void keyOverTheLimitDropsItsAttribute() {
    Event out =
        validator.validate(
            CustomEvent.builder("e").attribute(chars(257), "v").attribute("b", "w").build());
    assertThat(out.customAttributes()).containsExactly(Map.entry("b", "w"));
    ValidationIssue i = only();
    assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_ATTRIBUTE_KEY_TOO_LONG);
    assertThat(i.observed()).isEqualTo(257);
    assertThat(i.limit()).isEqualTo(256);
    assertThat(i.key()).startsWith("xxxx").hasSize(ValidationIssue.DISPLAY_MAX_CHARS + 1);
    assertThat(strictMessage(CustomEvent.builder("e").attribute(chars(300), "v").build()))
        .contains("ServiceLimits.eventAttributeKeyMaxChars", "300 characters");
  }

  @Test
  void valueOverTheLimitDropsItsAttribute() {
    Event out =
        validator.validate(
            CustomEvent.builder("e")
                .attribute("desc", chars(4097))
                .attribute("max", chars(4096))
                .build());
    assertThat(out.customAttributes()).containsOnlyKeys("max");
    ValidationIssue i = only();
    assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG);
    assertThat(i.action()).isEqualTo(ValidationAction.DROP_ATTRIBUTE);
    assertThat(i.key()).isEqualTo("desc");
    assertThat(i.observed()).isEqualTo(4097);
    assertThat(i.limit()).isEqualTo(4096);
    assertThat(strictMessage(CustomEvent.builder("e").attribute("desc", chars(5000)).build()))
        .startsWith(
            "event attribute 'desc' value has 5000 characters; the platform limit is 4096"
                + " (ServiceLimits.eventAttributeValueMaxChars): shorten it");
  }

  @Test
  void hugeNumbersAreRefusedWithoutRenderingThem() {
    Event out =
        validator.validate(
            CustomEvent.builder("e")
                .attribute("big", new BigDecimal("1E999999999"))
                .attribute("bigint", BigInteger.ONE.shiftLeft(100_000))
                .build());
    assertThat(out.customAttributes()).isEmpty();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(
            ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG,
            ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG);
    assertThat(issues.get(0).observed()).isGreaterThan(999_999_999L);
  }

  @Test
  void invalidValuesDropTheirAttribute() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("null", null);
    attrs.put("nan", Double.NaN);
    attrs.put("inf", Float.POSITIVE_INFINITY);
    attrs.put("map", Map.of("a", "b"));
    attrs.put("list", List.of("a"));
    attrs.put("object", new Object());
    attrs.put("ok", 1);
    Event out = validator.validate(CustomEvent.builder("e").attributes(attrs).build());
    assertThat(out.customAttributes()).containsExactly(Map.entry("ok", "1"));
    assertThat(issues)
        .hasSize(6)
        .allSatisfy(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.EVENT_ATTRIBUTE_VALUE_INVALID);
              assertThat(i.action()).isEqualTo(ValidationAction.DROP_ATTRIBUTE);
            });
    assertThat(issues)
        .extracting(ValidationIssue::key)
        .containsExactly("null", "nan", "inf", "map", "list", "object");
    assertThat(strictMessage(CustomEvent.builder("e").attribute("nan", Double.NaN).build()))
        .contains("'nan'", "NaN");
  }

  @Test
  void valuesBecomeWireText() {
    Event out =
        validator.validate(
            CustomEvent.builder("e")
                .attribute("t", true)
                .attribute("f", false)
                .attribute("i", 42)
                .attribute("l", -7L)
                .attribute("s", (short) 3)
                .attribute("d", 1.5)
                .attribute("big", 1e20)
                .attribute("small", 1e-5)
                .attribute("fl", 2.5f)
                .attribute("bd", new BigDecimal("1E+3"))
                .attribute("bi", new BigInteger("123456789012345678901234567890"))
                .attributes(Map.of("c", 'z'))
                .attributes(Map.of("sb", new StringBuilder("sb")))
                .build());
    assertThat(out.customAttributes())
        .containsExactly(
            Map.entry("t", "true"),
            Map.entry("f", "false"),
            Map.entry("i", "42"),
            Map.entry("l", "-7"),
            Map.entry("s", "3"),
            Map.entry("d", "1.5"),
            Map.entry("big", "100000000000000000000"),
            Map.entry("small", "0.00001"),
            Map.entry("fl", "2.5"),
            Map.entry("bd", "1000"),
            Map.entry("bi", "123456789012345678901234567890"),
            Map.entry("c", "z"),
            Map.entry("sb", "sb"));
    assertThat(issues).isEmpty();
  }

  @Test
  void customFlagsFollowTheAttributeRules() {
    Event out =
        validator.validate(
            CustomEvent.builder("e")
                .flag("ok", "1")
                .flag("long", chars(4097))
                .flag(null, "x")
                .flag("nullValue", null)
                .build());
    assertThat(((CustomEvent) out).customFlags()).containsExactly(Map.entry("ok", "1"));
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(
            ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG,
            ValidationRule.EVENT_ATTRIBUTE_KEY_INVALID,
            ValidationRule.EVENT_ATTRIBUTE_VALUE_INVALID);
    issues.clear();
    ScreenView.Builder b = ScreenView.builder("home");
    for (int i = 0; i < 101; i++) {
      b.flag("f" + i, "v");
    }
    ScreenView s = (ScreenView) validator.validate(b.build());
    assertThat(s.customFlags()).isEmpty();
    assertThat(only().key()).isEqualTo("custom_flags");
  }

  @Test
  void productAttributesAreValidatedLikeEventAttributes() {
    Product p =
        Product.builder("sku", "Shoe")
            .price(Double.NaN)
            .attribute("size", 42)
            .attribute("bad", chars(5000))
            .build();
    CommerceEvent e =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE).product(p).product(null).build())
            .shoppingCart(List.of(p))
            .build();
    CommerceEvent out = (CommerceEvent) validator.validate(e);
    Product cleaned = out.productAction().products().get(0);
    assertThat(out.productAction().products()).hasSize(1);
    assertThat(cleaned.customAttributes()).containsExactly(Map.entry("size", "42"));
    assertThat(cleaned.price()).isNull();
    assertThat(out.shoppingCart().get(0)).isEqualTo(cleaned);
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .contains(ValidationRule.EVENT_ATTRIBUTE_VALUE_TOO_LONG, ValidationRule.FIELD_INVALID);
  }

  @Test
  void commerceEventWithoutProductsIsFine() {
    CommerceEvent e =
        CommerceEvent.productAction(ProductAction.builder(ProductActionType.CHECKOUT).build())
            .timestamp(NOW)
            .sourceMessageId("id")
            .build();
    assertThat(validator.validate(e)).isSameAs(e);
    assertThat(issues).isEmpty();
  }

  // ---- text -----------------------------------------------------------------------------------

  @Test
  void stringsAreSanitized() {
    Event out =
        validator.validate(
            CustomEvent.builder("na\u0000me")
                .attribute("k\tey", "line1\nline2\u0007")
                .attribute("lone", "a\uD800b")
                .build());
    CustomEvent c = (CustomEvent) out;
    assertThat(c.name()).isEqualTo("name");
    assertThat(c.customAttributes())
        .containsExactly(Map.entry("key", "line1\nline2"), Map.entry("lone", "a\uFFFDb"));
    assertThat(issues)
        .hasSize(4)
        .allSatisfy(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.STRING_SANITIZED);
              assertThat(i.action()).isEqualTo(ValidationAction.SANITIZE);
              assertThat(i.observed()).isEqualTo(1);
            });
    assertThat(strictMessage(CustomEvent.builder("a\u0001").build())).contains("control character");
  }

  @Test
  void freeTextIsTruncatedToItsCap() {
    CrashReport crash =
        CrashReport.builder()
            .message(chars(5000))
            .stackTrace(chars(20_000))
            .className("C")
            .breadcrumbs(java.util.Collections.nCopies(60, "crumb"))
            .build();
    CrashReport out = (CrashReport) validator.validate(crash);
    assertThat(out.message()).hasSize(Validator.CRASH_MESSAGE_MAX_CHARS);
    assertThat(out.stackTrace()).hasSize(Validator.STACK_TRACE_MAX_CHARS);
    assertThat(out.breadcrumbs()).hasSize(Validator.CRASH_BREADCRUMBS_MAX);
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.FIELD_TRUNCATED);
    assertThat(issues)
        .extracting(ValidationIssue::key)
        .containsExactly("message", "stack_trace", "breadcrumbs");
    assertThat(issues.get(1).observed()).isEqualTo(20_000);
    assertThat(issues.get(1).action()).isEqualTo(ValidationAction.TRUNCATE);

    NetworkPerformance net =
        (NetworkPerformance)
            validator.validate(NetworkPerformance.builder("https://x/" + chars(3000), 200).build());
    assertThat(net.url()).hasSize(Validator.URL_MAX_CHARS);
    Breadcrumb crumb = (Breadcrumb) validator.validate(Breadcrumb.builder(chars(2000)).build());
    assertThat(crumb.label()).hasSize(Validator.TEXT_MAX_CHARS);
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String text = "x".repeat(Validator.TEXT_MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
    Breadcrumb out = (Breadcrumb) validator.validate(Breadcrumb.builder(text).build());
    assertThat(out.label()).isEqualTo("x".repeat(Validator.TEXT_MAX_CHARS - 1));
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsExactly(ValidationRule.FIELD_TRUNCATED);
  }

  @Test
  void invalidLocationIsRemoved() {
    Event out =
        validator.validate(SessionStart.builder().location(Location.of(Double.NaN, 3)).build());
    assertThat(out.location()).isNull();
    assertThat(only().rule()).isEqualTo(ValidationRule.FIELD_INVALID);
    Location fine = Location.of(45, 90);
    assertThat(validator.validate(SessionStart.builder().location(fine).build()).location())
        .isSameAs(fine);
  }

  // ---- timestamps and ids ---------------------------------------------------------------------

  @Test
  void futureTimestampIsResetToNow() {
    long tolerance = ServiceLimits.defaults().futureToleranceMillis();
    Event out = validator.validate(CustomEvent.builder("e").timestamp(NOW + tolerance + 1).build());
    assertThat(out.timestampMillis()).isEqualTo(NOW);
    ValidationIssue i = only();
    assertThat(i.rule()).isEqualTo(ValidationRule.TIMESTAMP_IN_FUTURE);
    assertThat(i.action()).isEqualTo(ValidationAction.RESET_TIMESTAMP);
    assertThat(i.observed()).isEqualTo(tolerance + 1);
    assertThat(i.limit()).isEqualTo(tolerance);
    assertThat(
            validator
                .validate(CustomEvent.builder("e").timestamp(NOW + tolerance).build())
                .timestampMillis())
        .isEqualTo(NOW + tolerance);
    assertThat(validator.validate(CustomEvent.builder("e").timestamp(0).build()).timestampMillis())
        .isZero();
    assertThat(
            validator
                .validate(CustomEvent.builder("e").timestamp(Long.MAX_VALUE).build())
                .timestampMillis())
        .isEqualTo(NOW);
    assertThat(strictMessage(CustomEvent.builder("e").timestamp(NOW + tolerance + 1).build()))
        .contains("ServiceLimits.futureToleranceMillis", "TIMESTAMP_IN_FUTURE");
  }

  @Test
  void missingTimestampAndIdAreFilledWithoutAReport() {
    Event out = validator.validate(CustomEvent.builder("e").build());
    assertThat(out.timestampMillis()).isEqualTo(NOW);
    assertThat(UUID.fromString(out.sourceMessageId())).isNotNull();
    assertThat(issues).isEmpty();
    Event again = validator.validate(CustomEvent.builder("e").sourceMessageId("mine").build());
    assertThat(again.sourceMessageId()).isEqualTo("mine");
  }

  @Test
  void historicalMeansOlderThanThirtyDays() {
    long after = ServiceLimits.defaults().historicalAfterMillis();
    assertThat(validator.isHistorical(NOW - after - 1, NOW)).isTrue();
    assertThat(validator.isHistorical(NOW - after, NOW)).isFalse();
    assertThat(validator.isHistorical(NOW + 1000, NOW)).isFalse();
    assertThat(validator.isHistorical(Long.MIN_VALUE, NOW)).isTrue();
  }

  // ---- behaviour of the checker itself ----------------------------------------------------------

  @Test
  void aValidEventIsReturnedAsTheSameInstance() {
    CustomEvent e =
        CustomEvent.builder("e")
            .attribute("a", "1")
            .timestamp(NOW - 5)
            .sourceMessageId("id")
            .build();
    assertThat(validator.validate(e)).isSameAs(e);
  }

  @Test
  void fillingTimestampAndIdReusesTheAttributeMap() {
    CustomEvent e =
        CustomEvent.builder("Purchase")
            .attribute("a", "1")
            .attribute("b", "2")
            .attribute("c", "3")
            .attribute("d", "4")
            .attribute("e", "5")
            .build();
    Event out = validator.validate(e);
    assertThat(out).isNotSameAs(e);
    assertThat(out.customAttributes()).isSameAs(e.customAttributes());
    assertThat(((CustomEvent) out).customFlags()).isSameAs(e.customFlags());
    assertThat(out.timestampMillis()).isEqualTo(NOW);
    assertThat(issues).isEmpty();
  }

  @Test
  void aBuilderFromAnEventCopiesTheSharedMapBeforeChangingIt() {
    CustomEvent e = CustomEvent.builder("e").attribute("a", "1").build();
    CustomEvent changed = e.toBuilder().attribute("b", "2").build();
    assertThat(e.customAttributes()).containsExactly(Map.entry("a", "1"));
    assertThat(changed.customAttributes())
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(e.toBuilder().clearAttributes().build().customAttributes()).isEmpty();
    assertThat(e.customAttributes()).hasSize(1);
  }

  @Test
  void aThrowingListenerNeverReachesTheCaller() {
    Validator v =
        new Validator(
            ServiceLimits.defaults(),
            false,
            clock,
            i -> {
              throw new IllegalStateException("listener bug");
            });
    Event out = v.validate(CustomEvent.builder("e").attribute("k", Double.NaN).build());
    assertThat(out.customAttributes()).isEmpty();
  }

  @Test
  void strictModeReportsNothing() {
    assertThatThrownBy(
            () -> strict.validate(CustomEvent.builder("e").attribute("k", Double.NaN).build()))
        .isInstanceOf(SpokeValidationException.class)
        .satisfies(
            x ->
                assertThat(((SpokeValidationException) x).issue().rule())
                    .isEqualTo(ValidationRule.EVENT_ATTRIBUTE_VALUE_INVALID));
    assertThat(issues).isEmpty();
    CustomEvent fine = CustomEvent.builder("e").attribute("k", 1).build();
    assertThat(strict.validate(fine).customAttributes()).containsExactly(Map.entry("k", "1"));
  }

  @Test
  void customLimitsApply() {
    Validator small =
        new Validator(
            ServiceLimits.builder().eventNameMaxChars(3).attributesPerEvent(1).build(),
            false,
            clock,
            issues::add);
    assertThat(((CustomEvent) small.validate(CustomEvent.builder("abcd").build())).name())
        .isEqualTo("abc");
    assertThat(
            small
                .validate(
                    CustomEvent.builder("abc").attribute("a", "1").attribute("b", "2").build())
                .customAttributes())
        .isEmpty();
    assertThat(issues).extracting(ValidationIssue::limit).containsExactly(3L, 1L);
  }
}
