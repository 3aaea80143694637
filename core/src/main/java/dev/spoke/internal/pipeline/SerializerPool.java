package dev.spoke.internal.pipeline;

import dev.spoke.event.Event;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.SessionContext;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serializers for the host's tracking threads. Not API.
 *
 * <p>A serializer keeps a reusable buffer and is not thread-safe; a small lock-free pool lends one
 * to each call instead of a ThreadLocal, which would pin a buffer to every host thread (and, in
 * application servers, our classes to their class loaders).
 */
public final class SerializerPool {
  private static final int MAX_IDLE = 16;
  private final ConcurrentLinkedQueue<EventSerializer> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  /**
   * Serializes the event; throws IllegalArgumentException when it lacks a value the wire requires.
   */
  public byte[] serialize(Event event, SessionContext session) {
    EventSerializer s = idle.poll();
    if (s == null) {
      s = new EventSerializer();
    } else {
      idleCount.decrementAndGet();
    }
    try {
      return s.serialize(event, session);
    } finally {
      if (idleCount.incrementAndGet() <= MAX_IDLE) {
        idle.offer(s);
      } else {
        idleCount.decrementAndGet();
      }
    }
  }
}
