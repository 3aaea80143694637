package dev.spoke.internal.pipeline;

import dev.spoke.SpokeListener;
import dev.spoke.internal.upload.UploadListener;
import java.io.IOException;

/**
 * Turns the uploader's sender-wide events (retries, pauses, deliveries, bytes on the wire) into
 * counters and listener calls, and passes them to an observer of upload health first. Per-batch
 * results do not pass here: the pipeline reads them from each batch's completion.
 */
final class UploadReporter implements UploadListener {
  private final Counters counters;
  private final SpokeListener listener;

  /** Upload health (status for health checks, request log); called before the listener. */
  private final UploadListener health;

  UploadReporter(Counters counters, SpokeListener listener, UploadListener health) {
    this.counters = counters;
    this.listener = listener;
    this.health = health;
  }

  @Override
  public void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {
    counters.retries.increment();
    counters.failure(httpStatus);
    health.retrying(httpStatus, error, attempt, delayMillis);
    listener.onRetry(
        httpStatus,
        error != null ? String.valueOf(error.getMessage()) : "HTTP " + httpStatus,
        attempt,
        delayMillis);
  }

  @Override
  public void paused(int httpStatus, String message) {
    counters.failure(httpStatus);
    health.paused(httpStatus, message);
    listener.onUploadsPaused(httpStatus, message); // logged at ERROR by the signal log
  }

  @Override
  public void resumed() {
    health.resumed();
    listener.onUploadsResumed();
  }

  @Override
  public void delivered(int httpStatus, int batches) {
    health.delivered(httpStatus, batches);
  }

  @Override
  public void requestCompleted(
      int httpStatus, long bytes, int batches, long nanos, IOException error) {
    health.requestCompleted(httpStatus, bytes, batches, nanos, error);
  }

  @Override
  public void bytesSent(long bytes) {
    counters.bytesSent.add(bytes);
    counters.requestsSent.increment();
  }
}
