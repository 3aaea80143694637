package dev.spoke.internal.upload;

import java.util.List;

/**
 * The one way sealed batches leave the batching side for the sending side. Not API.
 *
 * <p>Results never come back through this interface or through the entry point: every batch carries
 * its own {@link SealedBatch#completion() completion}, which the sink completes exactly once
 * (delivered or dropped with a reason) unless it hands the batch back unresolved at close. Whoever
 * needs a result (journal acknowledgement, counters, listener calls) observes the completion. The
 * shape follows a span processor knowing its exporter only through one interface whose calls return
 * their own result.
 */
public interface BatchSink {
  /**
   * Takes batches, in order; BLOCKS while the sink's backlog is full (deliberate backpressure).
   *
   * @return false when the sink is closing or the thread was interrupted (nothing was taken)
   */
  boolean submit(List<SealedBatch> batches);

  /** Like {@link #submit} but never blocks: false (nothing taken) when the backlog is full. */
  boolean trySubmit(List<SealedBatch> batches);

  /** Whether submissions are still taken. */
  boolean isAccepting();
}
