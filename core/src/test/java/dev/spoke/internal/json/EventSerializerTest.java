package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoke.event.ApplicationStateTransition;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.IdentityChange;
import dev.spoke.event.Impression;
import dev.spoke.event.Location;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.ScreenView;
import dev.spoke.event.UserAttributeChange;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.user.IdentityType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventSerializerTest {
  private final EventSerializer serializer = new EventSerializer();

  private String json(Event e, SessionContext s) {
    return new String(serializer.serialize(e, s), StandardCharsets.UTF_8);
  }

  @Test
  void writesExactlyTheEnvelopeAndDataCompactly() {
    Event e =
        CustomEvent.builder("Clicked")
            .customEventType(CustomEventType.NAVIGATION)
            .timestamp(5L)
            .build();
    assertThat(json(e, new SessionContext(9L, "u", 3L, 2L)))
        .isEqualTo(
            "{\"event_type\":\"custom_event\",\"data\":{\"timestamp_unixtime_ms\":5,\"session_id\":9,"
                + "\"session_uuid\":\"u\",\"session_start_unixtime_ms\":3,\"event_num\":2,"
                + "\"event_name\":\"Clicked\",\"custom_event_type\":\"navigation\"}}");
  }

  @Test
  void attributeValuesAreSentAsStrings() {
    assertThat(WireValues.attributeString("s")).isEqualTo("s");
    assertThat(WireValues.attributeString(true)).isEqualTo("true");
    assertThat(WireValues.attributeString(false)).isEqualTo("false");
    assertThat(WireValues.attributeString(42)).isEqualTo("42");
    assertThat(WireValues.attributeString(-7L)).isEqualTo("-7");
    assertThat(WireValues.attributeString((short) 3)).isEqualTo("3");
    assertThat(WireValues.attributeString(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(WireValues.attributeString(new AtomicLong(11))).isEqualTo("11");
    assertThat(WireValues.attributeString(19.99)).isEqualTo("19.99");
    assertThat(WireValues.attributeString(2.0)).isEqualTo("2.0");
    assertThat(WireValues.attributeString(1.0E10)).isEqualTo("10000000000");
    assertThat(WireValues.attributeString(1.5E-7)).isEqualTo("0.00000015");
    assertThat(WireValues.attributeString(-1.0E-5)).isEqualTo("-0.00001");
    assertThat(WireValues.attributeString(2.5f)).isEqualTo("2.5");
    assertThat(WireValues.attributeString(1.0E10f)).isEqualTo("10000000000");
    assertThat(WireValues.attributeString(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(WireValues.attributeString(Double.NaN)).isEqualTo("NaN");
    assertThat(WireValues.attributeString(null)).isNull();
    assertThat(
            WireValues.attributeString(
                new Object() {
                  @Override
                  public String toString() {
                    throw new IllegalStateException("host bug");
                  }
                }))
        .isNull();
  }

  @Test
  void nullKeysAndValuesAreSkippedAndAnAllNullMapIsLeftOut() {
    Event e =
        ScreenView.builder("Home")
            .attribute(null, "x")
            .attribute("k", (String) null)
            .flag(null, "f")
            .build();
    assertThat(json(e, null))
        .isEqualTo("{\"event_type\":\"screen_view\",\"data\":{\"screen_name\":\"Home\"}}");
  }

  @Test
  void nonFiniteNumbersAreLeftOutBecauseJsonCannotCarryThem() {
    Product p =
        Product.builder("id", "n").price(Double.NaN).quantity(Double.POSITIVE_INFINITY).build();
    Event e =
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.VIEW_DETAIL)
                    .product(p)
                    .totalAmount(Double.NEGATIVE_INFINITY)
                    .build())
            .location(Location.builder(Double.NaN, 1.0).build())
            .build();
    assertThat(json(e, null))
        .isEqualTo(
            "{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":"
                + "{\"action\":\"view_detail\",\"products\":[{\"id\":\"id\",\"name\":\"n\"}]}}}");
  }

  @Test
  void membersThePlatformRequiresAreWrittenEvenWhenEmpty() {
    // mParticle/docs static/schema/mparticle.inbound.eventsapi.schema.json: ProfileEvent requires
    // previous_mpid (nullable), ProductImpression requires products.
    Event firstLogin =
        ProfileEvent.builder(ProfileEvent.ProfileEventType.LOGIN).currentMpid(7L).build();
    assertThat(json(firstLogin, null))
        .contains("\"previous_mpid\":null,\"current_mpid\":7,\"profile_event_type\":\"login\"");
    Event shown = CommerceEvent.impressions(List.of(Impression.builder("Results").build())).build();
    assertThat(json(shown, null))
        .contains("{\"product_impression_list\":\"Results\",\"products\":[]}");
  }

  @Test
  void eventsWithoutWhatThePlatformRequiresAreRefusedRatherThanSinkingTheirBatch() {
    assertThat(EventSerializer.missingRequired(ProfileEvent.builder(null).currentMpid(1L).build()))
        .isEqualTo("profile: profile_event_type is null");
    assertThat(
            EventSerializer.missingRequired(
                ProfileEvent.builder(ProfileEvent.ProfileEventType.LOGOUT).build()))
        .isEqualTo("profile: current_mpid is null");
    assertThat(EventSerializer.missingRequired(ApplicationStateTransition.builder(null).build()))
        .isEqualTo("application_state_transition: application_transition_type is null");
    assertThat(
            EventSerializer.missingRequired(
                CommerceEvent.impressions(List.of(Impression.builder(null).build())).build()))
        .isEqualTo("commerce_event: an impression's product_impression_list is null");
  }

  @Test
  void requiredNullsAreWrittenAsNull() {
    Event removed =
        UserAttributeChange.builder("a").oldValue(Arrays.asList("x", null)).deleted(true).build();
    assertThat(json(removed, null))
        .contains("\"new\":null,\"old\":[\"x\"],\"deleted\":true,\"is_new_attribute\":false");
    Event identity =
        UserIdentityChange.builder(
                IdentityChange.builder(IdentityType.CUSTOMER_ID)
                    .identity(null)
                    .timestampMillis(1)
                    .build(),
                IdentityChange.builder(IdentityType.CUSTOMER_ID)
                    .identity("c")
                    .timestampMillis(0)
                    .build())
            .build();
    assertThat(json(identity, null))
        .contains(
            "\"new\":{\"identity_type\":\"customer_id\",\"identity\":null,\"timestamp_unixtime_ms\":1,\"created_this_batch\":false}");
  }

  @Test
  void eventsMissingARequiredValueAreRefusedBeforeAnythingIsWritten() {
    List<Event> invalid =
        List.of(
            CustomEvent.builder(null).build(),
            CustomEvent.builder("n").customEventType(null).build(),
            ScreenView.builder(null).build(),
            Breadcrumb.builder(null).build(),
            NetworkPerformance.builder(null, 200).build(),
            PushRegistration.builder(true, null).build(),
            UserAttributeChange.builder(null).build(),
            UserIdentityChange.builder(null, null).build(),
            UserIdentityChange.builder(
                    IdentityChange.builder(null).build(),
                    IdentityChange.builder(IdentityType.EMAIL).build())
                .build(),
            CommerceEvent.productAction(null).build(),
            CommerceEvent.productAction(ProductAction.builder(null).build()).build(),
            CommerceEvent.promotionAction(PromotionAction.builder(null).build()).build());
    for (Event e : invalid) {
      assertThat(EventSerializer.missingRequired(e)).as("%s", e).isNotNull();
      assertThatThrownBy(() -> serializer.serialize(e, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cannot serialize " + e.type().wireName());
    }
    assertThat(EventSerializer.missingRequired(null)).isNotNull();
    // Still usable afterwards, with nothing left over from the refused events.
    assertThat(json(Breadcrumb.builder("b").build(), null))
        .isEqualTo("{\"event_type\":\"breadcrumb\",\"data\":{\"label\":\"b\"}}");
  }

  @Test
  void oneInstanceSerializesManyEventsWithoutCarryOver() {
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      outputs.add(json(CustomEvent.builder("e" + i).attribute("i", i).build(), null));
    }
    for (int i = 0; i < outputs.size(); i++) {
      assertThat(outputs.get(i))
          .isEqualTo(
              "{\"event_type\":\"custom_event\",\"data\":{\"custom_attributes\":{\"i\":\""
                  + i
                  + "\"},\"event_name\":\"e"
                  + i
                  + "\",\"custom_event_type\":\"other\"}}");
    }
  }

  @Test
  void aHostAttributeWhoseToStringThrowsIsSkippedAndTheEventSurvives() {
    Object evil =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("host bug");
          }
        };
    Event e =
        CustomEvent.builder("n")
            .attributes(java.util.Map.of("bad", evil))
            .attribute("ok", "1")
            .build();
    assertThat(json(e, null)).contains("\"custom_attributes\":{\"ok\":\"1\"}");
  }

  @Test
  void writesOntoACallersGeneratorAsAnArrayElement() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartArray();
      EventSerializer.write(g, Breadcrumb.builder("a").build(), null);
      EventSerializer.write(g, Breadcrumb.builder("b").build(), null);
      g.writeEndArray();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"event_type\":\"breadcrumb\",\"data\":{\"label\":\"a\"}},"
                + "{\"event_type\":\"breadcrumb\",\"data\":{\"label\":\"b\"}}]");
  }

  @Test
  void customFlagsOnlyOnTheThreeTypesThatCarryThem() {
    assertThat(json(CustomEvent.builder("n").flag("a", "b").build(), null))
        .contains("\"custom_flags\":{\"a\":\"b\"}");
    assertThat(json(ScreenView.builder("n").flag("a", "b").build(), null))
        .contains("\"custom_flags\"");
    assertThat(json(CommerceEvent.impressions(List.of()).flag("a", "b").build(), null))
        .contains("\"custom_flags\"")
        .contains("\"product_impressions\":[]");
  }
}
