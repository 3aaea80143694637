package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.io.IOException;

/**
 * Outcome callbacks of an {@link Uploader}. Not API.
 *
 * <p>Called on the uploader's sender threads ({@code spoke-upload-<n>}), except
 * {@link #dropped} with {@link DropReason#RECORD_TOO_LARGE}, which runs on the thread that submitted.
 * Never called while the uploader holds its lock, so a callback may call the uploader's query
 * methods. Callbacks should be quick; an exception thrown by one is caught and logged and never
 * stops a sender. Every submitted batch ends in exactly one {@link #accepted} or {@link #dropped},
 * or is returned unresolved by {@link Uploader#close}.
 */
public interface UploadListener {
  /** A listener that ignores everything. */
  UploadListener NONE = new UploadListener() {};

  /** The server accepted the request holding the batch (2xx). */
  default void accepted(SealedBatch batch, int httpStatus) {}

  /** The batch will never be sent. {@code detail} is human-readable and never holds secrets. */
  default void dropped(SealedBatch batch, DropReason reason, String detail) {}

  /**
   * A request will be sent again after {@code delayMillis}.
   *
   * @param httpStatus the status that caused it, or 0 for an I/O failure
   * @param error the I/O failure, or null for a status
   * @param attempt 1 for the first retry
   */
  default void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {}

  /** Uploads are paused (401/403); data is kept. The message names the key, never the secret. */
  default void paused(int httpStatus, String message) {}

  /** The server accepted our credentials again after a pause. */
  default void resumed() {}

  /** Bytes written as request bodies (after gzip), once per attempt. */
  default void bytesSent(long bytes) {}
}
