package dev.spoke.internal.upload;

import java.io.IOException;

/**
 * Sender-wide events of an {@link Uploader} (retries, pauses, bytes on the wire). Not API.
 *
 * <p>Per-batch results are not here: each batch's {@link SealedBatch#completion()} carries its own.
 * Called on the uploader's sender threads ({@code spoke-upload-<n>}), never while the uploader
 * holds its lock, so a callback may call the uploader's query methods. Callbacks should be quick;
 * an exception thrown by one is caught and logged and never stops a sender.
 */
public interface UploadListener {
  /** A listener that ignores everything. */
  UploadListener NONE = new UploadListener() {};

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

  /**
   * A request was accepted (2xx); called before the completions of its batches, so whoever tracks
   * upload health sees the delivery before a flush waiting for those batches returns.
   */
  default void delivered(int httpStatus, int batches) {}

  /**
   * One request finished: answered with {@code httpStatus}, or failed with {@code error} (status
   * 0). For debug logging; called once per attempt, before the outcome's other callbacks.
   */
  default void requestCompleted(
      int httpStatus, long bytes, int batches, long nanos, IOException error) {}

  /** Bytes written as request bodies (after gzip), once per attempt. */
  default void bytesSent(long bytes) {}
}
