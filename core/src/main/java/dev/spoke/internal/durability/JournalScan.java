package dev.spoke.internal.durability;

import static dev.spoke.internal.durability.JournalFrames.ACK;
import static dev.spoke.internal.durability.JournalFrames.ACKS_PER_FRAME;
import static dev.spoke.internal.durability.JournalFrames.DATA;
import static dev.spoke.internal.durability.JournalFrames.HEADER;
import static dev.spoke.internal.durability.JournalFrames.MAX_FRAME;
import static dev.spoke.internal.durability.JournalFrames.crc32c;
import static dev.spoke.internal.durability.JournalFrames.readFully;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The open-time scan of one segment file: accepts the frames the writer could have written, counts
 * its data records, collects its acknowledgements, and truncates the file at the first damage of
 * the framing. Every refusal is reported with file and offset.
 */
final class JournalScan {
  /** Receives what the scan refuses. */
  @FunctionalInterface
  interface Damage {
    void report(Path file, long offset, String reason);
  }

  private JournalScan() {}

  /**
   * Acknowledgement ranges read at open, in two growable arrays (16 bytes a range, no object each).
   */
  static final class AckRanges {
    long[] first = new long[64];
    long[] count = new long[64];
    int size;

    void add(long f, long c) {
      if (size == first.length) {
        first = Arrays.copyOf(first, size * 2);
        count = Arrays.copyOf(count, size * 2);
      }
      first[size] = f;
      count[size++] = c;
    }
  }

  /**
   * Reads a segment's valid frames; truncates at the first damage of the framing and reports it. A
   * well-framed frame whose contents the writer could not have written is reported and skipped.
   */
  static void scan(JournalSegment s, AckRanges acks, Damage damaged) throws IOException {
    long fileSize = Files.size(s.path);
    long offset = 0;
    String damage = null;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(s.path), 1 << 16)) {
      byte[] header = new byte[HEADER];
      while (offset < fileSize) {
        if (!readFully(in, header)) {
          damage = "short frame header";
          break;
        }
        ByteBuffer hb = ByteBuffer.wrap(header);
        int len = hb.getInt();
        int crc = hb.getInt();
        if (len < 1 || len > MAX_FRAME || offset + HEADER + len > fileSize) {
          damage = len < 1 || len > MAX_FRAME ? "bad frame length " + len : "short frame";
          break;
        }
        byte[] body = new byte[len];
        if (!readFully(in, body)) {
          damage = "short frame";
          break;
        }
        if (crc32c(body, 0, len) != crc) {
          damage = "checksum mismatch";
          break;
        }
        String bad = checkContents(s, body, len, acks);
        if (bad != null) {
          damaged.report(s.path, offset, bad + "; frame skipped");
        }
        offset += HEADER + len;
      }
    }
    s.size = offset;
    if (damage != null) {
      damaged.report(s.path, offset, damage);
      try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
        ch.truncate(offset);
        ch.force(true);
      }
    }
  }

  /**
   * Checks a checksummed frame against what the writer could have written and applies it (counts a
   * data record, collects an acknowledgement's ranges).
   *
   * @return why the frame is refused, or null when it was applied
   */
  private static String checkContents(JournalSegment s, byte[] body, int len, AckRanges acks) {
    ByteBuffer bb = ByteBuffer.wrap(body);
    byte type = bb.get();
    long next = s.firstSeq + s.count;
    if (type == DATA && len >= 9) {
      long seq = bb.getLong();
      if (seq != next) {
        return "record numbered " + seq + " where " + next + " was expected";
      }
      s.count++;
      return null;
    }
    if (type == ACK) {
      int ranges = (len - 1) / 12;
      if ((len - 1) % 12 != 0 || ranges < 1 || ranges > ACKS_PER_FRAME) {
        return "acknowledgement of "
            + len
            + " bytes (a whole number of 1 to "
            + ACKS_PER_FRAME
            + " ranges expected)";
      }
      // An acknowledgement is written after the records it covers: all lie before this point.
      for (int i = 0; i < ranges; i++) {
        long first = bb.getLong(1 + 12 * i);
        int count = bb.getInt(1 + 12 * i + 8);
        if (first < 1 || count < 1 || first > next - count) {
          return "acknowledgement of "
              + count
              + " records from "
              + first
              + " where only records before "
              + next
              + " exist";
        }
      }
      for (int i = 0; i < ranges; i++) {
        acks.add(bb.getLong(1 + 12 * i), bb.getInt(1 + 12 * i + 8));
      }
      return null;
    }
    return "unknown frame type " + type;
  }
}
