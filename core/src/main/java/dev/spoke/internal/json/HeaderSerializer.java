package dev.spoke.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.spoke.Environment;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.IdentityType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. Writes the batch-level fields (WIRE.md section 2) as JSON object bodies without braces
 * ("fragments"), so a batch is framed as {@code
 * {<instance>,<user>,"source_request_id":"…","events":[…]}} without re-serializing what does not
 * change between batches.
 *
 * <p>Null fields are left out, and so are empty maps, lists and objects. Not thread-safe: one
 * instance per worker thread.
 */
public final class HeaderSerializer {
  private static final byte[] SOURCE_REQUEST_ID = ascii("\"source_request_id\":\"");
  private static final byte[] EVENTS = ascii("\",\"events\":[");
  private static final byte[] END = ascii("]}");

  private final JsonBuffer buffer;

  /** Creates a serializer with its own default {@link JsonFactory}. */
  public HeaderSerializer() {
    this(new JsonFactory());
  }

  /**
   * @param factory the factory to create the reused generator from
   */
  public HeaderSerializer(JsonFactory factory) {
    this.buffer = new JsonBuffer(factory);
  }

  /**
   * @param user the user the batch belongs to
   * @return {@code "mpid":N,"user_identities":{…},"user_attributes":{…},
   *     "deleted_user_attributes":[…],"consent_state":{…}} (absent parts left out; possibly empty)
   */
  public byte[] userFragment(UserSnapshot user) {
    Objects.requireNonNull(user, "user");
    try {
      JsonGenerator g = buffer.generator();
      g.writeStartObject();
      EventSerializer.writeLong(g, Names.MPID, user.mpid());
      writeIdentities(g, user.identities().asMap());
      writeUserAttributes(g, user.attributes());
      EventSerializer.writeStrings(g, Names.DELETED_USER_ATTRIBUTES, user.deletedAttributes());
      writeConsent(g, user.consent());
      g.writeEndObject();
      return unbrace(buffer.take());
    } catch (IOException e) {
      buffer.discard();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      buffer.discard();
      throw e;
    }
  }

  /**
   * @param env the environment (required)
   * @param device the device info, or null
   * @param app the application info, or null
   * @param sdkVersion the SDK version, or null
   * @param dataPlanId the data plan id, or null (then no {@code context} is written, since the wire
   *     requires {@code plan_id} in it)
   * @param dataPlanVersion the data plan version, or null
   * @param mpDeviceId the {@code mp_deviceid}, or null
   * @return {@code "environment":"…",…} for the instance-level fields (never empty)
   */
  public byte[] instanceFragment(
      Environment env,
      DeviceInfo device,
      ApplicationInfo app,
      String sdkVersion,
      String dataPlanId,
      Integer dataPlanVersion,
      String mpDeviceId) {
    Objects.requireNonNull(env, "env");
    try {
      JsonGenerator g = buffer.generator();
      g.writeStartObject();
      g.writeFieldName(Names.ENVIRONMENT);
      g.writeString(env.wireName());
      EventSerializer.writeString(g, Names.MP_DEVICE_ID, mpDeviceId);
      EventSerializer.writeString(g, Names.SDK_VERSION, sdkVersion);
      if (dataPlanId != null) {
        g.writeFieldName(Names.CONTEXT);
        g.writeStartObject();
        g.writeFieldName(Names.DATA_PLAN);
        g.writeStartObject();
        g.writeFieldName(Names.PLAN_ID);
        g.writeString(dataPlanId);
        if (dataPlanVersion != null) {
          g.writeFieldName(Names.PLAN_VERSION);
          g.writeNumber(dataPlanVersion.intValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      writeDevice(g, device);
      writeApplication(g, app);
      g.writeEndObject();
      return unbrace(buffer.take());
    } catch (IOException e) {
      buffer.discard();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      buffer.discard();
      throw e;
    }
  }

  /**
   * Frames one batch. A simple helper: the upload pipeline has its own size-aware framing.
   *
   * @param instanceFragment from {@link #instanceFragment}
   * @param userFragment from {@link #userFragment} (may be empty)
   * @param sourceRequestId the batch's {@code source_request_id}
   * @param events complete event objects, from {@link EventSerializer#serialize}
   * @return the batch JSON
   */
  public static byte[] batch(
      byte[] instanceFragment, byte[] userFragment, String sourceRequestId, List<byte[]> events) {
    byte[] id =
        JsonStringEncoder.getInstance()
            .quoteAsUTF8(Objects.requireNonNull(sourceRequestId, "sourceRequestId"));
    int size =
        1
            + instanceFragment.length
            + (userFragment.length > 0 ? 1 + userFragment.length : 0)
            + 1
            + SOURCE_REQUEST_ID.length
            + id.length
            + EVENTS.length
            + Math.max(0, events.size() - 1)
            + END.length;
    for (byte[] e : events) {
      size += e.length;
    }
    byte[] out = new byte[size];
    int p = 0;
    out[p++] = '{';
    p = put(out, p, instanceFragment);
    if (userFragment.length > 0) {
      out[p++] = ',';
      p = put(out, p, userFragment);
    }
    out[p++] = ',';
    p = put(out, p, SOURCE_REQUEST_ID);
    p = put(out, p, id);
    p = put(out, p, EVENTS);
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      p = put(out, p, events.get(i));
    }
    put(out, p, END);
    return out;
  }

  private static void writeIdentities(JsonGenerator g, Map<IdentityType, String> identities)
      throws IOException {
    if (identities.isEmpty()) {
      return;
    }
    g.writeFieldName(Names.USER_IDENTITIES);
    g.writeStartObject();
    for (Map.Entry<IdentityType, String> i : identities.entrySet()) {
      g.writeFieldName(i.getKey().eventsApiKey());
      g.writeString(i.getValue());
    }
    g.writeEndObject();
  }

  private static void writeUserAttributes(JsonGenerator g, Map<String, Object> attributes)
      throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    g.writeFieldName(Names.USER_ATTRIBUTES);
    g.writeStartObject();
    for (Map.Entry<String, Object> a : attributes.entrySet()) {
      g.writeFieldName(a.getKey());
      EventSerializer.writeUserAttributeValue(g, a.getValue());
    }
    g.writeEndObject();
  }

  private static void writeConsent(JsonGenerator g, ConsentState consent) throws IOException {
    if (consent.isEmpty()) {
      return;
    }
    g.writeFieldName(Names.CONSENT_STATE);
    g.writeStartObject();
    if (!consent.gdpr().isEmpty()) {
      g.writeFieldName(Names.GDPR);
      g.writeStartObject();
      for (Map.Entry<String, ConsentDecision> purpose : consent.gdpr().entrySet()) {
        g.writeFieldName(purpose.getKey());
        writeDecision(g, purpose.getValue());
      }
      g.writeEndObject();
    }
    if (consent.ccpa() != null) {
      g.writeFieldName(Names.CCPA);
      g.writeStartObject();
      g.writeFieldName(Names.DATA_SALE_OPT_OUT);
      writeDecision(g, consent.ccpa());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeDecision(JsonGenerator g, ConsentDecision d) throws IOException {
    g.writeStartObject();
    g.writeFieldName(Names.CONSENTED);
    g.writeBoolean(d.consented());
    EventSerializer.writeString(g, Names.DOCUMENT, d.document());
    EventSerializer.writeLong(g, Names.TIMESTAMP, d.timestampMillis());
    EventSerializer.writeString(g, Names.LOCATION, d.location());
    EventSerializer.writeString(g, Names.HARDWARE_ID, d.hardwareId());
    g.writeEndObject();
  }

  private static void writeDevice(JsonGenerator g, DeviceInfo d) throws IOException {
    if (d == null || isEmpty(d)) {
      return;
    }
    g.writeFieldName(Names.DEVICE_INFO);
    g.writeStartObject();
    EventSerializer.writeString(g, Names.PLATFORM, d.platform());
    EventSerializer.writeString(g, Names.OS_VERSION, d.osVersion());
    EventSerializer.writeString(g, Names.DEVICE_MODEL, d.deviceModel());
    EventSerializer.writeString(g, Names.LOCALE_LANGUAGE, d.localeLanguage());
    EventSerializer.writeString(g, Names.LOCALE_COUNTRY, d.localeCountry());
    if (d.timezoneOffsetHours() != null) {
      g.writeFieldName(Names.TIMEZONE_OFFSET);
      g.writeNumber(d.timezoneOffsetHours().intValue());
    }
    EventSerializer.writeBoolean(g, Names.IS_DST, d.dst());
    EventSerializer.writeString(g, Names.USER_AGENT, d.userAgent());
    g.writeEndObject();
  }

  private static boolean isEmpty(DeviceInfo d) {
    return d.platform() == null
        && d.osVersion() == null
        && d.deviceModel() == null
        && d.localeLanguage() == null
        && d.localeCountry() == null
        && d.timezoneOffsetHours() == null
        && d.dst() == null
        && d.userAgent() == null;
  }

  private static void writeApplication(JsonGenerator g, ApplicationInfo a) throws IOException {
    if (a == null
        || (a.applicationName() == null
            && a.applicationVersion() == null
            && a.buildNumber() == null
            && a.installReferrer() == null
            && a.packageName() == null
            && a.os() == null)) {
      return;
    }
    g.writeFieldName(Names.APPLICATION_INFO);
    g.writeStartObject();
    EventSerializer.writeString(g, Names.APPLICATION_NAME, a.applicationName());
    EventSerializer.writeString(g, Names.APPLICATION_VERSION, a.applicationVersion());
    EventSerializer.writeString(g, Names.APPLICATION_BUILD_NUMBER, a.buildNumber());
    EventSerializer.writeString(g, Names.INSTALL_REFERRER, a.installReferrer());
    EventSerializer.writeString(g, Names.PACKAGE, a.packageName());
    if (a.os() != null) {
      g.writeFieldName(Names.OS);
      g.writeString(a.os().wireName());
    }
    g.writeEndObject();
  }

  /** Strips the outer braces of a serialized object: {@code {}} becomes an empty fragment. */
  private static byte[] unbrace(byte[] object) {
    return object.length <= 2 ? new byte[0] : Arrays.copyOfRange(object, 1, object.length - 1);
  }

  private static int put(byte[] out, int p, byte[] src) {
    System.arraycopy(src, 0, out, p, src.length);
    return p + src.length;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
