package dev.spoke.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.user.IdentityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBuildersTest {

  /** One fully populated event of every concrete type, built twice to check equality. */
  static List<Event> everyType() {
    List<Event> all = new ArrayList<>();
    all.add(
        CustomEvent.builder("Play")
            .customEventType(CustomEventType.MEDIA)
            .flag("f", "v")
            .attribute("k", "v")
            .timestamp(1000L)
            .build());
    all.add(ScreenView.builder("home").flag("a", "b").location(Location.of(1.5, 2.5)).build());
    all.add(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .product(Product.builder("sku", "Shoe").price(9.5).build())
                    .build())
            .currencyCode("EUR")
            .build());
    all.add(SessionStart.builder().sourceMessageId("id-1").build());
    all.add(SessionEnd.builder(42L).build());
    all.add(
        CrashReport.builder()
            .className("X")
            .breadcrumb("b1")
            .severity("fatal")
            .message("m")
            .stackTrace("st")
            .exceptionHandled(false)
            .build());
    all.add(Breadcrumb.builder("step").build());
    all.add(OptOut.builder(true).build());
    all.add(
        ApplicationStateTransition.builder(
                ApplicationStateTransition.TransitionType.APPLICATION_EXIT)
            .firstRun(true)
            .upgrade(false)
            .build());
    all.add(
        NetworkPerformance.builder("https://x", 200)
            .httpVerb("GET")
            .timeElapsedMillis(5L)
            .bytesIn(1L)
            .bytesOut(2L)
            .build());
    all.add(PushRegistration.builder(true, "tok").build());
    all.add(
        ProfileEvent.builder(ProfileEvent.ProfileEventType.LOGIN)
            .previousMpid(1L)
            .currentMpid(2L)
            .build());
    all.add(
        UserAttributeChange.builder("color")
            .newValue("red")
            .oldValue(null)
            .newAttribute(true)
            .build());
    all.add(
        UserIdentityChange.builder(
                IdentityChange.builder(IdentityType.EMAIL)
                    .identity("a@b.c")
                    .timestampMillis(5)
                    .createdThisBatch(true)
                    .build(),
                IdentityChange.builder(IdentityType.EMAIL).timestampMillis(4).build())
            .eventStartMillis(7L)
            .build());
    return all;
  }

  @Test
  void everyTypeHasItsEventTypeAndEqualsItsRebuild() {
    List<Event> a = everyType();
    List<Event> b = everyType();
    assertThat(a)
        .extracting(Event::type)
        .containsExactly(
            EventType.CUSTOM_EVENT,
            EventType.SCREEN_VIEW,
            EventType.COMMERCE_EVENT,
            EventType.SESSION_START,
            EventType.SESSION_END,
            EventType.CRASH_REPORT,
            EventType.BREADCRUMB,
            EventType.OPT_OUT,
            EventType.APPLICATION_STATE_TRANSITION,
            EventType.NETWORK_PERFORMANCE,
            EventType.PUSH_REGISTRATION,
            EventType.PROFILE,
            EventType.USER_ATTRIBUTE_CHANGE,
            EventType.USER_IDENTITY_CHANGE);
    for (int i = 0; i < a.size(); i++) {
      Event e = a.get(i);
      assertThat(e).isEqualTo(b.get(i)).hasSameHashCodeAs(b.get(i));
      assertThat(e.toBuilder().build()).as("toBuilder round trip of %s", e).isEqualTo(e);
      assertThat(e.toString()).startsWith(e.getClass().getSimpleName() + "[");
      for (int j = 0; j < a.size(); j++) {
        if (i != j) {
          assertThat(e).isNotEqualTo(b.get(j));
        }
      }
    }
  }

  @Test
  void withHelpersProduceFixedCopiesOfTheSameType() {
    for (Event e : everyType()) {
      Event t = e.withTimestampMillis(123L);
      assertThat(t).isInstanceOf(e.getClass());
      assertThat(t.timestampMillis()).isEqualTo(123L);
      assertThat(t).isNotEqualTo(e);
      assertThat(
              t.withTimestampMillis(e.timestampMillis() == null ? 0 : e.timestampMillis()).type())
          .isEqualTo(e.type());

      Event s = e.withSourceMessageId("fixed");
      assertThat(s.sourceMessageId()).isEqualTo("fixed");
      assertThat(s.toBuilder().sourceMessageId(e.sourceMessageId()).build()).isEqualTo(e);

      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("only", "this");
      Event c = e.withCustomAttributes(attrs);
      assertThat(c.customAttributes()).containsExactly(Map.entry("only", "this"));
      assertThat(e.withCustomAttributes(null).customAttributes()).isEmpty();
    }
  }

  @Test
  void buildersCarryRawAndNullInputWithoutThrowing() {
    Map<String, Object> raw = new HashMap<>();
    raw.put(null, "nullKey");
    raw.put("nullValue", null);
    raw.put("", Double.NaN);
    raw.put("obj", new StringBuilder("other type"));
    CustomEvent e =
        CustomEvent.builder(null)
            .customEventType(null)
            .attributes(raw)
            .attribute(null, (String) null)
            .attribute("n", Long.MAX_VALUE)
            .attribute("b", true)
            .flag(null, null)
            .flags(null)
            .attributes(null)
            .location(
                Location.builder(Double.NaN, 1e308).accuracy(Double.NEGATIVE_INFINITY).build())
            .timestamp((Instant) null)
            .sourceMessageId("  ")
            .build();
    assertThat(e.name()).isNull();
    assertThat(e.customEventType()).isNull();
    assertThat(e.customAttributes())
        .containsKey(null)
        .containsEntry("nullValue", null)
        .containsEntry("n", Long.MAX_VALUE)
        .containsEntry("b", true)
        .containsKey("obj");
    assertThat(e.customAttributes().get("")).isEqualTo(Double.NaN);
    assertThat(e.customFlags()).containsEntry(null, null);
    assertThat(e.location().latitude()).isNaN();
    assertThat(e.timestampMillis()).isNull();
    assertThat(e.sourceMessageId()).isEqualTo("  ");
    String huge = "x".repeat(100_000);
    assertThat(ScreenView.builder(huge).build().screenName()).hasSize(100_000);
    assertThat(CustomEvent.builder("").build().customEventType()).isEqualTo(CustomEventType.OTHER);
  }

  @Test
  void timestampFromInstantSaturatesInsteadOfThrowing() {
    assertThat(
            SessionStart.builder().timestamp(Instant.ofEpochMilli(1234)).build().timestampMillis())
        .isEqualTo(1234L);
    assertThat(SessionStart.builder().timestamp(Instant.MAX).build().timestampMillis())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(SessionStart.builder().timestamp(Instant.MIN).build().timestampMillis())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(SessionStart.builder().timestamp(5L).timestampMillis(null).build().timestampMillis())
        .isNull();
  }

  @Test
  void mutatingSourcesAfterBuildHasNoEffectAndViewsAreUnmodifiable() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("a", "1");
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("f", "1");
    CustomEvent.Builder builder = CustomEvent.builder("n").attributes(attrs).flags(flags);
    CustomEvent e = builder.build();
    attrs.put("b", "2");
    flags.put("g", "2");
    builder.attribute("c", "3").flag("h", "3");
    assertThat(e.customAttributes()).containsOnlyKeys("a");
    assertThat(e.customFlags()).containsOnlyKeys("f");
    assertThatThrownBy(() -> e.customAttributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.customFlags().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);

    List<String> crumbs = new ArrayList<>(List.of("one"));
    CrashReport c = CrashReport.builder().breadcrumbs(crumbs).build();
    crumbs.add("two");
    assertThat(c.breadcrumbs()).containsExactly("one");
    assertThatThrownBy(() -> c.breadcrumbs().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);

    CustomEvent rebuilt = e.toBuilder().attribute("z", "z").flag("z", "z").build();
    assertThat(rebuilt.customAttributes()).containsOnlyKeys("a", "z");
    assertThat(e.customAttributes()).containsOnlyKeys("a");
  }

  @Test
  void userAttributeChangeCopiesListValues() {
    List<String> values = new ArrayList<>();
    values.add("a");
    values.add(null);
    UserAttributeChange c =
        UserAttributeChange.builder("tags").newValue(values).oldValue("x").deleted(false).build();
    values.add("b");
    assertThat(c.newValue()).isEqualTo(java.util.Arrays.asList("a", null));
    assertThatThrownBy(() -> ((List<?>) c.newValue()).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.oldValue()).isEqualTo("x");
    assertThat(c.toBuilder().build()).isEqualTo(c);
    UserAttributeChange removed =
        UserAttributeChange.builder("gone").newValue(null).deleted(true).build();
    assertThat(removed.newValue()).isNull();
    assertThat(removed.deleted()).isTrue();
  }

  @Test
  void nullsEverywhereNeverThrow() {
    assertThat(UserIdentityChange.builder(null, null).build().newIdentity()).isNull();
    assertThat(IdentityChange.builder(null).identity(null).build().type()).isNull();
    assertThat(ProfileEvent.builder(null).build().profileEventType()).isNull();
    assertThat(ApplicationStateTransition.builder(null).build().transitionType()).isNull();
    assertThat(NetworkPerformance.builder(null, -1).build().responseCode()).isEqualTo(-1);
    assertThat(PushRegistration.builder(false, null).build().register()).isFalse();
    assertThat(Breadcrumb.builder(null).build().label()).isNull();
    assertThat(CrashReport.builder().breadcrumbs(null).build().breadcrumbs()).isEmpty();
    assertThat(ProductAction.builder(null).products(null).product(null).build().products())
        .containsExactly((Product) null);
    assertThat(
            Product.builder()
                .attributes(null)
                .attribute(null, (Number) null)
                .build()
                .customAttributes())
        .containsEntry(null, null);
  }

  @Test
  void crashReportFromThrowable() {
    IllegalStateException boom = new IllegalStateException("boom");
    CrashReport c = CrashReport.from(boom, true).severity("error").build();
    assertThat(c.className()).isEqualTo("java.lang.IllegalStateException");
    assertThat(c.message()).isEqualTo("boom");
    assertThat(c.stackTrace())
        .contains("IllegalStateException: boom")
        .contains("crashReportFromThrowable");
    assertThat(c.exceptionHandled()).isTrue();
    assertThat(c.severity()).isEqualTo("error");

    CrashReport empty = CrashReport.from(null, false).build();
    assertThat(empty.className()).isNull();
    assertThat(empty.exceptionHandled()).isFalse();

    RuntimeException hostile =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("no text");
          }
        };
    CrashReport h = CrashReport.from(hostile, false).build();
    assertThat(h.className()).isNotNull();
    assertThat(h.message()).isNull();
  }

  @Test
  void locationValueSemantics() {
    Location l = Location.builder(1, 2).accuracy(3.0).build();
    assertThat(l.toBuilder().build()).isEqualTo(l).hasSameHashCodeAs(l);
    assertThat(l).isNotEqualTo(Location.of(1, 2));
    assertThat(Location.of(Double.NaN, 0)).isEqualTo(Location.of(Double.NaN, 0));
    assertThat(l.toString()).contains("latitude=1.0").contains("accuracy=3.0");
  }
}
