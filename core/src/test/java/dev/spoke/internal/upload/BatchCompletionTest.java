package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCompletionTest {
  private final List<String> seen = new ArrayList<>();

  private void record(boolean delivered, DropReason reason, String detail) {
    seen.add(delivered ? "delivered" : reason + ":" + detail);
  }

  @Test
  void completesOnceAndTheFirstResultStands() {
    BatchCompletion c = UploaderTest.batch("a").completion();
    c.observe(this::record);
    assertThat(c.isDone()).isFalse();
    assertThat(c.dropped(DropReason.BAD_REQUEST, "bad")).isTrue();
    assertThat(c.delivered()).isFalse();
    assertThat(c.dropped(DropReason.REJECTED, "again")).isFalse();
    assertThat(seen).containsExactly("BAD_REQUEST:bad");
    assertThat(c.isDone()).isTrue();
  }

  @Test
  void anObserverSetAfterTheResultRunsAtOnceAndALaterOneReplacesAnEarlierOne() {
    BatchCompletion done = UploaderTest.batch("b").completion();
    done.delivered();
    done.observe(this::record);
    assertThat(seen).containsExactly("delivered");

    BatchCompletion c = UploaderTest.batch("c").completion();
    List<String> first = new ArrayList<>();
    c.observe((d, r, t) -> first.add("first"));
    c.observe(this::record);
    c.dropped(DropReason.UNSENT_AT_CLOSE, "closed");
    assertThat(first).isEmpty();
    assertThat(seen).containsExactly("delivered", "UNSENT_AT_CLOSE:closed");
  }

  @Test
  void everyBatchHasItsOwnCompletion() {
    assertThat(UploaderTest.batch("d").completion())
        .isNotSameAs(UploaderTest.batch("d").completion());
  }
}
