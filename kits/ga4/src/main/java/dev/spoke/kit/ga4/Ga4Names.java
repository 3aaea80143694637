package dev.spoke.kit.ga4;

import java.util.Locale;
import java.util.Set;

/**
 * Fits names to Google Analytics 4's naming rules, which reject (silently, on the Measurement
 * Protocol) anything else: letters, digits and underscores only, starting with a letter, bounded
 * length, and no reserved names or prefixes.
 *
 * <p>The mapping, applied in this order: every character that is not an ASCII letter, digit or
 * underscore becomes {@code _}; leading characters are removed up to the first ASCII letter; a name
 * with a reserved prefix ({@code firebase_}, {@code google_}, {@code ga_}, any case) or, for
 * events, a reserved event name gets the prefix {@code custom_}; the result is cut to the length
 * limit. A name left empty is unusable ({@code null}).
 */
final class Ga4Names {
  /** GA4's limit for event names and event parameter names. */
  static final int EVENT_NAME_MAX = 40;

  static final int PARAM_NAME_MAX = 40;

  /** GA4's limit for user property names. */
  static final int USER_PROPERTY_NAME_MAX = 24;

  static final String RESERVED_PREFIX_REPLACEMENT = "custom_";

  private static final String[] RESERVED_PREFIXES = {"firebase_", "google_", "ga_"};

  // Names GA4 reserves for its own automatically collected events; events sent under them are
  // dropped.
  private static final Set<String> RESERVED_EVENT_NAMES =
      Set.of(
          "ad_activeview",
          "ad_click",
          "ad_exposure",
          "ad_impression",
          "ad_query",
          "ad_reward",
          "adunit_exposure",
          "app_background",
          "app_clear_data",
          "app_exception",
          "app_install",
          "app_remove",
          "app_store_refund",
          "app_store_subscription_cancel",
          "app_store_subscription_convert",
          "app_store_subscription_renew",
          "app_update",
          "app_upgrade",
          "dynamic_link_app_open",
          "dynamic_link_app_update",
          "dynamic_link_first_open",
          "error",
          "first_open",
          "first_visit",
          "in_app_purchase",
          "notification_dismiss",
          "notification_foreground",
          "notification_open",
          "notification_receive",
          "os_update",
          "session_start",
          "session_start_with_rollout",
          "user_engagement");

  private Ga4Names() {}

  /**
   * @return the GA4 event name for {@code raw}, or null if nothing usable is left
   */
  static String eventName(String raw) {
    String s = clean(raw);
    if (s == null) {
      return null;
    }
    if (hasReservedPrefix(s) || RESERVED_EVENT_NAMES.contains(s.toLowerCase(Locale.ROOT))) {
      s = RESERVED_PREFIX_REPLACEMENT + s;
    }
    return cut(s, EVENT_NAME_MAX);
  }

  /**
   * @return the GA4 event parameter name for {@code raw}, or null if nothing usable is left
   */
  static String paramName(String raw) {
    return plainName(raw, PARAM_NAME_MAX);
  }

  /**
   * @return the GA4 user property name for {@code raw}, or null if nothing usable is left
   */
  static String userPropertyName(String raw) {
    return plainName(raw, USER_PROPERTY_NAME_MAX);
  }

  private static String plainName(String raw, int max) {
    String s = clean(raw);
    if (s == null) {
      return null;
    }
    if (hasReservedPrefix(s)) {
      s = RESERVED_PREFIX_REPLACEMENT + s;
    }
    return cut(s, max);
  }

  private static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (b.length() == 0 && !letter) {
        continue; // GA4 names must start with a letter
      }
      b.append(letter || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static boolean hasReservedPrefix(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    for (String p : RESERVED_PREFIXES) {
      if (lower.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * @return {@code s} cut to {@code max} UTF-16 units, never splitting a surrogate pair
   */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
