package dev.spoke.internal.upload;

/** Why a batch was dropped and will never be sent. Not API. */
public enum DropReason {
  /** Larger than the batch limit: it can never fit a request. Found before sending. */
  TOO_LARGE,
  /** The server answered 400: the batch is malformed; the server's message is in the detail. */
  BAD_REQUEST,
  /** The server answered 413 for a request holding only this batch. */
  PAYLOAD_TOO_LARGE,
  /** Another status that retrying cannot fix (other 4xx, 501, 505, 1xx, 3xx redirects). */
  REJECTED,
  /** Still failing (429/5xx/IO) after the retry policy's maximum attempts. */
  RETRIES_EXHAUSTED
}
