package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API. One parsed JSON object for the strict reader: each typed getter consumes its field, and
 * {@link #done()} refuses whatever was not consumed, so an unexpected field names itself.
 */
final class StrictObject {
  private final String path;
  private final Map<String, Object> fields;

  private StrictObject(String path, Map<String, Object> fields) {
    this.path = path;
    this.fields = fields;
  }

  /**
   * Reads the value at the parser's current token into maps, lists, strings, numbers, booleans and
   * nulls.
   */
  static Object readValue(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IllegalArgumentException(path + ": unexpected end of input");
    }
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            Object value = readValue(p, path + "." + name);
            if (map.containsKey(name)) {
              throw new IllegalArgumentException(path + ": duplicate field '" + name + "'");
            }
            map.put(name, value);
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(readValue(p, path + "[" + i++ + "]"));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue()
            : p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException(path + ": unexpected token " + t);
    }
  }

  /** Wraps a value that must be an object. */
  @SuppressWarnings("unchecked")
  static StrictObject of(String path, Object value) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(path + ": expected an object, got " + describe(value));
    }
    return new StrictObject(path, new LinkedHashMap<>((Map<String, Object>) value));
  }

  String path() {
    return path;
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  /** Consumes a field whose value may legitimately be null; absent and null both give null. */
  Object raw(String name) {
    return fields.remove(name);
  }

  /** Consumes a field the wire requires, whose value may be null. */
  Object requiredNullable(String name) {
    if (!fields.containsKey(name)) {
      throw new IllegalArgumentException(path + ": missing required field '" + name + "'");
    }
    return fields.remove(name);
  }

  private Object take(String name, boolean required) {
    if (!fields.containsKey(name)) {
      if (required) {
        throw new IllegalArgumentException(path + ": missing required field '" + name + "'");
      }
      return null;
    }
    Object v = fields.remove(name);
    if (v == null) {
      // The writer leaves absent values out; an explicit null here is an emission bug.
      throw new IllegalArgumentException(
          path + "." + name + ": null where the field should be left out");
    }
    return v;
  }

  String string(String name) {
    Object v = take(name, false);
    return v == null ? null : asString(path + "." + name, v);
  }

  String requiredString(String name) {
    return asString(path + "." + name, take(name, true));
  }

  Long longValue(String name) {
    Object v = take(name, false);
    return v == null ? null : asLong(path + "." + name, v);
  }

  long requiredLong(String name) {
    return asLong(path + "." + name, take(name, true));
  }

  Integer intValue(String name) {
    Long v = longValue(name);
    if (v == null) {
      return null;
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(path + "." + name + ": " + v + " is out of int range");
    }
    return v.intValue();
  }

  Double doubleValue(String name) {
    Object v = take(name, false);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException(
          path + "." + name + ": expected a number, got " + describe(v));
    }
    return ((Number) v).doubleValue();
  }

  Boolean bool(String name) {
    return asBoolean(path + "." + name, take(name, false));
  }

  boolean requiredBool(String name) {
    return asBoolean(path + "." + name, take(name, true));
  }

  StrictObject object(String name) {
    Object v = take(name, false);
    return v == null ? null : of(path + "." + name, v);
  }

  StrictObject requiredObject(String name) {
    return of(path + "." + name, take(name, true));
  }

  List<Object> array(String name) {
    Object v = take(name, false);
    if (v == null) {
      return Collections.emptyList();
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException(
          path + "." + name + ": expected an array, got " + describe(v));
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) v;
    return list;
  }

  List<String> strings(String name) {
    List<Object> values = array(name);
    List<String> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(asString(path + "." + name + "[" + i + "]", values.get(i)));
    }
    return out;
  }

  /** Consumes a string-to-string object (custom attributes, custom flags). */
  Map<String, String> stringMap(String name) {
    StrictObject o = object(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (o == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : o.fields.entrySet()) {
      out.put(e.getKey(), asString(o.path + "." + e.getKey(), e.getValue()));
    }
    o.fields.clear();
    return out;
  }

  /**
   * @return the remaining field names and values, consuming them all
   */
  Map<String, Object> drain() {
    Map<String, Object> out = new LinkedHashMap<>(fields);
    fields.clear();
    return out;
  }

  /** Refuses any field no getter consumed. */
  void done() {
    if (!fields.isEmpty()) {
      String name = fields.keySet().iterator().next();
      throw new IllegalArgumentException(path + ": unknown field '" + name + "'");
    }
  }

  static String asString(String where, Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException(where + ": expected a string, got " + describe(v));
  }

  static long asLong(String where, Object v) {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof BigInteger) {
      throw new IllegalArgumentException(where + ": " + v + " is out of int64 range");
    }
    throw new IllegalArgumentException(where + ": expected an integer, got " + describe(v));
  }

  static Boolean asBoolean(String where, Object v) {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v == null) {
      return null;
    }
    throw new IllegalArgumentException(where + ": expected a boolean, got " + describe(v));
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number (" + v + ")";
  }
}
