package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Not API. One reusable UTF-8 generator over one reusable byte buffer, so serializing a value
 * allocates only its result array. Not thread-safe: owned by one worker thread.
 */
final class JsonBuffer {
  private final JsonFactory factory;
  private final ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
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
    byte[] out = bytes.toByteArray();
    bytes.reset();
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
    bytes.reset();
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
}
