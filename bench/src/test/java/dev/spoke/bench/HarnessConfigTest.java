package dev.spoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The harness's command line: the new workloads, W5's knobs and their checks. */
class HarnessConfigTest {
  @Test
  void allRunsEveryWorkloadIncludingTheNewOnes() {
    Harness.Config c = Harness.Config.parse(new String[] {"all"});
    assertThat(c.workloads()).containsExactly("w1", "w1mixed", "w2", "w3", "alloc", "w4", "w5");
    assertThat(c.w5Rate()).isEqualTo(10_000);
    assertThat(c.w5Seconds()).isEqualTo(30);
    assertThat(c.mixedUsers()).isGreaterThanOrEqualTo(20_000);
  }

  @Test
  void quickShortensW5AndTheRateAndDurationCanBeSet() {
    assertThat(Harness.Config.parse(new String[] {"w5", "--quick"}).w5Seconds()).isEqualTo(5);
    Harness.Config c =
        Harness.Config.parse(new String[] {"w5", "--w5-rate=20000", "--w5-seconds=40"});
    assertThat(c.workloads()).containsExactly("w5");
    assertThat(c.w5Rate()).isEqualTo(20_000);
    assertThat(c.w5Seconds()).isEqualTo(40);
  }

  @Test
  void refusesUnknownWorkloadsAndANonPositiveRateNamingTheFix() {
    assertThatThrownBy(() -> Harness.Config.parse(new String[] {"w6"}))
        .hasMessageContaining("unknown argument 'w6'")
        .hasMessageContaining("w1mixed");
    assertThatThrownBy(() -> Harness.Config.parse(new String[] {"--w5-rate=0"}))
        .hasMessageContaining("must both be >= 1");
  }
}
