package dev.spoke.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.ServiceLimits;
import dev.spoke.event.EventType;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The capture queue's byte bound on its own and through the intake: no threads, no sleeps. The
 * bytes held by queued records never exceed the bound, refused offers are counted as {@link
 * DropReason#QUEUE_FULL}, and taking records frees their bytes.
 */
class CaptureQueueBytesTest {
  private static final UserContext USER =
      new UserContext(
          UserIdentities.of(IdentityType.CUSTOMER_ID, "u"),
          new UserAttributeState(ServiceLimits.defaults(), false, i -> {}),
          0L);

  private static Record record(int jsonBytes) {
    return Record.serialized(USER, null, new byte[jsonBytes], 0L, EventType.CUSTOM_EVENT);
  }

  @Test
  void bytesHeldNeverExceedTheBoundWhateverTheRecordSizes() {
    long max = 64 * 1024;
    CaptureQueue<Record> q = new CaptureQueue<>(1_000_000, max, r -> r.heldBytes);
    Random rnd = new Random(11);
    long expected = 0;
    int refused = 0;
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Record r = record(rnd.nextInt(3_000));
      boolean took = q.offer(r);
      if (took) {
        expected += r.heldBytes;
      } else {
        refused++;
        assertThat(expected + r.heldBytes).isGreaterThan(max); // refused only when it would pass
      }
      assertThat(q.bytes()).isEqualTo(expected).isLessThanOrEqualTo(max);
      if (i % 97 == 0) { // the worker takes some now and then
        out.clear();
        q.drainTo(out, 7);
        for (Record o : out) expected -= o.heldBytes;
        assertThat(q.bytes()).isEqualTo(expected);
      }
    }
    assertThat(refused).isGreaterThan(0);
    out.clear();
    q.drainTo(out, Integer.MAX_VALUE);
    assertThat(q.bytes()).isZero();
    assertThat(q.size()).isZero();
  }

  @Test
  void recordsCountTheirJsonAndTheKeptEvent() {
    assertThat(record(300).heldBytes()).isEqualTo(Record.OVERHEAD_BYTES + 300);
    assertThat(Record.signal(() -> {}).heldBytes()).isEqualTo(Record.OVERHEAD_BYTES);
  }

  @Test
  void theByteBoundRefusesBeforeTheRecordCapAndIsCountedAsQueueFull() throws Exception {
    Counters counters = new Counters();
    int jsonBytes = 400;
    long max = 10L * (Record.OVERHEAD_BYTES + jsonBytes) + 200;
    CaptureQueue<Record> q = new CaptureQueue<>(1_000, max, r -> r.heldBytes);
    Intake intake =
        new Intake(
            q,
            counters,
            new Outcomes("t", counters, null, null, new FlushBarrier(), () -> {}),
            null);
    for (int i = 0; i < 10; i++) {
      assertThat(intake.offer(record(jsonBytes))).isTrue();
    }
    assertThat(intake.offer(record(jsonBytes))).isFalse();
    assertThat(intake.offer(record(1))).isTrue(); // a small one still fits in the 200 bytes left
    assertThat(q.bytes()).isLessThanOrEqualTo(max);
    assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
    assertThat(q.size()).isEqualTo(11);
    // Full for any record now: the check before validating and serializing says so too.
    assertThat(intake.dropIfFull()).isTrue();
    assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
    // The worker takes one: room again.
    assertThat(q.poll(0)).isNotNull();
    assertThat(intake.dropIfFull()).isFalse();
    assertThat(intake.offer(record(jsonBytes))).isTrue();
    assertThat(q.bytes()).isLessThanOrEqualTo(max);
  }
}
