package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's records inside the journal, read back when the journal's checksums are right but
 * the lengths inside the records are absurd: nothing is allocated beyond the record, the record is
 * counted as unreadable, and the genuine records around it replay.
 */
class DurabilityHostileRecordsTest {
  @TempDir Path dir;

  private static Journal open(Path d) throws IOException {
    return Journal.open(
        d, JournalConfig.builder().fsync(FsyncPolicy.NEVER).backgroundSync(false).build(), null);
  }

  private static byte[] event(String name) {
    return ("{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"" + name + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void absurdLengthsInsideChecksummedRecordsAreSkippedNotAllocated() throws Exception {
    List<Long> genuine = new ArrayList<>();
    try (Journal j = open(dir)) {
      Durability bridge = new Durability(j, null);
      genuine.add(bridge.appendEvent(new byte[0], 1_000L, event("before")));
      // An event record claiming a 2 GB user fragment.
      j.append(
          ByteBuffer.allocate(1 + 4 + 8 + 2)
              .put((byte) 1)
              .putInt(Integer.MAX_VALUE)
              .putLong(5)
              .put((byte) '{')
              .put((byte) '}')
              .array());
      // A seal record claiming 2^31 - 1 events and a 2 GB id.
      j.append(
          ByteBuffer.allocate(1 + 4 + 2 + 8 + 4)
              .put((byte) 2)
              .putInt(2)
              .put((byte) 'i')
              .put((byte) 'd')
              .putLong(5)
              .putInt(Integer.MAX_VALUE)
              .array());
      j.append(ByteBuffer.allocate(1 + 4).put((byte) 2).putInt(Integer.MAX_VALUE).array());
      // A seal whose id would break the JSON it is copied into.
      long e2 = bridge.appendEvent(new byte[0], 1_000L, event("sealed"));
      byte[] id = "x\",\"environment\":\"hacked".getBytes(StandardCharsets.US_ASCII);
      j.append(
          ByteBuffer.allocate(1 + 4 + id.length + 8 + 4 + 8)
              .put((byte) 2)
              .putInt(id.length)
              .put(id)
              .putLong(5)
              .putInt(1)
              .putLong(e2)
              .array());
      // An event whose JSON is not an object.
      j.append(
          ByteBuffer.allocate(1 + 4 + 8 + 3)
              .put((byte) 1)
              .putInt(0)
              .putLong(5)
              .put("abc".getBytes())
              .array());
      genuine.add(e2);
      genuine.add(bridge.appendEvent(new byte[0], 1_000L, event("after")));
    }
    try (Journal j = open(dir)) {
      List<Durability.StoredSeal> seals = new ArrayList<>();
      Durability.Replay r =
          new Durability(j, null).replay(Long.MAX_VALUE, (s, held) -> seals.add(s));
      assertThat(r.corruptRecords).isEqualTo(5);
      assertThat(r.corruptSeqs).hasSize(5);
      assertThat(seals).isEmpty();
      assertThat(r.loose).extracting(e -> e.seq).containsExactlyElementsOf(genuine);
    }
  }

  /**
   * Property: any bytes journaled as records (each with a right checksum) among genuine events: the
   * replay never throws, and every record is a genuine event handed back, part of a seal, or
   * counted unreadable.
   */
  @Property(tries = 150)
  void anyRecordBytesReplayWithoutThrowing(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int hostile) throws Exception {
    Path d = Files.createTempDirectory("spoke-bridge-prop");
    try {
      Random rnd = new Random(seed);
      int genuine = 0;
      try (Journal j = open(d)) {
        Durability bridge = new Durability(j, null);
        for (int i = 0; i < hostile; i++) {
          bridge.appendEvent(new byte[0], 1_000L, event("g" + i));
          genuine++;
          byte[] b = new byte[1 + rnd.nextInt(64)];
          rnd.nextBytes(b);
          b[0] = (byte) (1 + rnd.nextInt(2)); // mostly a known kind, then anything
          j.append(b);
        }
      }
      try (Journal j = open(d)) {
        int[] sealed = {0};
        Durability.Replay r =
            new Durability(j, null)
                .replay(Long.MAX_VALUE, (s, held) -> sealed[0] += 1 + s.events.size());
        assertThat(r.loose.size() + sealed[0] + r.corruptRecords + r.staleSeals.size())
            .isGreaterThanOrEqualTo(genuine);
        assertThat(r.corruptSeqs).hasSize(r.corruptRecords);
      }
    } finally {
      try (java.util.stream.Stream<Path> all = Files.walk(d)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
