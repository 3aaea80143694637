package dev.spoke.internal.durability;

import dev.spoke.SpokeListener;
import dev.spoke.internal.upload.SealedBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability, the one way in: the pipeline's record format inside the durable {@link Journal}, its
 * replay, and the {@link SpillFile} that holds sealed batches while the upload backlog is full. The
 * pipeline talks to nothing else in this package. Not API.
 *
 * <p>Two kinds of record: an EVENT (the user's header fragment at capture time, the event's
 * timestamp and its serialized JSON) and a SEAL (a batch's {@code source_request_id}, batch
 * timestamp and the sequence numbers of its events). A batch is acknowledged by acknowledging its
 * events and its seal. On restart, sealed batches are rebuilt with their original {@code
 * source_request_id}, so a batch whose acknowledgement was lost in a crash is deduplicated by the
 * platform; events not yet sealed are batched anew.
 */
public final class Durability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Durability.class);
  private static final byte EVENT = 1;
  private static final byte SEAL = 2;

  private final Journal journal;

  /** Worker thread only. */
  private final SpillFile spill;

  Durability(Journal journal, Path spillFile) {
    this.journal = journal;
    if (spillFile != null) {
      SpillFile.deleteStale(spillFile);
      this.spill = new SpillFile(spillFile);
    } else {
      this.spill = null;
    }
  }

  /**
   * Opens the journal in {@code dir} (its spill file next to it), or returns null when it cannot be
   * opened: then events are kept in memory only, and the listener hears why.
   */
  public static Durability open(Path dir, JournalConfig config, SpokeListener listener) {
    try {
      Journal journal =
          Journal.open(
              dir,
              config,
              new JournalListener() {
                @Override
                public void corruption(Path file, long offset, String reason) {
                  String m =
                      "journal damage in "
                          + file
                          + " at offset "
                          + offset
                          + " ("
                          + reason
                          + "): the damaged tail was skipped";
                  LOG.warn("spoke: {}", m);
                  listener.onJournal(m);
                }

                @Override
                public void syncFailed(IOException error) {
                  String m = "journal sync failed (recent events may not be on disk yet): " + error;
                  LOG.warn("spoke: {}", m);
                  listener.onJournal(m);
                }
              });
      return new Durability(journal, dir.resolve("upload-spill.bin"));
    } catch (IOException | RuntimeException e) {
      String m =
          "the durable journal in "
              + dir
              + " could not be opened ("
              + e.getMessage()
              + "); events are kept in memory only until this is fixed";
      LOG.error("spoke: {}", m);
      listener.onJournal(m);
      return null;
    }
  }

  /**
   * The sequence number the next record will get: records before it were written by earlier runs.
   */
  public long nextSequence() {
    return journal.nextSequence();
  }

  /** Bytes the journal holds on disk. Any thread. */
  public long sizeBytes() {
    return journal.sizeBytes();
  }

  /** Closes the journal (the spill file is closed by {@link #closeSpill}). */
  @Override
  public void close() throws IOException {
    journal.close();
  }

  // ------------------------------------------------------------------ spill file (worker thread
  // only)

  /**
   * Appends a sealed batch (already in the journal, carrying its sequence numbers) to the spill
   * file.
   */
  public void spill(SealedBatch b) throws IOException {
    spill.write(b);
  }

  /** The oldest spilled batch (a new object each time it is read), without removing it. */
  public SealedBatch spillPeek() throws IOException {
    return spill.peek();
  }

  /** Removes the oldest spilled batch. */
  public void spillRemove() throws IOException {
    spill.remove();
  }

  public boolean spillIsEmpty() {
    return spill.isEmpty();
  }

  public int spilledBatches() {
    return spill.batches();
  }

  public long spilledBytes() {
    return spill.bytes();
  }

  /** Closes and deletes the spill file (what it held stays in the journal). */
  public void closeSpill() {
    spill.close();
  }

  // ------------------------------------------------------------------ journal records

  /** Journals a captured event; returns its sequence number. */
  public long appendEvent(byte[] userFragment, long timestamp, byte[] event) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + userFragment.length + 8 + event.length);
    b.put(EVENT).putInt(userFragment.length).put(userFragment).putLong(timestamp).put(event);
    return journal.append(b.array());
  }

  /** Journals a batch's seal (its id and the sequence numbers of events {@code from..to}). */
  public long appendSeal(
      String sourceRequestId, long batchTimestamp, long[] eventSeqs, int from, int to)
      throws IOException {
    byte[] id = sourceRequestId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + id.length + 8 + 4 + 8 * (to - from));
    b.put(SEAL).putInt(id.length).put(id).putLong(batchTimestamp).putInt(to - from);
    for (int i = from; i < to; i++) b.putLong(eventSeqs[i]);
    return journal.append(b.array());
  }

  /** Marks records done: they are never replayed. */
  public void acknowledge(long[] seqs) throws IOException {
    journal.acknowledge(seqs);
  }

  /**
   * A {@code source_request_id} is a UUID; 64 characters leave room for any id the writer may make.
   */
  private static final int MAX_ID_LENGTH = 64;

  private static boolean isRequestId(byte[] id) {
    for (byte c : id) {
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '-'
              || c == '_';
      if (!ok) return false;
    }
    return true;
  }

  private static void corrupt(Replay out, long seq) {
    out.corruptRecords++;
    out.corruptSeqs.add(seq);
  }

  /** A journaled event. */
  public static final class StoredEvent {
    public final long seq;
    public final byte[] userFragment;
    public final long timestamp;
    public final byte[] json;

    StoredEvent(long seq, byte[] userFragment, long timestamp, byte[] json) {
      this.seq = seq;
      this.userFragment = userFragment;
      this.timestamp = timestamp;
      this.json = json;
    }
  }

  /** A journaled seal whose events are all still unacknowledged. */
  public static final class StoredSeal {
    public final long seq;
    public final String sourceRequestId;
    public final long batchTimestamp;
    public final List<StoredEvent> events;

    StoredSeal(long seq, String sourceRequestId, long batchTimestamp, List<StoredEvent> events) {
      this.seq = seq;
      this.sourceRequestId = sourceRequestId;
      this.batchTimestamp = batchTimestamp;
      this.events = events;
    }
  }

  /** Receives each complete sealed batch as the replay reaches its seal record. */
  public interface SealSink {
    /**
     * @param seal the batch, its events in their original order
     * @param heldBytes bytes of journaled events the replay holds in memory right now (not yet
     *     sealed)
     */
    void sealed(StoredSeal seal, long heldBytes);
  }

  /** What a replay left after the sealed batches: loose events to batch anew, and bookkeeping. */
  public static final class Replay {
    final List<StoredEvent> loose = new ArrayList<>();

    /** Seals whose events were partly acknowledged already: acknowledged on replay. */
    final List<Long> staleSeals = new ArrayList<>();

    int corruptRecords;

    /**
     * Sequence numbers of the records counted in {@link #corruptRecords}: acknowledged, never
     * replayed again.
     */
    final List<Long> corruptSeqs = new ArrayList<>();

    /** The most event bytes held in memory at once while streaming. */
    long peakHeldBytes;

    /** Events never sealed, in journal order: to be batched anew. */
    public List<StoredEvent> loose() {
      return loose;
    }

    /** Seals whose events were partly acknowledged already: to be acknowledged. */
    public List<Long> staleSeals() {
      return staleSeals;
    }

    /** Unreadable records skipped. */
    public int corruptRecords() {
      return corruptRecords;
    }

    /**
     * The records counted in {@link #corruptRecords()}: to be acknowledged, never replayed again.
     */
    public List<Long> corruptSeqs() {
      return corruptSeqs;
    }

    /** The most event bytes held in memory at once while streaming. */
    public long peakHeldBytes() {
      return peakHeldBytes;
    }
  }

  /**
   * Streams the journal once, in order. A batch's events precede its seal record, so only events
   * not yet sealed at that point of the journal are held in memory (bounded in practice by the open
   * batches at the time they were written), and each sealed batch is handed to {@code sink} at
   * once. Events never sealed come back in {@link Replay#loose}, in journal order. Records numbered
   * {@code before} or later (written by the running instance) are skipped.
   */
  public Replay replay(long before, SealSink sink) throws IOException {
    Map<Long, StoredEvent> events = new HashMap<>();
    Replay out = new Replay();
    long[] held = {0};
    journal.replay(
        (seq, payload) -> {
          if (seq >= before) return; // written by this run, already on its way through the pipeline
          StoredSeal complete = null;
          // Every length is checked against the bytes actually there BEFORE anything is allocated:
          // a record
          // whose checksum is right may still say "2 GB" (a bug, a tool, a hostile file), and an
          // OutOfMemoryError here would end the worker at every start.
          try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            byte kind = b.get();
            if (kind == EVENT) {
              int fragLength = b.getInt();
              if (fragLength < 0 || fragLength > b.remaining() - 8) {
                corrupt(out, seq);
                return;
              }
              byte[] frag = new byte[fragLength];
              b.get(frag);
              long ts = b.getLong();
              byte[] json = new byte[b.remaining()];
              b.get(json);
              if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
                corrupt(out, seq); // the writer journals one serialized JSON object per event
                return;
              }
              events.put(seq, new StoredEvent(seq, frag, ts, json));
              held[0] += json.length + frag.length;
              out.peakHeldBytes = Math.max(out.peakHeldBytes, held[0]);
            } else if (kind == SEAL) {
              int idLength = b.getInt();
              if (idLength < 1 || idLength > MAX_ID_LENGTH || idLength > b.remaining() - 12) {
                corrupt(out, seq);
                return;
              }
              byte[] id = new byte[idLength];
              b.get(id);
              long ts = b.getLong();
              int n = b.getInt();
              if (n < 1 || n != b.remaining() / 8 || b.remaining() % 8 != 0 || !isRequestId(id)) {
                corrupt(out, seq); // the id goes onto the wire verbatim: only what the writer made
                return;
              }
              long[] seqs = new long[n];
              for (int i = 0; i < n; i++) seqs[i] = b.getLong();
              List<StoredEvent> members = new ArrayList<>(n);
              for (long s : seqs) {
                StoredEvent e = events.remove(s);
                if (e != null) {
                  members.add(e);
                  held[0] -= e.json.length + e.userFragment.length;
                }
              }
              if (members.size() == n && n > 0) {
                complete =
                    new StoredSeal(seq, new String(id, StandardCharsets.US_ASCII), ts, members);
              } else {
                // Part of the batch was acknowledged before the crash: the rest goes out in new
                // batches.
                out.staleSeals.add(seq);
                out.loose.addAll(members);
              }
            } else {
              corrupt(out, seq);
            }
          } catch (RuntimeException e) {
            corrupt(out, seq);
          }
          if (complete != null) sink.sealed(complete, held[0]);
        });
    out.loose.addAll(events.values());
    out.loose.sort((a, b) -> Long.compare(a.seq, b.seq));
    return out;
  }
}
