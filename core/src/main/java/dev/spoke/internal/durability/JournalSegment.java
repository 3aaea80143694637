package dev.spoke.internal.durability;

import java.nio.file.Path;
import java.util.BitSet;

/**
 * One segment file of the journal, {@code seg-<20-digit first sequence>.log}: its first sequence
 * number, the records it holds, its valid size and which records are acknowledged. Mutable; the
 * journal guards it with its lock (replay works on copies).
 */
final class JournalSegment {
  /**
   * No sequence number a writer reaches (one record per nanosecond for a century is below 2^62).
   */
  static final long MAX_SEQ = 1L << 62;

  final Path path;
  final long firstSeq;
  long count;
  long size;
  final BitSet acked = new BitSet();

  JournalSegment(Path path, long firstSeq) {
    this.path = path;
    this.firstSeq = firstSeq;
  }

  boolean contains(long seq) {
    return seq >= firstSeq && seq < firstSeq + count;
  }

  boolean allAcked() {
    return acked.cardinality() == count;
  }

  /** A copy that later changes to this segment do not affect. */
  JournalSegment copy() {
    JournalSegment c = new JournalSegment(path, firstSeq);
    c.count = count;
    c.size = size;
    c.acked.or(acked);
    return c;
  }

  /** The first sequence number a segment file's name claims, or -1 when it is no segment name. */
  static long parseSeq(Path p) {
    String n = p.getFileName().toString();
    if (!n.startsWith("seg-") || !n.endsWith(".log") || n.length() != 4 + 20 + 4) {
      return -1;
    }
    try {
      long seq = Long.parseLong(n.substring(4, 24));
      // The writer starts at 1 and counts up; far from overflow is all it can ever reach.
      return seq >= 1 && seq <= MAX_SEQ ? seq : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String fileName(long firstSeq) {
    return String.format("seg-%020d.log", firstSeq);
  }
}
