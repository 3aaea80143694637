package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.util.Objects;

/**
 * The result of one sealed batch, completed once by the side that sends it and read by whoever
 * observes it. Thread-safe. Not API.
 *
 * <p>One observer at a time: the component that owns the batch's bookkeeping sets it (the pipeline
 * when sealing, again when a batch comes back from disk). An observer set after the result is known
 * runs at once on the calling thread; otherwise it runs on the completing thread, before the sender
 * stops counting the batch as pending, so "the sender is idle" implies "every result has been
 * observed".
 */
public final class BatchCompletion {
  /** Receives the result. Must be quick and must not block. */
  @FunctionalInterface
  public interface Observer {
    /**
     * @param delivered true when the platform accepted the request holding the batch (2xx)
     * @param reason why it was dropped (null when delivered)
     * @param detail human-readable, never holds secrets (null when delivered)
     */
    void done(boolean delivered, DropReason reason, String detail);
  }

  private Observer observer;
  private boolean done;
  private boolean delivered;
  private DropReason reason;
  private String detail;

  BatchCompletion() {}

  /** Sets the observer (replacing an earlier one); runs it now when the result is known. */
  public void observe(Observer o) {
    Objects.requireNonNull(o, "observer is null");
    synchronized (this) {
      if (!done) {
        observer = o;
        return;
      }
    }
    o.done(delivered, reason, detail);
  }

  /** Completes as delivered. False (nothing happens) when already complete. */
  public boolean delivered() {
    return complete(true, null, null);
  }

  /** Completes as dropped. False (nothing happens) when already complete. */
  public boolean dropped(DropReason why, String text) {
    return complete(false, Objects.requireNonNull(why, "reason is null"), text);
  }

  /** Whether a result is known. */
  public synchronized boolean isDone() {
    return done;
  }

  private boolean complete(boolean ok, DropReason why, String text) {
    Observer o;
    synchronized (this) {
      if (done) {
        return false;
      }
      done = true;
      delivered = ok;
      reason = why;
      detail = text;
      o = observer;
      observer = null;
    }
    if (o != null) {
      o.done(ok, why, text);
    }
    return true;
  }
}
