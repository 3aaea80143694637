package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Not API. One reusable UTF-8 generator over one reusable byte buffer, so serializing a value
 * allocates only its result array, one exact-size copy. Not thread-safe: owned by one thread at a
 * time.
 *
 * <p>The buffer is a plain growable array rather than Jackson's {@code ByteArrayBuilder}, whose
 * {@code toByteArray} walks a linked list of blocks with a new iterator on every call.
 */
final class JsonBuffer {
  private final JsonFactory factory;
  private final Bytes bytes = new Bytes();
  private JsonGenerator generator;

  JsonBuffer(JsonFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.generator = newGenerator();
  }

  /**
   * @return the generator, positioned at the root, writing into an empty buffer
   */
  JsonGenerator generator() {
    return generator;
  }

  /** Flushes what was written, returns it and empties the buffer for the next value. */
  byte[] take() throws IOException {
    generator.flush();
    byte[] out = Arrays.copyOf(bytes.buf, bytes.count);
    bytes.clear();
    return out;
  }

  /**
   * Forgets a half-written value: a generator that failed mid-value has an unusable output context,
   * so it is replaced rather than reused.
   */
  void discard() {
    // Not closed: closing would write missing end markers and hand its buffers back; a fresh
    // generator is cheaper than reasoning about a broken one's state.
    generator = newGenerator();
    bytes.clear();
  }

  private JsonGenerator newGenerator() {
    try {
      JsonGenerator g = factory.createGenerator(bytes, JsonEncoding.UTF8);
      // Values are taken one at a time; without this, every root value after the first
      // would start with a space.
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The generator's target: a growable array, kept between values unless an unusually large value
   * (a long stack trace) grew it past {@link #KEEP_MAX} bytes.
   */
  private static final class Bytes extends OutputStream {
    static final int KEEP_MAX = 64 * 1024;
    byte[] buf = new byte[1024];
    int count;

    void clear() {
      count = 0;
      if (buf.length > KEEP_MAX) {
        buf = new byte[1024];
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }
}
