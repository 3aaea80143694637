package dev.spoke.internal.kit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Not API. One kit's own thread and queue: isolation between kits and from the dispatching thread.
 *
 * <p>Data calls are bounded ({@code capacity}); when the queue is full the call is dropped and
 * counted, never waited for, so a slow or hanging kit only fills its own queue. Lifecycle calls
 * (create, settings, close) bypass the bound, because losing them would leave the kit in a wrong
 * state. Every task is guarded: a throw, an {@link Error} included, is handed to {@code onFailure}
 * and the thread goes on. A thread that ended on a kit's {@code StackOverflowError} would strand
 * its queued calls uncounted; a VM that is really out of memory fails elsewhere too.
 */
final class KitWorker {
  private static final Runnable STOP = () -> {};

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger pendingData = new AtomicInteger();
  private final int capacity;
  private final Consumer<Throwable> onFailure;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @return the kit's thread
   */
  Thread thread() {
    return thread;
  }

  KitWorker(
      String threadName, int capacity, ThreadFactory threadFactory, Consumer<Throwable> onFailure) {
    this.capacity = capacity;
    this.onFailure = onFailure;
    this.thread = threadFactory.newThread(this::run);
    thread.setName(threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * @return false (and the call is not run) when the queue is full or the worker is closing
   */
  boolean offerData(Runnable task) {
    if (closing) {
      return false;
    }
    if (pendingData.incrementAndGet() > capacity) {
      pendingData.decrementAndGet();
      return false;
    }
    queue.add(new Item(task, true));
    return true;
  }

  /** Queues a lifecycle call, outside the bound. Ignored once closing. */
  void control(Runnable task) {
    if (!closing) {
      queue.add(new Item(task, false));
    }
  }

  /**
   * @return data calls waiting
   */
  int queued() {
    return pendingData.get();
  }

  /**
   * Runs what is queued, then {@code closeTask}, then ends the thread; refuses data calls from now
   * on. Idempotent: only the first call queues the close task.
   */
  synchronized void shutdown(Runnable closeTask) {
    if (closing) {
      return;
    }
    queue.add(new Item(closeTask, false));
    closing = true;
    queue.add(new Item(STOP, false));
  }

  /**
   * @return true if the thread ended within the timeout
   */
  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }

  /**
   * Gives up on a kit that did not close in time: interrupts its (daemon) thread, which may stay
   * stuck.
   */
  void abandon() {
    thread.interrupt();
  }

  boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    try {
      while (true) {
        Item item;
        try {
          item = queue.take();
        } catch (InterruptedException e) {
          if (closing) {
            return;
          }
          continue;
        }
        if (item.data) {
          pendingData.decrementAndGet();
        }
        if (item.task == STOP) {
          return;
        }
        try {
          item.task.run();
        } catch (Throwable t) {
          guard(t);
        }
      }
    } finally {
      terminated.countDown();
    }
  }

  private void guard(Throwable t) {
    try {
      onFailure.accept(t);
    } catch (Throwable ignored) {
      // A failing report must not end the kit's thread.
    }
  }

  private static final class Item {
    final Runnable task;
    final boolean data;

    Item(Runnable task, boolean data) {
      this.task = task;
      this.data = data;
    }
  }
}
