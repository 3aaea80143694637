package dev.spoke.internal.kit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose tasks run only when the test calls {@link #runDue()}, on the test's thread, by
 * a fake clock.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final Clock clock;
  private final List<Task> tasks = new ArrayList<>();
  private boolean shutdown;

  ManualScheduler(Clock clock) {
    this.clock = clock;
  }

  /**
   * Runs every task due by the clock (including ones they schedule with no delay). @return how many
   * ran
   */
  int runDue() {
    int ran = 0;
    while (true) {
      Task due;
      synchronized (this) {
        due =
            tasks.stream()
                .filter(t -> !t.cancelled && t.dueMillis <= clock.millis())
                .min(Comparator.comparingLong(t -> t.dueMillis))
                .orElse(null);
        if (due == null) {
          tasks.removeIf(t -> t.cancelled);
          return ran;
        }
        tasks.remove(due);
      }
      due.done = true;
      due.runnable.run();
      ran++;
    }
  }

  /**
   * @return the delays (ms from now) of the pending tasks
   */
  synchronized List<Long> pendingDelays() {
    List<Long> out = new ArrayList<>();
    for (Task t : tasks) {
      if (!t.cancelled) {
        out.add(t.dueMillis - clock.millis());
      }
    }
    return out;
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task t = new Task(command, clock.millis() + unit.toMillis(delay));
    tasks.add(t);
    return t;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return isShutdown();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable runnable;
    final long dueMillis;
    volatile boolean cancelled;
    volatile boolean done;

    Task(Runnable runnable, long dueMillis) {
      this.runnable = runnable;
      this.dueMillis = dueMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return !done;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
