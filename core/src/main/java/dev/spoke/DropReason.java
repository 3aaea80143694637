package dev.spoke;

/**
 * Why an event was not delivered. Every event Spoke accepts or refuses ends either delivered or
 * counted under exactly one of these reasons ({@link SpokeMetrics#dropped()}), and each drop is
 * reported to {@link SpokeListener#onDrop} and logged, rate-limited, through SLF4J.
 */
public enum DropReason {
  /**
   * The capture queue was full (policy: drop the newest): its share of {@code maxBufferedBytes} in
   * bytes, or {@code queueCapacity} in events. Raise {@code maxBufferedBytes} or upload faster.
   */
  QUEUE_FULL,
  /**
   * Local validation removed the event (a platform limit was broken); see {@link
   * SpokeListener#onValidation}.
   */
  VALIDATION,
  /** The user opted out of tracking and the configuration does not keep collecting ({@code oo}). */
  OPTED_OUT,
  /** The call came after {@link Spoke#close()}. */
  CLOSED,
  /**
   * One event is larger than a batch may be (128 KB with its user header); it can never be sent.
   */
  RECORD_TOO_LARGE,
  /** The server answered 400 for the batch; the server's message was reported. */
  BAD_REQUEST,
  /** The server answered 413 for a request holding only this batch. */
  PAYLOAD_TOO_LARGE,
  /** The server answered another status that retrying cannot fix (other 4xx, 501, 505). */
  REJECTED,
  /**
   * Still failing after the retry policy's maximum number of attempts (12). Memory-only mode only:
   * with a {@code dataDirectory} uploads keep retrying until the platform answers or the instance
   * is closed, and unsent events stay in the journal.
   */
  RETRIES_EXHAUSTED,
  /** The durable journal reached its size bound (policy: refuse new records). */
  JOURNAL_FULL,
  /** Older than the platform accepts (journal retention); removed instead of sent. */
  EXPIRED,
  /**
   * {@link Spoke#close(java.time.Duration)} timed out with the event still unsent and no journal to
   * keep it.
   */
  UNSENT_AT_CLOSE
}
