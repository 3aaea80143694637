package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  final List<String> corruptions = new CopyOnWriteArrayList<>();
  final List<Path> deleted = new CopyOnWriteArrayList<>();
  final JournalListener listener =
      new JournalListener() {
        @Override
        public void corruption(Path file, long offset, String reason) {
          corruptions.add(file.getFileName() + "@" + offset + ": " + reason);
        }

        @Override
        public void segmentDeleted(Path file) {
          deleted.add(file);
        }
      };

  static byte[] payload(long i) {
    int len = (int) ((i * 7919) % 300);
    StringBuilder sb = new StringBuilder("rec-").append(i).append('-');
    while (sb.length() < len) {
      sb.append((char) ('a' + (sb.length() % 26)));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private JournalConfig.Builder cfg() {
    return JournalConfig.builder().fsync(FsyncPolicy.NEVER).backgroundSync(false);
  }

  private Journal open(JournalConfig c) throws IOException {
    return Journal.open(dir, c, listener);
  }

  private static Map<Long, String> replay(Journal j) throws IOException {
    Map<Long, String> out = new LinkedHashMap<>();
    j.replay((seq, p) -> out.put(seq, new String(p, StandardCharsets.UTF_8)));
    return out;
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
    }
  }

  @Test
  void roundTripInOrder() throws Exception {
    try (Journal j = open(cfg().build())) {
      for (int i = 0; i < 50; i++) {
        assertThat(j.append(payload(i))).isEqualTo(i + 1);
      }
      Map<Long, String> r = replay(j);
      assertThat(r.keySet())
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
      for (long s = 1; s <= 50; s++) {
        assertThat(r.get(s)).isEqualTo(new String(payload(s - 1), StandardCharsets.UTF_8));
      }
    }
    assertThat(segmentFiles())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("seg-00000000000000000001.log");
  }

  @Test
  void reopenReplaysOnlyUnacknowledgedAndContinuesSequence() throws Exception {
    try (Journal j = open(cfg().build())) {
      for (int i = 0; i < 10; i++) {
        j.append(payload(i));
      }
      j.acknowledge(2, 4, 6, 8, 10, 4, 999);
    }
    try (Journal j = open(cfg().build())) {
      assertThat(replay(j).keySet()).containsExactly(1L, 3L, 5L, 7L, 9L);
      assertThat(j.unacknowledgedCount()).isEqualTo(5);
      assertThat(j.append(payload(11))).isEqualTo(11);
    }
    assertThat(corruptions).isEmpty();
  }

  @Test
  void fullyAcknowledgedSegmentsAreDeletedButNeverTheHead() throws Exception {
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        seqs.add(j.append(new byte[100]));
      }
      int before = j.segmentCount();
      assertThat(before).isGreaterThan(3);
      long sizeBefore = j.sizeBytes();
      j.acknowledge(seqs.subList(0, 30).stream().mapToLong(Long::longValue).toArray());
      assertThat(deleted).isNotEmpty();
      assertThat(j.segmentCount()).isLessThan(before);
      assertThat(j.sizeBytes()).isLessThan(sizeBefore);
      assertThat(segmentFiles()).hasSize(j.segmentCount());
      j.acknowledge(seqs.stream().mapToLong(Long::longValue).toArray());
      assertThat(j.segmentCount()).isEqualTo(1); // the head stays
      assertThat(replay(j)).isEmpty();
      assertThat(j.append(new byte[1])).isEqualTo(61);
    }
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      assertThat(replay(j).keySet()).containsExactly(61L);
    }
  }

  @Test
  void acksSurviveDeletionOfTheSegmentThatHeldThem() throws Exception {
    // Segment A keeps one unacked record; acks for A's other records are written while B is
    // the head; then B is fully acked and deleted. A's acks must not be lost with B.
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      List<Long> a = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        a.add(j.append(new byte[100]));
      }
      List<Long> b = new ArrayList<>();
      long first = j.nextSequence();
      while (j.segmentCount() < 2 || b.isEmpty()) {
        b.add(j.append(new byte[100]));
      }
      assertThat(first).isEqualTo(b.get(0));
      j.acknowledge(a.subList(1, 8).stream().mapToLong(Long::longValue).toArray());
      while (j.segmentCount() < 3) { // fill B until a third segment is the head
        b.add(j.append(new byte[100]));
      }
      long headFirst = b.remove(b.size() - 1); // the record that opened the new head
      j.acknowledge(b.stream().mapToLong(Long::longValue).toArray());
      j.acknowledge(headFirst);
      assertThat(j.segmentCount()).isEqualTo(2); // A (pinned) and the head
    }
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      assertThat(replay(j).keySet()).containsExactly(1L);
    }
  }

  @Test
  void tornTailIsTruncatedAtRandomOffsetsAndReported() throws Exception {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 25; trial++) {
      Path d = dir.resolve("t" + trial);
      try (Journal j = Journal.open(d, cfg().build(), listener)) {
        for (int i = 0; i < 40; i++) {
          j.append(payload(i));
        }
      }
      Path seg = d.resolve(Journal.fileName(1));
      long size = Files.size(seg);
      long cut = 1 + rnd.nextInt((int) size - 1);
      try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
        f.setLength(cut);
      }
      corruptions.clear();
      long kept;
      try (Journal j = Journal.open(d, cfg().build(), listener)) {
        Map<Long, String> r = replay(j);
        kept = r.size();
        long s = 1;
        for (Map.Entry<Long, String> e : r.entrySet()) { // an exact prefix, intact
          assertThat(e.getKey()).isEqualTo(s);
          assertThat(e.getValue()).isEqualTo(new String(payload(s - 1), StandardCharsets.UTF_8));
          s++;
        }
        assertThat(kept).isLessThan(40);
        assertThat(j.append(payload(99))).isEqualTo(kept + 1);
      }
      long boundary = Files.size(seg);
      if (corruptions.isEmpty()) {
        assertThat(cut)
            .as("no report only when the cut fell on a frame boundary")
            .isEqualTo(boundary - (Journal.HEADER + 9 + payload(99).length));
      } else {
        assertThat(corruptions).singleElement().asString().contains("seg-0000");
      }
      try (Journal j = Journal.open(d, cfg().build(), listener)) {
        assertThat(replay(j)).hasSize((int) kept + 1);
      }
    }
  }

  @Test
  void randomCorruptionNeverYieldsGarbage() throws Exception {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 25; trial++) {
      Path d = dir.resolve("c" + trial);
      try (Journal j = Journal.open(d, cfg().build(), listener)) {
        for (int i = 0; i < 30; i++) {
          j.append(payload(i));
        }
        j.acknowledge(3, 4);
      }
      Path seg = d.resolve(Journal.fileName(1));
      long off = rnd.nextInt((int) Files.size(seg));
      try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
        f.seek(off);
        int b = f.read();
        f.seek(off);
        f.write(b ^ (1 + rnd.nextInt(255)));
      }
      corruptions.clear();
      try (Journal j = Journal.open(d, cfg().build(), listener)) {
        Map<Long, String> r = replay(j);
        for (Map.Entry<Long, String> e : r.entrySet()) {
          assertThat(e.getValue())
              .isEqualTo(new String(payload(e.getKey() - 1), StandardCharsets.UTF_8));
        }
        assertThat(r.size()).isLessThan(28 + 2); // something was lost or acks were cut
        assertThat(corruptions)
            .singleElement()
            .asString()
            .contains(Journal.fileName(1))
            .containsPattern("@\\d+");
      }
    }
  }

  @Test
  void corruptMiddleSegmentKeepsItsPrefixAndLaterSegments() throws Exception {
    List<Path> files;
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      for (int i = 0; i < 40; i++) {
        j.append(new byte[100]);
      }
      files = segmentFiles();
    }
    assertThat(files.size()).isGreaterThanOrEqualTo(3);
    Path middle = files.get(1);
    long middleFirst = Journal.parseSeq(middle);
    long nextFirst = Journal.parseSeq(files.get(2));
    try (RandomAccessFile f = new RandomAccessFile(middle.toFile(), "rw")) {
      long frame = Journal.HEADER + 9 + 100;
      f.seek(frame + 20); // inside the second record's payload
      f.write(0x55);
    }
    try (Journal j = open(cfg().segmentBytes(1024).build())) {
      Map<Long, String> r = replay(j);
      assertThat(r)
          .containsKey(middleFirst)
          .doesNotContainKey(middleFirst + 1)
          .doesNotContainKey(nextFirst - 1)
          .containsKey(nextFirst)
          .containsKey(40L);
      assertThat(corruptions)
          .singleElement()
          .asString()
          .contains(middle.getFileName().toString())
          .contains("@" + (Journal.HEADER + 9 + 100))
          .contains("checksum");
    }
  }

  @Test
  void sizeBoundRefusesNewRecordsUntilAcksFreeSpace() throws Exception {
    try (Journal j = open(cfg().segmentBytes(1024).maxTotalBytes(4096).build())) {
      List<Long> seqs = new ArrayList<>();
      assertThatThrownBy(
              () -> {
                while (true) {
                  seqs.add(j.append(new byte[100]));
                }
              })
          .isInstanceOf(JournalFullException.class)
          .hasMessageContaining("4096");
      assertThat(j.sizeBytes()).isLessThanOrEqualTo(4096);
      assertThat(seqs.size()).isGreaterThan(20);
      j.acknowledge(seqs.stream().mapToLong(Long::longValue).toArray());
      assertThat(j.append(new byte[100])).isEqualTo(seqs.get(seqs.size() - 1) + 1);
    }
  }

  @Test
  void fsyncAlwaysSyncsEveryWrite() throws Exception {
    try (Journal j = open(cfg().fsync(FsyncPolicy.ALWAYS).build())) {
      j.append(payload(1));
      j.append(payload(2));
      j.acknowledge(1);
      assertThat(j.syncCount()).isEqualTo(3);
    }
  }

  @Test
  void fsyncNeverLeavesItToCloseOrExplicitSync() throws Exception {
    Journal j = open(cfg().fsync(FsyncPolicy.NEVER).build());
    for (int i = 0; i < 10; i++) {
      j.append(payload(i));
    }
    assertThat(j.syncCount()).isZero();
    j.sync();
    assertThat(j.syncCount()).isEqualTo(1);
    j.append(payload(11));
    j.close();
    assertThat(j.syncCount()).isEqualTo(2);
    j.close(); // idempotent
    assertThatThrownBy(() -> j.append(new byte[1])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void fsyncIntervalSyncsOnceDueOnTheInjectedClock() throws Exception {
    AtomicLong now = new AtomicLong(1_000);
    try (Journal j =
        open(
            cfg()
                .fsync(FsyncPolicy.INTERVAL)
                .fsyncInterval(Duration.ofMillis(200))
                .clockMillis(now::get)
                .build())) {
      j.append(payload(1));
      j.append(payload(2));
      assertThat(j.syncCount()).isZero();
      now.addAndGet(199);
      j.append(payload(3));
      assertThat(j.syncCount()).isZero();
      now.addAndGet(1);
      j.append(payload(4));
      assertThat(j.syncCount()).isEqualTo(1);
      j.append(payload(5));
      assertThat(j.syncCount()).isEqualTo(1);
      now.addAndGet(500);
      j.acknowledge(1);
      assertThat(j.syncCount()).isEqualTo(2);
    }
  }

  @Test
  void unwritableDirectoryFailsAtOpenNamingIt() throws Exception {
    Path file = Files.createFile(dir.resolve("plain-file"));
    Path bad = file.resolve("journal");
    assertThatThrownBy(() -> Journal.open(bad, cfg().build(), listener))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("writable");
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() throws Exception {
    try (Journal j = open(cfg().build())) {
      assertThatThrownBy(() -> open(cfg().build()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("already in use");
    }
    open(cfg().build()).close(); // released on close
  }

  @Test
  void configFailsFast() {
    assertThatThrownBy(() -> JournalConfig.builder().segmentBytes(10).build())
        .hasMessageContaining("segmentBytes is 10");
    assertThatThrownBy(() -> JournalConfig.builder().segmentBytes(4096).maxTotalBytes(1000).build())
        .hasMessageContaining("maxTotalBytes is 1000");
    assertThatThrownBy(() -> JournalConfig.builder().fsyncInterval(Duration.ZERO))
        .hasMessageContaining("interval");
  }

  @Test
  void oneWriterWithConcurrentAckersLosesNothing() throws Exception {
    int n = 3000;
    java.util.concurrent.BlockingQueue<Long> toAck =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (Journal j = open(cfg().segmentBytes(4096).build())) {
      List<Thread> ackers = new ArrayList<>();
      AtomicLong failures = new AtomicLong();
      for (int t = 0; t < 2; t++) {
        Thread a =
            new Thread(
                () -> {
                  try {
                    while (true) {
                      long s = toAck.take();
                      if (s < 0) {
                        return;
                      }
                      j.acknowledge(s);
                    }
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                });
        a.start();
        ackers.add(a);
      }
      for (int i = 0; i < n; i++) {
        long s = j.append(payload(i));
        if (s % 3 != 0) {
          toAck.add(s);
        }
      }
      toAck.add(-1L);
      toAck.add(-1L);
      for (Thread a : ackers) {
        a.join(20_000);
      }
      assertThat(failures.get()).isZero();
      Map<Long, String> r = replay(j);
      assertThat(r.keySet()).allMatch(s -> s % 3 == 0).hasSize(n / 3);
    }
    try (Journal j = open(cfg().segmentBytes(4096).build())) {
      assertThat(replay(j)).hasSize(n / 3);
    }
  }
}
