package dev.spoke.bench;

import java.util.List;
import java.util.Map;

/**
 * What one child run measured. Latencies in microseconds, memory in MB (1 MB = 1024 kB of /proc
 * figures), times in seconds. {@code eventsPerSec} is null when the sink did not count every
 * accepted event before the child gave up waiting. {@code failure} is null unless the child died
 * without a result (e.g. out of memory), in which case the memory figures come from the 250 ms
 * samples. {@code runCpuSec} is the child's CPU from just before its producers started to the end
 * of the run (startup left out), and {@code budgetUsPerEvent} splits the whole process's CPU by
 * thread role ({@link ThreadBudget}) in microseconds per accepted event. W5's paced runs also say
 * how many calls started more than 1 ms after their slot ({@code lateCalls}).
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
    List<double[]> rssSamples,
    String workload,
    int threads,
    long rate,
    double p9999us,
    double runCpuSec,
    long lateCalls,
    double maxLateUs,
    Map<String, Double> budgetUsPerEvent) {

  /**
   * @return true when the SDK delivered every one of the N events (none dropped, none lost)
   */
  boolean lossless() {
    return complete && failure == null && delivered >= n;
  }
}
