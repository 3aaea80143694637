package dev.spoke.internal.kit;

import java.util.Map;

/**
 * Not API. {@code bk}: the kit is active for users whose bucket, abs(mpid >> 8) % 100, is in [lo,
 * hi).
 */
final class Bracket {
  private final int lo;
  private final int hi;

  /**
   * @param lo lowest bucket included
   * @param hi first bucket excluded
   */
  public Bracket(int lo, int hi) {
    this.lo = lo;
    this.hi = hi;
  }

  static Bracket parse(Object v, String path) throws KitConfigurationException {
    if (v == null) {
      return null;
    }
    Map<String, Object> o = Fields.object(v, path);
    if (o.isEmpty()) {
      return null; // {} brackets nothing: the Android SDK's defaults, lo 0 and hi 101, admit
      // every bucket
    }
    // Half a bracket is not read as "the other bound defaults": a kit meant for a slice of users
    // would
    // then get everyone on one side. The kit is disabled and reported instead (docs/KITS.md).
    if (o.get("lo") == null || o.get("hi") == null) {
      throw new KitConfigurationException(
          path
              + ": a bracket needs both lo and hi, got only "
              + o.keySet()
              + "; send {\"lo\": 0, \"hi\": 100} style bounds or leave bk out");
    }
    return new Bracket(
        Fields.intValue(o.get("lo"), path + ".lo"), Fields.intValue(o.get("hi"), path + ".hi"));
  }

  /**
   * @return the lowest included bucket
   */
  public int lo() {
    return lo;
  }

  /**
   * @return the first excluded bucket
   */
  public int hi() {
    return hi;
  }

  /**
   * @param mpid a user's mpid
   * @return the user's bucket, 0..99
   */
  public static int bucket(long mpid) {
    // Math.abs(Long.MIN_VALUE >> 8) is positive, so no overflow case here.
    return (int) (Math.abs(mpid >> 8) % 100);
  }

  /**
   * @param mpid a user's mpid, or null when the user has none yet
   * @return whether the kit is active for that user. A user with no mpid is in bucket 0, as on
   *     Android, where the SDK's mpid before identification is {@code Constants.TEMPORARY_MPID} = 0
   *     (mParticle/mparticle-android-sdk
   *     android-core/src/main/java/com/mparticle/internal/ConfigManager.java {@code getUserBucket},
   *     android-core/src/main/kotlin/com/mparticle/internal/Constants.kt).
   */
  public boolean includes(Long mpid) {
    return includes(mpid == null ? 0L : mpid.longValue());
  }

  /**
   * @param mpid a user's mpid
   * @return whether the kit is active for that user
   */
  public boolean includes(long mpid) {
    int b = bucket(mpid);
    return lo <= b && b < hi;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bracket && ((Bracket) o).lo == lo && ((Bracket) o).hi == hi;
  }

  @Override
  public int hashCode() {
    return 31 * lo + hi;
  }

  @Override
  public String toString() {
    return "Bracket[" + lo + ", " + hi + ")";
  }
}
