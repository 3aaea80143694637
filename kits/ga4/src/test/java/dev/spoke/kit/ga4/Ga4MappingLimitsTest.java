package dev.spoke.kit.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GA4's naming rules and per-event limits, applied by the mapper. */
class Ga4MappingLimitsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Add To Cart|Add_To_Cart",
        "'  video-played  '|video_played__",
        "123 go|go",
        "_private|private",
        "ümlaut event|mlaut_event",
        "session_start|custom_session_start",
        "First_Open|custom_First_Open",
        "google_thing|custom_google_thing",
        "GA_x|custom_GA_x",
        "a.b/c|a_b_c",
      })
  void eventNamesFollowGa4Rules(String raw, String expected) {
    assertThat(Ga4Names.eventName(raw)).isEqualTo(expected);
  }

  @Test
  void namesAreCutToTheirLimits() {
    String longName = "a".repeat(60);
    assertThat(Ga4Names.eventName(longName)).hasSize(40);
    assertThat(Ga4Names.paramName(longName)).hasSize(40);
    assertThat(Ga4Names.userPropertyName(longName)).hasSize(24);
    assertThat(Ga4Names.eventName("firebase_" + longName))
        .hasSize(40)
        .startsWith("custom_firebase_aaa");
  }

  @Test
  void unusableNamesAreNull() {
    assertThat(Ga4Names.eventName(null)).isNull();
    assertThat(Ga4Names.eventName("")).isNull();
    assertThat(Ga4Names.eventName("42 !")).isNull();
    assertThat(Ga4Names.paramName("_")).isNull();
  }

  @Test
  void atMostTwentyFiveParamsWithValuesCutToOneHundredChars() {
    CustomEvent.Builder b = CustomEvent.builder("big");
    for (int i = 0; i < 40; i++) {
      b.attribute("k" + i, "x".repeat(150));
    }
    b.attribute(null, "null key").attribute("nullValue", (String) null);
    Ga4Event e = Ga4Mapper.custom(b.build()).get(0);
    assertThat(e.params).hasSize(25).containsKeys("k0", "k24").doesNotContainKey("k25");
    assertThat(e.params.values()).allSatisfy(v -> assertThat((String) v).hasSize(100));
  }

  @Test
  void firstOfTwoCollidingParamNamesWins() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("my key", "first");
    attrs.put("my-key", "second");
    attrs.put("nan", Double.NaN);
    attrs.put("big", 1e20);
    Ga4Event e = Ga4Mapper.custom(CustomEvent.builder("e").attributes(attrs).build()).get(0);
    assertThat(e.params).containsExactly(Map.entry("my_key", "first"), Map.entry("big", 1e20));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String s = "a".repeat(99) + "😀";
    assertThat(Ga4Names.truncate(s, 100)).isEqualTo("a".repeat(99));
  }

  @Test
  void userPropertiesAreBoundedAndSanitised() {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("$firstname", "Ada");
    attrs.put("a very long attribute name indeed", "v");
    attrs.put("tag", null);
    attrs.put("long", "y".repeat(50));
    attrs.put("list", List.of("a", "b"));
    for (int i = 0; i < 30; i++) {
      attrs.put("p" + i, "v" + i);
    }
    KitUser u = new KitUser(1L, UserIdentities.empty(), attrs, ConsentState.empty(), false);
    Map<String, String> props = Ga4Payload.userProperties(u);
    assertThat(props).hasSize(25);
    assertThat(props)
        .containsEntry("firstname", "Ada")
        .containsEntry("a_very_long_attribute_na", "v")
        .containsEntry("long", "y".repeat(36))
        .containsEntry("list", "a,b")
        .doesNotContainKey("tag");
  }
}
