package dev.spoke.user;

import java.util.Locale;
import java.util.Optional;

/**
 * The platform's user identity types, with the number used in kit {@code uid} filters (WIRE.md
 * section 6), the Events API {@code user_identities} key (section 2) and the IDSync {@code
 * known_identities} key (section 5). The two key sets differ, e.g. {@code customer_id} versus
 * {@code customerid}.
 */
public enum IdentityType {
  OTHER(0, "other", "other"),
  CUSTOMER_ID(1, "customer_id", "customerid"),
  FACEBOOK(2, "facebook", "facebook"),
  TWITTER(3, "twitter", "twitter"),
  GOOGLE(4, "google", "google"),
  MICROSOFT(5, "microsoft", "microsoft"),
  YAHOO(6, "yahoo", "yahoo"),
  EMAIL(7, "email", "email"),
  ALIAS(8, "alias", "alias"),
  FACEBOOK_CUSTOM_AUDIENCE_ID(9, "facebook_custom_audience_id", "facebookcustomaudienceid"),
  OTHER_ID_2(10, "other_id_2", "other2"),
  OTHER_ID_3(11, "other_id_3", "other3"),
  OTHER_ID_4(12, "other_id_4", "other4"),
  OTHER_ID_5(13, "other_id_5", "other5"),
  OTHER_ID_6(14, "other_id_6", "other6"),
  OTHER_ID_7(15, "other_id_7", "other7"),
  OTHER_ID_8(16, "other_id_8", "other8"),
  OTHER_ID_9(17, "other_id_9", "other9"),
  OTHER_ID_10(18, "other_id_10", "other10"),
  MOBILE_NUMBER(19, "mobile_number", "mobile_number"),
  PHONE_NUMBER_2(20, "phone_number_2", "phone_number_2"),
  PHONE_NUMBER_3(21, "phone_number_3", "phone_number_3");

  private final int filterNumber;
  private final String eventsApiKey;
  private final String idsyncKey;

  IdentityType(int filterNumber, String eventsApiKey, String idsyncKey) {
    this.filterNumber = filterNumber;
    this.eventsApiKey = eventsApiKey;
    this.idsyncKey = idsyncKey;
  }

  /**
   * @return the raw identity type number used in kit {@code uid} filters (not hashed)
   */
  public int filterNumber() {
    return filterNumber;
  }

  /**
   * @return the Events API key, e.g. {@code "customer_id"} (also used in {@code
   *     user_identity_change})
   */
  public String eventsApiKey() {
    return eventsApiKey;
  }

  /**
   * @return the IDSync {@code known_identities} key, e.g. {@code "customerid"}
   */
  public String idsyncKey() {
    return idsyncKey;
  }

  /**
   * @param key an Events API identity key, case-insensitive, may be null
   * @return the matching type, or empty
   */
  public static Optional<IdentityType> fromEventsApiKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.toLowerCase(Locale.ROOT);
    for (IdentityType t : values()) {
      if (t.eventsApiKey.equals(k)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * @param key an IDSync identity key, case-insensitive, may be null
   * @return the matching type, or empty
   */
  public static Optional<IdentityType> fromIdsyncKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.toLowerCase(Locale.ROOT);
    for (IdentityType t : values()) {
      if (t.idsyncKey.equals(k)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * @param number a kit filter identity type number
   * @return the matching type, or empty
   */
  public static Optional<IdentityType> fromFilterNumber(int number) {
    for (IdentityType t : values()) {
      if (t.filterNumber == number) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
