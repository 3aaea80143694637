package dev.spoke.internal.identity;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoke.Environment;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Not API. Writes IDSync request bodies and reads responses with jackson-core's streaming API. */
final class IdSyncJson {
  /**
   * {@code client_sdk.platform}. The IDSync description's {@code Platform} enum is {@code ios,
   * android, web, tvos, roku, alexa, smart_tv, fire, xbox, other} (mParticle/docs,
   * static/downloads/identity-swagger.yaml): a JVM is none of the named ones, so {@code other}.
   */
  static final String CLIENT_PLATFORM = "other";

  /** {@code client_sdk.sdk_vendor}. */
  static final String SDK_VENDOR = "spoke";

  /** Enough for any real error list; bounds what a hostile server can make us allocate. */
  static final int MAX_SERVER_ERRORS = 50;

  private final JsonFactory factory = new JsonFactory();
  private final Environment environment;
  private final String sdkVersion;

  IdSyncJson(Environment environment, String sdkVersion) {
    this.environment = environment;
    this.sdkVersion = sdkVersion;
  }

  /** The fields every request carries. */
  static final class Envelope {
    final String requestId;
    final long timestampMs;
    final String context;

    Envelope(String requestId, long timestampMs, String context) {
      this.requestId = requestId;
      this.timestampMs = timestampMs;
      this.context = context;
    }
  }

  /**
   * Body of identify, login and logout. User identities are written first under their IDSync names;
   * a device id whose key collides with one of them is skipped (JSON keys must be unique).
   */
  byte[] identityRequest(
      Envelope envelope, UserIdentities known, Map<String, String> deviceIds, Long previousMpid)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      writeEnvelope(g, envelope);
      if (previousMpid == null) {
        g.writeNullField("previous_mpid");
      } else {
        // The server sends mpids as strings (64-bit ids do not survive JavaScript numbers); we
        // send them back the same way, as the platform's web SDK does.
        g.writeStringField("previous_mpid", Long.toString(previousMpid));
      }
      g.writeObjectFieldStart("known_identities");
      Set<String> written = new HashSet<>();
      for (Map.Entry<IdentityType, String> e : known.asMap().entrySet()) {
        g.writeStringField(e.getKey().idsyncKey(), e.getValue());
        written.add(e.getKey().idsyncKey());
      }
      for (Map.Entry<String, String> e : deviceIds.entrySet()) {
        if (e.getKey() != null && e.getValue() != null && written.add(e.getKey())) {
          g.writeStringField(e.getKey(), e.getValue());
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Body of modify: the envelope plus {@code identity_changes[]} with explicit nulls. */
  byte[] modifyRequest(Envelope envelope, List<IdentityDiff.Change> changes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      writeEnvelope(g, envelope);
      g.writeArrayFieldStart("identity_changes");
      for (IdentityDiff.Change c : changes) {
        g.writeStartObject();
        g.writeStringField("identity_type", c.type.idsyncKey());
        writeNullableString(g, "old_value", c.oldValue);
        writeNullableString(g, "new_value", c.newValue);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Body of an alias request, as the Android SDK's {@code MPAliasMessage} and the Web SDK's {@code
   * createAliasNetworkRequest} write it (no {@code client_sdk}: neither sends one).
   */
  byte[] aliasRequest(Envelope envelope, String apiKey, AliasRequest r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("request_id", envelope.requestId);
      g.writeStringField("request_type", "alias");
      g.writeStringField("environment", environment.wireName());
      g.writeStringField("api_key", apiKey);
      g.writeObjectFieldStart("data");
      g.writeNumberField("source_mpid", r.sourceMpid());
      g.writeNumberField("destination_mpid", r.destinationMpid());
      g.writeNumberField("start_unixtime_ms", r.startTimeMillis());
      g.writeNumberField("end_unixtime_ms", r.endTimeMillis());
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private void writeEnvelope(JsonGenerator g, Envelope envelope) throws IOException {
    g.writeObjectFieldStart("client_sdk");
    g.writeStringField("platform", CLIENT_PLATFORM);
    g.writeStringField("sdk_vendor", SDK_VENDOR);
    g.writeStringField("sdk_version", sdkVersion);
    g.writeEndObject();
    g.writeStringField("environment", environment.wireName());
    g.writeStringField("request_id", envelope.requestId);
    g.writeNumberField("request_timestamp_ms", envelope.timestampMs);
    writeNullableString(g, "context", envelope.context);
  }

  private static void writeNullableString(JsonGenerator g, String name, String value)
      throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  /**
   * Reads a 2xx body.
   *
   * @param fallbackMpid the mpid to report when the body has none (modify answers without one), or
   *     null when a missing mpid is an error
   * @throws IOException when the body is not a JSON object or its mpid is missing or not a number
   */
  IdentityResult result(byte[] body, int status, Long fallbackMpid) throws IOException {
    IdentityResult.Builder b = IdentityResult.builder().httpStatus(status);
    Long mpid = null;
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("response is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "mpid":
            mpid = readMpid(p, t);
            break;
          case "context":
            b.context(t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null);
            p.skipChildren();
            break;
          case "is_ephemeral":
            b.ephemeral(t == JsonToken.VALUE_TRUE);
            p.skipChildren();
            break;
          case "is_logged_in":
            b.loggedIn(t == JsonToken.VALUE_TRUE);
            p.skipChildren();
            break;
          case "matched_identities":
            b.matchedIdentities(readIdentities(p, t));
            break;
          default:
            p.skipChildren();
        }
      }
    }
    if (mpid == null) {
      if (fallbackMpid == null) {
        throw new IOException("response has no mpid");
      }
      mpid = fallbackMpid;
    }
    return b.mpid(mpid).build();
  }

  private static Long readMpid(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText().trim();
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IOException("response mpid is not a 64-bit integer: \"" + abbreviate(text) + '"');
      }
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new IOException("response mpid is a " + t + ", expected a string");
  }

  private static UserIdentities readIdentities(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return UserIdentities.empty();
    }
    UserIdentities.Builder ids = UserIdentities.builder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Optional<IdentityType> type = IdentityType.fromIdsyncKey(p.currentName());
      JsonToken v = p.nextToken();
      if (type.isPresent() && v == JsonToken.VALUE_STRING) {
        ids.put(type.get(), p.getText());
      } else {
        // Device ids and unknown keys are not user identities; arrays/objects are skipped whole.
        p.skipChildren();
      }
    }
    return ids.build();
  }

  /**
   * Reads {@code {"errors":[{"code":…,"message":…}]}} from an error body. Best effort: never
   * throws; returns what was read before anything unexpected.
   */
  List<IdentityException.ServerError> errors(byte[] body) {
    List<IdentityException.ServerError> errors = new ArrayList<>();
    if (body == null || body.length == 0) {
      return errors;
    }
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return errors;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("errors".equals(name) && t == JsonToken.START_ARRAY) {
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
            if (e == JsonToken.START_OBJECT && errors.size() < MAX_SERVER_ERRORS) {
              errors.add(readError(p));
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // A garbled error body still leaves the status to report; keep what was read.
    }
    return errors.isEmpty() ? Collections.emptyList() : errors;
  }

  private static IdentityException.ServerError readError(JsonParser p) throws IOException {
    String code = null;
    String message = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      String text = t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null;
      p.skipChildren();
      if ("code".equals(name)) {
        code = text;
      } else if ("message".equals(name)) {
        message = text;
      }
    }
    return new IdentityException.ServerError(code, message);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
