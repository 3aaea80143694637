package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Collects every callback, for assertions. */
class RecordingListener implements UploadListener {
  record Drop(SealedBatch batch, DropReason reason, String detail) {}

  record Retry(int status, IOException error, int attempt, long delay) {}

  final List<SealedBatch> accepted = new CopyOnWriteArrayList<>();
  final List<Drop> dropped = new CopyOnWriteArrayList<>();
  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<String> pausedMessages = new CopyOnWriteArrayList<>();
  final AtomicInteger resumed = new AtomicInteger();
  final AtomicLong bytes = new AtomicLong();

  @Override
  public void accepted(SealedBatch batch, int httpStatus) {
    accepted.add(batch);
  }

  @Override
  public void dropped(SealedBatch batch, DropReason reason, String detail) {
    dropped.add(new Drop(batch, reason, detail));
  }

  @Override
  public void retrying(int httpStatus, IOException error, int attempt, long delayMillis) {
    retries.add(new Retry(httpStatus, error, attempt, delayMillis));
  }

  @Override
  public void paused(int httpStatus, String message) {
    pausedMessages.add(message);
  }

  @Override
  public void resumed() {
    resumed.incrementAndGet();
  }

  @Override
  public void bytesSent(long n) {
    bytes.addAndGet(n);
  }

  /** Every text the listener was given. */
  List<String> allTexts() {
    List<String> out = new ArrayList<>(pausedMessages);
    dropped.forEach(d -> out.add(d.detail()));
    retries.forEach(r -> out.add(String.valueOf(r.error())));
    return out;
  }
}
