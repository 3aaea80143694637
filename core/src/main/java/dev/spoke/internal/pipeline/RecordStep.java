package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.durability.JournalFullException;
import dev.spoke.internal.json.EventSerializer;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker does with one record taken from the capture queue: a kit notification runs; an
 * event goes to the kits, is serialized if the tracking thread did not, is admitted by the {@link
 * BatchAssembler} (identity hold, batch limits), journaled in durable mode unless the tracking
 * thread already did, and appended to its user's open batch. Worker thread only. Not API.
 */
final class RecordStep {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final KitHub kits;
  private final EventSerializer serializer;
  private final BatchAssembler assembler;
  private final HeaderSource headers;
  private final Counters counters;
  private final Outcomes outcomes;

  /** The journal (durable mode), or null for memory only. */
  private final Durability journal;

  RecordStep(
      KitHub kits,
      EventSerializer serializer,
      BatchAssembler assembler,
      HeaderSource headers,
      Counters counters,
      Outcomes outcomes,
      Durability journal) {
    this.kits = kits;
    this.serializer = serializer;
    this.assembler = assembler;
    this.headers = headers;
    this.counters = counters;
    this.outcomes = outcomes;
    this.journal = journal;
  }

  /**
   * Handles one record.
   *
   * @return true when it was an event (whatever became of it), false for a kit notification
   */
  boolean process(Record r) {
    if (r.signal != null) {
      Intake.runSignal(r);
      return false;
    }
    UserContext u = r.user;
    if (r.event != null) {
      try {
        kits.onEvent(r);
      } catch (Throwable t) {
        LOG.warn("kit dispatch failed for one event; uploads are not affected", t);
      }
    }
    byte[] bytes = r.json;
    if (bytes == null) {
      try {
        bytes = serializer.serialize(r.event, r.session);
      } catch (RuntimeException e) {
        outcomes.droppedAccepted(
            DropReason.VALIDATION, 1, "event could not be serialized: " + e.getMessage());
        return true;
      }
    }
    if (!assembler.admit(u, bytes.length, r.type.wireName(), r.journalSeq)) return true;
    long ts = r.timestamp;
    long seq = r.journalSeq;
    if (journal != null && seq < 0) {
      try {
        seq = journal.appendEvent(headers.userFragment(u), ts, bytes);
        counters.journalAppends.increment();
      } catch (JournalFullException e) {
        outcomes.droppedAccepted(DropReason.JOURNAL_FULL, 1, e.getMessage());
        return true;
      } catch (IOException | RuntimeException e) {
        outcomes.journalProblem(
            "could not append to the journal; the event is kept in memory only: " + e);
      }
    }
    assembler.append(u, bytes, ts, seq);
    return true;
  }
}
