package dev.spoke.internal.kit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API. Typed reads from a {@link JsonTree} value: tolerant of numbers and booleans given as
 * strings (the platform's documents are not consistent about it), strict about anything else, with
 * a message naming the field path and the value found.
 */
final class Fields {
  private Fields() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v, String path) throws KitConfigurationException {
    if (v instanceof Map) {
      return (Map<String, Object>) v;
    }
    throw new KitConfigurationException(path + ": expected a JSON object, got " + describe(v));
  }

  /**
   * @return the object, or an empty map when the field is absent or null
   */
  static Map<String, Object> optObject(Map<String, Object> parent, String key, String path)
      throws KitConfigurationException {
    Object v = parent.get(key);
    return v == null ? Collections.emptyMap() : object(v, path);
  }

  /**
   * @return the object, or null when the field is absent or null (unlike {@link #optObject})
   */
  static Map<String, Object> objectOrNull(Map<String, Object> parent, String key, String path)
      throws KitConfigurationException {
    Object v = parent.get(key);
    return v == null ? null : object(v, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object v, String path) throws KitConfigurationException {
    if (v instanceof List) {
      return (List<Object>) v;
    }
    throw new KitConfigurationException(path + ": expected a JSON array, got " + describe(v));
  }

  static int intValue(Object v, String path) throws KitConfigurationException {
    long l = longValue(v, path);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new KitConfigurationException(path + ": expected a 32-bit integer, got " + describe(v));
    }
    return (int) l;
  }

  static long longValue(Object v, String path) throws KitConfigurationException {
    if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
    }
    if (v instanceof String) {
      String s = ((String) v).trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        try {
          return new BigDecimal(s).longValueExact();
        } catch (NumberFormatException | ArithmeticException e2) {
          // fall through to the error naming the field
        }
      }
    }
    if (v instanceof BigInteger) {
      throw new KitConfigurationException(path + ": integer out of range: " + v);
    }
    throw new KitConfigurationException(path + ": expected an integer, got " + describe(v));
  }

  /**
   * @return the integer, or null when absent or null
   */
  static Integer optInt(Map<String, Object> parent, String key, String path)
      throws KitConfigurationException {
    Object v = parent.get(key);
    return v == null ? null : intValue(v, path);
  }

  static boolean boolValue(Object v, String path) throws KitConfigurationException {
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Long || v instanceof Integer) {
      long l = ((Number) v).longValue();
      if (l == 0 || l == 1) {
        return l == 1;
      }
    }
    if (v instanceof String) {
      String s = ((String) v).trim();
      if (s.equalsIgnoreCase("true") || s.equals("1")) {
        return true;
      }
      if (s.equalsIgnoreCase("false") || s.equals("0")) {
        return false;
      }
    }
    throw new KitConfigurationException(path + ": expected true/false or 1/0, got " + describe(v));
  }

  /**
   * @return the boolean, or null when absent or null
   */
  static Boolean optBool(Map<String, Object> parent, String key, String path)
      throws KitConfigurationException {
    Object v = parent.get(key);
    return v == null ? null : boolValue(v, path);
  }

  /**
   * A string-to-string map. Scalars are rendered as text, nested JSON as compact JSON text (some
   * kits carry JSON inside a setting), and null values are left out.
   */
  static Map<String, String> stringMap(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return Collections.emptyMap();
    }
    Map<String, Object> o = object(v, path);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o.entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        continue;
      }
      out.put(
          e.getKey(),
          value instanceof Map || value instanceof List ? JsonTree.write(value) : value.toString());
    }
    return Collections.unmodifiableMap(out);
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      String s = (String) v;
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    return v.toString();
  }
}
