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
 * <p>Producers never take a lock: an offer is a CAS on the count plus a lock-free append. A
 * lock-based queue (ArrayBlockingQueue) made two producers and the worker hand one lock back and
 * forth, parking threads for microseconds on the host's tracking path. Only the worker thread may
 * call the consumer methods.
 *
 * <p>Waking the worker is a system call (a futex wake) on the producer's thread. At a steady rate
 * below capacity the worker empties the queue and parks between events, so waking it on every offer
 * put a system call on every tracking call. Instead, a consumer that has recently found work naps:
 * it parks for at most {@link #NAP_NANOS} and looks again, and producers leave a napping consumer
 * alone unless the queue passes a quarter of either bound (so a burst cannot fill it during a nap).
 * Only after {@link #EMPTY_NAPS_BEFORE_SLEEP} naps in a row found nothing does the consumer sleep
 * until its deadline; a sleeping consumer is woken by the first offer. Records wait at most one nap
 * before the worker takes them; {@link #force} (flush, close, spill hand-back) always wakes at
 * once.
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

  /** Longest a napping consumer parks before it looks at the queue again. */
  static final long NAP_NANOS = 1_000_000L;

  /** Empty naps in a row after which the consumer sleeps until woken or its deadline. */
  static final int EMPTY_NAPS_BEFORE_SLEEP = 4;

  private static final int AWAKE = 0;
  private static final int NAPPING = 1;
  private static final int SLEEPING = 2;

  private volatile Thread consumer;

  /** What the consumer is doing: {@link #AWAKE}, {@link #NAPPING} or {@link #SLEEPING}. */
  private volatile int state = AWAKE;

  /** Consumer only: empty naps since it last found an element. */
  private int emptyNaps;

  private final long napNanos;
  private final int emptyNapsToSleep;
  private final AtomicLong wakeUps = new AtomicLong();
  private final int wakeCount;
  private final long wakeBytes;

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
    this(capacity, maxBytes, weigher, NAP_NANOS, EMPTY_NAPS_BEFORE_SLEEP);
  }

  /** As above, with the consumer's nap length and the empty naps before it sleeps (tests). */
  CaptureQueue(
      int capacity, long maxBytes, ToIntFunction<E> weigher, long napNanos, int emptyNapsToSleep) {
    this.napNanos = napNanos;
    this.emptyNapsToSleep = emptyNapsToSleep;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.weigher = weigher;
    this.wakeCount = Math.max(1, capacity / 4);
    this.wakeBytes = maxBytes == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, maxBytes / 4);
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
    int st = state;
    if (st == SLEEPING || (st == NAPPING && (n + 1 >= wakeCount || b + w >= wakeBytes))) {
      Thread c = consumer;
      if (c != null) {
        wakeUps.incrementAndGet();
        LockSupport.unpark(c);
      }
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

  /**
   * Consumer: takes one element, waiting up to the timeout for one to arrive. While the consumer
   * has recently found work it checks again every {@link #NAP_NANOS} without being woken; after
   * {@link #EMPTY_NAPS_BEFORE_SLEEP} empty naps it sleeps until an offer wakes it or the timeout
   * passes.
   */
  E poll(long timeoutNanos) throws InterruptedException {
    E e = items.poll();
    if (e != null) {
      emptyNaps = 0;
      taken(e);
      return e;
    }
    if (timeoutNanos <= 0) return null;
    consumer = Thread.currentThread();
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (true) {
        boolean nap = emptyNaps < emptyNapsToSleep;
        // Publish the state before the last look: a producer that appends after this look sees it
        // (a sleeping consumer is always woken; a napping one looks again within a nap).
        state = nap ? NAPPING : SLEEPING;
        e = items.poll();
        if (e != null) {
          emptyNaps = 0;
          taken(e);
          return e;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        LockSupport.parkNanos(this, nap ? Math.min(left, napNanos) : left);
        if (Thread.interrupted()) throw new InterruptedException();
        if (nap && items.isEmpty()) emptyNaps++;
      }
    } finally {
      state = AWAKE;
    }
  }

  /** How many times an offer woke the consumer (for tests and diagnostics). */
  long offerWakeUps() {
    return wakeUps.get();
  }

  /** Whether the consumer is napping (for tests). */
  boolean isConsumerNapping() {
    return state == NAPPING;
  }

  /** Whether the consumer is sleeping until woken (for tests). */
  boolean isConsumerSleeping() {
    return state == SLEEPING;
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
