package dev.spoke.internal.kit;

/**
 * Not API. A kit configuration document that cannot be used; the message names the field and the
 * value.
 */
public final class KitConfigurationException extends Exception {
  /**
   * @param message what is wrong, naming the field (e.g. {@code eks[2].id}) and the value found
   */
  public KitConfigurationException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying parse error
   */
  public KitConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
