package dev.spoke.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs W3's JMH benchmarks through the Runner API with settings short enough for the 2 cores. */
final class Jmh {
  /** One benchmark's primary score. */
  record Score(String benchmark, int threads, double score, double error, String unit) {}

  private Jmh() {}

  static List<Score> run(boolean quick, BenchPaths paths) throws RunnerException {
    Options opt = new OptionsBuilder()
        .include("dev\\.spoke\\.bench\\.jmh\\..*")
        .forks(quick ? 1 : 2)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgs("-Xmx" + Harness.CHILD_XMX, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        // JMH's own progress goes to a file; the harness prints the summary table.
        .output(paths.logDir().resolve("jmh-" + System.currentTimeMillis() + ".txt").toString())
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(opt).run();
    List<Score> out = new ArrayList<>();
    for (RunResult r : results) {
      var p = r.getPrimaryResult();
      String name = r.getParams().getBenchmark();
      out.add(new Score(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
          r.getParams().getThreads(), p.getScore(), p.getScoreError(), p.getScoreUnit()));
    }
    out.sort((a, b) -> a.benchmark().equals(b.benchmark())
        ? Integer.compare(a.threads(), b.threads()) : a.benchmark().compareTo(b.benchmark()));
    return out;
  }
}
