package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.durability.JournalFullException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture side of the {@link Pipeline}: what tracking threads call. {@link #offer} puts a
 * record into the bounded queue without blocking or taking a lock; {@link #offerDurably} first
 * journals it on the calling thread ({@code durableOnReturn}). Counts (and reports) the drops that
 * happen before the queue: queue full, closed, opted out, journal full. Not API.
 */
public final class Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final CaptureQueue<Record> queue;
  private final Counters counters;
  private final Outcomes outcomes;

  /** The journal (durable mode), or null for memory only. */
  private final Durability journal;

  private volatile boolean closed;

  Intake(CaptureQueue<Record> queue, Counters counters, Outcomes outcomes, Durability journal) {
    this.queue = queue;
    this.counters = counters;
    this.outcomes = outcomes;
    this.journal = journal;
  }

  /**
   * Offers a record; never blocks. Returns false (and counts the drop) when the queue is full or
   * the pipeline is closed.
   */
  public boolean offer(Record r) {
    if (closed) {
      dropClosed("an event");
      return false;
    }
    if (queue.offer(r)) {
      counters.accepted.increment();
      return true;
    }
    counters.drop(DropReason.QUEUE_FULL, 1);
    counters.queueFullUnreported.incrementAndGet();
    return false;
  }

  /**
   * Durable mode with {@code durableOnReturn}: appends the event to the journal on the calling
   * thread, then offers it, so a tracking call that returns has its event on the way to disk (a
   * crash after the call loses nothing). A full journal drops the event ({@link
   * DropReason#JOURNAL_FULL}); a failed write keeps it in memory only (reported) and the worker
   * tries again. An event journaled and then refused by the queue is removed from the journal, so a
   * counted drop never comes back after a restart. Without a journal this is {@link #offer}.
   *
   * @param userFragment the user's header fragment as it stands (stored with the event)
   */
  public boolean offerDurably(Record r, byte[] userFragment) {
    if (journal == null || closed) return offer(r);
    long seq;
    try {
      seq = journal.appendEvent(userFragment, r.timestamp, r.json);
      counters.journalAppends.increment();
    } catch (JournalFullException e) {
      counters.drop(DropReason.JOURNAL_FULL, 1);
      outcomes.notifyDrop(DropReason.JOURNAL_FULL, 1, e.getMessage());
      return false;
    } catch (IOException | RuntimeException e) {
      outcomes.callerJournalProblem(
          "could not append to the journal; the event is kept in memory only: " + e);
      return offer(r);
    }
    if (offer(r.journaledAs(seq))) return true;
    outcomes.acknowledgeQuietly(new long[] {seq}, 0, 1, -1);
    return false;
  }

  /**
   * Queues a kit notification behind the events already captured, so kits see changes in order. Not
   * counted as an event. When the queue is full it runs at once on the calling thread instead (kit
   * calls never block), so a notification is never lost.
   */
  public void offerSignal(Record r) {
    if (closed || !queue.offer(r)) {
      runSignal(r);
    }
  }

  static void runSignal(Record r) {
    try {
      r.signal.run();
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
      LOG.warn("a kit notification failed; uploads are not affected", t);
    }
  }

  /**
   * Counts a queue-full drop and returns true when the queue is full right now, so a tracking call
   * can stop before validating and serializing an event that would be dropped anyway.
   */
  public boolean dropIfFull() {
    if (!queue.isFull(Record.OVERHEAD_BYTES)) return false;
    counters.drop(DropReason.QUEUE_FULL, 1);
    counters.queueFullUnreported.incrementAndGet();
    return true;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Counts a tracking call made after close and reports it to the listener on the calling thread:
   * no Spoke thread is left to report it later, and a host calling after close should hear of it at
   * once.
   *
   * @param what what was refused, e.g. "an event" or "a user attribute change"
   */
  public void dropClosed(String what) {
    counters.drop(DropReason.CLOSED, 1);
    outcomes.notifyDrop(
        DropReason.CLOSED,
        1,
        what
            + " was dropped: the instance was closed (close() had been"
            + " called); create a new Spoke instance to keep tracking");
  }

  /**
   * Counts a tracking call refused because the user opted out; reported summed once per upload
   * cycle and at close (as queue-full drops are), so an opted-out user's stream of calls costs no
   * listener call each.
   */
  public void dropOptedOut() {
    counters.drop(DropReason.OPTED_OUT, 1);
    counters.optedOutUnreported.incrementAndGet();
  }

  /** Stops accepting; later offers are counted as {@link DropReason#CLOSED}. */
  public void stopAccepting() {
    closed = true;
  }

  /** Reports the drops counted without a listener call each (queue full, opted out). Any thread. */
  public void reportAggregatedDrops() {
    long n = counters.queueFullUnreported.getAndSet(0);
    if (n > 0) {
      outcomes.notifyDrop(
          DropReason.QUEUE_FULL,
          n,
          n
              + " events dropped since the last upload cycle: the capture queue"
              + " was full (raise maxBufferedBytes, or check that uploads keep up)");
    }
    long o = counters.optedOutUnreported.getAndSet(0);
    if (o > 0) {
      outcomes.notifyDrop(
          DropReason.OPTED_OUT,
          o,
          o
              + " tracking calls dropped since the last upload cycle: the user"
              + " opted out (setOptOut(true)) and the workspace configuration does not keep collecting");
    }
  }
}
