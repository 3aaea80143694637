package dev.spoke.internal.upload;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Parses {@code Retry-After}: delta seconds or an HTTP-date (relative to an injected clock).
 * Garbage is ignored (empty result), dates in the past mean 0, everything is capped. Not API.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * @param header the header value, may be null
   * @param clock the clock an HTTP-date is measured against
   * @param capMillis the largest delay returned
   * @return the delay in ms, or empty when absent or unparseable
   */
  public static OptionalLong parseMillis(String header, Clock clock, long capMillis) {
    if (header == null) {
      return OptionalLong.empty();
    }
    String v = header.trim();
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    if (isDigits(v)) {
      // More than 18 digits overflows long: any such value is "longer than the cap".
      if (v.length() > 18) {
        return OptionalLong.of(capMillis);
      }
      long seconds = Long.parseLong(v);
      long ms = seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
      return OptionalLong.of(Math.min(ms, capMillis));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      long delta = at.toInstant().toEpochMilli() - clock.millis();
      return OptionalLong.of(Math.max(0, Math.min(delta, capMillis)));
    } catch (DateTimeParseException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean isDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
