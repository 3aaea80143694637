package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames whose checksum is right but whose contents the writer could never have written: the
 * journal reports and skips them, keeps every genuine record, and opens in time and memory
 * proportional to its files.
 */
class JournalHostileFramesTest {
  @TempDir Path dir;

  final List<String> reports = new CopyOnWriteArrayList<>();
  final JournalListener listener =
      new JournalListener() {
        @Override
        public void corruption(Path file, long offset, String reason) {
          reports.add(file.getFileName() + "@" + offset + ": " + reason);
        }
      };

  private static JournalConfig cfg() {
    return JournalConfig.builder().fsync(FsyncPolicy.NEVER).backgroundSync(false).build();
  }

  /** A frame with a correct checksum around any body. */
  static byte[] frame(byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(Journal.HEADER + body.length);
    b.putInt(body.length).putInt(Journal.crc32c(body, 0, body.length)).put(body);
    return b.array();
  }

  static byte[] data(long seq, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(9 + p.length).put((byte) 1).putLong(seq).put(p).array();
  }

  static byte[] ack(long first, int count) {
    return ByteBuffer.allocate(13).put((byte) 2).putLong(first).putInt(count).array();
  }

  private Map<Long, String> openAndReplay(Path d) throws IOException {
    Map<Long, String> out = new LinkedHashMap<>();
    try (Journal j = Journal.open(d, cfg(), listener)) {
      j.replay((seq, p) -> out.put(seq, new String(p, StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static void writeSegment(Path d, long firstSeq, byte[]... frames) throws IOException {
    Files.createDirectories(d);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      out.write(f);
    }
    Files.write(d.resolve(Journal.fileName(firstSeq)), out.toByteArray());
  }

  @Test
  void anAcknowledgementOfTwoBillionRecordsIsReportedAndSkipped() throws Exception {
    writeSegment(
        dir,
        1,
        frame(data(1, "a")),
        frame(data(2, "b")),
        frame(data(3, "c")),
        frame(ack(1, Integer.MAX_VALUE)));
    Map<Long, String> r = openAndReplay(dir);
    assertThat(r).containsOnlyKeys(1L, 2L, 3L);
    assertThat(reports)
        .singleElement()
        .asString()
        .contains(Journal.fileName(1))
        .contains("acknowledgement of 2147483647 records")
        .contains("skipped");
  }

  @Test
  void aWellFramedRecordWithAForeignSequenceNumberIsSkippedAndLaterRecordsKept() throws Exception {
    writeSegment(
        dir,
        1,
        frame(data(1, "a")),
        frame(data(2, "b")),
        frame(data(1, "forged duplicate")),
        frame(data(3, "c")),
        frame(new byte[] {9, 9, 9}),
        frame(data(4, "d")),
        frame(ack(2, 1)));
    Map<Long, String> r = openAndReplay(dir);
    assertThat(r).containsExactly(Map.entry(1L, "a"), Map.entry(3L, "c"), Map.entry(4L, "d"));
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0)).contains("record numbered 1 where 3 was expected");
    assertThat(reports.get(1)).contains("unknown frame type 9");
    // The journal goes on from the records it accepted.
    try (Journal j = Journal.open(dir, cfg(), listener)) {
      assertThat(j.nextSequence()).isEqualTo(5);
    }
  }

  @Test
  void overlappingSegmentsKeepTheOlderAndSetTheOtherAside() throws Exception {
    writeSegment(dir, 1, frame(data(1, "a")), frame(data(2, "b")), frame(data(3, "c")));
    writeSegment(dir, 2, frame(data(2, "other b")), frame(data(3, "other c")));
    Map<Long, String> r = openAndReplay(dir);
    assertThat(r).containsExactly(Map.entry(1L, "a"), Map.entry(2L, "b"), Map.entry(3L, "c"));
    assertThat(Files.exists(dir.resolve(Journal.fileName(2) + ".corrupt"))).isTrue();
    assertThat(reports).singleElement().asString().contains("set aside");
  }

  /**
   * Property: a journal of genuine records with well-framed, checksummed frames of arbitrary
   * contents spliced in between: opening never throws, every genuine record that is not
   * acknowledged comes back with its payload, and nothing else does.
   */
  @Property(tries = 200)
  void checksummedGarbageNeverCostsAGenuineRecord(
      @ForAll @IntRange(min = 1, max = 30) int records,
      @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 6) long forgedPerGap)
      throws Exception {
    Random rnd = new Random(seed);
    Path d = Files.createTempDirectory("spoke-journal-prop"); // jqwik has no @TempDir
    try {
      checkSplicedJournal(d, rnd, records, forgedPerGap);
    } finally {
      try (java.util.stream.Stream<Path> all = Files.walk(d)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void checkSplicedJournal(Path d, Random rnd, int records, long forgedPerGap)
      throws IOException {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 1; i <= records; i++) {
      frames.add(frame(data(i, "rec-" + i)));
      for (int k = 0; k < rnd.nextInt((int) forgedPerGap + 1); k++) {
        frames.add(frame(forged(rnd, i)));
      }
    }
    writeSegment(d, 1, frames.toArray(new byte[0][]));
    Map<Long, String> r;
    r = openAndReplay(d);
    for (Map.Entry<Long, String> e : r.entrySet()) {
      assertThat(e.getValue()).isEqualTo("rec-" + e.getKey());
    }
    // Only forged acknowledgements that stay within the written records may remove records.
    assertThat(r.keySet()).allSatisfy(k -> assertThat(k).isBetween(1L, (long) records));
    Map<Long, String> again = openAndReplay(d);
    assertThat(again).isEqualTo(r); // reopening is stable: skipped frames stay skipped
  }

  /** A body the writer never wrote: wrong numbers, absurd counts, odd sizes, unknown types. */
  private static byte[] forged(Random rnd, int written) {
    switch (rnd.nextInt(6)) {
      case 0:
        return data(rnd.nextBoolean() ? rnd.nextLong() : written - rnd.nextInt(3), "forged");
      case 1:
        return ack(rnd.nextLong(), rnd.nextInt());
      case 2:
        return ack(
            1 + rnd.nextInt(written + 5),
            rnd.nextBoolean() ? Integer.MAX_VALUE : -rnd.nextInt(100));
      case 3:
        {
          byte[] b = new byte[1 + rnd.nextInt(40)];
          rnd.nextBytes(b);
          return b;
        }
      case 4:
        return ByteBuffer.allocate(1 + 12 * 2 + 5).put((byte) 2).array();
      default:
        return new byte[] {1, 0, 0};
    }
  }
}
