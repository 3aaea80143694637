package dev.spoke.kit.ga4;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoke.kit.KitUser;
import dev.spoke.user.IdentityType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Measurement Protocol request body: {@code {"client_id", "user_id"?,
 * "timestamp_micros", "user_properties"?, "events":[{"name","params"}]}}.
 *
 * <p>{@code client_id}: GA4 needs a stable pseudonymous id per user. It is the user's mpid in
 * decimal when known; else the SHA-256 hex of {@code "<identity key>:<value>"} of the user's first
 * identity (in {@link IdentityType} order); else a random id made once per kit instance.
 *
 * <p>{@code user_properties}: the user's attributes as the kit may see them, at most {@link
 * #MAX_USER_PROPERTIES}; names sanitised by {@link Ga4Names#userPropertyName}, values cut to {@link
 * #MAX_USER_PROPERTY_VALUE} characters, lists joined with commas, tags (no value) left out. They go
 * with every request, which is how GA4 sets them; removing an attribute is not forwarded (GA4 keeps
 * the last value sent).
 */
final class Ga4Payload {
  static final int MAX_EVENTS_PER_REQUEST = 25;
  static final int MAX_USER_PROPERTIES = 25;
  static final int MAX_USER_PROPERTY_VALUE = 36;

  /** GA4 ignores a user_id longer than this; we leave it out rather than send a damaged one. */
  static final int MAX_USER_ID = 256;

  private static final JsonFactory JSON = new JsonFactory();

  private Ga4Payload() {}

  static String clientId(KitUser user, String fallback) {
    if (user != null && user.mpid() != null) {
      return Long.toString(user.mpid());
    }
    if (user != null && !user.identities().isEmpty()) {
      Map.Entry<IdentityType, String> first =
          user.identities().asMap().entrySet().iterator().next();
      return sha256Hex(first.getKey().eventsApiKey() + ":" + first.getValue());
    }
    return fallback;
  }

  /**
   * @return the user_id to send, or null for none
   */
  static String userId(Ga4Settings s, KitUser user) {
    if (user == null) {
      return null;
    }
    String id;
    switch (s.userIdSource) {
      case MPID:
        id = user.mpid() == null ? null : Long.toString(user.mpid());
        break;
      case IDENTITY:
        id = user.identities().get(s.userIdIdentity);
        break;
      default:
        return null;
    }
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (s.hashUserId) {
      return sha256Hex(id);
    }
    return id.length() <= MAX_USER_ID ? id : null;
  }

  static Map<String, String> userProperties(KitUser user) {
    Map<String, String> out = new LinkedHashMap<>();
    if (user == null) {
      return out;
    }
    for (Map.Entry<String, Object> a : user.attributes().entrySet()) {
      if (out.size() == MAX_USER_PROPERTIES) {
        break;
      }
      String name = Ga4Names.userPropertyName(a.getKey());
      Object v = a.getValue();
      if (name == null || v == null || out.containsKey(name)) {
        continue;
      }
      String text = v instanceof List ? joined((List<?>) v) : String.valueOf(v);
      out.put(name, Ga4Names.truncate(text, MAX_USER_PROPERTY_VALUE));
    }
    return out;
  }

  private static String joined(List<?> values) {
    StringBuilder b = new StringBuilder();
    for (Object o : values) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(o);
    }
    return b.toString();
  }

  static byte[] body(
      String clientId,
      String userId,
      long timestampMicros,
      Map<String, String> userProperties,
      List<Ga4Event> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * events.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("client_id", clientId);
      if (userId != null) {
        g.writeStringField("user_id", userId);
      }
      g.writeNumberField("timestamp_micros", timestampMicros);
      if (!userProperties.isEmpty()) {
        g.writeObjectFieldStart("user_properties");
        for (Map.Entry<String, String> p : userProperties.entrySet()) {
          g.writeObjectFieldStart(p.getKey());
          g.writeStringField("value", p.getValue());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeArrayFieldStart("events");
      for (Ga4Event e : events) {
        g.writeStartObject();
        g.writeStringField("name", e.name);
        g.writeFieldName("params");
        writeValue(g, e.params);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a byte array does not fail
    }
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Long) {
      g.writeNumber((Long) v);
    } else if (v instanceof Double) {
      double d = (Double) v;
      // GA4 wants whole quantities and indexes as integers; 2.0 and 2 mean the same to it.
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        g.writeNumber((long) d);
      } else {
        g.writeNumber(d);
      }
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  static String sha256Hex(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
