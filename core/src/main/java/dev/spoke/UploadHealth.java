package dev.spoke;

import dev.spoke.internal.SignalLog;
import dev.spoke.internal.upload.UploadListener;
import java.io.IOException;

/**
 * Upload health for {@link Spoke#uploadStatus()} and the request log; batch results never pass
 * here.
 */
final class UploadHealth implements UploadListener {
  private final UploadStatus.Tracker uploadStatus;
  private final SignalLog signalLog;

  UploadHealth(UploadStatus.Tracker uploadStatus, SignalLog signalLog) {
    this.uploadStatus = uploadStatus;
    this.signalLog = signalLog;
  }

  @Override
  public void delivered(int httpStatus, int batches) {
    uploadStatus.delivered();
  }

  @Override
  public void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {
    uploadStatus.failed(
        httpStatus, error != null ? String.valueOf(error.getMessage()) : "HTTP " + httpStatus);
  }

  @Override
  public void paused(int httpStatus, String message) {
    uploadStatus.paused(httpStatus, message);
  }

  @Override
  public void resumed() {
    uploadStatus.resumed();
  }

  @Override
  public void requestCompleted(
      int httpStatus, long bytes, int batches, long nanos, IOException error) {
    signalLog.request(httpStatus, bytes, batches, nanos, error != null ? error.toString() : null);
  }
}
