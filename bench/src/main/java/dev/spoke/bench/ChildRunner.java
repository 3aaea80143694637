package dev.spoke.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts one child JVM per run, samples its RSS every 250 ms, reads its peak RSS (VmHWM) and CPU
 * time from /proc when it reports, and joins that with the sink's counters.
 */
final class ChildRunner {
  static final long SAMPLE_MILLIS = 250;

  private final BenchPaths paths;
  private final Sink sink;
  private final String xmx;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-rss-sampler");
            t.setDaemon(true);
            return t;
          });

  ChildRunner(BenchPaths paths, Sink sink, String xmx, PrintStream log) {
    this.paths = paths;
    this.sink = sink;
    this.xmx = xmx;
    this.log = log;
  }

  RunResult run(RunSpec s) throws IOException, InterruptedException {
    sink.reset(s.faults(), s.n());
    Path journalDir = s.journal() ? Files.createTempDirectory("spoke-bench-journal") : null;
    List<String> cmd = new ArrayList<>();
    cmd.add(paths.java());
    cmd.add("-Xmx" + xmx);
    // An SDK that runs out of heap ends its run at once instead of limping on (same for both).
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-cp");
    cmd.add(paths.childClasspath(s.sdk()));
    cmd.add(ChildMain.class.getName());
    cmd.add("sdk=" + s.sdk());
    cmd.add("port=" + sink.port());
    cmd.add("n=" + s.n());
    cmd.add("users=" + s.users());
    cmd.add("threads=" + s.threads());
    cmd.add("flushMs=" + s.flushMillis());
    cmd.add("awaitMs=" + s.awaitMillis());
    cmd.add("workload=" + s.workload());
    if (s.rate() > 0) {
      cmd.add("rate=" + s.rate());
    }
    if (journalDir != null) {
      cmd.add("journal=" + journalDir);
    }
    Path errLog =
        paths
            .logDir()
            .resolve(s.label() + "-" + s.sdk() + "-" + System.currentTimeMillis() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errLog.toFile());
    log.printf(
        "  run %-12s %-7s n=%-8d users=%-6d threads=%d%s faults=%s%s ... ",
        s.label(),
        s.sdk(),
        s.n(),
        s.users(),
        s.threads(),
        s.rate() > 0 ? " rate=" + s.rate() + "/s" : "",
        describe(s.faults()),
        s.journal() ? " journal" : "");
    log.flush();

    Process p = pb.start();
    long pid = p.pid();
    long t0 = System.nanoTime();
    List<double[]> samples = new ArrayList<>();
    ScheduledFuture<?> sampling =
        sampler.scheduleAtFixedRate(
            () -> {
              long kb = ProcStats.statusKb(pid, "VmRSS");
              if (kb > 0) {
                synchronized (samples) {
                  samples.add(new double[] {(System.nanoTime() - t0) / 1e9, kb / 1024.0});
                }
              }
            },
            0,
            SAMPLE_MILLIS,
            TimeUnit.MILLISECONDS);
    // A hung child must not hang the harness: give it its timeouts plus a generous margin.
    long hardLimit = s.flushMillis() + s.awaitMillis() + TimeUnit.MINUTES.toMillis(5);
    ScheduledFuture<?> watchdog =
        sampler.schedule(p::destroyForcibly, hardLimit, TimeUnit.MILLISECONDS);

    JsonNode result = null;
    double hwmMb = -1;
    double cpu = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = json.readTree(line.substring(7));
          hwmMb = ProcStats.statusKb(pid, "VmHWM") / 1024.0;
          cpu = ProcStats.cpuSeconds(pid);
          break;
        }
        Files.writeString(
            errLog,
            "[stdout] " + line + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
      }
      sampling.cancel(false);
      p.getOutputStream().close(); // releases the child
    } finally {
      sampling.cancel(false);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
      }
      watchdog.cancel(false);
      if (journalDir != null) {
        deleteTree(journalDir);
      }
    }
    if (result == null) {
      String why = "exited " + p.exitValue() + " without a result" + cause(errLog);
      log.println("FAILED: " + why + " (log: " + errLog + ")");
      return failed(s, sink.snapshot(), why, copy(samples));
    }
    Sink.Snapshot snap = sink.snapshot();
    RunResult r = toResult(s, result, snap, hwmMb, cpu, copy(samples));
    log.println(
        r.complete()
            ? String.format(
                "%,.0f ev/s, p99.9 %.1f us, p99.99 %.1f us, peak RSS %.0f MB, CPU %.1f s%s",
                r.eventsPerSec(),
                r.p999us(),
                r.p9999us(),
                r.peakRssMb(),
                r.cpuSec(),
                s.rate() > 0 ? ", late calls " + r.lateCalls() : "")
            : String.format(
                "INCOMPLETE: %,d of %,d delivered in time; peak RSS %.0f MB",
                r.delivered(), s.n() - r.dropped(), r.peakRssMb()));
    if (r.parseErrors() > 0) {
      log.println(
          "    sink could not parse "
              + r.parseErrors()
              + " request(s); last: "
              + r.lastParseError());
    }
    return r;
  }

  /**
   * Runs a child JVM that needs no sink (W2): same -Xmx, Spoke's classpath, one {@code RESULT} line
   * on stdout. Returns that JSON with {@code peakRssMb} and {@code cpuSec} added.
   */
  JsonNode runPlain(String label, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return runPlain(label, mainClass, args, paths.spokeClasspath());
  }

  /** {@link #runPlain(String, String, List)} on the given classpath (e.g. the peer's). */
  JsonNode runPlain(String label, String mainClass, List<String> args, String classpath)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of(paths.java(), "-Xmx" + xmx, "-cp", classpath, mainClass));
    cmd.addAll(args);
    Path errLog = paths.logDir().resolve(label + "-" + System.currentTimeMillis() + ".log");
    log.printf("  run %-12s %s ... ", label, String.join(" ", args));
    log.flush();
    Process p = new ProcessBuilder(cmd).redirectError(errLog.toFile()).start();
    ScheduledFuture<?> watchdog = sampler.schedule(p::destroyForcibly, 15, TimeUnit.MINUTES);
    com.fasterxml.jackson.databind.node.ObjectNode result = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result =
              (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(line.substring(7));
          result.put("peakRssMb", ProcStats.statusKb(p.pid(), "VmHWM") / 1024.0);
          result.put("cpuSec", ProcStats.cpuSeconds(p.pid()));
          break;
        }
      }
      p.getOutputStream().close();
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
      }
      watchdog.cancel(false);
    }
    if (result == null) {
      log.println("FAILED (see " + errLog + ")");
      throw new IOException(
          label + " exited " + p.exitValue() + " without a result; see " + errLog);
    }
    log.println("done");
    return result;
  }

  /** The first line of the child's log naming an error, e.g. its OutOfMemoryError. */
  private static String cause(Path errLog) {
    try (Stream<String> lines = Files.lines(errLog, StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> l.contains("Error") || l.contains("Exception"))
          .findFirst()
          .map(l -> ": " + l.trim())
          .orElse("");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static RunResult failed(
      RunSpec s, Sink.Snapshot snap, String why, List<double[]> samples) {
    double sampledMax = samples.stream().mapToDouble(x -> x[1]).max().orElse(-1);
    return new RunResult(
        s.label(),
        s.sdk(),
        s.n(),
        s.users(),
        describe(s.faults()),
        s.journal(),
        false,
        snap.workloadEvents(),
        0,
        null,
        null,
        0,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        sampledMax,
        -1,
        sampledMax,
        slopeOfSecondHalf(samples),
        0,
        0,
        snap.requests(),
        snap.acceptedRequests(),
        snap.failedRequests(),
        snap.droppedRequests(),
        snap.allEvents(),
        snap.batches(),
        snap.gzipRequests(),
        snap.parseErrors(),
        snap.lastParseError(),
        "",
        why,
        samples,
        s.workload(),
        s.threads(),
        s.rate(),
        Double.NaN,
        -1,
        0,
        Double.NaN,
        Map.of());
  }

  private static List<double[]> copy(List<double[]> samples) {
    synchronized (samples) {
      return new ArrayList<>(samples);
    }
  }

  private RunResult toResult(
      RunSpec s, JsonNode r, Sink.Snapshot snap, double hwmMb, double cpu, List<double[]> samples) {
    long dropped = r.path("dropped").asLong();
    long counted = snap.workloadEvents();
    boolean complete = r.path("sink").path("reached").asBoolean() && snap.startNanos() != 0;
    // The SDK's drop count may include events it emits itself (Spoke's session_start), so the
    // child's target can undercount; the clock stops at the request that brought the final count.
    long done = complete ? sink.doneNanosFor(counted) : 0;
    complete &= done != 0;
    Double elapsed = complete ? (done - snap.startNanos()) / 1e9 : null;
    Double rate = complete ? counted / elapsed : null;
    double perEvent = counted == 0 ? 0 : (double) snap.bodyBytes() / counted;
    double wirePerEvent =
        counted == 0 ? 0 : (double) (snap.bodyBytes() + snap.headerBytes()) / counted;
    double sampledMax = samples.stream().mapToDouble(x -> x[1]).max().orElse(-1);
    long cpuStart = r.path("cpuStartNanos").asLong(-1);
    long budgetTotal = r.path("budget").path("totalNanos").asLong(-1);
    return new RunResult(
        s.label(),
        s.sdk(),
        s.n(),
        s.users(),
        describe(s.faults()),
        s.journal(),
        complete,
        counted,
        dropped,
        elapsed,
        rate,
        r.path("produceNanos").asLong() / 1e9,
        r.path("flushReturnNanos").asLong() / 1e9,
        r.path("p50").asLong() / 1e3,
        r.path("p99").asLong() / 1e3,
        r.path("p999").asLong() / 1e3,
        r.path("max").asLong() / 1e3,
        r.path("mean").asLong() / 1e3,
        hwmMb,
        cpu,
        sampledMax,
        slopeOfSecondHalf(samples),
        perEvent,
        wirePerEvent,
        snap.requests(),
        snap.acceptedRequests(),
        snap.failedRequests(),
        snap.droppedRequests(),
        snap.allEvents(),
        snap.batches(),
        snap.gzipRequests(),
        snap.parseErrors(),
        snap.lastParseError(),
        r.path("metrics").asText(""),
        null,
        samples,
        s.workload(),
        s.threads(),
        s.rate(),
        r.path("p9999").asLong() / 1e3,
        cpuStart < 0 || budgetTotal < 0 ? -1 : (budgetTotal - cpuStart) / 1e9,
        r.path("lateCalls").asLong(),
        r.path("maxLateNanos").asLong() / 1e3,
        perEvent(r.path("budget").path("roles"), s.n() - dropped));
  }

  /** Each role's CPU nanoseconds as microseconds per accepted event. */
  static Map<String, Double> perEvent(JsonNode roles, long events) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (events <= 0) {
      return m;
    }
    roles.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong() / 1e3 / events));
    return m;
  }

  /**
   * Least-squares slope (MB/s) of RSS over the second half of the samples: the first half holds JVM
   * start-up and the ramp to a full queue, the second should be flat when memory is bounded.
   */
  static double slopeOfSecondHalf(List<double[]> samples) {
    int from = samples.size() / 2;
    int k = samples.size() - from;
    if (k < 3) {
      return 0;
    }
    double sx = 0;
    double sy = 0;
    for (int i = from; i < samples.size(); i++) {
      sx += samples.get(i)[0];
      sy += samples.get(i)[1];
    }
    double mx = sx / k;
    double my = sy / k;
    double num = 0;
    double den = 0;
    for (int i = from; i < samples.size(); i++) {
      double dx = samples.get(i)[0] - mx;
      num += dx * (samples.get(i)[1] - my);
      den += dx * dx;
    }
    return den == 0 ? 0 : num / den;
  }

  static String describe(Sink.Faults f) {
    if (f.down()) {
      return "down";
    }
    List<String> parts = new ArrayList<>();
    if (f.latencyMillis() > 0) {
      parts.add(f.latencyMillis() + "ms");
    }
    if (f.failureRate() > 0) {
      parts.add(Math.round(f.failureRate() * 100) + "%500s(seed " + f.seed() + ")");
    }
    return parts.isEmpty() ? "none" : String.join("+", parts);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }
}
