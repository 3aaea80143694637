package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceLimitsTest {

  @Test
  void defaultsMatchThePlatform() {
    ServiceLimits d = ServiceLimits.defaults();
    assertThat(d.eventNameMaxChars()).isEqualTo(256);
    assertThat(d.attributesPerEvent()).isEqualTo(100);
    assertThat(d.eventAttributeKeyMaxChars()).isEqualTo(256);
    assertThat(d.eventAttributeValueMaxChars()).isEqualTo(4096);
    assertThat(d.userAttributesPerUser()).isEqualTo(100);
    assertThat(d.userAttributeNameMaxChars()).isEqualTo(256);
    assertThat(d.userAttributeValueMaxChars()).isEqualTo(4096);
    assertThat(d.userAttributeListMaxEntries()).isEqualTo(1000);
    assertThat(d.userAttributeListEntryMaxChars()).isEqualTo(512);
    assertThat(d.batchMaxBytes()).isEqualTo(128 * 1024);
    assertThat(d.requestMaxBytes()).isEqualTo(256 * 1024);
    assertThat(d.batchesPerRequest()).isEqualTo(100);
    assertThat(d.futureToleranceMillis()).isEqualTo(15 * 60 * 1000L);
    assertThat(d.historicalAfterMillis()).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(d.historicalMinAgeMillis()).isEqualTo(72L * 3600 * 1000);
  }

  @Test
  void toBuilderRoundTripAndEquality() {
    ServiceLimits custom =
        ServiceLimits.builder()
            .batchMaxBytes(1000)
            .requestMaxBytes(2000)
            .attributesPerEvent(5)
            .build();
    assertThat(custom.batchMaxBytes()).isEqualTo(1000);
    assertThat(custom.attributesPerEvent()).isEqualTo(5);
    assertThat(custom.toBuilder().build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(custom).isNotEqualTo(ServiceLimits.defaults());
    assertThat(ServiceLimits.defaults().toBuilder().build()).isEqualTo(ServiceLimits.defaults());
    assertThat(custom.toString()).contains("batchMaxBytes=1000");
  }

  @Test
  void failsFastNamingParameterAndValue() {
    assertThatThrownBy(() -> ServiceLimits.builder().eventNameMaxChars(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventNameMaxChars")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> ServiceLimits.builder().batchesPerRequest(-3).build())
        .hasMessageContaining("batchesPerRequest")
        .hasMessageContaining("-3");
    assertThatThrownBy(() -> ServiceLimits.builder().futureToleranceMillis(-1).build())
        .hasMessageContaining("futureToleranceMillis");
    assertThatThrownBy(() -> ServiceLimits.builder().batchMaxBytes(300_000).build())
        .hasMessageContaining("requestMaxBytes")
        .hasMessageContaining("300000");
    assertThatThrownBy(
            () -> ServiceLimits.builder().historicalMinAgeMillis(40L * 24 * 3600 * 1000).build())
        .hasMessageContaining("historicalMinAgeMillis");
    assertThat(ServiceLimits.builder().futureToleranceMillis(0).build().futureToleranceMillis())
        .isZero();
  }
}
