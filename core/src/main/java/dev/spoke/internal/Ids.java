package dev.spoke.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for message, batch and session ids. Not API.
 *
 * <p>{@link UUID#randomUUID()} draws from a SecureRandom shared by every thread, which costs
 * microseconds and contends under load on the host's tracking threads. These ids only need to be
 * unique (122 random bits), not unpredictable, so a thread-local generator serves.
 */
public final class Ids {
  private Ids() {}

  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID(high(r.nextLong()), low(r.nextLong())).toString();
  }

  /**
   * @return the most significant bits of a version-4 UUID made from random bits (never 0)
   */
  public static long high(long random) {
    return (random & 0xffffffffffff0fffL) | 0x0000000000004000L; // version 4
  }

  /**
   * @return the least significant bits of a version-4 UUID made from random bits
   */
  public static long low(long random) {
    return (random & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
  }
}
