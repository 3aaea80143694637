package dev.spoke.internal.durability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The open-time reading of a journal directory: finds its segment files, orders them by first
 * sequence number, sets aside a file whose name claims numbers an older file already holds, scans
 * each one ({@link JournalScan}: frames checked, damage truncated) and applies the acknowledgements
 * they hold to the index. Every refusal is reported with file and offset.
 */
final class JournalLoad {
  private JournalLoad() {}

  /**
   * Adds the readable segments of {@code dir} to {@code segments} (empty on entry), oldest first,
   * with their acknowledged records marked.
   *
   * @return the bytes the kept segment files hold
   */
  static long segments(Path dir, JournalSegments segments, JournalScan.Damage damaged)
      throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "seg-*.log")) {
      for (Path p : ds) {
        if (JournalSegment.parseSeq(p) >= 0) {
          files.add(p);
        }
      }
    }
    files.sort((a, b) -> Long.compare(JournalSegment.parseSeq(a), JournalSegment.parseSeq(b)));
    long totalBytes = 0;
    JournalScan.AckRanges acks = new JournalScan.AckRanges();
    for (Path p : files) {
      JournalSegment s = new JournalSegment(p, JournalSegment.parseSeq(p));
      if (!segments.isEmpty()) {
        JournalSegment prev = segments.head();
        if (s.firstSeq < prev.firstSeq + prev.count) {
          // Two files claiming the same sequence numbers cannot both be the writer's: keep the
          // older.
          damaged.report(
              p,
              0,
              "segment starts at sequence "
                  + s.firstSeq
                  + ", inside "
                  + prev.path.getFileName()
                  + " (up to "
                  + (prev.firstSeq + prev.count - 1)
                  + "); set aside as "
                  + p.getFileName()
                  + ".corrupt");
          Files.move(
              p,
              p.resolveSibling(p.getFileName() + ".corrupt"),
              StandardCopyOption.REPLACE_EXISTING);
          continue;
        }
      }
      JournalScan.scan(s, acks, damaged);
      segments.add(s);
      totalBytes += s.size;
    }
    for (int i = 0; i < acks.size; i++) {
      segments.markAcked(acks.first[i], acks.count[i]);
    }
    return totalBytes;
  }
}
