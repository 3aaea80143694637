package dev.spoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A workspace API secret. This is the only place the secret lives: it is never printed ({@link
 * #toString()} is {@code "Secret[****]"}) and only {@link #reveal()} returns it, for building the
 * {@code Authorization} header.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret.
   *
   * @param value the API secret, non-blank
   * @return the wrapped secret
   * @throws IllegalArgumentException if the value is null or blank (the message never shows it)
   */
  public static Secret of(String value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "apiSecret must not be null: pass the workspace's API secret (Setup > Inputs in the platform UI)");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "apiSecret must not be blank (value not shown): pass the workspace's API secret");
    }
    return new Secret(value);
  }

  /**
   * @return the secret in clear text; use it only to authenticate, never log it
   */
  public String reveal() {
    return value;
  }

  /** Compares in constant time so that timing does not reveal how much of a secret matched. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Secret)) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8),
        ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
