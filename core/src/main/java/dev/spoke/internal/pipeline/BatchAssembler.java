package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.internal.Ids;
import dev.spoke.internal.upload.BatchFraming;
import dev.spoke.internal.upload.SealedBatch;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Open batches per user, sealing, the historical split and framing. Pure: no threads, no I/O, no
 * clock of its own (an injected ticker in epoch ms); one thread at a time (the pipeline's worker).
 * Not API.
 *
 * <p>An event is admitted when it fits a batch with its user's header; a user's open batch is
 * sealed when the next event would take it over the byte limit, and every open batch on {@link
 * #sealAll} (interval tick, flush, close, buffered-bytes bound). Sealing splits a user's events
 * into a regular and a historical batch (events older than the platform's historical threshold go
 * to the historical endpoint) and frames them into as many batches as the exact byte limit
 * requires. Everything it decides leaves through its {@link Output}: sealed batches, journal seal
 * records, and events that can never be sent.
 */
final class BatchAssembler {
  /** Room kept for framing fields when deciding whether an event fits a batch. */
  static final int FRAMING_SLACK = 128;

  /** Most emptied open batches kept for reuse (a few hundred KB at most). */
  static final int SPARE_MAX = 4096;

  private static final byte[] EMPTY = new byte[0];

  /** Where the assembler's decisions go; the pipeline implements it (journal, counters, sink). */
  interface Output {
    /** A batch was sealed: hand it on, in this order. */
    void sealed(SealedBatch batch);

    /**
     * Records in the journal that events {@code from..to} of {@code seqs} (all journaled) were
     * sealed under this id; returns the seal record's number, or -1 when it could not be recorded.
     */
    long journalSeal(String sourceRequestId, long batchTimestamp, long[] seqs, int from, int to);

    /**
     * Events {@code from..to} of {@code seqs} (journal numbers, -1 = not journaled) can never be
     * sent.
     */
    void dropped(DropReason reason, int count, String detail, long[] seqs, int from, int to);
  }

  private final HeaderSource headers;
  private final Output out;
  private final LongSupplier ticker;
  private final Supplier<String> ids;
  private final int batchMaxBytes;
  private final long historicalAfterMillis;
  private final long identityHoldMillis;
  private final Map<UserContext, OpenBatch> open = new HashMap<>();

  /**
   * Emptied open batches kept for the next users: with many users each seal tick empties as many
   * open batches as there are users, and the next events open them again.
   */
  private final ArrayDeque<OpenBatch> spare = new ArrayDeque<>();

  private long openBytes;
  private long sealSequence;

  /**
   * @param ticker the time in epoch ms (decides sealing time, batch timestamps and the historical
   *     split)
   * @param ids makes each new batch's {@code source_request_id}
   */
  BatchAssembler(
      HeaderSource headers,
      Output out,
      LongSupplier ticker,
      Supplier<String> ids,
      int batchMaxBytes,
      long historicalAfterMillis,
      long identityHoldMillis) {
    this.headers = headers;
    this.out = out;
    this.ticker = ticker;
    this.ids = ids;
    this.batchMaxBytes = batchMaxBytes;
    this.historicalAfterMillis = historicalAfterMillis;
    this.identityHoldMillis = identityHoldMillis;
  }

  BatchAssembler(
      HeaderSource headers,
      Output out,
      LongSupplier ticker,
      int batchMaxBytes,
      long historicalAfterMillis,
      long identityHoldMillis) {
    this(headers, out, ticker, Ids::uuid, batchMaxBytes, historicalAfterMillis, identityHoldMillis);
  }

  /**
   * Makes room for one event of {@code size} bytes in its user's open batch: seals that batch first
   * when the event would take it over the limit. Returns false (and reports the drop) when the
   * event cannot fit any batch with its user's header; then it must not be {@link #append
   * appended}.
   *
   * @param what the event's type, for the drop's message
   * @param journalSeq the event's journal number, or -1
   */
  boolean admit(UserContext u, int size, String what, long journalSeq) {
    OpenBatch ob = open.get(u);
    int headerLen = ob != null ? ob.headerLen : headers.estimate(u);
    if (size + headerLen + FRAMING_SLACK > batchMaxBytes) {
      out.dropped(
          DropReason.RECORD_TOO_LARGE,
          1,
          "a "
              + what
              + " event of "
              + size
              + " bytes cannot fit a batch of at most "
              + batchMaxBytes
              + " bytes with its user header",
          new long[] {journalSeq},
          0,
          1);
      return false;
    }
    if (ob == null) {
      open.put(u, openBatch(headerLen));
    } else if (ob.bytes + size + ob.size() + headerLen + FRAMING_SLACK > batchMaxBytes) {
      sealOne(u, ob, ticker.getAsLong());
      ob.clear();
      ob.headerLen = headers.estimate(u);
    }
    return true;
  }

  /**
   * Appends an {@link #admit admitted} event to its user's open batch. The batch keeps {@code json}
   * itself until it is sent: the array must not change afterwards.
   */
  void append(UserContext u, byte[] json, long timestamp, long journalSeq) {
    open.get(u).add(json, timestamp, journalSeq);
    openBytes += json.length;
  }

  /**
   * Seals every open batch; without {@code force}, a user whose identity call is still pending
   * keeps collecting (up to the identity hold) so the batch goes out under the right user.
   */
  void sealAll(boolean force) {
    if (open.isEmpty()) return;
    long now = ticker.getAsLong();
    for (Iterator<Map.Entry<UserContext, OpenBatch>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<UserContext, OpenBatch> e = it.next();
      OpenBatch ob = e.getValue();
      if (ob.size() == 0) {
        it.remove();
        recycle(ob);
        continue;
      }
      if (!force && e.getKey().holdForIdentity(now, identityHoldMillis)) continue;
      sealOne(e.getKey(), ob, now);
      it.remove();
      recycle(ob);
    }
  }

  /** Frames events of one user and kind into new batches (the journal's loose events on replay). */
  void frame(byte[] header, List<byte[]> events, long[] seqs, boolean historical, long now) {
    byte[][] array = events.toArray(new byte[0][]);
    emit(null, header, EMPTY, array, seqs, 0, array.length, historical, now, null, 0, -1);
  }

  /**
   * Rebuilds a batch sealed by an earlier run under its original id and timestamp, so the platform
   * deduplicates it if it had arrived before.
   */
  void reframe(
      byte[] header,
      List<byte[]> events,
      long[] seqs,
      boolean historical,
      long now,
      String sourceRequestId,
      long batchTimestamp,
      long sealRecord) {
    byte[][] array = events.toArray(new byte[0][]);
    emit(
        null,
        header,
        EMPTY,
        array,
        seqs,
        0,
        array.length,
        historical,
        now,
        sourceRequestId,
        batchTimestamp,
        sealRecord);
  }

  /** Bytes of events waiting in open batches. */
  long openBytes() {
    return openBytes;
  }

  /** Users with an open batch. */
  int openUsers() {
    return open.size();
  }

  /** The number of the last batch sealed (0 before the first): the flush barrier. */
  long lastSealSequence() {
    return sealSequence;
  }

  /**
   * Seals one user's open batch. When none of its events is historical (the usual case) no list or
   * split array is made: each batch takes an exactly sized array of references to the events, and
   * the events are not copied into a batch array (the sender frames them into the request body).
   * The caller recycles or {@link OpenBatch#clear clears} the open batch afterwards.
   */
  private OpenBatch openBatch(int headerLen) {
    OpenBatch ob = spare.pollFirst();
    if (ob == null) return new OpenBatch(headerLen);
    ob.headerLen = headerLen;
    return ob;
  }

  private void recycle(OpenBatch ob) {
    ob.clear();
    if (spare.size() < SPARE_MAX && ob.capacity() <= OpenBatch.KEEP_CAPACITY) spare.addFirst(ob);
  }

  private void sealOne(UserContext u, OpenBatch ob, long now) {
    byte[] instance = headers.instanceFragment();
    byte[] userHeader = headers.userHeader(u, now);
    long cutoff = now - historicalAfterMillis;
    int n = ob.count;
    int old = 0;
    for (int i = 0; i < n; i++) {
      if (ob.timestamps[i] < cutoff) old++;
    }
    if (old == 0) {
      emit(u.key, instance, userHeader, ob.events, ob.seqs, 0, n, false, now, null, 0, -1);
    } else {
      byte[][] regular = new byte[n - old][];
      long[] regularSeqs = new long[n - old];
      byte[][] historical = new byte[old][];
      long[] historicalSeqs = new long[old];
      int r = 0;
      int h = 0;
      for (int i = 0; i < n; i++) {
        if (ob.timestamps[i] < cutoff) {
          historicalSeqs[h] = ob.seqs[i];
          historical[h++] = ob.events[i];
        } else {
          regularSeqs[r] = ob.seqs[i];
          regular[r++] = ob.events[i];
        }
      }
      emit(u.key, instance, userHeader, regular, regularSeqs, 0, r, false, now, null, 0, -1);
      emit(u.key, instance, userHeader, historical, historicalSeqs, 0, h, true, now, null, 0, -1);
    }
    openBytes -= ob.bytes;
  }

  /**
   * Frames events into as many batches as the byte limit requires (exact sizes, not estimates). The
   * batches keep {@code events} itself (no copy): it must not change afterwards.
   *
   * @param seqs journal sequence numbers parallel to {@code events} (-1 = not journaled)
   * @param replayedId when rebuilding a sealed batch from the journal: its id (else null),
   *     timestamp and seal record
   */
  private void emit(
      String userKey,
      byte[] instance,
      byte[] userHeader,
      byte[][] events,
      long[] seqs,
      int from,
      int to,
      boolean historical,
      long now,
      String replayedId,
      long replayedTimestamp,
      long replayedSealRecord) {
    int i = from;
    while (i < to) {
      String srid = replayedId != null ? replayedId : ids.get();
      long ts = replayedId != null ? replayedTimestamp : now;
      int size =
          BatchFraming.overheadBytes(
              BatchFraming.headerFieldsLength(instance, userHeader), srid, 0);
      int j = i;
      while (j < to) {
        int add = events[j].length + (j > i ? 1 : 0);
        if (size + add > batchMaxBytes && j > i && replayedId == null) break;
        size += add;
        j++;
      }
      if (size > batchMaxBytes) {
        // Only possible when the header grew since the event was admitted.
        out.dropped(
            DropReason.RECORD_TOO_LARGE,
            j - i,
            "an event no longer fits a batch with its user header ("
                + size
                + " > "
                + batchMaxBytes
                + " bytes)",
            seqs,
            i,
            j);
      } else {
        long seq = ++sealSequence;
        Object attachment = null;
        if (seqs != null && seqs[i] >= 0) {
          long sealRecord =
              replayedId != null ? replayedSealRecord : out.journalSeal(srid, ts, seqs, i, j);
          long[] ack = new long[(j - i) + (sealRecord >= 0 ? 1 : 0)];
          System.arraycopy(seqs, i, ack, 0, j - i);
          if (sealRecord >= 0) ack[j - i] = sealRecord;
          attachment = ack;
        }
        out.sealed(
            SealedBatch.builder()
                .sourceRequestId(srid)
                .framed(instance, userHeader, Arrays.copyOfRange(events, i, j), 0, j - i)
                .historical(historical)
                .eventCount(j - i)
                .userKey(userKey)
                .sealSequence(seq)
                .attachment(attachment)
                .build());
      }
      i = j;
    }
  }

  /** One user's events since the last seal; its arrays are reused after each seal. */
  private static final class OpenBatch {
    /** An open batch whose arrays grew past this is not kept for reuse. */
    static final int KEEP_CAPACITY = 64;

    byte[][] events = new byte[4][];
    long[] timestamps = new long[4];
    long[] seqs = new long[4];
    int count;
    long bytes;
    int headerLen;

    OpenBatch(int headerLen) {
      this.headerLen = headerLen;
    }

    int size() {
      return count;
    }

    int capacity() {
      return events.length;
    }

    void add(byte[] e, long ts, long seq) {
      if (count == events.length) {
        events = Arrays.copyOf(events, count * 2);
        timestamps = Arrays.copyOf(timestamps, count * 2);
        seqs = Arrays.copyOf(seqs, count * 2);
      }
      timestamps[count] = ts;
      seqs[count] = seq;
      events[count++] = e;
      bytes += e.length;
    }

    /** Empties the batch after a seal (the sealed batches hold their own references). */
    void clear() {
      Arrays.fill(events, 0, count, null); // sent events must not stay reachable from here
      count = 0;
      bytes = 0;
    }
  }
}
