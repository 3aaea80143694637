package dev.spoke.internal.pipeline;

import dev.spoke.internal.journal.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /** What a replay found: sealed batches to resend as they were, and loose events to batch anew. */
  static final class Replay {
    final List<StoredSeal> seals = new ArrayList<>();
    final List<StoredEvent> loose = new ArrayList<>();
    /** Seals whose events were partly acknowledged already: acknowledged on replay. */
    final List<Long> staleSeals = new ArrayList<>();
    int corruptRecords;
  }

  Replay replay() throws IOException {
    Map<Long, StoredEvent> events = new LinkedHashMap<>();
    List<long[]> sealHeads = new ArrayList<>();
    Map<Long, Object[]> sealInfo = new HashMap<>();
    Replay out = new Replay();
    journal.replay((seq, payload) -> {
      try {
        ByteBuffer b = ByteBuffer.wrap(payload);
        byte kind = b.get();
        if (kind == EVENT) {
          byte[] frag = new byte[b.getInt()];
          b.get(frag);
          long ts = b.getLong();
          byte[] json = new byte[b.remaining()];
          b.get(json);
          events.put(seq, new StoredEvent(seq, frag, ts, json));
        } else if (kind == SEAL) {
          byte[] id = new byte[b.getInt()];
          b.get(id);
          long ts = b.getLong();
          int n = b.getInt();
          long[] seqs = new long[n];
          for (int i = 0; i < n; i++) seqs[i] = b.getLong();
          sealHeads.add(new long[] {seq});
          sealInfo.put(seq, new Object[] {new String(id, StandardCharsets.US_ASCII), ts, seqs});
        } else {
          out.corruptRecords++;
        }
      } catch (RuntimeException e) {
        out.corruptRecords++;
      }
    });
    for (long[] h : sealHeads) {
      long sealSeq = h[0];
      Object[] info = sealInfo.get(sealSeq);
      long[] seqs = (long[]) info[2];
      List<StoredEvent> members = new ArrayList<>(seqs.length);
      boolean complete = true;
      for (long s : seqs) {
        StoredEvent e = events.get(s);
        if (e == null) {
          complete = false;
        } else {
          members.add(e);
        }
      }
      for (StoredEvent e : members) events.remove(e.seq);
      if (complete && !members.isEmpty()) {
        out.seals.add(new StoredSeal(sealSeq, (String) info[0], (Long) info[1], members));
      } else {
        // Part of the batch was acknowledged before the crash: the rest goes out in new batches.
        out.staleSeals.add(sealSeq);
        out.loose.addAll(members);
      }
    }
    out.loose.addAll(events.values());
    out.loose.sort((a, b) -> Long.compare(a.seq, b.seq));
    return out;
  }
}
