package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends batches' time in the uploader: each batch's completion is told (delivered or dropped, with
 * the reason), then the batches leave the {@link UploadQueue}'s pending count under the uploader's
 * lock, waking whoever waits for room or for idle. Callbacks into completions and listeners are
 * guarded: what they throw is logged, never propagated. Any thread. Not API.
 */
final class Resolutions {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  private final ReentrantLock lock;
  private final Condition changed;
  private final UploadQueue queue;

  Resolutions(ReentrantLock lock, Condition changed, UploadQueue queue) {
    this.lock = lock;
    this.changed = changed;
    this.queue = queue;
  }

  // Completions (and so their observers) run before the batches stop counting as pending, so
  // awaitIdle returning true means every outcome has been reported (a journal acknowledged, say).
  void accepted(List<SealedBatch> batches) {
    for (SealedBatch b : batches) {
      safely(() -> b.completion().delivered());
    }
    settle(batches);
  }

  void dropped(List<SealedBatch> batches, DropReason reason, String detail) {
    for (SealedBatch b : batches) {
      dropped(b, reason, detail);
    }
    settle(batches);
  }

  /** Tells one batch's completion it was dropped; the batch was never queued (no settling). */
  void dropped(SealedBatch b, DropReason reason, String detail) {
    safely(() -> b.completion().dropped(reason, detail));
  }

  private void settle(List<SealedBatch> batches) {
    lock.lock();
    try {
      queue.settle(batches);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.warn("spoke upload: listener threw; ignored", e);
    }
  }
}
