package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How maxBufferedBytes is shared: the three shares never add up to more than the option. */
class DataPathOptionsTest {
  private static final long MB = 1024L * 1024;

  @Test
  void sharesNeverExceedTheOptionAndTheQueueGetsTheRest() {
    ServiceLimits limits = ServiceLimits.defaults();
    for (long m = MB; m <= 4096 * MB; m += m / 3 + 1) {
      long open = DataPathOptions.openShare(m);
      long backlog = DataPathOptions.backlogShare(m, limits);
      long queue = DataPathOptions.queueShare(m, limits);
      assertThat(open + backlog + queue).as("M=%d", m).isEqualTo(m);
      assertThat(queue).isGreaterThanOrEqualTo(m / 4);
      assertThat(backlog).isGreaterThanOrEqualTo(2L * limits.requestMaxBytes());
      assertThat(open).isLessThanOrEqualTo(32 * MB);
      assertThat(backlog).isLessThanOrEqualTo(Math.max(8 * MB, 2L * limits.requestMaxBytes()));
    }
    // The default: 32 MB of open batches, 8 MB of backlog, 88 MB of capture queue.
    assertThat(DataPathOptions.openShare(128 * MB)).isEqualTo(32 * MB);
    assertThat(DataPathOptions.backlogShare(128 * MB, limits)).isEqualTo(8 * MB);
    assertThat(DataPathOptions.queueShare(128 * MB, limits)).isEqualTo(88 * MB);
  }

  @Test
  void tooSmallForTheRequestLimitFailsWithTheSizeToUse() {
    ServiceLimits big = ServiceLimits.builder().requestMaxBytes(1024 * 1024).build();
    assertThatThrownBy(() -> DataPathOptions.queueShare(2 * MB, big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBufferedBytes 2097152 is too small")
        .hasMessageContaining("use at least 4194304");
    assertThat(DataPathOptions.queueShare(4194304, big)).isGreaterThanOrEqualTo(4194304 / 4);
  }
}
