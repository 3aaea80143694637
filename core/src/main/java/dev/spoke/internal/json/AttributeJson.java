package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Not API. Writes custom attributes and flags, and generated ids, as the Events API's strings
 * (WIRE.md section 3) without a temporary {@code String} per number: values are rendered into one
 * reused char buffer ({@link WireValues#attributeChars}) and maps are walked with one reused
 * visitor. Not thread-safe: owned by one {@link EventWriter}.
 */
final class AttributeJson {
  private final char[] scratch = new char[WireValues.SCRATCH_CHARS];
  private final AttributeWriter attributeWriter = new AttributeWriter();

  /** Writes a generated id, the canonical text of the UUID with these bits, as a string. */
  void writeUuid(JsonGenerator g, long high, long low) throws IOException {
    g.writeString(scratch, 0, WireValues.uuidChars(high, low, scratch));
  }

  void writeAttributes(JsonGenerator g, Map<String, Object> attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    attributeWriter.start(g);
    try {
      // forEach, not an entry iterator: an unmodifiable map's iterator wraps every entry.
      attributes.forEach(attributeWriter);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (attributeWriter.open) {
      g.writeEndObject();
    }
  }

  /**
   * Writes custom attributes as the wire's strings; opens {@code custom_attributes} at the first
   * entry written (null keys and values, and values with no wire text, are skipped). Reused.
   */
  private final class AttributeWriter implements BiConsumer<String, Object> {
    private JsonGenerator g;
    boolean open;

    void start(JsonGenerator g) {
      this.g = g;
      this.open = false;
    }

    @Override
    public void accept(String key, Object value) {
      try {
        if (key == null || value == null) {
          return;
        }
        int n = WireValues.attributeChars(value, scratch);
        String text = n >= 0 ? null : WireValues.attributeString(value);
        if (n < 0 && text == null) {
          return;
        }
        if (!open) {
          g.writeFieldName(Names.CUSTOM_ATTRIBUTES);
          g.writeStartObject();
          open = true;
        }
        g.writeFieldName(key);
        if (n >= 0) {
          g.writeString(scratch, 0, n);
        } else {
          g.writeString(text);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  void writeFlags(JsonGenerator g, Map<String, String> flags) throws IOException {
    if (flags.isEmpty()) {
      return;
    }
    boolean open = false;
    for (Map.Entry<String, String> f : flags.entrySet()) {
      if (f.getKey() == null || f.getValue() == null) {
        continue;
      }
      if (!open) {
        g.writeFieldName(Names.CUSTOM_FLAGS);
        g.writeStartObject();
        open = true;
      }
      g.writeFieldName(f.getKey());
      g.writeString(f.getValue());
    }
    if (open) {
      g.writeEndObject();
    }
  }
}
