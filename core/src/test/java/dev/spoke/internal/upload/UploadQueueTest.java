package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload queue on its own: per-user ordering and packing, no threads, no sleeps, no network.
 */
class UploadQueueTest {
  private static SealedBatch user(String id, String key) {
    return UploaderTest.userBatch(id, key);
  }

  private static SealedBatch replayed(String id) {
    return SealedBatch.builder()
        .sourceRequestId(id)
        .json(UploaderTest.batch(id).json())
        .eventCount(1)
        .build();
  }

  private static List<String> ids(UploadRequest r) {
    return r == null ? null : r.batches.stream().map(SealedBatch::sourceRequestId).toList();
  }

  private static UploadQueue queue(int batchesPerRequest) {
    return new UploadQueue(new RequestPacker(128 * 1024, 256 * 1024, batchesPerRequest));
  }

  @Test
  void aUsersNextBatchWaitsUntilItsEarlierOneIsFinished() {
    UploadQueue q = queue(1);
    q.add(List.of(user("a1", "user-a"), user("a2", "user-a"), user("b1", "user-b")));
    UploadRequest first = q.take();
    assertThat(ids(first)).containsExactly("a1");
    assertThat(ids(q.take())).containsExactly("b1"); // a2 passed over: a1 is in flight
    assertThat(q.take()).isNull();
    q.finished(first);
    assertThat(ids(q.take())).containsExactly("a2");
  }

  @Test
  void aBatchPassedOverKeepsLaterBatchesOfItsUserBehindIt() {
    UploadQueue q = queue(100);
    q.add(List.of(user("a1", "user-a")));
    UploadRequest a1 = q.take();
    q.add(List.of(user("a2", "user-a"), user("b1", "user-b"), user("a3", "user-a")));
    assertThat(ids(q.take())).containsExactly("b1");
    q.finished(a1);
    assertThat(ids(q.take())).containsExactly("a2", "a3");
  }

  @Test
  void aReplayedBatchWithoutUserGoesOnlyWhenNothingIsInFlightAndHoldsEverythingBehindIt() {
    UploadQueue q = queue(1);
    q.add(List.of(user("x1", "user-x"), replayed("r1"), user("y1", "user-y")));
    UploadRequest x1 = q.take();
    assertThat(ids(x1)).containsExactly("x1");
    assertThat(q.take()).as("r1 waits for x1, y1 waits behind r1").isNull();
    q.finished(x1);
    UploadRequest r1 = q.take();
    assertThat(ids(r1)).containsExactly("r1");
    assertThat(q.take()).as("nothing starts while r1 is in flight").isNull();
    q.finished(r1);
    assertThat(ids(q.take())).containsExactly("y1");
  }

  @Test
  void requestsHoldOneKindOldestFirstWithinTheCountAndByteLimits() {
    SealedBatch r1 = UploaderTest.batch("r1", false);
    SealedBatch h1 = UploaderTest.batch("h1", true);
    SealedBatch r2 = UploaderTest.batch("r2", false);
    UploadQueue q = queue(100);
    q.add(List.of(h1, r1, r2));
    assertThat(ids(q.take())).containsExactly("h1");
    assertThat(ids(q.take())).containsExactly("r1", "r2");

    UploadQueue counted = queue(2);
    counted.add(List.of(user("c1", "u1"), user("c2", "u2"), user("c3", "u3")));
    assertThat(ids(counted.take())).containsExactly("c1", "c2");
    assertThat(ids(counted.take())).containsExactly("c3");

    int size = r1.sizeBytes();
    // Room for exactly two batches: [b1,b2] is 2 * size + 3 bytes.
    UploadQueue sized = new UploadQueue(new RequestPacker(size, 2 * size + 3, 100));
    sized.add(List.of(user("s1", "u1"), user("s2", "u2"), user("s3", "u3")));
    UploadRequest two = sized.take();
    assertThat(ids(two)).containsExactly("s1", "s2");
    assertThat(RequestPacker.bodySize(two.batches)).isEqualTo(2L * size + 3);
    assertThat(ids(sized.take())).containsExactly("s3");
  }

  @Test
  void pendingCountsLastUntilSettledAndCloseDrainsHandedBackRequestsFirst() {
    UploadQueue q = queue(1);
    SealedBatch a = user("a", "ua");
    SealedBatch b = user("b", "ub");
    SealedBatch c = user("c", "uc");
    q.add(List.of(a, b, c));
    assertThat(q.pendingBatches()).isEqualTo(3);
    assertThat(q.pendingBytes()).isEqualTo((long) a.sizeBytes() + b.sizeBytes() + c.sizeBytes());

    UploadRequest first = q.take();
    q.finished(first);
    q.settle(first.batches);
    assertThat(q.pendingBatches()).isEqualTo(2);

    UploadRequest second = q.take();
    q.finished(second);
    q.requeueFront(second); // handed back unresolved
    assertThat(q.drainHandedBack()).containsExactly(b);
    assertThat(q.drainWaiting()).containsExactly(c);
    assertThat(q.hasWork()).isFalse();
    assertThat(q.take()).isNull();
  }

  @Test
  void aHandedBackRequestIsTakenFirstAsItWas() {
    UploadQueue q = queue(100);
    q.add(List.of(user("a", "ua"), user("b", "ub")));
    UploadRequest ab = q.take();
    q.finished(ab);
    q.add(List.of(user("c", "uc")));
    q.requeueFront(ab);
    assertThat(q.take()).isSameAs(ab);
    assertThat(ids(q.take())).containsExactly("c");
  }
}
