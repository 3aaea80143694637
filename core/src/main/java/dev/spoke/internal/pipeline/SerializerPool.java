package dev.spoke.internal.pipeline;

import dev.spoke.event.Event;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.SessionContext;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Serializers for the host's tracking threads. Not API.
 *
 * <p>A serializer keeps a reusable buffer and is not thread-safe; a small lock-free pool lends one
 * to each call instead of a ThreadLocal, which would pin a buffer to every host thread (and, in
 * application servers, our classes to their class loaders). The pool is a fixed array of slots
 * taken and given back by compare-and-set, so lending allocates nothing (a linked queue allocated a
 * node on every return).
 */
public final class SerializerPool {
  private static final int SLOTS = 16;
  private final AtomicReferenceArray<EventSerializer> idle = new AtomicReferenceArray<>(SLOTS);

  /**
   * Serializes the event; throws IllegalArgumentException when it lacks a value the wire requires.
   */
  public byte[] serialize(Event event, SessionContext session) {
    return serialize(event, session, EventSerializer.NO_TIMESTAMP, 0L, 0L);
  }

  /**
   * Serializes an event validated in place, with the timestamp and generated id it may lack (see
   * {@link EventSerializer#serialize(Event, SessionContext, long, long, long)}).
   */
  public byte[] serialize(
      Event event, SessionContext session, long timestamp, long idHigh, long idLow) {
    EventSerializer s = borrow();
    try {
      return s.serialize(event, session, timestamp, idHigh, idLow);
    } finally {
      giveBack(s);
    }
  }

  /**
   * As above, with the event's number in the session given apart (see {@link
   * EventSerializer#serialize(Event, SessionContext, long, long, long, long)}).
   */
  public byte[] serialize(
      Event event, SessionContext session, long eventNum, long timestamp, long idHigh, long idLow) {
    EventSerializer s = borrow();
    try {
      return s.serialize(event, session, eventNum, timestamp, idHigh, idLow);
    } finally {
      giveBack(s);
    }
  }

  private EventSerializer borrow() {
    for (int i = 0; i < SLOTS; i++) {
      if (idle.get(i) != null) {
        EventSerializer s = idle.getAndSet(i, null);
        if (s != null) {
          return s;
        }
      }
    }
    return new EventSerializer(); // more threads at once than ever before: the pool grows
  }

  private void giveBack(EventSerializer s) {
    for (int i = 0; i < SLOTS; i++) {
      if (idle.get(i) == null && idle.compareAndSet(i, null, s)) {
        return;
      }
    }
    // Every slot full: more threads than slots serialized at once; this one is left to the GC.
  }
}
