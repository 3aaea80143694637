package dev.spoke.kit.webhook;

/** Waits between retries; replaced in tests so that they never sleep. */
@FunctionalInterface
interface Sleeper {
  Sleeper THREAD = Thread::sleep;

  void sleep(long millis) throws InterruptedException;
}
