package dev.spoke.internal.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API. Reads small JSON documents (kit configuration, data plans) into plain Java values with
 * jackson-core's streaming parser, because core carries no databind at runtime: objects become
 * {@code LinkedHashMap<String, Object>}, arrays {@code ArrayList<Object>}, numbers {@code Long},
 * {@code java.math.BigInteger} or {@code Double}, plus {@code String}, {@code Boolean} and null.
 */
final class JsonTree {
  /**
   * Configuration documents are shallow; a deep one is hostile or broken, and recursion must stay
   * bounded.
   */
  static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  static Object parse(String json) throws IOException {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("empty document");
      }
      Object value = read(p, first, 0);
      if (p.nextToken() != null) {
        throw new IOException("trailing content after the JSON value at " + p.getCurrentLocation());
      }
      return value;
    }
  }

  private static Object read(JsonParser p, JsonToken t, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("nesting deeper than " + MAX_DEPTH);
    }
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          JsonToken next;
          while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            map.put(name, read(p, p.nextToken(), depth + 1));
          }
          if (next != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          JsonToken next;
          while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (next == null) {
              throw new IOException("unterminated array");
            }
            list.add(read(p, next, depth + 1));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        {
          Number n = p.getNumberValue();
          return n instanceof Integer ? Long.valueOf(n.longValue()) : n;
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t + " at " + p.getCurrentLocation());
    }
  }

  /**
   * Writes a value read by {@link #parse} back as compact JSON (for settings that hold nested
   * JSON).
   */
  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen with a StringWriter", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Number) {
      g.writeNumber(v.toString());
    } else {
      g.writeString(v.toString());
    }
  }
}
