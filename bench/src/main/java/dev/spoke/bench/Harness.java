package dev.spoke.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the workloads asked for and writes the report. Everything here happens in the parent
 * process, which also hosts the sink; each SDK run is a child JVM (see {@link ChildRunner}).
 */
final class Harness {
  static final String SPOKE = "spoke";
  static final String SEGMENT = "segment";

  /** Same heap for both SDKs' children (the contract: peak RSS at the same -Xmx). */
  static final String CHILD_XMX = "1g";

  /** Every workload, in the order {@code all} runs them. */
  static final List<String> ALL = List.of("w1", "w1mixed", "w2", "w3", "alloc", "w4", "w5");

  /** Command-line settings. */
  record Config(
      Set<String> workloads,
      boolean quick,
      int runs,
      boolean spoke,
      boolean segment,
      long w5Rate,
      int w5Seconds) {
    int n() {
      return quick ? 20_000 : 200_000;
    }

    int users() {
      return 5_000;
    }

    long awaitMillis() {
      return quick ? 60_000 : 180_000;
    }

    /** Cap for the failing-sink variant, where a peer's backoff may take far longer. */
    long faultAwaitMillis() {
      return quick ? 30_000 : 90_000;
    }

    /** How long the sink stays down after production, while RSS is sampled. */
    long downHoldMillis() {
      return quick ? 8_000 : 20_000;
    }

    /** W1-mixed: distinct users (at least 20,000 by the contract) and producer threads. */
    int mixedUsers() {
      return 25_000;
    }

    int mixedThreads() {
      return 4;
    }

    int[] w4Ns() {
      return quick ? new int[] {5_000, 20_000, 100_000} : new int[] {20_000, 200_000, 2_000_000};
    }

    int[] w4Users() {
      return new int[] {10, 5_000, 100_000};
    }

    static Config parse(String[] args) {
      Set<String> w = new LinkedHashSet<>();
      boolean quick = false;
      int runs = -1;
      String sdk = "both";
      long rate = 10_000;
      int seconds = -1;
      for (String a : args) {
        if (a.equals("--quick")) {
          quick = true;
        } else if (a.startsWith("--w5-rate=")) {
          rate = Long.parseLong(a.substring(10));
        } else if (a.startsWith("--w5-seconds=")) {
          seconds = Integer.parseInt(a.substring(13));
        } else if (a.startsWith("--runs=")) {
          runs = Integer.parseInt(a.substring(7));
        } else if (a.startsWith("--sdk=")) {
          sdk = a.substring(6);
        } else if (a.equals("all")) {
          w.addAll(ALL);
        } else if (ALL.contains(a)) {
          w.add(a);
        } else {
          throw new IllegalArgumentException(
              "unknown argument '"
                  + a
                  + "'; use all|"
                  + String.join("|", ALL)
                  + ", --quick, --runs=K, --sdk=both|spoke|segment, --w5-rate=EVENTS_PER_SEC,"
                  + " --w5-seconds=S");
        }
      }
      if (w.isEmpty()) {
        w.addAll(ALL);
      }
      if (seconds == -1) {
        seconds = quick ? 5 : 30;
      }
      if (rate < 1 || seconds < 1) {
        throw new IllegalArgumentException(
            "--w5-rate=" + rate + " and --w5-seconds=" + seconds + " must both be >= 1");
      }
      if (rate * seconds > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "--w5-rate times --w5-seconds must stay under " + Integer.MAX_VALUE + " events");
      }
      if (!Set.of("both", SPOKE, SEGMENT).contains(sdk)) {
        throw new IllegalArgumentException("--sdk=" + sdk + " must be both, spoke or segment");
      }
      if (runs == -1) {
        runs = quick ? 1 : 3;
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs=" + runs + " must be >= 1");
      }
      return new Config(w, quick, runs, !sdk.equals(SEGMENT), !sdk.equals(SPOKE), rate, seconds);
    }
  }

  private final Config cfg;
  private final PrintStream out;
  private final BenchPaths paths;
  private final Report report;
  private final boolean spokeBuilt;

  private Harness(Config cfg, PrintStream out, BenchPaths paths) {
    this.cfg = cfg;
    this.out = out;
    this.paths = paths;
    this.report = new Report(cfg);
    // The Spoke-side classes compile only once core's entry point is on the branch.
    this.spokeBuilt = present("dev.spoke.Spoke") && present("dev.spoke.bench.spoke.SpokeDriver");
  }

  static int run(String[] args) throws Exception {
    Config cfg;
    try {
      cfg = Config.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Harness h = new Harness(cfg, System.out, BenchPaths.locate());
    return h.runAll();
  }

  private int runAll() throws Exception {
    if (!ProcStats.available()) {
      out.println("warning: /proc is not readable; peak RSS and CPU will read -1");
    }
    if (cfg.spoke() && !spokeBuilt) {
      report.note(
          "Spoke side not run: dev.spoke.Spoke / dev.spoke.bench.spoke.* are not on the "
              + "classpath (core's entry point not on this branch yet).");
    }
    out.printf(
        "Spoke bench: %s%s, runs=%d, %d cores, %s%n",
        cfg.workloads(),
        cfg.quick() ? " (quick)" : "",
        cfg.runs(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));
    try (Sink sink = Sink.start(16)) {
      ChildRunner runner = new ChildRunner(paths, sink, CHILD_XMX, out);
      if (cfg.workloads().contains("w1")) {
        w1(runner);
      }
      if (cfg.workloads().contains("w1mixed")) {
        w1mixed(runner);
      }
      if (cfg.workloads().contains("w2")) {
        w2(runner);
      }
      if (cfg.workloads().contains("w3")) {
        w3();
      }
      if (cfg.workloads().contains("alloc")) {
        alloc(runner, sink);
      }
      if (cfg.workloads().contains("w4")) {
        w4(runner);
      }
      if (cfg.workloads().contains("w5")) {
        w5(runner);
      }
    }
    report.write(paths, out);
    return 0;
  }

  private boolean runSpoke() {
    return cfg.spoke() && spokeBuilt;
  }

  private void w1(ChildRunner runner) throws IOException, InterruptedException {
    out.println(
        "W1 end-to-end delivery: "
            + cfg.n()
            + " events, "
            + cfg.users()
            + " users, "
            + "2 producer threads, alternating, "
            + cfg.runs()
            + " run(s) each");
    for (int r = 0; r < cfg.runs(); r++) {
      if (runSpoke()) {
        report.w1(runner.run(RunSpec.w1(SPOKE, cfg.n(), cfg.users(), cfg.awaitMillis())));
      }
      if (cfg.segment()) {
        report.w1(runner.run(RunSpec.w1(SEGMENT, cfg.n(), cfg.users(), cfg.awaitMillis())));
      }
    }
    out.println("W1 variants (one run each)");
    if (runSpoke()) {
      // Spoke's default fsync policy for the journal is INTERVAL; the run states it in the report.
      report.variant(
          runner.run(
              RunSpec.w1(SPOKE, cfg.n(), cfg.users(), cfg.awaitMillis())
                  .label("journal")
                  .journal(true)));
    }
    for (String sdk : sdks()) {
      report.variant(
          runner.run(
              RunSpec.w1(sdk, cfg.n(), cfg.users(), cfg.awaitMillis())
                  .label("latency5ms")
                  .faults(new Sink.Faults(5, 0, 1, false))));
    }
    for (String sdk : sdks()) {
      report.variant(
          runner.run(
              RunSpec.w1(sdk, cfg.n(), cfg.users(), cfg.faultAwaitMillis())
                  .label("fail30")
                  .faults(new Sink.Faults(0, 0.30, 42, false))));
    }
    // Sink down: five times the events, so a bounded SDK has to drop and an unbounded one has to
    // hold them all; memory is the measure (same -Xmx, OOM ends the child at once).
    for (String sdk : sdks()) {
      report.variant(
          runner.run(
              RunSpec.w1(sdk, cfg.n() * 5, cfg.users(), cfg.downHoldMillis())
                  .label("sinkDown")
                  .faults(new Sink.Faults(0, 0, 1, true))
                  .timeouts(5_000, cfg.downHoldMillis())));
    }
  }

  private void w1mixed(ChildRunner runner) throws IOException, InterruptedException {
    out.println(
        "W1-mixed: "
            + cfg.n()
            + " events (custom, screen views, purchases), "
            + cfg.mixedUsers()
            + " users, "
            + cfg.mixedThreads()
            + " producer threads, alternating, "
            + cfg.runs()
            + " run(s) each");
    for (int r = 0; r < cfg.runs(); r++) {
      for (String sdk : sdks()) {
        report.mixed(
            runner.run(
                RunSpec.mixed(
                    sdk, cfg.n(), cfg.mixedUsers(), cfg.mixedThreads(), cfg.awaitMillis())));
      }
    }
  }

  private void w5(ChildRunner runner) throws IOException, InterruptedException {
    out.println(
        "W5 paced: "
            + cfg.w5Rate()
            + " events/s in total for "
            + cfg.w5Seconds()
            + " s, 2 producer threads, one run per SDK and variant");
    long await = cfg.awaitMillis();
    for (String sdk : sdks()) {
      report.w5(runner.run(RunSpec.paced(sdk, cfg.w5Rate(), cfg.w5Seconds(), cfg.users(), await)));
    }
    if (runSpoke()) {
      // With a data directory durableOnReturn is on by default: each call appends to the journal.
      report.w5(
          runner.run(
              RunSpec.paced(SPOKE, cfg.w5Rate(), cfg.w5Seconds(), cfg.users(), await)
                  .label("w5-journal")
                  .journal(true)));
    }
  }

  private void alloc(ChildRunner runner, Sink sink) {
    out.println("Allocation per call (JMH, -prof gc, one JVM per SDK on its own classpath)");
    for (String sdk : sdks()) {
      try {
        sink.reset(Sink.Faults.NONE, Long.MAX_VALUE);
        report.alloc(
            runner.runPlain(
                "alloc-" + sdk,
                "dev.spoke.bench.AllocMain",
                List.of("sdk=" + sdk, "port=" + sink.port(), "quick=" + cfg.quick()),
                paths.childClasspath(sdk)));
      } catch (IOException e) {
        report.note("Allocation benchmark for " + sdk + " failed: " + e.getMessage());
        out.println("  failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<String> sdks() {
    List<String> l = new ArrayList<>();
    if (runSpoke()) {
      l.add(SPOKE);
    }
    if (cfg.segment()) {
      l.add(SEGMENT);
    }
    return l;
  }

  private void w2(ChildRunner runner) throws IOException, InterruptedException {
    out.println("W2 serialization limit (one thread, no network)");
    if (!present("dev.spoke.bench.spoke.W2Main")) {
      report.note(
          "W2 not run: dev.spoke.bench.spoke.W2Main is not built (core's serializer "
              + "is not on this branch yet).");
      return;
    }
    JsonNode r =
        runner.runPlain(
            "w2",
            "dev.spoke.bench.spoke.W2Main",
            List.of("n=" + cfg.n(), "users=" + cfg.users(), "iterations=" + (cfg.quick() ? 3 : 5)));
    report.w2(r);
  }

  private void w3() {
    out.println("W3 caller cost (JMH)");
    if (!present("dev.spoke.bench.jmh.LogEventBench")) {
      report.note(
          "W3 not run: the JMH benchmarks are not built (core's entry point is not on "
              + "this branch yet).");
      return;
    }
    try {
      report.w3(Jmh.run(cfg.quick(), paths));
    } catch (Exception e) {
      report.note("W3 failed: " + e);
      out.println("  JMH failed: " + e);
    }
  }

  private void w4(ChildRunner runner) throws IOException, InterruptedException {
    out.println("W4 scaling: N and distinct users");
    if (!runSpoke()) {
      report.note("W4 not run: it measures Spoke only.");
      return;
    }
    Summary base = report.w1Median(SPOKE);
    for (int n : cfg.w4Ns()) {
      Summary point;
      if (n == cfg.n()) {
        if (base == null) {
          base =
              Summary.of(
                  List.of(
                      runner.run(
                          RunSpec.w1(SPOKE, n, cfg.users(), cfg.awaitMillis()).label("w4-n"))));
        }
        point = base;
      } else {
        point =
            Summary.of(
                List.of(runner.run(RunSpec.w1(SPOKE, n, cfg.users(), longAwait(n)).label("w4-n"))));
      }
      report.w4("n", n, cfg.users(), point);
    }
    for (int u : cfg.w4Users()) {
      Summary point;
      if (u == cfg.users()) {
        if (base == null) {
          base =
              Summary.of(
                  List.of(
                      runner.run(
                          RunSpec.w1(SPOKE, cfg.n(), u, cfg.awaitMillis()).label("w4-users"))));
        }
        point = base;
      } else {
        point =
            Summary.of(
                List.of(
                    runner.run(
                        RunSpec.w1(SPOKE, cfg.n(), u, cfg.awaitMillis()).label("w4-users"))));
      }
      report.w4("users", cfg.n(), u, point);
    }
  }

  /** Wait budget scaled with N (2M events need ten times 200k's). */
  private long longAwait(int n) {
    return Math.max(cfg.awaitMillis(), cfg.awaitMillis() * n / Math.max(1, cfg.n()));
  }

  private static boolean present(String cls) {
    try {
      Class.forName(cls, false, Harness.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
