package dev.spoke.kit.ga4;

import dev.spoke.user.IdentityType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The GA4 kit's settings, read from the configuration's {@code as} map and checked once so that a
 * misconfigured kit is excluded at creation with a message naming the setting and the fix. The API
 * secret never appears in {@link #toString()} or in any message.
 */
final class Ga4Settings {
  static final String DEFAULT_ENDPOINT = "https://www.google-analytics.com/mp/collect";

  /** Where the GA4 {@code user_id} comes from. */
  enum UserIdSource {
    NONE,
    MPID,
    IDENTITY
  }

  final String measurementId;
  final String apiSecret;
  final HttpUrl endpoint;
  final UserIdSource userIdSource;

  /** The identity used as {@code user_id} when {@link #userIdSource} is IDENTITY, else null. */
  final IdentityType userIdIdentity;

  final boolean pageViews;
  final boolean hashUserId;

  private Ga4Settings(
      String measurementId,
      String apiSecret,
      HttpUrl endpoint,
      UserIdSource userIdSource,
      IdentityType userIdIdentity,
      boolean pageViews,
      boolean hashUserId) {
    this.measurementId = measurementId;
    this.apiSecret = apiSecret;
    this.endpoint = endpoint;
    this.userIdSource = userIdSource;
    this.userIdIdentity = userIdIdentity;
    this.pageViews = pageViews;
    this.hashUserId = hashUserId;
  }

  /**
   * @param as the kit's settings
   * @return the checked settings
   * @throws IllegalArgumentException naming the setting that is missing or wrong, and the fix
   */
  static Ga4Settings parse(Map<String, String> as) {
    String measurementId = trimmed(as.get("measurementId"));
    if (measurementId == null) {
      throw new IllegalArgumentException(
          "GA4 kit setting 'measurementId' is missing or blank;"
              + " set it to the data stream's measurement id, e.g. G-XXXXXXXXXX");
    }
    String apiSecret = trimmed(as.get("apiSecret"));
    if (apiSecret == null) {
      throw new IllegalArgumentException(
          "GA4 kit setting 'apiSecret' is missing or blank;"
              + " create a Measurement Protocol API secret for the data stream and set it");
    }
    String endpointText = trimmed(as.get("endpoint"));
    HttpUrl endpoint = HttpUrl.parse(endpointText == null ? DEFAULT_ENDPOINT : endpointText);
    if (endpoint == null) {
      throw new IllegalArgumentException(
          "GA4 kit setting 'endpoint' is '"
              + endpointText
              + "', which is not an http(s) URL; remove it to use "
              + DEFAULT_ENDPOINT);
    }
    String type = trimmed(as.get("externalUserIdentityType"));
    UserIdSource source;
    IdentityType identity = null;
    if (type == null || type.equalsIgnoreCase("None")) {
      source = UserIdSource.NONE;
    } else if (type.equalsIgnoreCase("mpid")) {
      source = UserIdSource.MPID;
    } else {
      identity =
          identityType(type)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "GA4 kit setting 'externalUserIdentityType' is '"
                              + type
                              + "', which is not an identity"
                              + " type; use None, mpid, CustomerId, Email, Other, Other2..Other10, MobileNumber, …"));
      source = UserIdSource.IDENTITY;
    }
    return new Ga4Settings(
        measurementId,
        apiSecret,
        endpoint,
        source,
        identity,
        isTrue(as.get("enablePageView")),
        isTrue(as.get("hashUserId")));
  }

  /**
   * Accepts the platform's spellings: CustomerId, customer_id, Other2, OtherId2, MobileNumber, …
   */
  static Optional<IdentityType> identityType(String name) {
    String wanted = name.replace("_", "").toLowerCase(Locale.ROOT);
    for (IdentityType t : IdentityType.values()) {
      if (t.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)
          || t.idsyncKey().replace("_", "").equals(wanted)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static boolean isTrue(String v) {
    return v != null && v.trim().equalsIgnoreCase("true");
  }

  private static String trimmed(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    return v.trim();
  }

  @Override
  public String toString() {
    return "Ga4Settings{measurementId="
        + measurementId
        + ", apiSecret=***, endpoint="
        + endpoint
        + ", userId="
        + (userIdSource == UserIdSource.IDENTITY ? userIdIdentity : userIdSource)
        + ", pageViews="
        + pageViews
        + ", hashUserId="
        + hashUserId
        + '}';
  }
}
