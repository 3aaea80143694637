package dev.spoke.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityTypeTest {

  /** Every row checked against WIRE.md: section 6 numbers, section 2 keys, section 5 keys. */
  @ParameterizedTest
  @CsvSource({
    "OTHER, 0, other, other",
    "CUSTOMER_ID, 1, customer_id, customerid",
    "FACEBOOK, 2, facebook, facebook",
    "TWITTER, 3, twitter, twitter",
    "GOOGLE, 4, google, google",
    "MICROSOFT, 5, microsoft, microsoft",
    "YAHOO, 6, yahoo, yahoo",
    "EMAIL, 7, email, email",
    "ALIAS, 8, alias, alias",
    "FACEBOOK_CUSTOM_AUDIENCE_ID, 9, facebook_custom_audience_id, facebookcustomaudienceid",
    "OTHER_ID_2, 10, other_id_2, other2",
    "OTHER_ID_3, 11, other_id_3, other3",
    "OTHER_ID_4, 12, other_id_4, other4",
    "OTHER_ID_5, 13, other_id_5, other5",
    "OTHER_ID_6, 14, other_id_6, other6",
    "OTHER_ID_7, 15, other_id_7, other7",
    "OTHER_ID_8, 16, other_id_8, other8",
    "OTHER_ID_9, 17, other_id_9, other9",
    "OTHER_ID_10, 18, other_id_10, other10",
    "MOBILE_NUMBER, 19, mobile_number, mobile_number",
    "PHONE_NUMBER_2, 20, phone_number_2, phone_number_2",
    "PHONE_NUMBER_3, 21, phone_number_3, phone_number_3",
  })
  void keyTables(IdentityType type, int number, String eventsKey, String idsyncKey) {
    assertThat(type.filterNumber()).isEqualTo(number);
    assertThat(type.eventsApiKey()).isEqualTo(eventsKey);
    assertThat(type.idsyncKey()).isEqualTo(idsyncKey);
    assertThat(IdentityType.fromEventsApiKey(eventsKey)).contains(type);
    assertThat(IdentityType.fromEventsApiKey(eventsKey.toUpperCase(java.util.Locale.ROOT)))
        .contains(type);
    assertThat(IdentityType.fromIdsyncKey(idsyncKey)).contains(type);
    assertThat(IdentityType.fromFilterNumber(number)).contains(type);
  }

  @Test
  void coversExactlyTheWireKeySets() {
    assertThat(IdentityType.values()).hasSize(22);
    Set<String> events =
        Arrays.stream(IdentityType.values())
            .map(IdentityType::eventsApiKey)
            .collect(Collectors.toSet());
    assertThat(events)
        .containsExactlyInAnyOrder(
            "customer_id",
            "email",
            "other",
            "other_id_2",
            "other_id_3",
            "other_id_4",
            "other_id_5",
            "other_id_6",
            "other_id_7",
            "other_id_8",
            "other_id_9",
            "other_id_10",
            "mobile_number",
            "phone_number_2",
            "phone_number_3",
            "facebook",
            "twitter",
            "google",
            "microsoft",
            "yahoo",
            "alias",
            "facebook_custom_audience_id");
    Set<String> idsync =
        Arrays.stream(IdentityType.values())
            .map(IdentityType::idsyncKey)
            .collect(Collectors.toSet());
    assertThat(idsync)
        .containsExactlyInAnyOrder(
            "customerid",
            "email",
            "other",
            "other2",
            "other3",
            "other4",
            "other5",
            "other6",
            "other7",
            "other8",
            "other9",
            "other10",
            "mobile_number",
            "phone_number_2",
            "phone_number_3",
            "facebook",
            "facebookcustomaudienceid",
            "google",
            "microsoft",
            "twitter",
            "yahoo",
            "alias");
  }

  @Test
  void unknownKeys() {
    assertThat(IdentityType.fromEventsApiKey(null)).isEmpty();
    assertThat(IdentityType.fromEventsApiKey("customerid")).isEmpty();
    assertThat(IdentityType.fromIdsyncKey("customer_id")).isEmpty();
    assertThat(IdentityType.fromIdsyncKey(null)).isEmpty();
    assertThat(IdentityType.fromFilterNumber(22)).isEmpty();
  }
}
