package dev.spoke.bench;

import java.util.List;

/**
 * What one child run measured. Latencies in microseconds, memory in MB (1 MB = 1024 kB of /proc
 * figures), times in seconds. {@code eventsPerSec} is null when the sink did not count every
 * accepted event before the child gave up waiting. {@code failure} is null unless the child died
 * without a result (e.g. out of memory), in which case the memory figures come from the 250 ms
 * samples.
 */
record RunResult(
    String label,
    String sdk,
    int n,
    int users,
    String faults,
    boolean journal,
    boolean complete,
    long delivered,
    long dropped,
    Double elapsedSec,
    Double eventsPerSec,
    double produceSec,
    double flushReturnSec,
    double p50us,
    double p99us,
    double p999us,
    double maxUs,
    double meanUs,
    double peakRssMb,
    double cpuSec,
    double sampledRssMaxMb,
    double rssSlopeMbPerSec,
    double bodyBytesPerEvent,
    double wireBytesPerEvent,
    long requests,
    long acceptedRequests,
    long failedRequests,
    long droppedRequests,
    long allEvents,
    long batches,
    long gzipRequests,
    long parseErrors,
    String lastParseError,
    String sdkMetrics,
    String failure,
    List<double[]> rssSamples) {

  /**
   * @return true when the SDK delivered every one of the N events (none dropped, none lost)
   */
  boolean lossless() {
    return complete && failure == null && delivered >= n;
  }
}
