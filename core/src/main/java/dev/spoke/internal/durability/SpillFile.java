package dev.spoke.internal.durability;

import dev.spoke.internal.upload.SealedBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sealed batches moved out of memory while the uploader's backlog is full. Not API.
 *
 * <p>Only used with a durable journal: every batch written here is already in the journal (its
 * events and its seal record), so this file is an overflow of memory, not a second copy to recover
 * from. It is written and read only by the pipeline's worker, strictly first in, first out, and is
 * emptied (truncated) whenever the reader catches up with the writer; it is deleted at close and on
 * start. After a crash the journal's replay rebuilds the same batches under the same {@code
 * source_request_id}.
 *
 * <p>Record layout: int total length, long seal sequence, byte historical, int event count,
 * short+bytes source_request_id, int+bytes user key (empty: none), int+longs journal sequence
 * numbers to acknowledge, int+bytes batch JSON.
 */
final class SpillFile implements AutoCloseable {
  private final Path path;
  private FileChannel channel;
  private long writePos;
  private long readPos;
  private int batches;
  private long bytes;

  SpillFile(Path path) {
    this.path = path;
  }

  /** Removes a spill file left by an earlier run (its batches are rebuilt from the journal). */
  static void deleteStale(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Opening it for writing truncates it anyway.
    }
  }

  boolean isEmpty() {
    return batches == 0;
  }

  int batches() {
    return batches;
  }

  long bytes() {
    return bytes;
  }

  /** Appends a batch at the end. The batch must carry its journal sequence numbers. */
  void write(SealedBatch b) throws IOException {
    if (channel == null) {
      channel =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
      writePos = 0;
      readPos = 0;
    }
    byte[] id = b.sourceRequestId().getBytes(StandardCharsets.US_ASCII);
    byte[] user = b.userKey() == null ? new byte[0] : b.userKey().getBytes(StandardCharsets.UTF_8);
    long[] ack = (long[]) b.attachment();
    byte[] json = b.json();
    int len = 8 + 1 + 4 + 2 + id.length + 4 + user.length + 4 + 8 * ack.length + 4 + json.length;
    ByteBuffer buf = ByteBuffer.allocate(4 + len);
    buf.putInt(len)
        .putLong(b.sealSequence())
        .put((byte) (b.historical() ? 1 : 0))
        .putInt(b.eventCount());
    buf.putShort((short) id.length).put(id).putInt(user.length).put(user);
    buf.putInt(ack.length);
    for (long s : ack) buf.putLong(s);
    buf.putInt(json.length).put(json);
    buf.flip();
    long pos = writePos;
    while (buf.hasRemaining()) pos += channel.write(buf, pos);
    writePos = pos;
    batches++;
    bytes += 4 + len;
  }

  /** Reads the oldest batch without removing it; null when empty. */
  SealedBatch peek() throws IOException {
    if (batches == 0) return null;
    ByteBuffer head = ByteBuffer.allocate(4);
    readFully(head, readPos);
    int len = head.flip().getInt();
    if (len <= 0 || readPos + 4 + len > writePos) {
      throw new IOException("spill file " + path + " is damaged at offset " + readPos);
    }
    ByteBuffer b = ByteBuffer.allocate(len);
    readFully(b, readPos + 4);
    b.flip();
    long seal = b.getLong();
    boolean historical = b.get() == 1;
    int count = b.getInt();
    byte[] id = new byte[b.getShort()];
    b.get(id);
    byte[] user = new byte[b.getInt()];
    b.get(user);
    long[] ack = new long[b.getInt()];
    for (int i = 0; i < ack.length; i++) ack[i] = b.getLong();
    byte[] json = new byte[b.getInt()];
    b.get(json);
    return SealedBatch.builder()
        .sourceRequestId(new String(id, StandardCharsets.US_ASCII))
        .json(json)
        .historical(historical)
        .eventCount(count)
        .userKey(user.length == 0 ? null : new String(user, StandardCharsets.UTF_8))
        .sealSequence(seal)
        .attachment(ack)
        .build();
  }

  /** Removes the oldest batch (after {@link #peek} and a successful hand-over). */
  void remove() throws IOException {
    if (batches == 0) return;
    ByteBuffer head = ByteBuffer.allocate(4);
    readFully(head, readPos);
    int len = head.flip().getInt();
    readPos += 4 + len;
    batches--;
    bytes -= 4 + len;
    if (batches == 0) {
      // Caught up: start over at the beginning so the file does not grow across outages.
      channel.truncate(0);
      readPos = 0;
      writePos = 0;
      bytes = 0;
    }
  }

  private void readFully(ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = channel.read(b, pos);
      if (n < 0) throw new IOException("spill file " + path + " ended early at offset " + pos);
      pos += n;
    }
  }

  /** Closes and deletes the file; what it held is still in the journal. */
  @Override
  public void close() {
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // Deleted below anyway.
    }
    channel = null;
    batches = 0;
    bytes = 0;
    deleteStale(path);
  }
}
