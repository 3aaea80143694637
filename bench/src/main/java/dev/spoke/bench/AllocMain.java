package dev.spoke.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Allocation per tracking call (bench/README.md, "Allocation per call"): runs one SDK's JMH
 * allocation benchmark with the GC profiler and prints {@code RESULT {"sdk":…,"bytesPerCall":…}}.
 * The harness starts it once per SDK on that SDK's classpath, so JMH's forks (which inherit it)
 * never hold both SDKs. Args: {@code sdk=spoke|segment port=SINK_PORT quick=true|false}.
 */
public final class AllocMain {
  /** JMH's per-operation allocation figure (all threads of the fork, bytes per operation). */
  static final String NORM = "gc.alloc.rate.norm";

  private AllocMain() {}

  public static void main(String[] args) throws Exception {
    ChildArgs a = ChildArgs.parse(args);
    String sdk = a.get("sdk", "spoke");
    boolean quick = Boolean.parseBoolean(a.get("quick", "false"));
    String include =
        switch (sdk) {
          case "spoke" -> "dev\\.spoke\\.bench\\.jmh\\.AllocBench\\.logEvent$";
          case "segment" -> "dev\\.spoke\\.bench\\.jmh\\.SegmentEnqueueBench\\.enqueue$";
          default -> throw new IllegalArgumentException("sdk=" + sdk + " is not spoke|segment");
        };
    var opt =
        new OptionsBuilder()
            .include(include)
            .addProfiler(GCProfiler.class)
            .forks(quick ? 1 : 2)
            .warmupIterations(quick ? 3 : 5)
            .measurementIterations(quick ? 5 : 10)
            .jvmArgs(
                "-Xmx" + Harness.CHILD_XMX,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dbench.sinkPort=" + a.get("port", "-1"))
            .output(
                BenchPaths.locate()
                    .logDir()
                    .resolve("jmh-alloc-" + sdk + "-" + System.currentTimeMillis() + ".txt")
                    .toString())
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(opt).run();
    if (results.size() != 1) {
      throw new IllegalStateException("expected one benchmark result, got " + results.size());
    }
    RunResult r = results.iterator().next();
    Result<?> norm = r.getSecondaryResults().get(NORM);
    if (norm == null) {
      throw new IllegalStateException(
          "JMH's GC profiler gave no " + NORM + " (secondary: " + r.getSecondaryResults() + ")");
    }
    double calls = Jmh.CALLS_PER_SHOT;
    Result<?> callerBytes = r.getSecondaryResults().get("callerBytes");
    Result<?> callerCalls = r.getSecondaryResults().get("callerCalls");
    double callerPerCall =
        callerBytes == null || callerCalls == null || callerCalls.getScore() == 0
            ? -1
            : callerBytes.getScore() / callerCalls.getScore();
    Result<?> time = r.getPrimaryResult();
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT {\"sdk\":\"%s\",\"bytesPerCall\":%.2f,\"bytesPerCallError\":%.2f,"
                + "\"callerBytesPerCall\":%.2f,\"nsPerCall\":%.2f,\"rawNorm\":\"%.1f %s\"}",
            sdk,
            norm.getScore() / calls,
            norm.getScoreError() / calls,
            callerPerCall,
            time.getScore() * 1e3 / calls,
            norm.getScore(),
            norm.getScoreUnit()));
    System.out.flush();
    // Wait for the harness to read /proc, as the other children do.
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
  }

  /** {@code key=value} arguments. */
  record ChildArgs(java.util.Map<String, String> m) {
    static ChildArgs parse(String[] args) {
      java.util.Map<String, String> m = new java.util.HashMap<>();
      for (String s : args) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("argument '" + s + "' is not key=value");
        }
        m.put(s.substring(0, eq), s.substring(eq + 1));
      }
      return new ChildArgs(m);
    }

    String get(String k, String dflt) {
      return m.getOrDefault(k, dflt);
    }
  }
}
