package dev.spoke.internal.durability;

import static dev.spoke.internal.durability.JournalFrames.DATA;
import static dev.spoke.internal.durability.JournalFrames.HEADER;
import static dev.spoke.internal.durability.JournalFrames.MAX_FRAME;
import static dev.spoke.internal.durability.JournalFrames.crc32c;
import static dev.spoke.internal.durability.JournalFrames.readFully;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * Replay reading: streams the unacknowledged records of a snapshot of segments, without the
 * journal's lock. Only the frames the open-time scan counted are records (the same rule again), so
 * replay never sees a record the scan did not accept.
 */
final class JournalReader {
  private JournalReader() {}

  /** Calls {@code consumer} for each unacknowledged record of {@code snapshot}, in order. */
  static void read(List<JournalSegment> snapshot, Journal.RecordConsumer consumer)
      throws IOException {
    for (JournalSegment s : snapshot) {
      if (s.count == 0 || s.allAcked()) {
        continue;
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(s.path), 1 << 16)) {
        long offset = 0;
        long expected = s.firstSeq; // the scan's rule again: only the frames it counted are records
        byte[] header = new byte[HEADER];
        while (offset < s.size) {
          if (!readFully(in, header)) {
            throw new EOFException("journal segment " + s.path + " shrank at " + offset);
          }
          ByteBuffer hb = ByteBuffer.wrap(header);
          int len = hb.getInt();
          int crc = hb.getInt();
          if (len < 1 || len > MAX_FRAME) {
            throw new IOException("journal segment " + s.path + " changed at " + offset);
          }
          byte[] body = new byte[len];
          if (!readFully(in, body) || crc32c(body, 0, len) != crc) {
            throw new IOException("journal segment " + s.path + " changed at " + offset);
          }
          offset += HEADER + len;
          if (body[0] != DATA || len < 9) {
            continue;
          }
          long seq = ByteBuffer.wrap(body, 1, 8).getLong();
          if (seq != expected || seq >= s.firstSeq + s.count) {
            continue; // skipped and reported by the scan
          }
          expected++;
          if (!s.acked.get((int) (seq - s.firstSeq))) {
            consumer.accept(seq, Arrays.copyOfRange(body, 9, len));
          }
        }
      } catch (NoSuchFileException e) {
        // deleted after the snapshot: all its records were acknowledged meanwhile
      }
    }
  }
}
