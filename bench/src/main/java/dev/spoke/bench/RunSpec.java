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
    long awaitMillis) {

  static RunSpec w1(String sdk, int n, int users, long awaitMillis) {
    return new RunSpec("w1", sdk, n, users, 2, Sink.Faults.NONE, false, awaitMillis, awaitMillis);
  }

  RunSpec label(String l) {
    return new RunSpec(l, sdk, n, users, threads, faults, journal, flushMillis, awaitMillis);
  }

  RunSpec faults(Sink.Faults f) {
    return new RunSpec(label, sdk, n, users, threads, f, journal, flushMillis, awaitMillis);
  }

  RunSpec journal(boolean j) {
    return new RunSpec(label, sdk, n, users, threads, faults, j, flushMillis, awaitMillis);
  }

  RunSpec timeouts(long flush, long await) {
    return new RunSpec(label, sdk, n, users, threads, faults, journal, flush, await);
  }
}
