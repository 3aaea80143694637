package dev.spoke;

/**
 * Hears what Spoke does with the data it is given. All methods have empty defaults; implement what
 * you need. A listener must be quick and must not block: it runs on Spoke's threads (the worker
 * {@code spoke-worker-…} or an uploader {@code spoke-upload-…}), except {@link #onValidation} and
 * the {@link #onDrop} calls for events refused on the spot (validation, {@link DropReason#CLOSED}),
 * which run on the thread that made the tracking call. An exception thrown by a listener is caught
 * and logged; it never reaches the tracking call or stops a Spoke thread.
 */
public interface SpokeListener {

  /**
   * Local validation changed or removed something (one call per issue). Not called in strict mode,
   * which throws instead.
   */
  default void onValidation(ValidationIssue issue) {}

  /**
   * Events were dropped. Every drop counted in {@link SpokeMetrics#dropped()} is reported here.
   * {@link DropReason#QUEUE_FULL} and {@link DropReason#OPTED_OUT} drops are summed and reported
   * once per upload cycle (and at close) rather than per event; other reasons are reported as they
   * happen, {@link DropReason#CLOSED} on the thread that called after close.
   *
   * @param detail a human-readable explanation (for server rejections, the server's message); never
   *     a secret
   */
  default void onDrop(DropReason reason, long count, String detail) {}

  /** A request was accepted by the platform. */
  default void onDelivered(int batches, int events, long bytes) {}

  /**
   * An upload will be retried after a delay.
   *
   * @param httpStatus the status that caused it, or 0 for a network failure
   * @param cause the status line or exception message
   */
  default void onRetry(int httpStatus, String cause, int attempt, long delayMillis) {}

  /** Uploads paused because the platform refused the credentials (401/403); data is kept. */
  default void onUploadsPaused(int httpStatus, String message) {}

  /** Uploads resumed after a pause. */
  default void onUploadsResumed() {}

  /**
   * Something about the durable journal the host should know (replay, torn tail, disk problems).
   */
  default void onJournal(String message) {}

  /** Something about a kit: excluded, failing, dropping, unknown module id in the configuration. */
  default void onKit(int moduleId, String kitName, String message) {}
}
