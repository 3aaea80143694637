package dev.spoke.devserver;

/** Why the devserver refused a request or one batch of it. */
public enum RejectReason {
  /** No or malformed {@code Authorization} header (401). */
  AUTH_MISSING,
  /** Unknown API key or wrong secret (403). */
  AUTH_INVALID,
  /** Decompressed request body over 256 KB (413). */
  REQUEST_TOO_LARGE,
  /** More than 100 batches in one bulk request (400). */
  TOO_MANY_BATCHES,
  /** Body is not JSON of the expected shape, or a gzip body that does not inflate (400). */
  INVALID_JSON,
  /** One batch over 128 KB. */
  BATCH_TOO_LARGE,
  /** One batch violating {@code schema/events-api.platform.schema.json}. */
  SCHEMA,
  /** One batch on /events or /bulkevents holding an event older than 30 days. */
  TOO_OLD,
  /** Historical batch without events. */
  HISTORICAL_NO_EVENTS,
  /** Historical batch with an event lacking {@code timestamp_unixtime_ms}. */
  HISTORICAL_MISSING_TIMESTAMP,
  /** Historical batch with an event less than 72 hours old. */
  HISTORICAL_TOO_RECENT
}
