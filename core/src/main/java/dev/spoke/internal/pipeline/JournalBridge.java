package dev.spoke.internal.pipeline;

import dev.spoke.internal.journal.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's record format inside the durable {@link Journal}. Not API.
 *
 * <p>Two kinds of record: an EVENT (the user's header fragment at capture time, the event's
 * timestamp and its serialized JSON) and a SEAL (a batch's {@code source_request_id}, batch
 * timestamp and the sequence numbers of its events). A batch is acknowledged by acknowledging its
 * events and its seal. On restart, sealed batches are rebuilt with their original
 * {@code source_request_id}, so a batch whose acknowledgement was lost in a crash is deduplicated by
 * the platform; events not yet sealed are batched anew.
 */
final class JournalBridge {
  private static final byte EVENT = 1;
  private static final byte SEAL = 2;

  private final Journal journal;

  JournalBridge(Journal journal) {
    this.journal = journal;
  }

  Journal journal() {
    return journal;
  }

  long appendEvent(byte[] userFragment, long timestamp, byte[] event) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + userFragment.length + 8 + event.length);
    b.put(EVENT).putInt(userFragment.length).put(userFragment).putLong(timestamp).put(event);
    return journal.append(b.array());
  }

  long appendSeal(String sourceRequestId, long batchTimestamp, long[] eventSeqs, int from, int to) throws IOException {
    byte[] id = sourceRequestId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + id.length + 8 + 4 + 8 * (to - from));
    b.put(SEAL).putInt(id.length).put(id).putLong(batchTimestamp).putInt(to - from);
    for (int i = from; i < to; i++) b.putLong(eventSeqs[i]);
    return journal.append(b.array());
  }

  void acknowledge(long[] seqs) throws IOException {
    journal.acknowledge(seqs);
  }

  /** A {@code source_request_id} is a UUID; 64 characters leave room for any id the writer may make. */
  private static final int MAX_ID_LENGTH = 64;

  private static boolean isRequestId(byte[] id) {
    for (byte c : id) {
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
      if (!ok) return false;
    }
    return true;
  }

  private static void corrupt(Replay out, long seq) {
    out.corruptRecords++;
    out.corruptSeqs.add(seq);
  }

  /** A journaled event. */
  static final class StoredEvent {
    final long seq;
    final byte[] userFragment;
    final long timestamp;
    final byte[] json;

    StoredEvent(long seq, byte[] userFragment, long timestamp, byte[] json) {
      this.seq = seq;
      this.userFragment = userFragment;
      this.timestamp = timestamp;
      this.json = json;
    }
  }

  /** A journaled seal whose events are all still unacknowledged. */
  static final class StoredSeal {
    final long seq;
    final String sourceRequestId;
    final long batchTimestamp;
    final List<StoredEvent> events;

    StoredSeal(long seq, String sourceRequestId, long batchTimestamp, List<StoredEvent> events) {
      this.seq = seq;
      this.sourceRequestId = sourceRequestId;
      this.batchTimestamp = batchTimestamp;
      this.events = events;
    }
  }

  /** Receives each complete sealed batch as the replay reaches its seal record. */
  interface SealSink {
    /**
     * @param seal the batch, its events in their original order
     * @param heldBytes bytes of journaled events the replay holds in memory right now (not yet sealed)
     */
    void sealed(StoredSeal seal, long heldBytes);
  }

  /** What a replay left after the sealed batches: loose events to batch anew, and bookkeeping. */
  static final class Replay {
    final List<StoredEvent> loose = new ArrayList<>();
    /** Seals whose events were partly acknowledged already: acknowledged on replay. */
    final List<Long> staleSeals = new ArrayList<>();
    int corruptRecords;
    /** Sequence numbers of the records counted in {@link #corruptRecords}: acknowledged, never replayed again. */
    final List<Long> corruptSeqs = new ArrayList<>();
    /** The most event bytes held in memory at once while streaming. */
    long peakHeldBytes;
  }

  /**
   * Streams the journal once, in order. A batch's events precede its seal record, so only events not
   * yet sealed at that point of the journal are held in memory (bounded in practice by the open
   * batches at the time they were written), and each sealed batch is handed to {@code sink} at once.
   * Events never sealed come back in {@link Replay#loose}, in journal order. Records numbered
   * {@code before} or later (written by the running instance) are skipped.
   */
  Replay replay(long before, SealSink sink) throws IOException {
    Map<Long, StoredEvent> events = new HashMap<>();
    Replay out = new Replay();
    long[] held = {0};
    journal.replay((seq, payload) -> {
      if (seq >= before) return;   // written by this run, already on its way through the pipeline
      StoredSeal complete = null;
      // Every length is checked against the bytes actually there BEFORE anything is allocated: a record
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
            complete = new StoredSeal(seq, new String(id, StandardCharsets.US_ASCII), ts, members);
          } else {
            // Part of the batch was acknowledged before the crash: the rest goes out in new batches.
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
