package dev.spoke.internal.pipeline;

import dev.spoke.SpokeListener;
import dev.spoke.internal.upload.UploadListener;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the uploader's sender-wide events (retries, pauses, bytes on the wire) into counters and
 * listener calls. Per-batch results do not pass here: the pipeline reads them from each batch's
 * completion.
 */
final class UploadReporter implements UploadListener {
  private static final Logger LOG = LoggerFactory.getLogger(UploadReporter.class);

  private final Counters counters;
  private final SpokeListener listener;

  UploadReporter(Counters counters, SpokeListener listener) {
    this.counters = counters;
    this.listener = listener;
  }

  @Override
  public void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {
    counters.retries.increment();
    counters.failure(httpStatus);
    listener.onRetry(httpStatus, error != null ? String.valueOf(error.getMessage()) : "HTTP " + httpStatus,
        attempt, delayMillis);
  }

  @Override
  public void paused(int httpStatus, String message) {
    counters.failure(httpStatus);
    LOG.error("spoke: {}", message);
    listener.onUploadsPaused(httpStatus, message);
  }

  @Override
  public void resumed() {
    listener.onUploadsResumed();
  }

  @Override
  public void bytesSent(long bytes) {
    counters.bytesSent.add(bytes);
    counters.requestsSent.increment();
  }
}
