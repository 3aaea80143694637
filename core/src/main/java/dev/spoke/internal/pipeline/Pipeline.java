package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.upload.BatchSink;
import dev.spoke.internal.upload.SealedBatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture queue and the one worker thread behind it: a thin driver around the data path's
 * parts. Not API.
 *
 * <p>Tracking threads offer immutable records through the {@link Intake} into a bounded queue
 * (never blocking; a full queue drops the newest record and counts it). The worker ({@code
 * spoke-worker-<key>}) drains the queue, hands each event to the kits, serializes it once
 * (journaling it in durable mode) and gives it to the {@link BatchAssembler}, which seals open
 * batches when a batch is full, when the buffered bytes reach their bound, on every upload interval
 * tick, and on flush/close. Sealed batches go through the {@link Handoff} to the {@link BatchSink}
 * (the uploader), whose bounded backlog blocks the worker when full: the worker then stops
 * draining, the queue fills and further records are dropped by the queue's policy, so memory stays
 * bounded during an outage. With a durable journal the hand-off spills to disk instead of blocking,
 * and events are bounded by the journal's size ({@link DropReason#JOURNAL_FULL}). Each batch's
 * result comes back through its own completion, read by {@link Outcomes} (counters, journal
 * acknowledgement, listener, the {@link FlushBarrier}). On start the worker first runs the {@link
 * JournalReplay}.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final int DRAIN = 4096;
  private static final Record WAKE = new Record(null, null, null);

  private final String name;
  private final CaptureQueue<Record> queue;
  private final HeaderSource headers;
  private final BatchSink sink;
  private final Counters counters;
  private final SpokeListener listener;
  private final Clock clock;
  private final int batchMaxBytes;
  private final long historicalAfterMillis;
  private final long maxOpenBytes;
  private final long identityHoldMillis;
  private final Function<Long, List<Record>> sessionSweeper;

  /** The journal and its spill file (durable mode), or null for memory only. */
  private final Durability journal;

  private final long journalMaxAgeMillis;
  private volatile long uploadIntervalMillis;
  private final long replayBefore;

  private final Thread worker;

  /** Counts, journals and reports what becomes of accepted events. */
  private final Outcomes outcomes;

  /** The capture side: what tracking threads call. */
  private final Intake intake;

  private final FlushBarrier flushes = new FlushBarrier();
  private volatile boolean stop;

  // Worker-thread state.
  private final BatchAssembler assembler;
  private final Handoff handoff;
  private final RecordStep step;

  /**
   * The most journaled bytes the start-up replay held in memory at once (written by the worker).
   */
  private final AtomicLong replayPeak = new AtomicLong();

  private long processed;

  public Pipeline(PipelineConfig c) {
    this.name = c.name;
    this.queue = new CaptureQueue<>(c.queueCapacity, c.maxQueueBytes, r -> r.heldBytes);
    this.headers = c.headers;
    this.sink = c.sink;
    this.counters = c.counters;
    this.listener = c.listener;
    this.clock = c.clock;
    this.batchMaxBytes = c.batchMaxBytes;
    this.historicalAfterMillis = c.historicalAfterMillis;
    this.maxOpenBytes = c.maxOpenBytes;
    this.identityHoldMillis = c.identityHoldMillis;
    this.sessionSweeper = c.sessionSweeper;
    this.journal = c.durability;
    // Only what the journal held before this instance could append to it is replayed: tracking
    // threads may journal new events (durableOnReturn) before the worker's replay starts.
    this.replayBefore = this.journal != null ? this.journal.nextSequence() : 0;
    this.journalMaxAgeMillis = c.journalMaxAgeMillis;
    this.uploadIntervalMillis = c.uploadIntervalMillis;
    this.outcomes = new Outcomes(name, counters, listener, journal, flushes, this::wakeForSpill);
    this.intake = new Intake(queue, counters, outcomes, journal);
    this.handoff = new Handoff(name, sink, journal, new HandoffHost());
    this.assembler =
        new BatchAssembler(
            headers,
            new AssemblerOutput(),
            clock::millis,
            batchMaxBytes,
            historicalAfterMillis,
            identityHoldMillis);
    this.step =
        new RecordStep(c.kits, c.serializer, assembler, headers, counters, outcomes, journal);
    this.worker = new Thread(this::run, "spoke-worker-" + c.name);
    this.worker.setDaemon(true);
  }

  /**
   * After a batch resolved: room in the backlog, so the worker hands back spilled batches. Any
   * thread.
   */
  private void wakeForSpill() {
    if (handoff.isSpillPending()) queue.force(WAKE);
  }

  /** The capture side, for tracking threads: offers and the drops counted before the queue. */
  public Intake intake() {
    return intake;
  }

  public void start() {
    queue.setConsumer(worker);
    worker.start();
  }

  /** Changes the upload interval (the configuration's {@code uitl}). */
  public void uploadIntervalMillis(long millis) {
    this.uploadIntervalMillis = Math.max(10, millis);
  }

  public int queueDepth() {
    return queue.size();
  }

  /** Bytes the records in the capture queue hold now ({@link Record#heldBytes()}). */
  public long queueBytes() {
    return queue.bytes();
  }

  /** Events accepted and not yet delivered or dropped. */
  public long pendingEvents() {
    return outcomes.pendingEvents();
  }

  // ------------------------------------------------------------------ flush and close

  /**
   * Asks the worker to seal everything accepted so far and waits until those batches are resolved
   * or the timeout passes. Returns whether everything was resolved.
   */
  public boolean flush(Duration timeout) {
    if (stop && !worker.isAlive()) {
      // Closed: nothing more will be sealed; report whether everything sealed was resolved.
      return flushes.allResolved();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    FlushBarrier.Request req = flushes.request(counters.accepted.sum());
    queue.force(WAKE);
    try {
      return flushes.await(req, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the worker after it has sealed what it holds; waits up to the timeout for it to end. */
  public boolean stopWorker(Duration timeout) {
    stop = true;
    queue.force(WAKE);
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------------ the worker

  private void run() {
    try {
      work();
    } finally {
      handoff.close();
    }
  }

  private void work() {
    if (journal != null) {
      try {
        new JournalReplay(
                journal,
                headers,
                assembler,
                handoff,
                counters,
                new ReplayHost(),
                historicalAfterMillis,
                journalMaxAgeMillis)
            .run(replayBefore, clock.millis());
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
        outcomes.journalProblem(
            "replay of the journal failed; its records stay on disk for the next start: " + t);
      }
    }
    List<Record> buf = new ArrayList<>(DRAIN);
    long nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(uploadIntervalMillis);
    while (true) {
      try {
        long waitNanos = Math.max(0, nextTick - System.nanoTime());
        Record first = queue.poll(stop ? 0 : waitNanos);
        if (first != null) {
          buf.add(first);
          queue.drainTo(buf, DRAIN - 1);
          for (int i = 0; i < buf.size(); i++) {
            process(buf.get(i));
          }
          buf.clear();
        }
        handoff.drainSpill();
        long now = System.nanoTime();
        boolean tick = now >= nextTick;
        boolean flushNow = flushes.satisfiable(processed, queue::isEmpty);
        if (tick || flushNow || stop) {
          assembler.sealAll(flushNow || stop);
        } else if (assembler.openBytes() >= maxOpenBytes) {
          assembler.sealAll(false);
        }
        handoff.submitSealed();
        if (flushNow) {
          flushes.complete(processed, queue::isEmpty, assembler.lastSealSequence());
        }
        if (tick) {
          nextTick = now + TimeUnit.MILLISECONDS.toNanos(uploadIntervalMillis);
          intake.reportAggregatedDrops();
          sweepSessions();
        }
        if (stop && queue.isEmpty()) {
          assembler.sealAll(true);
          handoff.submitSealed();
          flushes.complete(processed, queue::isEmpty, assembler.lastSealSequence());
          intake.reportAggregatedDrops();
          return;
        }
      } catch (InterruptedException e) {
        if (stop) return;
      } catch (Throwable t) {
        // The worker survives anything but a fatal VM error; the record being handled was counted.
        if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
        LOG.error("spoke worker '{}' caught an unexpected error; continuing", name, t);
      }
    }
  }

  private void process(Record r) {
    if (r != WAKE && step.process(r)) processed++;
  }

  /** The most journaled bytes the start-up replay held in memory at once (for tests). */
  public long replayPeakHeldBytes() {
    return replayPeak.get();
  }

  /** Sealed batches waiting on disk for room in the upload backlog. Any thread. */
  public int spilledBatches() {
    return handoff.spilledBatches();
  }

  /** Bytes of the batches waiting on disk for room in the upload backlog. Any thread. */
  public long spilledBytes() {
    return handoff.spilledBytes();
  }

  private void sweepSessions() {
    if (sessionSweeper == null) return;
    List<Record> ends = sessionSweeper.apply(clock.millis());
    if (ends == null) return;
    for (Record r : ends) {
      counters.accepted.increment();
      process(r);
    }
  }

  /** Users whose events wait in an open batch (for tests and metrics). */
  int openUsers() {
    return assembler.openUsers();
  }

  /** What the journal replay needs from the pipeline. */
  private final class ReplayHost implements JournalReplay.Host {
    @Override
    public void dropped(
        DropReason reason, int count, String detail, long[] seqs, int from, int to) {
      outcomes.droppedAccepted(reason, count, detail);
      outcomes.acknowledgeQuietly(seqs, from, to, -1);
    }

    @Override
    public void acknowledge(long[] seqs) {
      outcomes.acknowledgeQuietly(seqs, 0, seqs.length, -1);
    }

    @Override
    public void notifyJournal(String message) {
      LOG.info("spoke '{}': {}", name, message);
      outcomes.notifyJournal(message);
    }

    @Override
    public void peakHeldBytes(long bytes) {
      replayPeak.accumulateAndGet(bytes, Math::max);
    }
  }

  /** What the hand-off needs from the pipeline. */
  private final class HandoffHost implements Handoff.Host {
    @Override
    public SealedBatch watch(SealedBatch batch) {
      return outcomes.watch(batch);
    }

    @Override
    public void journalProblem(String message) {
      outcomes.journalProblem(message);
    }

    @Override
    public void notifyJournal(String message) {
      outcomes.notifyJournal(message);
    }
  }

  /**
   * The assembler's decisions, carried out on the worker thread: journal, counters, the sink's
   * queue.
   */
  private final class AssemblerOutput implements BatchAssembler.Output {
    @Override
    public void sealed(SealedBatch batch) {
      flushes.sealed(batch.sealSequence());
      handoff.add(outcomes.watch(batch));
    }

    @Override
    public long journalSeal(
        String sourceRequestId, long batchTimestamp, long[] seqs, int from, int to) {
      if (journal == null) return -1;
      try {
        return journal.appendSeal(sourceRequestId, batchTimestamp, seqs, from, to);
      } catch (IOException | RuntimeException e) {
        outcomes.journalProblem(
            "could not record a batch's source_request_id in the journal; after a crash its events"
                + " would be sent under a new id: "
                + e);
        return -1;
      }
    }

    @Override
    public void dropped(
        DropReason reason, int count, String detail, long[] seqs, int from, int to) {
      outcomes.droppedAccepted(reason, count, detail);
      outcomes.acknowledgeQuietly(seqs, from, to, -1);
    }
  }
}
