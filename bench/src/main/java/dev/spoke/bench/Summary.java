package dev.spoke.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Medians over the runs of one SDK (each figure's median taken on its own). Throughput and latency
 * medians use the complete runs only (the sink counted every event the SDK accepted); a run that
 * did not has no rate. A complete run may still be lossy: an SDK that drops events (Spoke's full
 * queue) is timed on what it accepted, and {@code losslessRuns} says so.
 */
record Summary(
    String sdk,
    int n,
    int users,
    int runs,
    int completeRuns,
    int losslessRuns,
    double delivered,
    Double eventsPerSec,
    double p50us,
    double p99us,
    double p999us,
    double maxUs,
    double peakRssMb,
    double cpuSec,
    double bodyBytesPerEvent,
    double wireBytesPerEvent,
    double requests,
    double dropped,
    double p9999us,
    double runCpuSec,
    Map<String, Double> budgetUsPerEvent) {

  static Summary of(List<RunResult> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to summarize");
    }
    List<RunResult> ok = runs.stream().filter(RunResult::complete).toList();
    List<RunResult> base = ok.isEmpty() ? runs : ok;
    RunResult first = runs.get(0);
    int lossless = (int) runs.stream().filter(RunResult::lossless).count();
    return new Summary(
        first.sdk(),
        first.n(),
        first.users(),
        runs.size(),
        ok.size(),
        lossless,
        median(runs, r -> r.delivered()),
        ok.isEmpty() ? null : median(ok, RunResult::eventsPerSec),
        median(base, RunResult::p50us),
        median(base, RunResult::p99us),
        median(base, RunResult::p999us),
        median(base, RunResult::maxUs),
        median(runs, RunResult::peakRssMb),
        median(base, RunResult::cpuSec),
        median(base, RunResult::bodyBytesPerEvent),
        median(base, RunResult::wireBytesPerEvent),
        median(base, r -> r.requests()),
        median(runs, r -> r.dropped()),
        median(base, RunResult::p9999us),
        median(base, RunResult::runCpuSec),
        budget(base));
  }

  /** Each role's median µs/event over the runs (roles in first-seen order). */
  private static Map<String, Double> budget(List<RunResult> runs) {
    Set<String> roles = new LinkedHashSet<>();
    runs.forEach(r -> roles.addAll(r.budgetUsPerEvent().keySet()));
    Map<String, Double> m = new LinkedHashMap<>();
    for (String role : roles) {
      m.put(role, median(runs, r -> r.budgetUsPerEvent().getOrDefault(role, 0.0)));
    }
    return m;
  }

  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return median(v);
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double[] v = sorted.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
