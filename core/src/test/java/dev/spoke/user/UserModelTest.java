package dev.spoke.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class UserModelTest {

  @Test
  void userIdentities() {
    UserIdentities ids =
        UserIdentities.builder()
            .customerId("c1")
            .email("a@b.c")
            .put(IdentityType.OTHER_ID_2, "")
            .put(null, "ignored")
            .put(IdentityType.ALIAS, null)
            .build();
    assertThat(ids.get(IdentityType.CUSTOMER_ID)).isEqualTo("c1");
    assertThat(ids.get(IdentityType.EMAIL)).isEqualTo("a@b.c");
    assertThat(ids.get(IdentityType.OTHER_ID_2)).isEmpty();
    assertThat(ids.get(IdentityType.ALIAS)).isNull();
    assertThat(ids.get(null)).isNull();
    assertThat(ids.asMap())
        .containsOnlyKeys(IdentityType.CUSTOMER_ID, IdentityType.EMAIL, IdentityType.OTHER_ID_2);
    assertThat(ids.isEmpty()).isFalse();
    assertThatThrownBy(() -> ids.asMap().put(IdentityType.YAHOO, "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ids.toString()).contains("customer_id=c1").contains("email=a@b.c");
    assertThat(ids.toBuilder().build()).isEqualTo(ids).hasSameHashCodeAs(ids);
    assertThat(ids.toBuilder().email(null).build().get(IdentityType.EMAIL)).isNull();
    assertThat(ids.get(IdentityType.EMAIL)).isEqualTo("a@b.c");
    assertThat(UserIdentities.of(IdentityType.EMAIL, "x"))
        .isEqualTo(UserIdentities.builder().email("x").build());
    assertThat(UserIdentities.of(null, null).isEmpty()).isTrue();
    assertThat(UserIdentities.of(null, "x")).isSameAs(UserIdentities.empty());
    assertThat(UserIdentities.of(IdentityType.EMAIL, null)).isSameAs(UserIdentities.empty());
    UserIdentities one = UserIdentities.of(IdentityType.CUSTOMER_ID, "c");
    assertThat(one.size()).isEqualTo(1);
    assertThat(one.asMap()).containsExactly(java.util.Map.entry(IdentityType.CUSTOMER_ID, "c"));
    assertThat(one.asMap()).isSameAs(one.asMap());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> one.asMap().put(IdentityType.EMAIL, "e"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(one.toBuilder().email("e").build().size()).isEqualTo(2);
    assertThat(one.size()).isEqualTo(1);
    assertThat(UserIdentities.builder().build()).isEqualTo(UserIdentities.empty());

    UserIdentities.Builder b = UserIdentities.builder().customerId("1");
    UserIdentities first = b.build();
    b.customerId("2");
    assertThat(first.get(IdentityType.CUSTOMER_ID)).isEqualTo("1");
  }

  @Test
  void consentState() {
    ConsentDecision yes =
        ConsentDecision.builder(true)
            .document("doc")
            .timestampMillis(5L)
            .location("web")
            .hardwareId("hw")
            .build();
    ConsentDecision no = ConsentDecision.builder(false).build();
    ConsentState s =
        ConsentState.builder()
            .gdpr("Location_Collection", yes)
            .gdpr("ADS", no)
            .gdpr(null, yes)
            .ccpa(no)
            .build();
    assertThat(s.gdpr()).containsOnlyKeys("location_collection", "ads");
    assertThat(s.gdpr().get("location_collection")).isEqualTo(yes);
    assertThat(s.ccpa()).isEqualTo(no);
    assertThatThrownBy(() -> s.gdpr().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
    ConsentState without = s.withoutGdpr("LOCATION_collection");
    assertThat(without.gdpr()).containsOnlyKeys("ads");
    assertThat(s.gdpr()).containsOnlyKeys("location_collection", "ads");
    assertThat(ConsentState.builder().gdpr("a", yes).gdpr("A", null).build())
        .isEqualTo(ConsentState.empty());
    assertThat(ConsentState.empty().isEmpty()).isTrue();
    assertThat(ConsentState.empty().ccpa()).isNull();
    assertThat(yes.toBuilder().build()).isEqualTo(yes);
    assertThat(yes).isNotEqualTo(no);
    assertThat(yes.consented()).isTrue();
    assertThat(yes.document()).isEqualTo("doc");
  }

  @Test
  void applicationInfoAndOs() {
    ApplicationInfo a =
        ApplicationInfo.builder()
            .applicationName("app")
            .applicationVersion("1.0")
            .buildNumber("7")
            .installReferrer("r")
            .packageName("com.x")
            .build();
    assertThat(a.os()).isEqualTo(ApplicationOs.DESKTOP);
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().os(ApplicationOs.ROKU).build()).isNotEqualTo(a);
    assertThat(Arrays.stream(ApplicationOs.values()).map(ApplicationOs::wireName))
        .containsExactly(
            "Unknown",
            "IOS",
            "Android",
            "WindowsPhone",
            "MobileWeb",
            "UnityIOS",
            "UnityAndroid",
            "Desktop",
            "TVOS",
            "Roku",
            "OutOfBand",
            "Alexa",
            "SmartTV",
            "FireTV",
            "Xbox");
  }

  @Test
  void deviceInfoDetectionFromInjectedSources() {
    Map<String, String> props = new HashMap<>();
    props.put("os.name", "Linux");
    props.put("os.version", "6.1");
    props.put("os.arch", "amd64");
    TimeZone berlin = TimeZone.getTimeZone("Europe/Berlin");
    Clock summer = Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC);
    Clock winter = Clock.fixed(Instant.parse("2024-01-15T12:00:00Z"), ZoneOffset.UTC);
    DeviceInfo d = DeviceInfo.detect(summer, Locale.GERMANY, berlin, props::get);
    assertThat(d.platform()).isEqualTo("out_of_band");
    assertThat(d.osVersion()).isEqualTo("Linux 6.1");
    assertThat(d.deviceModel()).isEqualTo("amd64");
    assertThat(d.localeLanguage()).isEqualTo("de");
    assertThat(d.localeCountry()).isEqualTo("DE");
    // The standard offset in whole hours (an integer on the wire); daylight saving is in is_dst.
    assertThat(d.timezoneOffsetHours()).isEqualTo(1);
    assertThat(d.dst()).isTrue();
    DeviceInfo w = DeviceInfo.detect(winter, Locale.ENGLISH, berlin, props::get);
    assertThat(w.timezoneOffsetHours()).isEqualTo(1);
    assertThat(w.dst()).isFalse();
    assertThat(w.localeCountry()).isNull();
    DeviceInfo india =
        DeviceInfo.detect(winter, Locale.ROOT, TimeZone.getTimeZone("Asia/Kolkata"), k -> null);
    assertThat(india.timezoneOffsetHours()).isEqualTo(5);
    DeviceInfo newfoundland =
        DeviceInfo.detect(winter, Locale.ROOT, TimeZone.getTimeZone("America/St_Johns"), k -> null);
    assertThat(newfoundland.timezoneOffsetHours()).isEqualTo(-3);
    assertThat(india.osVersion()).isNull();
    assertThat(india.localeLanguage()).isNull();
    assertThat(d.toBuilder().build()).isEqualTo(d);
    assertThat(d.toBuilder().userAgent("ua").build().userAgent()).isEqualTo("ua");
  }

  @Test
  void deviceInfoDetectOnThisHostNeverThrows() {
    DeviceInfo d = DeviceInfo.detect(Clock.systemUTC());
    assertThat(d.platform()).isEqualTo("out_of_band");
    assertThat(d.timezoneOffsetHours()).isNotNull();
    assertThat(DeviceInfo.detect(null).timezoneOffsetHours()).isNotNull();
  }
}
