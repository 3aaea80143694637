package dev.spoke.internal.durability;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * The journal's frame format: {@code [int length][int crc32c][body]}, big-endian, the CRC covering
 * the body. A body is a data record ({@code 1, long seq, payload}) or an acknowledgement ({@code 2,
 * (long firstSeq, int count)…}). Constants and the two primitives the writer, the open-time scan
 * and the replay reader share.
 */
final class JournalFrames {
  static final int HEADER = 8;
  static final int MAX_FRAME = 64 * 1024 * 1024;

  /** Acknowledgement ranges per frame, as the writer writes them. */
  static final int ACKS_PER_FRAME = 4096;

  static final byte DATA = 1;
  static final byte ACK = 2;
  static final int DATA_OVERHEAD = HEADER + 1 + 8;

  private JournalFrames() {}

  /** Reads {@code b.length} bytes, or returns false when the stream ends first. */
  static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        return false;
      }
      n += r;
    }
    return true;
  }

  static int crc32c(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }
}
