package dev.spoke.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.ServiceLimits;
import dev.spoke.internal.upload.SealedBatch;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The batch assembler on its own: an injected ticker, no threads, no sleeps, no I/O. */
class BatchAssemblerTest {
  private static final long DAY = 24L * 3600 * 1000;
  private static final long NOW = 100 * DAY;
  private static final byte[] HEADER =
      "\"environment\":\"development\"".getBytes(StandardCharsets.UTF_8);

  private final AtomicLong ticker = new AtomicLong(NOW);
  private final List<SealedBatch> sealed = new ArrayList<>();
  private final List<String> drops = new ArrayList<>();
  private final List<String> seals = new ArrayList<>();
  private final List<Long> acked = new ArrayList<>();
  private int ids;

  private final HeaderSource headers =
      new HeaderSource() {
        @Override
        public byte[] userHeader(UserContext user, long nowMillis) {
          return new byte[0];
        }

        @Override
        public int estimate(UserContext user) {
          return HEADER.length;
        }

        @Override
        public byte[] userFragment(UserContext user) {
          return new byte[0];
        }

        @Override
        public byte[] instanceFragment() {
          return HEADER;
        }
      };

  private final BatchAssembler.Output output =
      new BatchAssembler.Output() {
        @Override
        public void sealed(SealedBatch batch) {
          sealed.add(batch);
        }

        @Override
        public long journalSeal(String id, long batchTimestamp, long[] seqs, int from, int to) {
          seals.add(id + Arrays.toString(Arrays.copyOfRange(seqs, from, to)));
          return 1000 + seals.size();
        }

        @Override
        public void dropped(
            DropReason reason, int count, String detail, long[] seqs, int from, int to) {
          drops.add(reason + ":" + count + ":" + detail);
          for (int i = from; i < to; i++) if (seqs[i] >= 0) acked.add(seqs[i]);
        }
      };

  private BatchAssembler assembler(int batchMaxBytes) {
    return new BatchAssembler(
        headers, output, ticker::get, () -> "id-" + (++ids), batchMaxBytes, 30 * DAY, 30_000);
  }

  private static UserContext user(String id) {
    return new UserContext(
        UserIdentities.of(IdentityType.CUSTOMER_ID, id),
        new UserAttributeState(ServiceLimits.defaults(), false, i -> {}),
        NOW);
  }

  private static byte[] event(String name) {
    return ("{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"" + name + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void add(BatchAssembler a, UserContext u, byte[] json, long ts, long seq) {
    if (a.admit(u, json.length, "custom_event", seq)) a.append(u, json, ts, seq);
  }

  @Test
  void sealAllFramesOneBatchPerUserWithItsHeaderAndId() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext alice = user("alice");
    UserContext bob = user("bob");
    add(a, alice, event("a1"), NOW, -1);
    add(a, bob, event("b1"), NOW, -1);
    add(a, alice, event("a2"), NOW, -1);
    assertThat(a.openUsers()).isEqualTo(2);
    assertThat(a.openBytes()).isEqualTo(3L * event("a1").length);
    assertThat(sealed).isEmpty();

    a.sealAll(false);
    assertThat(sealed).hasSize(2);
    assertThat(a.openUsers()).isZero();
    assertThat(a.openBytes()).isZero();
    SealedBatch forAlice =
        sealed.stream().filter(b -> b.userKey().equals(alice.key)).findFirst().orElseThrow();
    assertThat(forAlice.eventCount()).isEqualTo(2);
    assertThat(forAlice.historical()).isFalse();
    assertThat(forAlice.attachment()).isNull();
    assertThat(forAlice.jsonString())
        .startsWith("{\"environment\":\"development\",\"source_request_id\":\"id-")
        .contains(
            "\"events\":["
                + new String(event("a1"), StandardCharsets.UTF_8)
                + ","
                + new String(event("a2"), StandardCharsets.UTF_8)
                + "]}");
    assertThat(a.lastSealSequence()).isEqualTo(2);
    assertThat(sealed).extracting(SealedBatch::sealSequence).containsExactly(1L, 2L);
  }

  @Test
  void eventsOlderThanTheHistoricalThresholdGoToAHistoricalBatch() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext u = user("u");
    add(a, u, event("old"), NOW - 31 * DAY, -1);
    add(a, u, event("new"), NOW - DAY, -1);
    add(a, u, event("old2"), NOW - 40 * DAY, -1);
    a.sealAll(true);
    assertThat(sealed).hasSize(2);
    assertThat(sealed.get(0).historical()).isFalse();
    assertThat(sealed.get(0).eventCount()).isEqualTo(1);
    assertThat(sealed.get(0).jsonString()).contains("\"new\"");
    assertThat(sealed.get(1).historical()).isTrue();
    assertThat(sealed.get(1).eventCount()).isEqualTo(2);
    assertThat(sealed.get(1).jsonString()).contains("\"old\"").contains("\"old2\"");
  }

  @Test
  void theHistoricalSplitFollowsTheInjectedTicker() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext u = user("u");
    add(a, u, event("e"), NOW - 29 * DAY, -1);
    ticker.addAndGet(2 * DAY); // sealed two days later: the event is now past the threshold
    a.sealAll(true);
    assertThat(sealed).singleElement().satisfies(b -> assertThat(b.historical()).isTrue());
  }

  @Test
  void aFullBatchIsSealedBeforeTheEventThatWouldOverflowIt() {
    byte[] e = event("x".repeat(200));
    int max = 1024;
    BatchAssembler a = assembler(max);
    UserContext u = user("u");
    int added = 0;
    while (sealed.isEmpty()) {
      add(a, u, e, NOW, -1);
      added++;
    }
    SealedBatch first = sealed.get(0);
    assertThat(first.sizeBytes()).isLessThanOrEqualTo(max);
    assertThat(first.eventCount()).isEqualTo(added - 1); // the last one opened the next batch
    assertThat(a.openUsers()).isEqualTo(1);
    assertThat(a.openBytes()).isEqualTo(e.length);
  }

  @Test
  void anEventThatCannotFitAnyBatchIsDroppedAndItsJournalRecordRemoved() {
    BatchAssembler a = assembler(512);
    UserContext u = user("u");
    byte[] huge = event("y".repeat(600));
    assertThat(a.admit(u, huge.length, "custom_event", 42)).isFalse();
    assertThat(drops)
        .singleElement()
        .asString()
        .startsWith(
            "RECORD_TOO_LARGE:1:a custom_event event of "
                + huge.length
                + " bytes cannot fit a batch of at most 512 bytes");
    assertThat(acked).containsExactly(42L);
    a.sealAll(true);
    assertThat(sealed).isEmpty();
  }

  @Test
  void aUserWaitingForAnIdentityCallIsHeldUnlessForced() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext u = user("u");
    u.identityStarted(NOW);
    add(a, u, event("e"), NOW, -1);
    a.sealAll(false);
    assertThat(sealed).isEmpty();
    ticker.addAndGet(30_000); // the hold has passed
    a.sealAll(false);
    assertThat(sealed).hasSize(1);

    add(a, u, event("f"), NOW, -1);
    a.sealAll(true);
    assertThat(sealed).hasSize(2);
  }

  @Test
  void journaledEventsAreSealedInTheJournalAndCarryTheirNumbersAndTheSealRecord() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext u = user("u");
    add(a, u, event("a"), NOW, 7);
    add(a, u, event("b"), NOW, 8);
    a.sealAll(true);
    assertThat(seals).containsExactly("id-1[7, 8]");
    assertThat((long[]) sealed.get(0).attachment()).containsExactly(7, 8, 1001);
  }

  @Test
  void reframeKeepsTheOriginalIdTimestampAndSealRecordAndFrameSplitsByBytes() {
    BatchAssembler a = assembler(1024);
    byte[] e = event("z".repeat(300));
    a.reframe(HEADER, List.of(e, e), new long[] {3, 4}, false, NOW, "original-id", NOW - 5, 9);
    assertThat(sealed)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.sourceRequestId()).isEqualTo("original-id");
              assertThat((long[]) b.attachment()).containsExactly(3, 4, 9);
              assertThat(b.userKey()).isNull();
            });
    assertThat(seals).isEmpty(); // already sealed in the journal

    a.frame(HEADER, List.of(e, e, e, e), new long[] {-1, -1, -1, -1}, true, NOW);
    List<SealedBatch> framed = sealed.subList(1, sealed.size());
    assertThat(framed)
        .hasSizeGreaterThan(1)
        .allSatisfy(
            b -> {
              assertThat(b.sizeBytes()).isLessThanOrEqualTo(1024);
              assertThat(b.historical()).isTrue();
              assertThat(b.attachment()).isNull();
            });
    assertThat(framed.stream().mapToInt(SealedBatch::eventCount).sum()).isEqualTo(4);
  }

  @Test
  void aBatchSealedOnOverflowKeepsItsBytesWhileItsUserGoesOnCollecting() {
    // Sealed batches keep the events' arrays rather than a copy: the user's next events must not
    // land in (or change) a batch already sealed, and an open batch must not pin sent events.
    int limit = 300;
    BatchAssembler a = assembler(limit);
    UserContext alice = user("alice");
    for (int i = 0; i < 12; i++) add(a, alice, event("e" + (i % 10)), NOW, -1);
    assertThat(sealed).isNotEmpty();
    List<String> before = new ArrayList<>();
    for (SealedBatch b : sealed) before.add(b.jsonString());
    int sealedBefore = sealed.size();
    for (int i = 0; i < 12; i++) add(a, alice, event("later" + (i % 10)), NOW, -1);
    a.sealAll(true);
    for (int i = 0; i < sealedBefore; i++) {
      assertThat(sealed.get(i).jsonString()).isEqualTo(before.get(i)).doesNotContain("later");
    }
    int events = 0;
    for (SealedBatch b : sealed) {
      assertThat(b.sizeBytes()).isLessThanOrEqualTo(limit).isEqualTo(b.json().length);
      events += b.eventCount();
    }
    assertThat(events).isEqualTo(24);
  }

  @Test
  void aSealedBatchIsTheEventsFramedInOrderAndRetriesSeeTheSameBytes() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext alice = user("alice");
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event("a" + i));
      add(a, alice, events.get(i), NOW, -1);
    }
    a.sealAll(true);
    assertThat(sealed).hasSize(1);
    SealedBatch b = sealed.get(0);
    byte[] expected =
        dev.spoke.internal.upload.BatchFraming.frame(HEADER, b.sourceRequestId(), events);
    assertThat(b.json()).isEqualTo(expected);
    assertThat(b.json()).isEqualTo(expected);
    assertThat(b.sizeBytes()).isEqualTo(expected.length);
  }

  @Test
  void emptiedOpenBatchesAreReusedForOtherUsersWithoutTouchingSealedOnes() {
    BatchAssembler a = assembler(128 * 1024);
    UserContext alice = user("alice");
    UserContext bob = user("bob");
    for (int i = 0; i < 3; i++) add(a, alice, event("a" + i), NOW, 10 + i);
    a.sealAll(true);
    String aliceBatch = sealed.get(0).jsonString();
    // Bob's events go into the open batch Alice's seal emptied.
    add(a, bob, event("b0"), NOW, -1);
    a.sealAll(true);
    assertThat(sealed).hasSize(2);
    assertThat(sealed.get(0).jsonString()).isEqualTo(aliceBatch).contains("a2");
    assertThat(sealed.get(0).attachment()).isEqualTo(new long[] {10, 11, 12, 1001});
    SealedBatch forBob = sealed.get(1);
    assertThat(forBob.eventCount()).isEqualTo(1);
    assertThat(forBob.attachment()).isNull();
    assertThat(forBob.jsonString())
        .endsWith("\"events\":[" + new String(event("b0"), StandardCharsets.UTF_8) + "]}");
    assertThat(a.openBytes()).isZero();
  }

  @Test
  void aBatchIsFramedFromTheInstanceAndUserFragmentsWithoutAJoinedHeader() {
    byte[] user = "\"mpid\":7".getBytes(StandardCharsets.UTF_8);
    HeaderSource parts =
        new HeaderSource() {
          @Override
          public byte[] userHeader(UserContext u, long nowMillis) {
            return user;
          }

          @Override
          public int estimate(UserContext u) {
            return HEADER.length + 1 + user.length;
          }

          @Override
          public byte[] userFragment(UserContext u) {
            return user;
          }

          @Override
          public byte[] instanceFragment() {
            return HEADER;
          }
        };
    BatchAssembler a =
        new BatchAssembler(parts, output, ticker::get, () -> "id-1", 128 * 1024, 30 * DAY, 30_000);
    UserContext alice = user("alice");
    add(a, alice, event("a1"), NOW, -1);
    a.sealAll(true);
    byte[] expected =
        dev.spoke.internal.upload.BatchFraming.frame(
            parts.header(alice, NOW), "id-1", List.of(event("a1")));
    assertThat(new String(expected, StandardCharsets.UTF_8))
        .startsWith("{\"environment\":\"development\",\"mpid\":7,\"source_request_id\":\"id-1\"");
    assertThat(sealed.get(0).json()).isEqualTo(expected);
    assertThat(sealed.get(0).sizeBytes()).isEqualTo(expected.length);
  }
}
