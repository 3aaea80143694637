package dev.spoke.bench;

import java.time.Duration;

/**
 * One SDK as the child runner drives it. {@link #track} is called from the producer threads and is
 * the timed region: it builds the SDK's event object for event {@code i} of the workload and hands
 * it to the SDK, exactly as an application would.
 */
public interface Driver extends AutoCloseable {
  /** Builds and tracks workload event {@code i} (user {@code user-<i % users>}). */
  void track(int i);

  /** Asks the SDK to send what it holds; Spoke waits up to the timeout, Segment does not wait. */
  void flush(Duration timeout);

  /** Events the SDK refused or dropped so far (they will never reach the sink), if it says. */
  long dropped();

  /** A one-line summary of the SDK's own counters, or "" if it has none. */
  String metrics();

  @Override
  void close();

  /** The workload's event {@code i}: the 5 attributes of W1 (bench/README.md). */
  static String sku(int i) {
    return "SKU-" + (i % 1000);
  }

  static double price(int i) {
    return 19.99 + (i % 7);
  }

  static int qty(int i) {
    return i % 5;
  }
}
