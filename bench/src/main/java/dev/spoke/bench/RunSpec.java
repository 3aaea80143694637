package dev.spoke.bench;

/**
 * One child-JVM run: which SDK, how much work, which sink faults.
 *
 * @param label a short name for logs and tables, e.g. "w1" or "latency5ms"
 * @param sdk "spoke" or "segment"
 * @param n events to produce
 * @param users distinct users (customer_id "user-&lt;i % users&gt;")
 * @param threads producer threads
 * @param faults the sink's faults for this run
 * @param journal whether Spoke runs with a data directory (durable journal)
 * @param flushMillis how long Spoke's flush may wait
 * @param awaitMillis how long the child waits for the sink to count everything
 * @param workload "w1" or "mixed" (the content of each event, see {@link Mixed})
 * @param rate paced total rate in events/s (W5), 0 for flat out
 */
record RunSpec(
    String label,
    String sdk,
    int n,
    int users,
    int threads,
    Sink.Faults faults,
    boolean journal,
    long flushMillis,
    long awaitMillis,
    String workload,
    long rate) {

  static RunSpec w1(String sdk, int n, int users, long awaitMillis) {
    return new RunSpec(
        "w1", sdk, n, users, 2, Sink.Faults.NONE, false, awaitMillis, awaitMillis, "w1", 0);
  }

  /** W1-mixed: mixed event types, many users, {@code threads} producers. */
  static RunSpec mixed(String sdk, int n, int users, int threads, long awaitMillis) {
    return new RunSpec(
        "w1mixed",
        sdk,
        n,
        users,
        threads,
        Sink.Faults.NONE,
        false,
        awaitMillis,
        awaitMillis,
        "mixed",
        0);
  }

  /** W5: W1's events at a steady total {@code rate} for {@code seconds}. */
  static RunSpec paced(String sdk, long rate, int seconds, int users, long awaitMillis) {
    return new RunSpec(
        "w5",
        sdk,
        (int) (rate * seconds),
        users,
        2,
        Sink.Faults.NONE,
        false,
        awaitMillis,
        awaitMillis,
        "w1",
        rate);
  }

  RunSpec label(String l) {
    return new RunSpec(
        l, sdk, n, users, threads, faults, journal, flushMillis, awaitMillis, workload, rate);
  }

  RunSpec faults(Sink.Faults f) {
    return new RunSpec(
        label, sdk, n, users, threads, f, journal, flushMillis, awaitMillis, workload, rate);
  }

  RunSpec journal(boolean j) {
    return new RunSpec(
        label, sdk, n, users, threads, faults, j, flushMillis, awaitMillis, workload, rate);
  }

  RunSpec timeouts(long flush, long await) {
    return new RunSpec(
        label, sdk, n, users, threads, faults, journal, flush, await, workload, rate);
  }
}
