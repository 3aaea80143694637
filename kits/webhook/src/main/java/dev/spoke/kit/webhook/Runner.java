package dev.spoke.kit.webhook;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Where the webhook kit's sends run. In production: one daemon thread that runs submitted tasks in
 * order and, when idle, calls a tick so that time-based flushes happen. Tests use a runner that
 * runs tasks on the calling thread and tick by hand.
 */
interface Runner {

  /** Runs the task after those submitted before it. */
  void execute(Runnable task);

  /**
   * Runs the tasks already submitted, then stops; waits at most {@code timeoutMs}, then interrupts.
   *
   * @return true if everything submitted ran before the timeout
   */
  boolean close(long timeoutMs) throws InterruptedException;

  /** Runs every task on the caller's thread, at once. */
  final class Direct implements Runner {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public boolean close(long timeoutMs) {
      return true;
    }
  }

  /** One daemon thread, named as given, owned by the kit and stopped by {@link #close}. */
  final class OwnThread implements Runner {
    private static final Runnable STOP = () -> {};

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;

    /**
     * @param name the thread's name
     * @param tick called whenever no task arrived for {@code tickMillis}
     * @param tickMillis how often the tick runs while idle (read on each wait)
     * @param log where a task's unexpected failure is reported (the thread survives it)
     */
    OwnThread(String name, Runnable tick, LongSupplier tickMillis, Logger log) {
      thread = new Thread(() -> loop(tick, tickMillis, log), name);
      thread.setDaemon(true);
      thread.start();
    }

    private void loop(Runnable tick, LongSupplier tickMillis, Logger log) {
      while (true) {
        Runnable task;
        try {
          task = tasks.poll(tickMillis.getAsLong(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return; // close() gave up waiting
        }
        if (task == STOP) {
          return;
        }
        try {
          (task != null ? task : tick).run();
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError) {
            throw e;
          }
          log.error("webhook kit worker caught an unexpected failure and carries on", e);
        }
      }
    }

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    @Override
    public boolean close(long timeoutMs) throws InterruptedException {
      tasks.add(STOP);
      thread.join(timeoutMs);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1000);
        return false;
      }
      return true;
    }

    Thread thread() {
      return thread;
    }
  }
}
