package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a batch is about: its {@code mpid}, or else the user its identities resolve to, as the
 * platform resolves a server-to-server batch that carries no MPID ("include either user or device
 * identities": the README of mParticle/mparticle-java-events-sdk and mparticle-go-sdk). Not API.
 *
 * <p>The batch names identities with Events API keys; the identity graph uses IDSync keys. The
 * mapping: the Events API keys of mParticle/docs static/downloads/mparticle.events.oas.yaml ({@code
 * Batch.user_identities}) and the IDSync keys of mParticle/docs
 * static/downloads/identity-swagger.yaml, paired as mParticle/mparticle-android-sdk {@code
 * MParticleIdentityClientImpl.getStringValue} names them. {@code customerid} is the key the Node,
 * Python and Ruby server SDKs send for the customer id.
 */
final class BatchUser {

  private static final Map<String, String> USER_KEYS =
      Map.ofEntries(
          Map.entry("customer_id", "customerid"),
          Map.entry("customerid", "customerid"),
          Map.entry("email", "email"),
          Map.entry("other", "other"),
          Map.entry("other_id_2", "other2"),
          Map.entry("other_id_3", "other3"),
          Map.entry("other_id_4", "other4"),
          Map.entry("other_id_5", "other5"),
          Map.entry("other_id_6", "other6"),
          Map.entry("other_id_7", "other7"),
          Map.entry("other_id_8", "other8"),
          Map.entry("other_id_9", "other9"),
          Map.entry("other_id_10", "other10"),
          Map.entry("mobile_number", "mobile_number"),
          Map.entry("phone_number_2", "phone_number_2"),
          Map.entry("phone_number_3", "phone_number_3"),
          Map.entry("facebook", "facebook"),
          Map.entry("facebook_custom_audience_id", "facebookcustomaudienceid"),
          Map.entry("google", "google"),
          Map.entry("microsoft", "microsoft"),
          Map.entry("twitter", "twitter"),
          Map.entry("yahoo", "yahoo"),
          Map.entry("alias", "alias"));

  /** device_info member → IDSync device identity key. */
  private static final Map<String, String> DEVICE_KEYS =
      Map.of(
          "ios_advertising_id",
          "ios_idfa",
          "ios_idfv",
          "ios_idfv",
          "android_advertising_id",
          "android_aaid",
          "android_uuid",
          "android_uuid",
          "push_token",
          "push_token",
          "roku_advertising_id",
          "roku_aid",
          "roku_publisher_id",
          "roku_publisher_id",
          "fire_advertising_id",
          "fire_aid");

  private BatchUser() {}

  /**
   * @return the IDSync key for an Events API identity key, or null when there is none
   */
  static String idsyncKey(String eventsApiKey) {
    return USER_KEYS.get(eventsApiKey);
  }

  /**
   * The batch's identities as IDSync known identities: user identities, device identities from
   * {@code device_info}, and {@code mp_deviceid} as the device application stamp. Values that are
   * null or empty are left out; non-string scalars (which the platform's schema accepts) are taken
   * as text.
   */
  static Map<String, String> knownIdentities(JsonNode batch) {
    Map<String, String> known = new LinkedHashMap<>();
    JsonNode ids = batch.get("user_identities");
    if (ids != null && ids.isObject()) {
      ids.properties()
          .forEach(
              e -> {
                String key = USER_KEYS.get(e.getKey());
                String value = text(e.getValue());
                if (key != null && value != null) {
                  known.putIfAbsent(key, value);
                }
              });
    }
    JsonNode device = batch.get("device_info");
    if (device != null && device.isObject()) {
      DEVICE_KEYS.forEach(
          (member, key) -> {
            String value = text(device.get(member));
            if (value != null) {
              known.put(key, value);
            }
          });
    }
    String das = text(batch.get("mp_deviceid"));
    if (das != null) {
      known.put("device_application_stamp", das);
    }
    return known;
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  /**
   * @param mpid the batch's MPID, or null
   * @return the MPID the batch's data belongs to: its own (whose unclaimed identities it now
   *     holds), or the one its identities resolve to (a new one when none matches); null when the
   *     batch names no user at all
   */
  static Long resolve(Identities identities, String scope, Long mpid, JsonNode batch) {
    Map<String, String> known = knownIdentities(batch);
    if (mpid != null) {
      identities.claim(scope, mpid, known);
      return mpid;
    }
    if (known.isEmpty()) {
      return null;
    }
    return identities.resolve(scope, Identities.Mode.IDENTIFY, known).mpid();
  }
}
