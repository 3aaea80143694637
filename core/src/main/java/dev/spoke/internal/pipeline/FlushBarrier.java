package dev.spoke.internal.pipeline;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The flush barrier: a flush waits until the worker has sealed everything accepted before it, then
 * until every batch sealed up to that point is resolved (delivered or dropped). Not API.
 *
 * <p>Threads: flushing threads call {@link #request} and {@link #await}; the worker calls {@link
 * #satisfiable} and {@link #complete}; sealing records each batch ({@link #sealed}) and any thread
 * completing a batch calls {@link #resolved}.
 */
final class FlushBarrier {
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final ConcurrentSkipListSet<Long> unresolvedSeals = new ConcurrentSkipListSet<>();
  private final Object resolution = new Object();

  /** A flush in progress. */
  static final class Request {
    final long target;
    final CountDownLatch sealed = new CountDownLatch(1);
    volatile long barrier;

    Request(long target) {
      this.target = target;
    }
  }

  /** A batch was sealed under this number (before it is handed on). */
  void sealed(long sealSequence) {
    unresolvedSeals.add(sealSequence);
  }

  /** A batch was resolved. Any thread. */
  void resolved(long sealSequence) {
    unresolvedSeals.remove(sealSequence);
    synchronized (resolution) {
      resolution.notifyAll();
    }
  }

  /** Whether every sealed batch is resolved. */
  boolean allResolved() {
    return unresolvedSeals.isEmpty();
  }

  /** Registers a flush of everything accepted so far ({@code acceptedSoFar} events). */
  Request request(long acceptedSoFar) {
    Request r = new Request(acceptedSoFar);
    requests.add(r);
    return r;
  }

  /** Worker: whether some waiting flush can be completed now. */
  boolean satisfiable(long processed, BooleanSupplier queueEmpty) {
    if (requests.isEmpty()) return false;
    for (Request r : requests) {
      if (processed >= r.target || queueEmpty.getAsBoolean()) return true;
    }
    return false;
  }

  /**
   * Worker, after sealing: releases the flushes satisfied, at the last seal number {@code barrier}.
   */
  void complete(long processed, BooleanSupplier queueEmpty, long barrier) {
    for (Iterator<Request> it = requests.iterator(); it.hasNext(); ) {
      Request r = it.next();
      if (processed >= r.target || queueEmpty.getAsBoolean()) {
        r.barrier = barrier;
        r.sealed.countDown();
        it.remove();
      }
    }
  }

  /**
   * Waits until the request was sealed and every batch up to its barrier resolved, or the deadline.
   */
  boolean await(Request req, long deadlineNanos) throws InterruptedException {
    if (!req.sealed.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      return false;
    }
    synchronized (resolution) {
      while (true) {
        Long first =
            unresolvedSeals.ceiling(Long.MIN_VALUE); // null when empty (no check-then-act race)
        if (first == null || first > req.barrier) return true;
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) return false;
        TimeUnit.NANOSECONDS.timedWait(resolution, left);
      }
    }
  }
}
