package dev.spoke.internal.pipeline;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded many-producers, one-consumer queue between tracking calls and the worker. Not API.
 *
 * <p>Producers never take a lock: an offer is a CAS on the count plus a lock-free append, and it
 * wakes the worker only when the worker is parked. A lock-based queue (ArrayBlockingQueue) made two
 * producers and the worker hand one lock back and forth, parking threads for microseconds on the
 * host's tracking path. Only the worker thread may call the consumer methods.
 */
final class CaptureQueue<E> {
  private final ConcurrentLinkedQueue<E> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final int capacity;
  private volatile Thread consumer;
  private volatile boolean parked;

  CaptureQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Adds the element unless the queue is full; never blocks. */
  boolean offer(E e) {
    int n = count.get();
    while (true) {
      if (n >= capacity) return false;
      int seen = count.compareAndExchange(n, n + 1);
      if (seen == n) break;
      n = seen;
    }
    items.offer(e);
    if (parked) {
      Thread c = consumer;
      if (c != null) LockSupport.unpark(c);
    }
    return true;
  }

  /** Adds the element even when full (internal wake-ups and signals only). */
  void force(E e) {
    count.incrementAndGet();
    items.offer(e);
    Thread c = consumer;
    if (c != null) LockSupport.unpark(c);
  }

  /** Consumer: takes one element, waiting up to the timeout for one to arrive. */
  E poll(long timeoutNanos) throws InterruptedException {
    E e = items.poll();
    if (e != null) {
      count.decrementAndGet();
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
          count.decrementAndGet();
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
    E e;
    while (n < max && (e = items.poll()) != null) {
      out.add(e);
      n++;
    }
    if (n > 0) count.addAndGet(-n);
    return n;
  }

  void setConsumer(Thread t) {
    this.consumer = t;
  }

  boolean isFull() {
    return count.get() >= capacity;
  }

  int size() {
    return Math.max(0, count.get());
  }

  boolean isEmpty() {
    return items.isEmpty();
  }
}
