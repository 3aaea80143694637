package dev.spoke.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs W3's JMH benchmarks ({@code dev.spoke.bench.jmh}) through the Runner API with settings short
 * enough for 2 shared cores, and converts every score to nanoseconds per logEvent call.
 */
final class Jmh {
  /** Calls per single-shot operation of LogEventBench (kept in step with that class). */
  static final int CALLS_PER_SHOT = 10_000;

  /**
   * One benchmark's primary score.
   *
   * @param nsPerCall the score as nanoseconds per logEvent call (per thread)
   * @param errorNsPerCall JMH's 99.9% confidence half-width, same unit
   */
  record Score(
      String benchmark,
      int threads,
      String mode,
      double nsPerCall,
      double errorNsPerCall,
      String rawScore) {}

  private Jmh() {}

  static List<Score> run(boolean quick, BenchPaths paths) throws RunnerException {
    List<Score> out = new ArrayList<>();
    // Single shots of CALLS_PER_SHOT calls into an empty queue (flushed between iterations).
    out.addAll(
        run(
            base(quick, paths, "notfull")
                .include("dev\\.spoke\\.bench\\.jmh\\.LogEventBench\\..*")
                .warmupIterations(quick ? 3 : 5)
                .measurementIterations(quick ? 5 : 10)));
    // Steady state against a full queue: 2 forks x 3 x 1 s.
    out.addAll(
        run(
            base(quick, paths, "full")
                .include("dev\\.spoke\\.bench\\.jmh\\.QueueFullBench\\..*")
                .warmupIterations(quick ? 1 : 2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 3)
                .measurementTime(TimeValue.seconds(1))));
    return out;
  }

  private static ChainedOptionsBuilder base(boolean quick, BenchPaths paths, String tag) {
    return new OptionsBuilder()
        .forks(quick ? 1 : 2)
        .jvmArgs("-Xmx" + Harness.CHILD_XMX, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        // JMH's own progress goes to a file; the harness prints the summary table.
        .output(
            paths
                .logDir()
                .resolve("jmh-" + tag + "-" + System.currentTimeMillis() + ".txt")
                .toString())
        .shouldFailOnError(true);
  }

  private static List<Score> run(ChainedOptionsBuilder opt) throws RunnerException {
    Collection<RunResult> results = new Runner(opt.build()).run();
    List<Score> out = new ArrayList<>();
    for (RunResult r : results) {
      var p = r.getPrimaryResult();
      String name = r.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      double factor = toNanos(p.getScoreUnit());
      boolean shot = r.getParams().getMode().shortLabel().equals("ss");
      double perCall = factor / (shot ? CALLS_PER_SHOT : 1);
      out.add(
          new Score(
              shortName,
              r.getParams().getThreads(),
              r.getParams().getMode().shortLabel(),
              p.getScore() * perCall,
              p.getScoreError() * perCall,
              String.format(java.util.Locale.ROOT, "%.3f %s", p.getScore(), p.getScoreUnit())));
    }
    out.sort(
        (a, b) ->
            a.benchmark().equals(b.benchmark())
                ? Integer.compare(a.threads(), b.threads())
                : a.benchmark().compareTo(b.benchmark()));
    return out;
  }

  private static double toNanos(String unit) {
    if (unit.startsWith("ns/")) {
      return 1;
    }
    if (unit.startsWith("us/")) {
      return 1e3;
    }
    if (unit.startsWith("ms/")) {
      return 1e6;
    }
    if (unit.startsWith("s/")) {
      return 1e9;
    }
    throw new IllegalStateException("unexpected JMH unit " + unit + " (expected time per op)");
  }
}
