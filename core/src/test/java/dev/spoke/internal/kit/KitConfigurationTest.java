package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KitConfigurationTest {

  static final String FULL =
      "{"
          + "\"id\":\"cfg-1\",\"unknownTop\":{\"deep\":[1,2,{\"x\":null}]},"
          + "\"stl\":60,\"uitl\":\"600\",\"oo\":false,\"rp\":100,\"flags\":{\"audienceAPI\":\"false\",\"n\":3},"
          + "\"eks\":[{"
          + "  \"id\":160,\"as\":{\"measurementId\":\"G-1\",\"honorOptOut\":\"false\",\"nested\":{\"a\":[1]},\"nul\":null},"
          + "  \"hs\":{\"et\":{\"1573\":0,\"49\":1},\"ec\":{\"-2018143797\":0},\"ea\":{\"-802421640\":\"0\"},"
          + "        \"svec\":{\"47537423\":false},\"svea\":{},\"ua\":{\"96619420\":0},\"uid\":{\"7\":0,\"1\":1},"
          + "        \"cea\":{\"5\":0},\"ent\":{\"2\":0},\"afa\":{\"1\":{\"77\":0}},\"zzz\":{\"1\":0}},"
          + "  \"bk\":{\"lo\":0,\"hi\":\"50\"},"
          + "  \"crvf\":{\"i\":true,\"v\":[{\"h\":-324077161,\"c\":true},{\"h\":\"-575335347\",\"c\":\"false\"}]},"
          + "  \"avf\":{\"i\":true,\"a\":1,\"v\":2},\"eau\":true,\"pr\":[],\"unknown\":7"
          + "},{\"id\":100001}]}";

  @Test
  void parsesEveryFieldTheKitsNeed() throws Exception {
    KitConfiguration c = KitConfiguration.parse(FULL);
    assertThat(c.sessionTimeoutSeconds()).isEqualTo(60);
    assertThat(c.uploadIntervalSeconds()).isEqualTo(600);
    assertThat(c.keepCollectingAfterOptOut()).isFalse();
    assertThat(c.rampPercent()).isEqualTo(100);
    assertThat(c.flags()).containsEntry("audienceAPI", "false").containsEntry("n", "3");
    assertThat(c.rawJson()).isEqualTo(FULL);
    assertThat(c.kits()).extracting(KitEntry::moduleId).containsExactly(160, 100001);

    KitEntry ga = c.kit(160).orElseThrow();
    assertThat(ga.settings())
        .containsEntry("measurementId", "G-1")
        .containsEntry("nested", "{\"a\":[1]}")
        .doesNotContainKey("nul");
    assertThat(ga.honorOptOut()).isFalse();
    assertThat(ga.eventTypes().blocked()).containsExactly(1573);
    assertThat(ga.eventNames().blocked()).containsExactly(-2018143797);
    assertThat(ga.eventAttributes().blocked()).containsExactly(-802421640);
    assertThat(ga.screenNames().blocked()).containsExactly(47537423);
    assertThat(ga.screenAttributes().allowsAll()).isTrue();
    assertThat(ga.userAttributes().blocked()).containsExactly(96619420);
    assertThat(ga.identityTypes().blocked()).containsExactly(7);
    assertThat(ga.commerceAttributes().blocked()).containsExactly(5);
    assertThat(ga.commerceEntities().blocked()).containsExactly(2);
    assertThat(ga.commerceEntityAttributes(KitEntry.ENTITY_PRODUCT).blocked()).containsExactly(77);
    assertThat(ga.commerceEntityAttributes(KitEntry.ENTITY_PROMOTION).allowsAll()).isTrue();
    assertThat(ga.bracket()).isEqualTo(new Bracket(0, 50));
    assertThat(ga.consentFilter().include()).isTrue();
    assertThat(ga.consentFilter().rules())
        .containsExactly(
            new ConsentFilter.Rule(-324077161, true), new ConsentFilter.Rule(-575335347, false));
    assertThat(ga.attributeValueFilter()).isEqualTo(new AttributeValueFilter(true, 1, 2));
    assertThat(ga.excludeAnonymousUsers()).isTrue();

    KitEntry hook = c.kit(100001).orElseThrow();
    assertThat(hook.settings()).isEmpty();
    assertThat(hook.honorOptOut()).isTrue();
    assertThat(hook.bracket()).isNull();
    assertThat(hook.consentFilter()).isNull();
    assertThat(hook.excludeAnonymousUsers()).isFalse();
    assertThat(c.kit(42)).isEmpty();
  }

  @Test
  void toStringDoesNotLeakSettingValues() throws Exception {
    KitConfiguration c = KitConfiguration.parse(FULL);
    assertThat(c.kit(160).orElseThrow().toString()).contains("measurementId").doesNotContain("G-1");
    assertThat(c.toString()).contains("160").doesNotContain("G-1");
  }

  @Test
  void anEmptyDocumentEnablesNothing() throws Exception {
    KitConfiguration c = KitConfiguration.parse("{}");
    assertThat(c.kits()).isEmpty();
    assertThat(c.sessionTimeoutSeconds()).isNull();
    assertThat(c.flags()).isEmpty();
  }

  @Test
  void rejectsAWholeDocumentOnlyWhenItsShapeOrTopLevelSettingsAreWrong() {
    assertThatThrownBy(() -> KitConfiguration.parse("[1]"))
        .isInstanceOf(KitConfigurationException.class)
        .hasMessageContaining("(root)");
    assertThatThrownBy(() -> KitConfiguration.parse("{\"eks\":{}}"))
        .hasMessageContaining("eks")
        .hasMessageContaining("array");
    assertThatThrownBy(() -> KitConfiguration.parse("{\"stl\":\"soon\"}"))
        .hasMessageContaining("stl");
    assertThatThrownBy(() -> KitConfiguration.parse("{\"eks\":["))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> KitConfiguration.parse("{} {}"))
        .hasMessageContaining("not valid JSON");
  }

  /**
   * One unreadable entry disables that kit only, with the field named; the good entry still
   * applies.
   */
  @Test
  void aBadEntryDisablesOnlyItsKitWithTheFieldNamed() throws Exception {
    assertRejected("{\"id\":\"ga\"}", -1, "eks[0].id", "\"ga\"");
    assertRejected("{\"as\":{}}", -1, "eks[0].id", "missing");
    assertRejected("7", -1, "eks[0]", "object");
    assertRejected("{\"id\":99999999999}", -1, "eks[0].id", "32-bit");
    assertRejected("{\"id\":5,\"hs\":{\"ec\":{\"abc\":0}}}", 5, "eks[0].hs.ec[\"abc\"]", "integer");
    assertRejected("{\"id\":5,\"hs\":{\"et\":{\"1\":7}}}", 5, "eks[0].hs.et[\"1\"]", "7");
    assertRejected("{\"id\":5,\"hs\":{\"et\":[1]}}", 5, "eks[0].hs.et", "object");
    assertRejected("{\"id\":5,\"as\":\"x\"}", 5, "eks[0].as", "object");
    assertRejected("{\"id\":5,\"bk\":{\"lo\":1}}", 5, "eks[0].bk", "lo and hi");
    assertRejected("{\"id\":5,\"bk\":{\"lo\":1,\"hi\":\"half\"}}", 5, "eks[0].bk.hi", "\"half\"");
    assertRejected(
        "{\"id\":5,\"crvf\":{\"v\":[{\"h\":1,\"c\":true}]}}", 5, "eks[0].crvf.i", "missing");
    assertRejected("{\"id\":5,\"crvf\":{\"i\":true}}", 5, "eks[0].crvf.v", "missing");
    assertRejected("{\"id\":5,\"avf\":{\"i\":true,\"a\":1}}", 5, "eks[0].avf.v", "missing");
    assertRejected(
        "{\"id\":5,\"hs\":{\"afa\":{\"77\":0}}}", 5, "eks[0].hs.afa[\"77\"]", "keyed by entity");
    assertRejected("{\"id\":5,\"eau\":\"perhaps\"}", 5, "eks[0].eau", "perhaps");
  }

  private static void assertRejected(String entry, int id, String field, String detail)
      throws Exception {
    KitConfiguration c = KitConfiguration.parse("{\"eks\":[" + entry + ",{\"id\":100001}]}");
    assertThat(c.kits()).as(entry).extracting(KitEntry::moduleId).containsExactly(100001);
    assertThat(c.rejectedEntries())
        .as(entry)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.moduleId()).isEqualTo(id);
              assertThat(r.message()).contains(field).contains(detail);
            });
  }

  @Test
  void aModuleIdConfiguredTwiceDisablesThatKitOnlyAndIsRejectedOnce() throws Exception {
    KitConfiguration c =
        KitConfiguration.parse(
            "{\"eks\":[{\"id\":1},{\"id\":2},{\"id\":\"1\",\"as\":{\"k\":\"v\"}}]}");
    assertThat(c.kits()).extracting(KitEntry::moduleId).containsExactly(2);
    assertThat(c.rejectedEntries())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.moduleId()).isEqualTo(1);
              assertThat(r.message())
                  .contains("eks[0]")
                  .contains("eks[2]")
                  .contains("more than once");
            });
  }

  @Test
  void absentFieldsTakeTheAndroidDefaults() throws Exception {
    KitEntry e =
        KitConfiguration.parse("{\"eks\":[{\"id\":1,\"bk\":{},\"hs\":{}}]}").kit(1).orElseThrow();
    assertThat(e.bracket()).as("no bounds: Android's lo 0 / hi 101, every bucket").isNull();
    assertThat(e.honorOptOut()).isTrue();
    assertThat(e.eventTypes().allowsAll()).isTrue();
    assertThat(e.hasCommerceEntityAttributeFilters()).isFalse();
    assertThat(e.userAttributeValueFilter()).isNull();
  }

  @Test
  void honorOptOutIsReadWithBooleanParseBooleanAsOnAndroid() throws Exception {
    assertThat(honor("\"true\"")).isTrue();
    assertThat(honor("\"TRUE\"")).isTrue();
    assertThat(honor("true")).isTrue();
    assertThat(honor("\"false\"")).isFalse();
    // Anything Boolean.parseBoolean does not read as true turns honouring off, as on Android.
    assertThat(honor("\"yes\"")).isFalse();
    assertThat(honor("\"1\"")).isFalse();
    assertThat(honor("\"\"")).isFalse();
    assertThat(honor("\" true\"")).isFalse();
    assertThat(honor("null")).as("null is left out of the settings: absent, so true").isTrue();
  }

  private static boolean honor(String json) throws Exception {
    return KitConfiguration.parse("{\"eks\":[{\"id\":1,\"as\":{\"honorOptOut\":" + json + "}}]}")
        .kit(1)
        .orElseThrow()
        .honorOptOut();
  }

  @Test
  void readsTheWebUserAttributeValueRuleWhenAnEntryCarriesIt() throws Exception {
    KitEntry e =
        KitConfiguration.parse(
                "{\"eks\":[{\"id\":1,\"filteringUserAttributeValue\":"
                    + "{\"userAttributeName\":\"3559906\",\"userAttributeValue\":\"3178592\",\"includeOnMatch\":true}},"
                    + "{\"id\":2,\"filteringUserAttributeValue\":{}}]}")
            .kit(1)
            .orElseThrow();
    assertThat(e.userAttributeValueFilter())
        .isEqualTo(new UserAttributeValueFilter(true, 3559906, 3178592));
  }

  @Test
  void refusesHostileNesting() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThatThrownBy(() -> KitConfiguration.parse("{\"x\":" + deep + "}"))
        .hasMessageContaining("nesting");
  }

  @Test
  void consentRulesWithoutRulesDoNotRestrict() throws Exception {
    KitConfiguration c =
        KitConfiguration.parse("{\"eks\":[{\"id\":1,\"crvf\":{\"i\":false,\"v\":[]}}]}");
    assertThat(c.kit(1).orElseThrow().consentFilter()).isNull();
  }

  @Test
  void bucketFollowsTheWireFormula() {
    assertThat(Bracket.bucket(0)).isZero();
    assertThat(Bracket.bucket(256L * 42)).isEqualTo(42);
    assertThat(Bracket.bucket(256L * 142 + 255)).isEqualTo(42);
    assertThat(Bracket.bucket(-256L * 42)).isEqualTo(42);
    assertThat(Bracket.bucket(Long.MIN_VALUE)).isBetween(0, 99);
    Bracket b = new Bracket(10, 50);
    assertThat(b.includes(256L * 10)).isTrue();
    assertThat(b.includes(256L * 49)).isTrue();
    assertThat(b.includes(256L * 50)).isFalse();
    assertThat(b.includes(256L * 9)).isFalse();
    assertThat(b.includes((Long) null)).as("no mpid: bucket 0").isFalse();
    assertThat(new Bracket(0, 10).includes((Long) null)).isTrue();
  }
}
