package dev.spoke.user;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An IDSync call that failed for good: rejected by the server (400, 401/403, other 4xx), given up
 * after the retry budget (429, 5xx, I/O), or answered with a body that could not be read. Delivered
 * through the call's future, never thrown into a tracking call. The message names the call and the
 * workspace key; it never contains the API secret.
 */
public final class IdentityException extends RuntimeException {
  private final IdentityCall call;
  private final int httpStatus;
  private final List<ServerError> errors;

  /**
   * @param call the failed call
   * @param message what happened and what to do about it (must not contain a secret)
   * @param httpStatus the last HTTP status seen, 0 when no response was received (I/O error)
   * @param errors the server's {@code errors[]} entries, may be null
   * @param cause the underlying failure, may be null
   */
  public IdentityException(
      IdentityCall call,
      String message,
      int httpStatus,
      List<ServerError> errors,
      Throwable cause) {
    super(message, cause);
    this.call = Objects.requireNonNull(call, "call");
    this.httpStatus = httpStatus;
    this.errors =
        errors == null || errors.isEmpty()
            ? Collections.emptyList()
            : Collections.unmodifiableList(new ArrayList<>(errors));
  }

  /**
   * @return the call that failed
   */
  public IdentityCall call() {
    return call;
  }

  /**
   * @return the last HTTP status seen, or 0 when no response was received (I/O error)
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * @return the server's {@code errors[]} entries (often from a 400), unmodifiable, possibly empty
   */
  public List<ServerError> errors() {
    return errors;
  }

  /** One {@code {"code": …, "message": …}} entry of an IDSync error response. Immutable. */
  public static final class ServerError implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String message;

    /**
     * @param code the error code, e.g. {@code "LOOKUP_ERROR"}; may be null when the server sent
     *     none
     * @param message the server's explanation; may be null when the server sent none
     */
    public ServerError(String code, String message) {
      this.code = code;
      this.message = message;
    }

    /**
     * @return the error code, or null
     */
    public String code() {
      return code;
    }

    /**
     * @return the server's message, or null
     */
    public String message() {
      return message;
    }

    @Override
    public boolean equals(Object o) {
      return this == o
          || (o instanceof ServerError
              && Objects.equals(code, ((ServerError) o).code)
              && Objects.equals(message, ((ServerError) o).message));
    }

    @Override
    public int hashCode() {
      return Objects.hash(code, message);
    }

    @Override
    public String toString() {
      return code + ": " + message;
    }
  }
}
