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
 *
 * <p>Batches kept as their parts (the header fragment, the id and the events' own arrays: {@link
 * SealedBatch.Builder#framed}) are framed here, straight into the body: for a plain body into the
 * output buffer, for a gzip body into a small reused staging buffer that the deflater takes in
 * large chunks (one native call per 32 KB instead of two per event). So the events are copied once
 * on their way to the wire, not first into a batch array of their own.
 */
public final class BodyEncoder {
  /**
   * Fast compression: batches are repetitive JSON, so level 2 already removes most bytes at a third
   * of the CPU of the default level (measured: bench/README.md, "gzip level").
   */
  public static final int DEFAULT_LEVEL = 2;

  /** An output buffer grown past this (an unusually large request) is not kept for the next one. */
  private static final int KEEP_MAX = 512 * 1024;

  /** Deflater input is staged in chunks of this size. */
  private static final int STAGE_BYTES = 32 * 1024;

  /** Member header: magic, deflate, no flags, no mtime, no extra flags, OS unknown. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private final byte[] stage = new byte[STAGE_BYTES];
  private byte[] out = new byte[64 * 1024];
  private int length;
  private int staged;
  private long inputSize;
  private boolean compressing;

  /** What the batches write their bytes to (kept off this class's public surface). */
  private final BatchFraming.Out body =
      new BatchFraming.Out() {
        @Override
        public void put(byte b) {
          putByte(b);
        }

        @Override
        public void put(byte[] b, int off, int len) {
          putBytes(b, off, len);
        }

        @Override
        public void putAscii(String s) {
          for (int i = 0; i < s.length(); i++) {
            putByte((byte) s.charAt(i));
          }
        }
      };

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
    compressing = false;
    writeBody(batches);
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
    staged = 0;
    inputSize = 0;
    compressing = true;
    writeBody(batches);
    feedStage();
    compressing = false;
    deflater.finish();
    while (!deflater.finished()) {
      drain();
    }
    ensure(8);
    writeIntLe((int) crc.getValue());
    writeIntLe((int) inputSize); // ISIZE: the input length modulo 2^32
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

  /** {@code [b1,b2,…]}: into the output buffer, or staged for deflate. */
  private void writeBody(List<SealedBatch> batches) {
    putByte((byte) '[');
    for (int i = 0; i < batches.size(); i++) {
      if (i > 0) {
        putByte((byte) ',');
      }
      batches.get(i).writeTo(body);
    }
    putByte((byte) ']');
  }

  private void putByte(byte b) {
    if (compressing) {
      if (staged == STAGE_BYTES) {
        feedStage();
      }
      stage[staged++] = b;
    } else {
      out[length++] = b;
    }
  }

  private void putBytes(byte[] b, int off, int len) {
    if (!compressing) {
      System.arraycopy(b, off, out, length, len);
      length += len;
      return;
    }
    while (len > 0) {
      if (staged == STAGE_BYTES) {
        feedStage();
      }
      int n = Math.min(len, STAGE_BYTES - staged);
      System.arraycopy(b, off, stage, staged, n);
      staged += n;
      off += n;
      len -= n;
    }
  }

  private void feedStage() {
    if (staged == 0) {
      return;
    }
    crc.update(stage, 0, staged);
    deflater.setInput(stage, 0, staged);
    while (!deflater.needsInput()) {
      drain();
    }
    inputSize += staged;
    staged = 0;
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
