package dev.spoke.internal.durability;

import static dev.spoke.internal.durability.JournalFrames.HEADER;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Writes frames at the end of the head segment file and forces them to the device as the fsync
 * policy says. A failed write leaves no partial frame behind. Not thread-safe; the journal guards
 * it with its lock.
 */
final class SegmentWriter {
  private final JournalConfig config;
  private FileChannel head;
  private ByteBuffer buffer = ByteBuffer.allocate(4096);
  private boolean dirty;
  private long lastSyncMillis;
  private long syncCount;

  SegmentWriter(JournalConfig config) {
    this.config = config;
  }

  /**
   * The daemon thread {@code spoke-journal-sync} that forces the writes of the {@link
   * FsyncPolicy#INTERVAL} policy in the background, not yet started; null when the configuration
   * does not call for one.
   */
  static ScheduledExecutorService syncThread(JournalConfig config) {
    if (config.fsync != FsyncPolicy.INTERVAL || !config.backgroundSync) {
      return null;
    }
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "spoke-journal-sync");
          t.setDaemon(true);
          return t;
        });
  }

  /** Continues writing an existing segment file. */
  void reopen(Path p) throws IOException {
    head = FileChannel.open(p, StandardOpenOption.WRITE);
  }

  /** Starts an empty segment file (creating or emptying it). */
  void create(Path p) throws IOException {
    head = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    head.truncate(0);
  }

  /** The interval policy counts from now. */
  void resetSyncClock() {
    lastSyncMillis = config.clockMillis.getAsLong();
  }

  /** The buffer to put a body of {@code bodyLen} bytes into, positioned after the header. */
  ByteBuffer frame(int bodyLen) {
    int need = HEADER + bodyLen;
    if (buffer.capacity() < need) {
      buffer = ByteBuffer.allocate(Math.max(need, buffer.capacity() * 2));
    }
    buffer.clear();
    buffer.position(HEADER);
    return buffer;
  }

  /**
   * Writes the frame in the buffer (body from HEADER to position) at the end of the head.
   *
   * @return the bytes written (already added to the segment's size)
   */
  int write(JournalSegment h, ByteBuffer b) throws IOException {
    int end = b.position();
    int bodyLen = end - HEADER;
    b.putInt(0, bodyLen);
    b.putInt(4, JournalFrames.crc32c(b.array(), HEADER, bodyLen));
    b.position(0).limit(end);
    long pos = h.size;
    try {
      while (b.hasRemaining()) {
        head.write(b, pos + b.position());
      }
    } catch (IOException e) {
      try {
        head.truncate(pos); // leave no partial frame behind
      } catch (IOException ignored) {
        // the next open truncates the torn frame instead
      }
      throw e;
    }
    h.size += end;
    dirty = true;
    return end;
  }

  /**
   * Writes one data record ({@code DATA, seq, payload}) at the end of the head.
   *
   * @return the bytes written
   */
  int writeData(JournalSegment h, long seq, byte[] payload) throws IOException {
    ByteBuffer b = frame(1 + 8 + payload.length);
    b.put(JournalFrames.DATA).putLong(seq).put(payload);
    return write(h, b);
  }

  /**
   * Writes acknowledgement ranges ({@code {first, count}}) at the end of the head, in as many
   * frames as needed; each frame written is added to the segment's size, even when a later one
   * fails.
   */
  void writeAcks(JournalSegment h, List<long[]> ranges) throws IOException {
    // One frame per chunk keeps every frame far below JournalFrames.MAX_FRAME.
    final int perFrame = JournalFrames.ACKS_PER_FRAME;
    for (int i = 0; i < ranges.size(); i += perFrame) {
      List<long[]> part = ranges.subList(i, Math.min(ranges.size(), i + perFrame));
      ByteBuffer b = frame(1 + 12 * part.size());
      b.put(JournalFrames.ACK);
      for (long[] r : part) {
        b.putLong(r[0]).putInt((int) r[1]);
      }
      write(h, b);
    }
  }

  /** Forces what the policy says must be durable after a write. */
  void afterWrite() throws IOException {
    switch (config.fsync) {
      case ALWAYS:
        force();
        break;
      case INTERVAL:
        if (config.clockMillis.getAsLong() - lastSyncMillis >= config.fsyncIntervalMillis) {
          force();
        }
        break;
      default:
        break;
    }
  }

  void force() throws IOException {
    if (dirty) {
      head.force(false);
      dirty = false;
      syncCount++;
    }
    lastSyncMillis = config.clockMillis.getAsLong();
  }

  boolean dirty() {
    return dirty;
  }

  long syncCount() {
    return syncCount;
  }

  boolean isOpen() {
    return head != null;
  }

  void close() throws IOException {
    head.close();
  }
}
