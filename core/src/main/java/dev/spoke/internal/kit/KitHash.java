package dev.spoke.internal.kit;

import java.util.Locale;

/** Not API. The platform's kit filter hash (WIRE.md section 6). */
final class KitHash {
  private KitHash() {}

  /**
   * Lower-cases with {@link Locale#ROOT} (never the host's default locale: a Turkish default would
   * turn "I" into a dotless i and every hash with it) and takes Java's String hash, which is the
   * platform's 32-bit {@code h = 31*h + c} over UTF-16 units.
   *
   * @param s the text to hash, may be null
   * @return the hash; 0 for null or empty
   */
  public static int hash(String s) {
    return s == null || s.isEmpty() ? 0 : s.toLowerCase(Locale.ROOT).hashCode();
  }
}
