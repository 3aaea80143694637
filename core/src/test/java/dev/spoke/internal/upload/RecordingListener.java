package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Collects every callback and every batch result, for assertions. */
class RecordingListener implements UploadListener {
  record Drop(SealedBatch batch, DropReason reason, String detail) {}

  record Retry(int status, IOException error, int attempt, long delay) {}

  record Request(int status, long bytes, int batches, long nanos, IOException error) {}

  record Delivery(int status, int batches) {}

  final List<SealedBatch> accepted = new CopyOnWriteArrayList<>();
  final List<Drop> dropped = new CopyOnWriteArrayList<>();
  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<String> pausedMessages = new CopyOnWriteArrayList<>();
  final AtomicInteger resumed = new AtomicInteger();
  final AtomicLong bytes = new AtomicLong();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  @Override
  public void delivered(int httpStatus, int batches) {
    deliveries.add(new Delivery(httpStatus, batches));
  }

  @Override
  public void requestCompleted(
      int httpStatus, long bytes, int batches, long nanos, IOException error) {
    requests.add(new Request(httpStatus, bytes, batches, nanos, error));
  }

  /**
   * The sink, recording the completion of every batch submitted through it (observers are set
   * before the batches are handed on, so results known at once are recorded too).
   */
  BatchSink watch(BatchSink sink) {
    return new BatchSink() {
      @Override
      public boolean submit(List<SealedBatch> batches) {
        batches.forEach(RecordingListener.this::observe);
        return sink.submit(batches);
      }

      @Override
      public boolean trySubmit(List<SealedBatch> batches) {
        batches.forEach(RecordingListener.this::observe);
        return sink.trySubmit(batches);
      }

      @Override
      public boolean isAccepting() {
        return sink.isAccepting();
      }
    };
  }

  private void observe(SealedBatch batch) {
    batch
        .completion()
        .observe(
            (delivered, reason, detail) -> {
              if (delivered) {
                accepted.add(batch);
              } else {
                dropped.add(new Drop(batch, reason, detail));
              }
            });
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
