package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

  @Test
  void classification() {
    assertThat(RetryPolicy.classify(200)).isEqualTo(RetryPolicy.Action.ACCEPT);
    assertThat(RetryPolicy.classify(202)).isEqualTo(RetryPolicy.Action.ACCEPT);
    assertThat(RetryPolicy.classify(400)).isEqualTo(RetryPolicy.Action.DROP);
    assertThat(RetryPolicy.classify(401)).isEqualTo(RetryPolicy.Action.PAUSE);
    assertThat(RetryPolicy.classify(403)).isEqualTo(RetryPolicy.Action.PAUSE);
    assertThat(RetryPolicy.classify(404)).isEqualTo(RetryPolicy.Action.DROP);
    assertThat(RetryPolicy.classify(408)).isEqualTo(RetryPolicy.Action.RETRY);
    assertThat(RetryPolicy.classify(413)).isEqualTo(RetryPolicy.Action.SPLIT);
    assertThat(RetryPolicy.classify(429)).isEqualTo(RetryPolicy.Action.RETRY);
    assertThat(RetryPolicy.classify(500)).isEqualTo(RetryPolicy.Action.RETRY);
    assertThat(RetryPolicy.classify(501)).isEqualTo(RetryPolicy.Action.DROP);
    assertThat(RetryPolicy.classify(502)).isEqualTo(RetryPolicy.Action.RETRY);
    assertThat(RetryPolicy.classify(503)).isEqualTo(RetryPolicy.Action.RETRY);
    assertThat(RetryPolicy.classify(505)).isEqualTo(RetryPolicy.Action.DROP);
    assertThat(RetryPolicy.classify(302)).isEqualTo(RetryPolicy.Action.DROP);
  }

  @Test
  void fullJitterWithinCappedExponentialCeiling() {
    RetryPolicy p =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(1000))
            .build();
    Backoff top = new Backoff(p, () -> 0.999999);
    Backoff half = new Backoff(p, () -> 0.5);
    Backoff zero = new Backoff(p, () -> 0.0);
    assertThat(top.ceilingMillis(0)).isEqualTo(100);
    assertThat(top.ceilingMillis(1)).isEqualTo(200);
    assertThat(top.ceilingMillis(3)).isEqualTo(800);
    assertThat(top.ceilingMillis(4)).isEqualTo(1000);
    assertThat(top.ceilingMillis(100)).isEqualTo(1000);
    assertThat(half.delayMillis(0)).isEqualTo(50);
    assertThat(half.delayMillis(2)).isEqualTo(200);
    assertThat(half.delayMillis(9)).isEqualTo(500);
    assertThat(zero.delayMillis(5)).isZero();
    assertThat(top.delayMillis(1)).isEqualTo(199);
    assertThat(new Backoff(p, () -> Double.NaN).delayMillis(1)).isZero();
    assertThat(new Backoff(p, () -> 7).delayMillis(1)).isEqualTo(200);
  }

  @Test
  void probeDelaysDoubleUpToMax() {
    RetryPolicy p =
        RetryPolicy.builder()
            .probeInitial(Duration.ofSeconds(30))
            .probeMax(Duration.ofMinutes(2))
            .build();
    assertThat(p.probeDelayMillis(0)).isEqualTo(30_000);
    assertThat(p.probeDelayMillis(1)).isEqualTo(60_000);
    assertThat(p.probeDelayMillis(2)).isEqualTo(120_000);
    assertThat(p.probeDelayMillis(50)).isEqualTo(120_000);
  }

  @Test
  void retryAfterSeconds() {
    assertThat(RetryAfter.parseMillis("7", CLOCK, 300_000)).hasValue(7_000);
    assertThat(RetryAfter.parseMillis(" 0 ", CLOCK, 300_000)).hasValue(0);
    assertThat(RetryAfter.parseMillis("3600", CLOCK, 300_000)).hasValue(300_000);
    assertThat(RetryAfter.parseMillis("99999999999999999999999", CLOCK, 300_000)).hasValue(300_000);
  }

  @Test
  void retryAfterHttpDateRelativeToClock() {
    assertThat(RetryAfter.parseMillis("Wed, 21 Oct 2015 07:28:42 GMT", CLOCK, 300_000))
        .hasValue(42_000);
    assertThat(RetryAfter.parseMillis("Wed, 21 Oct 2015 07:00:00 GMT", CLOCK, 300_000)).hasValue(0);
    assertThat(RetryAfter.parseMillis("Wed, 21 Oct 2015 09:00:00 GMT", CLOCK, 300_000))
        .hasValue(300_000);
  }

  @Test
  void retryAfterGarbageIgnored() {
    for (String g : new String[] {null, "", "soon", "-5", "1.5", "Wed, 99 Foo 2015"}) {
      assertThat(RetryAfter.parseMillis(g, CLOCK, 300_000)).as(g).isEqualTo(OptionalLong.empty());
    }
  }

  @Test
  void builderFailsFastNamingParameter() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .hasMessageContaining("maxAttempts is 0");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ZERO).build())
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMinutes(5))
                    .maxBackoff(Duration.ofMinutes(1))
                    .build())
        .hasMessageContaining("maxBackoff");
  }
}
