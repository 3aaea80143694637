package dev.spoke.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * eaa/ear/eas as a kit reads them (hash of type + name + key, as the Android SDK's Braze kit
 * computes it).
 */
class EventAttributeMappingsTest {
  static int hash(String s) {
    return s.toLowerCase(Locale.ROOT).hashCode();
  }

  @Test
  void forEventHashesTypeNameAndKeyIgnoringCase() {
    EventAttributeMappings m =
        EventAttributeMappings.builder()
            .put(EventAttributeMappings.Action.ADD_TO_LIST, hash("4Bought Itemsku"), "skus")
            .put(EventAttributeMappings.Action.SET_SINGLE, hash("4Bought Itemsku"), "last_sku")
            .put(
                EventAttributeMappings.Action.REMOVE_FROM_LIST,
                hash("4Bought Itemwish"),
                "wishlist")
            .build();
    CustomEvent e =
        CustomEvent.builder("BOUGHT ITEM")
            .customEventType(CustomEventType.TRANSACTION)
            .attribute("SKU", "s1")
            .attribute("wish", "s1")
            .attribute("other", "x")
            .build();
    assertThat(m.forEvent(e))
        .extracting(EventAttributeMappings.Mapping::toString)
        .containsExactly(
            "ADD_TO_LIST skus <- SKU=s1",
            "SET_SINGLE last_sku <- SKU=s1",
            "REMOVE_FROM_LIST wishlist <- wish=s1");
    assertThat(
            m.forEvent(
                CustomEvent.builder("Bought Item")
                    .customEventType(CustomEventType.OTHER)
                    .attribute("sku", "s1")
                    .build()))
        .isEmpty();
    assertThat(m.forEvent(null)).isEmpty();
    assertThat(EventAttributeMappings.NONE.forEvent(e)).isEmpty();
  }

  @Test
  void valuesAreText() {
    int h = hash("8Scoredpoints");
    EventAttributeMappings m = EventAttributeMappings.of(Map.of(), Map.of(), Map.of(h, "score"));
    assertThat(
            m.forEvent(
                CustomEvent.builder("Scored")
                    .customEventType(CustomEventType.OTHER)
                    .attribute("points", 12)
                    .build()))
        .singleElement()
        .satisfies(x -> assertThat(x.value()).isEqualTo("12"));
    assertThat(m.singleItemUser()).containsExactly(Map.entry(h, "score"));
    assertThat(m).isEqualTo(EventAttributeMappings.of(Map.of(), Map.of(), Map.of(h, "score")));
  }

  @Test
  void emptyIsNoneAndTheBuilderNamesWhatIsWrong() {
    assertThat(EventAttributeMappings.of(Map.of(), Map.of(), Map.of()))
        .isSameAs(EventAttributeMappings.NONE);
    assertThat(EventAttributeMappings.builder().build().isEmpty()).isTrue();
    assertThatThrownBy(
            () ->
                EventAttributeMappings.builder()
                    .put(EventAttributeMappings.Action.ADD_TO_LIST, 1, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userAttribute");
    assertThatThrownBy(() -> built().addToUser().put(1, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static EventAttributeMappings built() {
    return EventAttributeMappings.builder()
        .put(EventAttributeMappings.Action.ADD_TO_LIST, 5, "a")
        .build();
  }
}
