package dev.spoke.internal.upload;

import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a bulk request body {@code [b1,b2,…]} into one reused buffer straight from the sealed
 * batches' bytes: gzipped (RFC 1952) through one reused {@link Deflater}, or plain. One per sender
 * thread; not thread-safe. Not API.
 *
 * <p>Before, each request built its uncompressed body in a new array, then a new {@code
 * GZIPOutputStream} (a native deflate state of ~260 KB) compressed it into another new array kept
 * for the request's life. Now the only per-request work is the compression itself, and nothing is
 * allocated per request once the buffer has grown to the usual request size.
 */
public final class BodyEncoder {
  /**
   * Fast compression: batches are repetitive JSON, so level 2 already removes most bytes at a third
   * of the CPU of the default level (measured: bench/README.md, "gzip level").
   */
  public static final int DEFAULT_LEVEL = 2;

  /** An output buffer grown past this (an unusually large request) is not kept for the next one. */
  private static final int KEEP_MAX = 512 * 1024;

  private static final byte[] OPEN = {'['};
  private static final byte[] COMMA = {','};
  private static final byte[] CLOSE = {']'};

  /** Member header: magic, deflate, no flags, no mtime, no extra flags, OS unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private byte[] out = new byte[64 * 1024];
  private int length;

  /** An encoder at {@link #DEFAULT_LEVEL}. */
  public BodyEncoder() {
    this(DEFAULT_LEVEL);
  }

  /**
   * @param level deflate level, 1 (fastest) to 9 (smallest)
   */
  public BodyEncoder(int level) {
    if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException("gzip level " + level + " must be 1 to 9 (default 2)");
    }
    this.deflater = new Deflater(level, true); // raw deflate: the gzip framing is written here
  }

  /**
   * Writes the uncompressed request body of these batches; the result is {@link #buffer()}'s first
   * {@link #length()} bytes until the next call.
   *
   * @return the body's length
   */
  public int plain(List<SealedBatch> batches) {
    long size = RequestPacker.bodySize(batches);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("request of " + size + " bytes is too large");
    }
    start();
    ensure((int) size);
    out[length++] = '[';
    for (int i = 0; i < batches.size(); i++) {
      if (i > 0) {
        out[length++] = ',';
      }
      byte[] json = batches.get(i).json();
      System.arraycopy(json, 0, out, length, json.length);
      length += json.length;
    }
    out[length++] = ']';
    return length;
  }

  /**
   * Compresses the request body of these batches; the result is {@link #buffer()}'s first {@link
   * #length()} bytes until the next call.
   *
   * @return the compressed length
   */
  public int gzip(List<SealedBatch> batches) {
    start();
    deflater.reset();
    crc.reset();
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    length = HEADER.length;
    long size = 0;
    size += feed(OPEN);
    for (int i = 0; i < batches.size(); i++) {
      if (i > 0) {
        size += feed(COMMA);
      }
      size += feed(batches.get(i).json());
    }
    size += feed(CLOSE);
    deflater.finish();
    while (!deflater.finished()) {
      drain();
    }
    ensure(8);
    writeIntLe((int) crc.getValue());
    writeIntLe((int) size); // ISIZE: the input length modulo 2^32
    return length;
  }

  /** The body written last: valid up to {@link #length()}. */
  public byte[] buffer() {
    return out;
  }

  /** Length of the body written last. */
  public int length() {
    return length;
  }

  /** Frees the native deflate state; the encoder is unusable afterwards. */
  public void close() {
    deflater.end();
  }

  private int feed(byte[] b) {
    crc.update(b, 0, b.length);
    deflater.setInput(b, 0, b.length);
    while (!deflater.needsInput()) {
      drain();
    }
    return b.length;
  }

  private void drain() {
    ensure(1);
    length += deflater.deflate(out, length, out.length - length, Deflater.NO_FLUSH);
  }

  private void start() {
    if (out.length > KEEP_MAX) {
      out = new byte[64 * 1024];
    }
    length = 0;
  }

  private void ensure(int room) {
    int need = Math.max(room, 4096);
    if (out.length - length < need) {
      byte[] bigger = new byte[Math.max(out.length * 2, length + need)];
      System.arraycopy(out, 0, bigger, 0, length);
      out = bigger;
    }
  }

  private void writeIntLe(int v) {
    out[length++] = (byte) v;
    out[length++] = (byte) (v >>> 8);
    out[length++] = (byte) (v >>> 16);
    out[length++] = (byte) (v >>> 24);
  }
}
