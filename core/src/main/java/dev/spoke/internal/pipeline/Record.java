package dev.spoke.internal.pipeline;

import dev.spoke.event.Event;
import dev.spoke.event.EventType;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.user.ConsentState;

/**
 * One captured, validated event on its way to the worker. Immutable. Not API.
 *
 * <p>Events captured on a tracking thread arrive already serialized: a record is then a byte array
 * and a few fields, which keeps a full queue small and cheap for the garbage collector. The event
 * object itself is kept only while kits may want it.
 */
public final class Record {
  /**
   * Heap a queued record holds besides its JSON: the record object, the array's header and the
   * queue's node (on a 64-bit JVM with compressed pointers: 64 + 16 + 24).
   */
  static final int OVERHEAD_BYTES = 104;

  /**
   * What an event object kept in a record (for kits, or for the worker to serialize) is counted as:
   * the object, its attribute map and strings for a few attributes. An estimate; the JSON beside it
   * is counted exactly.
   */
  static final int EVENT_OBJECT_BYTES = 512;

  final UserContext user;

  /** The event, or null when it was serialized at capture and no kit needs it. */
  final Event event;

  /** Session fields, when the worker still has to serialize the event (json == null). */
  final SessionContext session;

  /**
   * The user's consent when the event was captured: kits are filtered by it, not by a later change.
   */
  final ConsentState consent;

  /** A kit notification that must reach kits in order with the events around it (no event then). */
  final Runnable signal;

  /** The event's JSON, serialized at capture, or null for the worker to serialize. */
  final byte[] json;

  final long timestamp;
  final EventType type;

  /** The event's journal sequence number when the tracking thread journaled it, else -1. */
  final long journalSeq;

  /** The heap this record holds while queued, as the capture queue's byte bound counts it. */
  final int heldBytes;

  /** An event the worker serializes. */
  public Record(UserContext user, Event event, SessionContext session) {
    this.user = user;
    this.event = event;
    this.session = session;
    this.consent = user != null ? user.consent() : null;
    this.signal = null;
    this.json = null;
    this.timestamp =
        event != null && event.timestampMillis() != null ? event.timestampMillis() : 0L;
    this.type = event != null ? event.type() : null;
    this.journalSeq = -1;
    this.heldBytes = OVERHEAD_BYTES + (event != null ? EVENT_OBJECT_BYTES : 0);
  }

  private Record(
      UserContext user,
      Event eventForKits,
      byte[] json,
      long timestamp,
      EventType type,
      long journalSeq) {
    this.user = user;
    this.event = eventForKits;
    this.session = null;
    this.consent = user.consent();
    this.signal = null;
    this.json = json;
    this.timestamp = timestamp;
    this.type = type;
    this.journalSeq = journalSeq;
    this.heldBytes =
        OVERHEAD_BYTES
            + (json != null ? json.length : 0)
            + (eventForKits != null ? EVENT_OBJECT_BYTES : 0);
  }

  private Record(Runnable signal) {
    this.user = null;
    this.event = null;
    this.session = null;
    this.consent = null;
    this.signal = signal;
    this.json = null;
    this.timestamp = 0L;
    this.type = null;
    this.journalSeq = -1;
    this.heldBytes = OVERHEAD_BYTES;
  }

  /**
   * An event serialized at capture.
   *
   * @param eventForKits the event when kits may want it, else null (the record then holds only
   *     bytes)
   */
  public static Record serialized(
      UserContext user, Event eventForKits, byte[] json, long timestamp, EventType type) {
    return new Record(user, eventForKits, json, timestamp, type, -1);
  }

  /** The same record, carrying the journal sequence number the tracking thread wrote it under. */
  Record journaledAs(long seq) {
    return new Record(user, event, json, timestamp, type, seq);
  }

  /** A kit notification carried through the queue so kits see it in order with events. */
  public static Record signal(Runnable action) {
    return new Record(action);
  }

  public UserContext user() {
    return user;
  }

  /**
   * @return the event, or null when it was not kept (no kit wanted it)
   */
  public Event event() {
    return event;
  }

  public SessionContext session() {
    return session;
  }

  public ConsentState consent() {
    return consent;
  }

  /** The heap this record holds while queued (the capture queue's byte bound counts this). */
  public int heldBytes() {
    return heldBytes;
  }
}
