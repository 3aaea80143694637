package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.upload.BatchSink;
import dev.spoke.internal.upload.SealedBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sealed batches on their way from the assembler to the {@link BatchSink}. Worker thread only,
 * except the published spill figures and {@link #isSpillPending()}. Not API.
 *
 * <p>Without a journal the worker blocks on the sink's full backlog (deliberate backpressure: the
 * capture queue then fills and drops by its own policy). With a durable journal it never blocks: a
 * batch that does not fit is moved to the spill file (it is in the journal already) and every later
 * batch follows it there, so the order per user holds; spilled batches go back, oldest first, as
 * the backlog frees room.
 */
final class Handoff {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** What the hand-off needs from the pipeline. */
  interface Host {
    /** Observes a batch's completion (a batch read back from disk is a new object). */
    SealedBatch watch(SealedBatch batch);

    /** Reports a journal or spill-file failure. */
    void journalProblem(String message);

    /** Reports a journal event to the listener. */
    void notifyJournal(String message);
  }

  private final String name;
  private final BatchSink sink;

  /** The journal and its spill file, or null for memory only. */
  private final Durability journal;

  private final Host host;

  /** The oldest spilled batch, read back and waiting for room in the backlog. */
  private SealedBatch spillHead;

  private boolean spillBroken;
  private long spillReportedAtNanos = Long.MIN_VALUE;
  private long spilledTotal;

  /** Set while batches wait in the spill file: each resolved batch then wakes the worker. */
  private volatile boolean spillPending;

  /** Published copies of the spill file's state, for other threads (metrics). */
  private volatile int spilledNow;

  private volatile long spilledBytesNow;
  private final List<SealedBatch> toSubmit = new ArrayList<>();
  private int keptInJournal;

  Handoff(String name, BatchSink sink, Durability journal, Host host) {
    this.name = name;
    this.sink = sink;
    this.journal = journal;
    this.host = host;
  }

  /** Queues a sealed batch to be handed on by {@link #submitSealed()}. */
  void add(SealedBatch batch) {
    toSubmit.add(batch);
  }

  /** Sealed batches not yet handed on. */
  int size() {
    return toSubmit.size();
  }

  /** Bytes of the sealed batches not yet handed on, from the one at {@code index} on. */
  long bytesFrom(int index) {
    long n = 0;
    for (int k = index; k < toSubmit.size(); k++) n += toSubmit.get(k).sizeBytes();
    return n;
  }

  /**
   * Whether batches wait in the spill file (then each resolved batch should wake the worker). Any
   * thread.
   */
  boolean isSpillPending() {
    return spillPending;
  }

  /** Sealed batches waiting on disk for room in the upload backlog. Any thread. */
  int spilledBatches() {
    return spilledNow;
  }

  /** Bytes of the batches waiting on disk for room in the upload backlog. Any thread. */
  long spilledBytes() {
    return spilledBytesNow;
  }

  /** The worker ends: what waits on disk stays in the journal for the next start. */
  void close() {
    if (journal != null) {
      int left = journal.spilledBatches() + (spillHead != null ? 1 : 0);
      if (left > 0) {
        String m =
            left
                + " batches held on disk while the Events API was behind stay in the journal and are sent"
                + " on the next start";
        LOG.info("spoke '{}': {}", name, m);
        host.notifyJournal(m);
      }
      spillHead = null;
      spillPending = false;
      journal.closeSpill();
      publishSpill();
    }
  }

  /**
   * Hands the sealed batches on, in order: to the sink (blocking while its backlog is full), or in
   * durable mode to the spill file when the backlog is full or batches already wait there. Batches
   * the sink no longer takes stay in the journal (journaled) or are dropped as {@link
   * DropReason#UNSENT_AT_CLOSE}.
   */
  void submitSealed() {
    if (toSubmit.isEmpty()) return;
    if (journal != null && !spillBroken && sink.isAccepting()) {
      submitOrSpill();
      if (toSubmit.isEmpty()) return;
    }
    List<SealedBatch> batch = new ArrayList<>(toSubmit);
    toSubmit.clear();
    if (!sink.submit(batch)) {
      for (SealedBatch b : batch) {
        if (b.attachment() instanceof long[]) {
          // Journaled: not a drop. It stays in the journal and goes out on the next start.
          keptInJournal++; // stays unresolved: a flush does not report it delivered
        } else {
          b.completion()
              .dropped(
                  DropReason.UNSENT_AT_CLOSE,
                  "the uploader was closed before the batch could be queued");
        }
      }
      if (keptInJournal > 0) {
        String m =
            keptInJournal
                + " batches sealed after uploads stopped stay in the journal and are sent on the next start";
        LOG.info("spoke '{}': {}", name, m);
        host.notifyJournal(m);
        keptInJournal = 0;
      }
    }
  }

  /**
   * Durable mode: hands each sealed batch to the uploader if it has room and nothing is spilled
   * before it; otherwise appends it to the spill file. Leaves in the list of sealed batches only
   * what must go the blocking way (a batch not in the journal, or a spill file that failed).
   */
  private void submitOrSpill() {
    int i = 0;
    try {
      for (; i < toSubmit.size(); i++) {
        SealedBatch b = toSubmit.get(i);
        boolean waiting = spillHead != null || !journal.spillIsEmpty();
        if (!waiting && sink.trySubmit(List.of(b))) continue;
        if (!(b.attachment() instanceof long[])) {
          // Not journaled (the journal refused it): it can only wait in memory, behind what is
          // spilled.
          drainSpillBlocking();
          break;
        }
        journal.spill(b);
        spilledTotal++;
        spillPending = true;
        reportSpilling();
      }
    } catch (IOException e) {
      spillFailed(e);
    }
    toSubmit.subList(0, i).clear();
    publishSpill();
  }

  /** Hands spilled batches back to the uploader, oldest first, while its backlog has room. */
  void drainSpill() {
    if (journal == null || spillBroken || !spillPending) return;
    try {
      while (true) {
        if (spillHead == null) {
          if (journal.spillIsEmpty()) break;
          spillHead = host.watch(journal.spillPeek()); // a new batch object: observe its completion
          journal.spillRemove();
        }
        publishHandingBack();
        if (!sink.isAccepting() || !sink.trySubmit(List.of(spillHead))) {
          publishSpill();
          return;
        }
        spillHead = null;
      }
    } catch (IOException e) {
      spillFailed(e);
      return;
    }
    publishSpill();
    spillPending = false;
    LOG.debug("spoke '{}': the upload backlog caught up with the spill file", name);
  }

  /**
   * Hands every spilled batch back, waiting for room (only before a batch that cannot be spilled).
   */
  private void drainSpillBlocking() throws IOException {
    while (spillHead != null || !journal.spillIsEmpty()) {
      if (spillHead == null) {
        spillHead = host.watch(journal.spillPeek()); // a new batch object: observe its completion
        journal.spillRemove();
      }
      publishHandingBack();
      if (!sink.submit(List.of(spillHead))) {
        publishSpill();
        return;
      }
      spillHead = null;
    }
    publishSpill();
    spillPending = false;
  }

  private void reportSpilling() {
    long now = System.nanoTime();
    if (spillReportedAtNanos != Long.MIN_VALUE
        && now - spillReportedAtNanos < TimeUnit.MINUTES.toNanos(1)) return;
    spillReportedAtNanos = now;
    String m =
        "the upload backlog is full (the Events API is slow or unreachable): sealed batches wait on disk"
            + " next to the journal and are sent in order as uploads catch up ("
            + journal.spilledBatches()
            + " waiting now, "
            + spilledTotal
            + " so far)";
    LOG.info("spoke '{}': {}", name, m);
    host.notifyJournal(m);
  }

  private void spillFailed(IOException e) {
    spillBroken = true;
    spillPending = false;
    host.journalProblem(
        "the spill file for a full upload backlog failed; the worker now waits for uploads instead, and"
            + " the batches it held stay in the journal and are sent on the next start: "
            + e);
  }

  /**
   * Worker: publishes the spill file's state without the batch about to be handed back, before the
   * hand-over: once the sink has it, it may be delivered (and a flush waiting for it resolved)
   * before the worker runs again, and the metrics must not still count it as waiting on disk then.
   * Republished with it if the sink refuses it.
   */
  private void publishHandingBack() {
    spilledNow = journal.spilledBatches();
    spilledBytesNow = journal.spilledBytes();
  }

  /** Worker: publishes the spill file's state. */
  private void publishSpill() {
    spilledNow = journal.spilledBatches() + (spillHead != null ? 1 : 0);
    spilledBytesNow = journal.spilledBytes() + (spillHead != null ? spillHead.sizeBytes() : 0);
  }
}
