package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.internal.durability.Durability;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up replay of the durable journal, run once on the worker thread before it drains the
 * capture queue. Not API.
 */
final class JournalReplay {
  /** During replay, sealed batches are handed on whenever this many bytes wait. */
  private static final long REPLAY_SUBMIT_BYTES = 1024 * 1024;

  /** What the replay needs from the pipeline. */
  interface Host {
    /** Accepted events that will never be sent: count and report them, remove their records. */
    void dropped(DropReason reason, int count, String detail, long[] seqs, int from, int to);

    /** Removes records from the journal (quietly: a failure is reported, never thrown). */
    void acknowledge(long[] seqs);

    /** Logs and reports what the replay did. */
    void notifyJournal(String message);

    /** The replay held this many journaled bytes in memory at once. */
    void peakHeldBytes(long bytes);
  }

  private final Durability journal;
  private final HeaderSource headers;
  private final BatchAssembler assembler;
  private final Handoff handoff;
  private final Counters counters;
  private final Host host;
  private final long historicalAfterMillis;
  private final long journalMaxAgeMillis;

  JournalReplay(
      Durability journal,
      HeaderSource headers,
      BatchAssembler assembler,
      Handoff handoff,
      Counters counters,
      Host host,
      long historicalAfterMillis,
      long journalMaxAgeMillis) {
    this.journal = journal;
    this.headers = headers;
    this.assembler = assembler;
    this.handoff = handoff;
    this.counters = counters;
    this.host = host;
    this.historicalAfterMillis = historicalAfterMillis;
    this.journalMaxAgeMillis = journalMaxAgeMillis;
  }

  /**
   * Rebuilds what the journal holds: sealed batches as they were (handed on while the journal is
   * read, so memory stays bounded however much an outage left on disk), then loose events in new
   * batches. Only records numbered below {@code replayBefore} (written by earlier runs) are read.
   */
  void run(long replayBefore, long now) throws IOException {
    long oldest = now - journalMaxAgeMillis;
    byte[] instance = headers.instanceFragment();
    int[] events = {0};
    int[] expired = {0};
    long[] waiting = {0};
    Durability.Replay replay =
        journal.replay(
            replayBefore,
            (seal, heldBytes) -> {
              List<byte[]> jsons = new ArrayList<>(seal.events.size());
              long[] seqs = new long[seal.events.size()];
              boolean historical = false;
              boolean tooOld = false;
              for (int k = 0; k < seal.events.size(); k++) {
                Durability.StoredEvent e = seal.events.get(k);
                jsons.add(e.json);
                seqs[k] = e.seq;
                historical |= e.timestamp < seal.batchTimestamp - historicalAfterMillis;
                tooOld |= e.timestamp < oldest;
              }
              counters.accepted.add(jsons.size());
              if (tooOld) {
                expired[0] += jsons.size();
                long[] withSeal = java.util.Arrays.copyOf(seqs, seqs.length + 1);
                withSeal[seqs.length] = seal.seq;
                host.dropped(
                    DropReason.EXPIRED,
                    jsons.size(),
                    "journaled events older than the platform's deduplication"
                        + " window were removed instead of sent",
                    withSeal,
                    0,
                    withSeal.length);
                return;
              }
              events[0] += jsons.size();
              int before = handoff.size();
              assembler.reframe(
                  concat(instance, seal.events.get(seal.events.size() - 1).userFragment),
                  jsons,
                  seqs,
                  historical,
                  now,
                  seal.sourceRequestId,
                  seal.batchTimestamp,
                  seal.seq);
              waiting[0] += handoff.bytesFrom(before);
              host.peakHeldBytes(heldBytes + waiting[0]);
              if (waiting[0] >= REPLAY_SUBMIT_BYTES) {
                handoff.submitSealed(); // to the uploader, or to the spill file
                waiting[0] = handoff.bytesFrom(0); // what had to stay (rare)
              }
            });
    host.peakHeldBytes(replay.peakHeldBytes());
    for (Long stale : replay.staleSeals()) host.acknowledge(new long[] {stale});
    long[] bad = replay.corruptSeqs().stream().mapToLong(Long::longValue).toArray();
    if (bad.length > 0) host.acknowledge(bad); // never replayed again; reported below, once
    Map<String, List<Durability.StoredEvent>> byUser = new java.util.LinkedHashMap<>();
    for (Durability.StoredEvent e : replay.loose()) {
      counters.accepted.increment();
      if (e.timestamp < oldest) {
        expired[0]++;
        host.dropped(
            DropReason.EXPIRED,
            1,
            "a journaled event older than the platform's deduplication window"
                + " was removed instead of sent",
            new long[] {e.seq},
            0,
            1);
        continue;
      }
      events[0]++;
      byUser
          .computeIfAbsent(
              new String(e.userFragment, java.nio.charset.StandardCharsets.ISO_8859_1),
              k -> new ArrayList<>())
          .add(e);
    }
    long cutoff = now - historicalAfterMillis;
    for (List<Durability.StoredEvent> list : byUser.values()) {
      byte[] header = concat(instance, list.get(0).userFragment);
      for (boolean hist : new boolean[] {false, true}) {
        List<byte[]> jsons = new ArrayList<>();
        List<Long> seqList = new ArrayList<>();
        for (Durability.StoredEvent e : list) {
          if ((e.timestamp < cutoff) == hist) {
            jsons.add(e.json);
            seqList.add(e.seq);
          }
        }
        if (!jsons.isEmpty()) {
          assembler.frame(
              header, jsons, seqList.stream().mapToLong(Long::longValue).toArray(), hist, now);
        }
      }
    }
    if (events[0] > 0 || expired[0] > 0 || replay.corruptRecords() > 0) {
      String m =
          "replayed "
              + events[0]
              + " events from the journal"
              + (expired[0] > 0 ? ", removed " + expired[0] + " expired" : "")
              + (replay.corruptRecords() > 0
                  ? ", skipped " + replay.corruptRecords() + " unreadable records"
                  : "");
      host.notifyJournal(m);
    }
    handoff.submitSealed();
  }

  private static byte[] concat(byte[] instance, byte[] user) {
    if (user.length == 0) return instance;
    if (instance.length == 0) return user;
    byte[] out = new byte[instance.length + 1 + user.length];
    System.arraycopy(instance, 0, out, 0, instance.length);
    out[instance.length] = ',';
    System.arraycopy(user, 0, out, instance.length + 1, user.length);
    return out;
  }
}
