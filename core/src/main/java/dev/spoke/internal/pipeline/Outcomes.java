package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.upload.SealedBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of accepted events: reads each sealed batch's completion (counters, journal
 * acknowledgement, listener calls, the flush barrier), counts and reports drops, and reports
 * journal problems. Any thread. Not API.
 */
final class Outcomes {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final String name;
  private final Counters counters;
  private final SpokeListener listener;

  /** The journal, or null for memory only. */
  private final Durability journal;

  private final FlushBarrier flushes;

  /** Runs after each resolved batch (wakes the worker while batches wait on disk). */
  private final Runnable onResolved;

  private final LongAdder droppedAfterAccept = new LongAdder();
  private final AtomicBoolean callerJournalReported = new AtomicBoolean();

  /** Worker thread only. */
  private boolean journalErrorReported;

  Outcomes(
      String name,
      Counters counters,
      SpokeListener listener,
      Durability journal,
      FlushBarrier flushes,
      Runnable onResolved) {
    this.name = name;
    this.counters = counters;
    this.listener = listener;
    this.journal = journal;
    this.flushes = flushes;
    this.onResolved = onResolved;
  }

  /** Events accepted and not yet delivered or dropped. */
  long pendingEvents() {
    return Math.max(
        0, counters.accepted.sum() - counters.delivered.sum() - droppedAfterAccept.sum());
  }

  void callerJournalProblem(String message) {
    if (callerJournalReported.compareAndSet(false, true))
      LOG.error("spoke '{}': {}", name, message);
    notifyJournal(message);
  }

  /** Counts a drop of an already accepted event. */
  void droppedAccepted(DropReason reason, long n, String detail) {
    counters.drop(reason, n);
    droppedAfterAccept.add(n);
    notifyDrop(reason, n, detail);
  }

  void notifyJournal(String message) {
    try {
      listener.onJournal(message);
    } catch (Throwable t) {
      LOG.warn("SpokeListener.onJournal threw; ignored", t);
    }
  }

  void notifyDrop(DropReason reason, long n, String detail) {
    try {
      listener.onDrop(reason, n, detail);
    } catch (Throwable t) {
      LOG.warn("SpokeListener.onDrop threw; ignored", t);
    }
  }

  /** Observes a batch's completion: its result is counted, acknowledged and reported here. */
  SealedBatch watch(SealedBatch batch) {
    batch
        .completion()
        .observe(
            (delivered, reason, detail) -> {
              resolved(batch, delivered, reason, detail);
              if (delivered) notifyDelivered(batch);
            });
    return batch;
  }

  void notifyDelivered(SealedBatch batch) {
    try {
      listener.onDelivered(1, batch.eventCount(), batch.sizeBytes());
    } catch (Throwable t) {
      LOG.warn("SpokeListener.onDelivered threw; ignored", t);
    }
  }

  /** A batch resolved (delivered or dropped). Any thread. */
  void resolved(SealedBatch batch, boolean delivered, DropReason reason, String detail) {
    if (delivered) {
      counters.delivered.add(batch.eventCount());
      counters.batchesSent.increment();
    } else {
      droppedAccepted(reason, batch.eventCount(), detail);
    }
    if (journal != null && batch.attachment() instanceof long[]) {
      try {
        journal.acknowledge((long[]) batch.attachment());
      } catch (IOException | RuntimeException e) {
        journalProblem(
            "could not record a delivered batch in the journal (it may be sent again after a restart"
                + " and deduplicated by its source_request_id): "
                + e);
      }
    }
    flushes.resolved(batch.sealSequence());
    onResolved.run();
  }

  void journalProblem(String message) {
    if (!journalErrorReported) {
      LOG.error("spoke '{}': {}", name, message);
    }
    journalErrorReported = true;
    notifyJournal(message);
  }

  void acknowledgeQuietly(long[] seqs, int from, int to, long extra) {
    if (journal == null || seqs == null) return;
    List<Long> ack = new ArrayList<>();
    for (int k = from; k < to; k++) if (seqs[k] >= 0) ack.add(seqs[k]);
    if (extra >= 0) ack.add(extra);
    if (ack.isEmpty()) return;
    try {
      journal.acknowledge(ack.stream().mapToLong(Long::longValue).toArray());
    } catch (IOException | RuntimeException e) {
      journalProblem("could not remove dropped events from the journal: " + e);
    }
  }
}
