package dev.spoke.internal.pipeline;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;

/**
 * The bounded many-producers, one-consumer queue between tracking calls and the worker. Not API.
 *
 * <p>Producers never take a lock: an offer is a CAS on the count plus a lock-free append, and it
 * wakes the worker only when the worker is parked. A lock-based queue (ArrayBlockingQueue) made two
 * producers and the worker hand one lock back and forth, parking threads for microseconds on the
 * host's tracking path. Only the worker thread may call the consumer methods.
 *
 * <p>Bounded twice: in elements ({@code capacity}) and in the bytes the elements hold, as a weigher
 * counts them ({@code maxBytes}); an offer that would pass either bound is refused. The byte bound
 * is what keeps the heap held by queued events within the memory option, whatever the events' size.
 */
final class CaptureQueue<E> {
  private final ConcurrentLinkedQueue<E> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final int capacity;
  private final long maxBytes;
  private final ToIntFunction<E> weigher;
  private volatile Thread consumer;
  private volatile boolean parked;

  /** A queue bounded in elements only. */
  CaptureQueue(int capacity) {
    this(capacity, Long.MAX_VALUE, e -> 0);
  }

  /**
   * @param capacity most elements held at once
   * @param maxBytes most bytes held at once, as the weigher counts them
   * @param weigher the bytes an element holds; called once per offer and once per take, so it must
   *     give the same answer each time (a field of the element)
   */
  CaptureQueue(int capacity, long maxBytes, ToIntFunction<E> weigher) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.weigher = weigher;
  }

  /** Adds the element unless the queue is full (in elements or in bytes); never blocks. */
  boolean offer(E e) {
    int n = count.get();
    while (true) {
      if (n >= capacity) return false;
      int seen = count.compareAndExchange(n, n + 1);
      if (seen == n) break;
      n = seen;
    }
    int w = weigher.applyAsInt(e);
    long b = bytes.get();
    while (true) {
      if (b + w > maxBytes) {
        count.decrementAndGet();
        return false;
      }
      long seen = bytes.compareAndExchange(b, b + w);
      if (seen == b) break;
      b = seen;
    }
    items.offer(e);
    if (parked) {
      Thread c = consumer;
      if (c != null) LockSupport.unpark(c);
    }
    return true;
  }

  /** Adds the element even when full (internal wake-ups only: they hold no event bytes). */
  void force(E e) {
    count.incrementAndGet();
    bytes.addAndGet(weigher.applyAsInt(e));
    items.offer(e);
    Thread c = consumer;
    if (c != null) LockSupport.unpark(c);
  }

  /** Consumer: takes one element, waiting up to the timeout for one to arrive. */
  E poll(long timeoutNanos) throws InterruptedException {
    E e = items.poll();
    if (e != null) {
      taken(e);
      return e;
    }
    if (timeoutNanos <= 0) return null;
    consumer = Thread.currentThread();
    long deadline = System.nanoTime() + timeoutNanos;
    parked = true;
    try {
      while (true) {
        e = items.poll();
        if (e != null) {
          taken(e);
          return e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) throw new InterruptedException();
      }
    } finally {
      parked = false;
    }
  }

  /** Consumer: moves up to {@code max} elements into {@code out}; returns how many. */
  int drainTo(List<E> out, int max) {
    int n = 0;
    long w = 0;
    E e;
    while (n < max && (e = items.poll()) != null) {
      out.add(e);
      w += weigher.applyAsInt(e);
      n++;
    }
    if (n > 0) {
      count.addAndGet(-n);
      bytes.addAndGet(-w);
    }
    return n;
  }

  private void taken(E e) {
    count.decrementAndGet();
    bytes.addAndGet(-weigher.applyAsInt(e));
  }

  /** Bytes the queued elements hold now, as the weigher counts them. */
  long bytes() {
    return Math.max(0, bytes.get());
  }

  void setConsumer(Thread t) {
    this.consumer = t;
  }

  /**
   * True when no more elements fit, or too few bytes are left for a typical one ({@code
   * typicalBytes}), so a caller can stop before preparing an element that would be refused.
   */
  boolean isFull(int typicalBytes) {
    return count.get() >= capacity || bytes.get() + typicalBytes > maxBytes;
  }

  int size() {
    return Math.max(0, count.get());
  }

  boolean isEmpty() {
    return items.isEmpty();
  }
}
