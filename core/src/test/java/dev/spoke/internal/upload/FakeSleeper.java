package dev.spoke.internal.upload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Records requested delays; returns at once, or blocks delays >= blockFrom until released. */
final class FakeSleeper implements Sleeper {
  final List<Long> delays = new CopyOnWriteArrayList<>();
  final Semaphore entered = new Semaphore(0);
  volatile long blockFrom = Long.MAX_VALUE;
  private final Object monitor = new Object();
  private boolean released;

  @Override
  public void sleep(long millis) throws InterruptedException {
    delays.add(millis);
    entered.release();
    if (millis >= blockFrom) {
      synchronized (monitor) {
        while (!released) {
          monitor.wait(); // interruptible, like Thread.sleep
        }
      }
    }
  }

  void release() {
    synchronized (monitor) {
      released = true;
      monitor.notifyAll();
    }
  }

  boolean awaitEntered(int count) throws InterruptedException {
    return entered.tryAcquire(count, 10, TimeUnit.SECONDS);
  }
}
