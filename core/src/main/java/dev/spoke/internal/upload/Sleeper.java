package dev.spoke.internal.upload;

/**
 * Waits between retries; injectable so tests never wait on wall time. Not API.
 *
 * <p>Implementations must return early by throwing {@link InterruptedException} when the calling
 * thread is interrupted: the uploader interrupts a sleeping sender on close and when credentials
 * change during a pause.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the real clock. */
  Sleeper SYSTEM = Thread::sleep;

  /** Blocks the calling thread for about {@code millis} ms (0 returns at once). */
  void sleep(long millis) throws InterruptedException;
}
