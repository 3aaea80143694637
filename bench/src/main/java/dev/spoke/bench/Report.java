package dev.spoke.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects every figure of one harness run and writes latest.json, latest.md and w4.png. */
final class Report {
  /** One W4 point. */
  record W4Point(String axis, int n, int users, Summary spoke) {}

  /**
   * One target of bench/README.md and how this run did against it (pass is null when not measured).
   */
  record Target(String name, String goal, Double value, Boolean pass) {}

  static final String TIMING =
      "The sink (in the harness process) times each run: the child "
          + "calls POST /control/start just before its producers start, and the clock stops at the "
          + "request that brings the sink's count of workload events (custom_event, screen_view and "
          + "commerce_event for Spoke; track and screen for Segment) to the number of events the SDK accepted.";
  static final String FSYNC = "Durable journal variant: Spoke's default fsync policy (INTERVAL).";
  static final String LATENCY =
      "Enqueue latency: System.nanoTime around building the SDK's "
          + "event object and the tracking call, per call, on each producer thread.";

  private final Harness.Config cfg;
  private final List<RunResult> w1 = new ArrayList<>();
  private final List<RunResult> mixed = new ArrayList<>();
  private final List<RunResult> w5 = new ArrayList<>();
  private final java.util.Map<String, JsonNode> alloc = new java.util.LinkedHashMap<>();
  private final List<RunResult> variants = new ArrayList<>();
  private JsonNode w2;
  private List<Jmh.Score> w3 = List.of();
  private final List<W4Point> w4 = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  Report(Harness.Config cfg) {
    this.cfg = cfg;
  }

  void w1(RunResult r) {
    w1.add(r);
  }

  void mixed(RunResult r) {
    mixed.add(r);
  }

  void w5(RunResult r) {
    w5.add(r);
  }

  void alloc(JsonNode r) {
    alloc.put(r.path("sdk").asText(), r);
  }

  void variant(RunResult r) {
    variants.add(r);
  }

  void w2(JsonNode r) {
    w2 = r;
  }

  void w3(List<Jmh.Score> scores) {
    w3 = List.copyOf(scores);
  }

  void w4(String axis, int n, int users, Summary s) {
    w4.add(new W4Point(axis, n, users, s));
  }

  void note(String s) {
    notes.add(s);
  }

  /**
   * @return the median of this run's W1 runs of the SDK, or null if it had none
   */
  Summary w1Median(String sdk) {
    List<RunResult> runs = w1.stream().filter(r -> r.sdk().equals(sdk)).toList();
    return runs.isEmpty() ? null : Summary.of(runs);
  }

  /**
   * @return the median of this run's W1-mixed runs of the SDK, or null if it had none
   */
  Summary mixedMedian(String sdk) {
    List<RunResult> runs = mixed.stream().filter(r -> r.sdk().equals(sdk)).toList();
    return runs.isEmpty() ? null : Summary.of(runs);
  }

  private RunResult w5Of(String label, String sdk) {
    return w5.stream()
        .filter(r -> r.label().equals(label) && r.sdk().equals(sdk))
        .findFirst()
        .orElse(null);
  }

  private Double allocBytes(String sdk) {
    JsonNode a = alloc.get(sdk);
    return a == null ? null : a.path("bytesPerCall").asDouble();
  }

  private Double callerBytes(String sdk) {
    JsonNode a = alloc.get(sdk);
    double v = a == null ? -1 : a.path("callerBytesPerCall").asDouble(-1);
    return v < 0 ? null : v;
  }

  private W4Point w4Point(String axis, int value) {
    return w4.stream()
        .filter(p -> p.axis().equals(axis) && (axis.equals("n") ? p.n() : p.users()) == value)
        .findFirst()
        .orElse(null);
  }

  /** CPU per event of a W4 point: the run's own CPU (startup left out) per accepted event. */
  static Double w4CpuUsPerEvent(W4Point p) {
    if (p == null) {
      return null;
    }
    Summary s = p.spoke();
    double events = s.n() - s.dropped();
    return s.runCpuSec() < 0 || events <= 0 ? null : s.runCpuSec() * 1e6 / events;
  }

  private RunResult variantOf(String label, String sdk) {
    return variants.stream()
        .filter(r -> r.label().equals(label) && r.sdk().equals(sdk))
        .findFirst()
        .orElse(null);
  }

  static Double ratio(Double a, Double b) {
    if (a == null || b == null || b == 0 || a.isNaN() || b.isNaN()) {
      return null;
    }
    return a / b;
  }

  List<Target> targets() {
    Summary sp = w1Median(Harness.SPOKE);
    Summary sg = w1Median(Harness.SEGMENT);
    List<Target> t = new ArrayList<>();
    Double rate = sp == null || sg == null ? null : ratio(sp.eventsPerSec(), sg.eventsPerSec());
    boolean lossy = sp != null && sp.losslessRuns() < sp.runs();
    // Throughput bought by dropping events does not meet a delivery target.
    t.add(
        new Target(
            "W1 events/s vs peer" + (lossy ? " (Spoke dropped events)" : ""),
            ">= 10x",
            rate,
            rate == null ? null : rate >= 10 && !lossy));
    Double p999 = sp == null ? null : sp.p999us();
    t.add(new Target("W1 enqueue p99.9 (us)", "<= 50", p999, p999 == null ? null : p999 <= 50));
    Double rss = sp == null || sg == null ? null : ratio(sp.peakRssMb(), sg.peakRssMb());
    t.add(new Target("W1 peak RSS vs peer", "<= 0.30", rss, rss == null ? null : rss <= 0.30));
    Double bytes =
        sp == null || sg == null ? null : ratio(sp.bodyBytesPerEvent(), sg.bodyBytesPerEvent());
    t.add(
        new Target(
            "W1 wire bytes/event vs peer", "<= 0.25", bytes, bytes == null ? null : bytes <= 0.25));
    Double w1w2 =
        sp == null || w2 == null
            ? null
            : ratio(sp.eventsPerSec(), w2.path("eventsPerSec").asDouble());
    t.add(new Target("W1 / W2 events/s", ">= 0.50", w1w2, w1w2 == null ? null : w1w2 >= 0.5));
    Summary mp = mixedMedian(Harness.SPOKE);
    Summary mg = mixedMedian(Harness.SEGMENT);
    Double mrate = mp == null || mg == null ? null : ratio(mp.eventsPerSec(), mg.eventsPerSec());
    boolean mlossy = mp != null && mp.losslessRuns() < mp.runs();
    t.add(
        new Target(
            "W1-mixed events/s vs peer" + (mlossy ? " (Spoke dropped events)" : ""),
            ">= 6x",
            mrate,
            mrate == null ? null : mrate >= 6 && !mlossy));
    Double mbytes =
        mp == null || mg == null ? null : ratio(mp.wireBytesPerEvent(), mg.wireBytesPerEvent());
    t.add(
        new Target(
            "W1-mixed wire bytes/event vs peer",
            "<= 0.25",
            mbytes,
            mbytes == null ? null : mbytes <= 0.25));
    for (String[] w :
        new String[][] {
          {"w5", Harness.SPOKE, "W5 Spoke"},
          {"w5-journal", Harness.SPOKE, "W5 Spoke, journal (durableOnReturn)"},
          {"w5", Harness.SEGMENT, "W5 Segment (peer, same goal)"}
        }) {
      RunResult r = w5Of(w[0], w[1]);
      Double q3 = r == null || r.failure() != null ? null : r.p999us();
      Double q4 = r == null || r.failure() != null ? null : r.p9999us();
      t.add(new Target(w[2] + " enqueue p99.9 (us)", "<= 50", q3, q3 == null ? null : q3 <= 50));
      t.add(new Target(w[2] + " enqueue p99.99 (us)", "<= 500", q4, q4 == null ? null : q4 <= 500));
    }
    Double al = ratio(allocBytes(Harness.SPOKE), allocBytes(Harness.SEGMENT));
    t.add(
        new Target(
            "Bytes allocated per call vs peer (JMH -prof gc, all threads)",
            "<= 0.25",
            al,
            al == null ? null : al <= 0.25));
    Double ac = ratio(callerBytes(Harness.SPOKE), callerBytes(Harness.SEGMENT));
    t.add(
        new Target(
            "Bytes allocated per call vs peer (calling thread only)",
            "<= 0.25",
            ac,
            ac == null ? null : ac <= 0.25));
    Double wn =
        ratio(w4CpuUsPerEvent(w4Point("n", cfg.w4Ns()[2])), w4CpuUsPerEvent(w4Point("n", cfg.n())));
    t.add(
        new Target(
            "W4 CPU/event, N " + cfg.w4Ns()[2] + " / N " + cfg.n(),
            "<= 1 (no growth)",
            wn,
            wn == null ? null : wn <= 1.0));
    Double wu =
        ratio(w4CpuUsPerEvent(w4Point("users", 100_000)), w4CpuUsPerEvent(w4Point("users", 10)));
    t.add(
        new Target(
            "W4 CPU/event, 100,000 users / 10 users", "<= 1.5", wu, wu == null ? null : wu <= 1.5));
    RunResult j = variantOf("journal", Harness.SPOKE);
    Double jr = j == null || sp == null ? null : ratio(j.eventsPerSec(), sp.eventsPerSec());
    t.add(new Target("Journal on / in-memory W1", ">= 0.50", jr, jr == null ? null : jr >= 0.5));
    RunResult d = variantOf("sinkDown", Harness.SPOKE);
    Double slope = d == null ? null : d.rssSlopeMbPerSec();
    t.add(
        new Target(
            "Sink down: RSS slope, 2nd half (MB/s)",
            "flat (<= 1)",
            slope,
            slope == null ? null : slope <= 1.0));
    Double full = w3Score("QueueFullBench.queueFull1Thread");
    Double free = w3Score("LogEventBench.logEvent1Thread");
    Double fr = ratio(full, free);
    t.add(
        new Target(
            "W3 queue full / not full, ns per call (1 thread)",
            "<= 1 (as cheap)",
            fr,
            fr == null ? null : fr <= 1.0));
    return t;
  }

  private Double w3Score(String name) {
    return w3.stream()
        .filter(s -> s.benchmark().equals(name))
        .map(Jmh.Score::nsPerCall)
        .findFirst()
        .orElse(null);
  }

  void write(BenchPaths paths, PrintStream out) throws IOException {
    Files.createDirectories(paths.resultsDir());
    ObjectNode root = toJson();
    Files.writeString(
        paths.resultsDir().resolve("latest.json"),
        json.writeValueAsString(root) + "\n",
        StandardCharsets.UTF_8);
    String md = markdown(root.path("meta"));
    Files.writeString(paths.resultsDir().resolve("latest.md"), md, StandardCharsets.UTF_8);
    if (!w4.isEmpty()) {
      Plot.w4(w4, w1Median(Harness.SEGMENT), paths.plotFile());
      out.println("wrote " + paths.plotFile());
    }
    out.println();
    out.println(md);
    out.println("wrote " + paths.resultsDir().resolve("latest.json") + " and latest.md");
  }

  private ObjectNode toJson() {
    ObjectNode root = json.createObjectNode();
    ObjectNode meta = root.putObject("meta");
    meta.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_DATE_TIME));
    meta.put(
        "jvm",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.version")
            + ")");
    meta.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    meta.put("cores", Runtime.getRuntime().availableProcessors());
    meta.put("childXmx", Harness.CHILD_XMX);
    meta.put("quick", cfg.quick());
    meta.put("runs", cfg.runs());
    meta.put("n", cfg.n());
    meta.put("users", cfg.users());
    meta.put("mixedUsers", cfg.mixedUsers());
    meta.put("mixedThreads", cfg.mixedThreads());
    meta.put("w5Rate", cfg.w5Rate());
    meta.put("w5Seconds", cfg.w5Seconds());
    meta.putPOJO("workloads", cfg.workloads());
    meta.put("peer", "Segment analytics-java " + segmentVersion() + ", defaults, endpoint only");
    meta.put("timing", TIMING);
    meta.put("enqueueLatency", LATENCY);
    meta.put("journal", FSYNC);

    ObjectNode w1n = root.putObject("w1");
    w1n.set("runs", json.valueToTree(w1));
    Summary sp = w1Median(Harness.SPOKE);
    Summary sg = w1Median(Harness.SEGMENT);
    ObjectNode med = w1n.putObject("median");
    med.set("spoke", json.valueToTree(sp));
    med.set("segment", json.valueToTree(sg));
    ObjectNode ratios = w1n.putObject("ratiosSpokeOverSegment");
    if (sp != null && sg != null) {
      ratios.putPOJO("eventsPerSec", ratio(sp.eventsPerSec(), sg.eventsPerSec()));
      ratios.putPOJO("p999us", ratio(sp.p999us(), sg.p999us()));
      ratios.putPOJO("peakRssMb", ratio(sp.peakRssMb(), sg.peakRssMb()));
      ratios.putPOJO("cpuSec", ratio(sp.cpuSec(), sg.cpuSec()));
      ratios.putPOJO("bodyBytesPerEvent", ratio(sp.bodyBytesPerEvent(), sg.bodyBytesPerEvent()));
    }
    ObjectNode mx = root.putObject("w1mixed");
    mx.set("runs", json.valueToTree(mixed));
    ObjectNode mmed = mx.putObject("median");
    mmed.set("spoke", json.valueToTree(mixedMedian(Harness.SPOKE)));
    mmed.set("segment", json.valueToTree(mixedMedian(Harness.SEGMENT)));
    root.set("w5", json.valueToTree(w5));
    root.set("alloc", json.valueToTree(alloc));
    root.set("variants", json.valueToTree(variants));
    if (w2 != null) {
      root.set("w2", w2);
    }
    root.set("w3", json.valueToTree(w3));
    root.set("w4", json.valueToTree(w4));
    root.set("targets", json.valueToTree(targets()));
    ArrayNode n = root.putArray("notes");
    notes.forEach(n::add);
    return root;
  }

  private String markdown(JsonNode meta) {
    StringBuilder b = new StringBuilder();
    b.append("# Spoke bench results")
        .append(cfg.quick() ? " (quick smoke run)" : "")
        .append("\n\n");
    b.append("- Date: ").append(meta.path("date").asText()).append('\n');
    b.append("- JVM: ").append(meta.path("jvm").asText()).append('\n');
    b.append("- Cores: ")
        .append(meta.path("cores").asInt())
        .append(", OS: ")
        .append(meta.path("os").asText())
        .append('\n');
    b.append("- Workload: ")
        .append(cfg.n())
        .append(" custom events, 5 attributes, ")
        .append(cfg.users())
        .append(" users, 2 producer threads; children at -Xmx")
        .append(Harness.CHILD_XMX)
        .append("; ")
        .append(cfg.runs())
        .append(" run(s) per SDK, medians\n");
    b.append("- Peer: ").append(meta.path("peer").asText()).append('\n');
    b.append("- ").append(TIMING).append('\n');
    b.append("- ").append(LATENCY).append('\n');
    b.append("- ").append(FSYNC).append("\n\n");

    Summary sp = w1Median(Harness.SPOKE);
    Summary sg = w1Median(Harness.SEGMENT);
    deliveryTable(b, "W1 end-to-end delivery", sp, sg);
    budgetTable(b, "W1", sp, sg);
    Summary mp = mixedMedian(Harness.SPOKE);
    Summary mg = mixedMedian(Harness.SEGMENT);
    deliveryTable(
        b,
        "W1-mixed: "
            + cfg.mixedUsers()
            + " users, custom events / screen views / purchases 6:3:1, "
            + cfg.mixedThreads()
            + " producer threads",
        mp,
        mg);
    budgetTable(b, "W1-mixed", mp, mg);
    if (!variants.isEmpty()) {
      b.append("## W1 variants (one run each)\n\n");
      b.append(
          "| variant | SDK | sink faults | delivered | events/s | p99.9 (us) | peak RSS (MB) "
              + "| RSS sampled max (MB) | RSS slope 2nd half (MB/s) | CPU (s) | requests ok/500/dropped |\n");
      b.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
      for (RunResult r : variants) {
        runCells(b, r, true)
            .append(fmt(r.eventsPerSec(), 0))
            .append(" | ")
            .append(fmt(r.p999us(), 2))
            .append(" | ")
            .append(fmt(r.peakRssMb(), 0))
            .append(" | ")
            .append(fmt(r.sampledRssMaxMb(), 0))
            .append(" | ")
            .append(fmt(r.rssSlopeMbPerSec(), 2))
            .append(" | ")
            .append(fmt(r.cpuSec(), 2))
            .append(" | ")
            .append(r.acceptedRequests())
            .append('/')
            .append(r.failedRequests())
            .append('/')
            .append(r.droppedRequests())
            .append(" |\n");
      }
      b.append('\n');
    }
    if (w2 != null) {
      b.append("## W2 serialization limit (one thread, no network)\n\n");
      b.append("| figure | value |\n|---|---:|\n");
      b.append("| events/s (warm median) | ")
          .append(fmt(w2.path("eventsPerSec").asDouble(), 0))
          .append(" |\n");
      b.append("| JSON MB/s (warm median) | ")
          .append(fmt(w2.path("mbPerSec").asDouble(), 1))
          .append(" |\n");
      b.append("| events/s (first, cold pass) | ")
          .append(fmt(w2.path("firstPassEventsPerSec").asDouble(), 0))
          .append(" |\n");
      b.append("| share of the warm pass spent in gzip | ")
          .append(fmt(w2.path("gzipShareOfWarm").asDouble() * 100, 0))
          .append("% |\n");
      b.append("| JSON bytes/event, gzip bytes/event | ")
          .append(fmt(w2.path("rawBytesPerEvent").asDouble(), 1))
          .append(", ")
          .append(fmt(w2.path("gzipBytesPerEvent").asDouble(), 1))
          .append(" |\n");
      if (sp != null) {
        b.append("| W1 / W2 (Spoke events/s) | ")
            .append(fmt(ratio(sp.eventsPerSec(), w2.path("eventsPerSec").asDouble()), 2))
            .append(" |\n");
      }
      b.append('\n');
    }
    if (!w3.isEmpty()) {
      b.append("## W3 caller cost (JMH, ns per logEvent call per thread)\n\n")
          .append("| benchmark | threads | mode | ns/call | +/- (99.9%) | raw score |\n")
          .append("|---|---:|---|---:|---:|---|\n");
      for (Jmh.Score s : w3) {
        b.append("| ")
            .append(s.benchmark())
            .append(" | ")
            .append(s.threads())
            .append(" | ")
            .append(s.mode())
            .append(" | ")
            .append(fmt(s.nsPerCall(), 1))
            .append(" | ")
            .append(fmt(s.errorNsPerCall(), 1))
            .append(" | ")
            .append(s.rawScore())
            .append(" |\n");
      }
      b.append("\nLogEventBench: single shots of ")
          .append(Jmh.CALLS_PER_SHOT)
          .append(
              " calls per thread into an empty queue; QueueFullBench: steady state with the "
                  + "queue full (endpoint never answers, queueCapacity 16).\n\n");
    }
    allocTable(b);
    if (!w4.isEmpty()) {
      b.append("## W4 scaling (Spoke; plot: bench/w4.png)\n\n")
          .append(
              "| axis | N | users | events/s | peak RSS (MB) | CPU us/event | run CPU us/event"
                  + " (startup left out) |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (W4Point p : w4) {
        Summary s = p.spoke();
        b.append("| ")
            .append(p.axis())
            .append(" | ")
            .append(fmt((double) p.n(), 0))
            .append(" | ")
            .append(fmt((double) p.users(), 0))
            .append(" | ")
            .append(fmt(s.eventsPerSec(), 0))
            .append(" | ")
            .append(fmt(s.peakRssMb(), 0))
            .append(" | ")
            .append(fmt(s.cpuSec() * 1e6 / p.n(), 2))
            .append(" | ")
            .append(fmt(w4CpuUsPerEvent(p), 2))
            .append(" |\n");
      }
      if (sg != null) {
        b.append("| peer (Segment, W1) | ")
            .append(fmt((double) sg.n(), 0))
            .append(" | ")
            .append(fmt((double) sg.users(), 0))
            .append(" | ")
            .append(fmt(sg.eventsPerSec(), 0))
            .append(" | ")
            .append(fmt(sg.peakRssMb(), 0))
            .append(" | ")
            .append(fmt(sg.cpuSec() * 1e6 / sg.n(), 2))
            .append(" | ")
            .append(fmt(sg.runCpuSec() < 0 ? null : sg.runCpuSec() * 1e6 / sg.n(), 2))
            .append(" |\n");
      }
      b.append('\n');
    }
    w5Table(b);
    b.append(
        "## Targets (bench/README.md)\n\n| target | goal | this run | met |\n|---|---|---:|---|\n");
    for (Target t : targets()) {
      b.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.goal())
          .append(" | ")
          .append(fmt(t.value(), 2))
          .append(" | ")
          .append(t.pass() == null ? "not measured" : t.pass() ? "yes" : "no")
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      b.append("\n## Notes\n\n");
      notes.forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  /** The side-by-side table of one workload's medians (W1, W1-mixed). */
  private void deliveryTable(StringBuilder b, String title, Summary sp, Summary sg) {
    if (sp != null || sg != null) {
      b.append("## ").append(title).append("\n\n");
      b.append("| figure | Spoke | Segment | Spoke/Segment |\n|---|---:|---:|---:|\n");
      row(b, "events/s", sp, sg, Summary::eventsPerSec, 0);
      row(b, "enqueue p50 (us)", sp, sg, Summary::p50us, 2);
      row(b, "enqueue p99 (us)", sp, sg, Summary::p99us, 2);
      row(b, "enqueue p99.9 (us)", sp, sg, Summary::p999us, 2);
      row(b, "enqueue p99.99 (us)", sp, sg, Summary::p9999us, 2);
      row(b, "enqueue max (us)", sp, sg, Summary::maxUs, 0);
      row(b, "peak RSS (MB)", sp, sg, Summary::peakRssMb, 0);
      row(b, "CPU (s)", sp, sg, Summary::cpuSec, 2);
      row(b, "CPU of the run (s, startup left out)", sp, sg, Summary::runCpuSec, 2);
      row(b, "body bytes/event", sp, sg, Summary::bodyBytesPerEvent, 1);
      row(b, "wire bytes/event (incl. headers)", sp, sg, Summary::wireBytesPerEvent, 1);
      row(b, "requests", sp, sg, Summary::requests, 0);
      row(b, "dropped by SDK", sp, sg, Summary::dropped, 0);
      row(b, "delivered (of " + cfg.n() + ")", sp, sg, Summary::delivered, 0);
      b.append("| complete / lossless runs | ")
          .append(
              sp == null ? "-" : sp.completeRuns() + "/" + sp.losslessRuns() + " of " + sp.runs())
          .append(" | ")
          .append(
              sg == null ? "-" : sg.completeRuns() + "/" + sg.losslessRuns() + " of " + sg.runs())
          .append(" | |\n\n");
      for (Summary x : new Summary[] {sp, sg}) {
        if (x != null && x.losslessRuns() < x.runs()) {
          b.append("**")
              .append(x.sdk())
              .append(" did not deliver all ")
              .append(cfg.n())
              .append(" events in every run** (median delivered ")
              .append(fmt(x.delivered(), 0))
              .append(", dropped by the SDK ")
              .append(fmt(x.dropped(), 0))
              .append(
                  "): its events/s counts only what it "
                      + "accepted, so the comparison is not like for like.\n\n");
        }
      }
    }
  }

  /** CPU per thread role in µs per event (medians over the runs), both SDKs side by side. */
  private static void budgetTable(StringBuilder b, String name, Summary sp, Summary sg) {
    if ((sp == null || sp.budgetUsPerEvent().isEmpty())
        && (sg == null || sg.budgetUsPerEvent().isEmpty())) {
      return;
    }
    b.append("### ")
        .append(name)
        .append(": CPU per thread role (us per event, whole child process, medians)\n\n")
        .append("| role | Spoke | Segment |\n|---|---:|---:|\n");
    double tp = 0;
    double tg = 0;
    for (String role : ThreadBudget.ROLES) {
      Double a = sp == null ? null : sp.budgetUsPerEvent().get(role);
      Double c = sg == null ? null : sg.budgetUsPerEvent().get(role);
      tp += a == null ? 0 : a;
      tg += c == null ? 0 : c;
      b.append("| ")
          .append(role)
          .append(" | ")
          .append(fmt(a, 2))
          .append(" | ")
          .append(fmt(c, 2))
          .append(" |\n");
    }
    b.append("| total | ")
        .append(fmt(sp == null ? null : tp, 2))
        .append(" | ")
        .append(fmt(sg == null ? null : tg, 2))
        .append(" |\n\n")
        .append(
            "Roles: producers = bench-producer-*; worker = spoke-worker-*; upload = spoke-upload-*,"
                + " spoke-http-* and OkHttp's threads; journal = spoke-journal-*; sdk-other = other"
                + " SDK threads; gc / jit / vm = the JVM's own threads (from /proc); java-other ="
                + " main and JDK threads; exited/other = the process's CPU no live thread accounts"
                + " for (threads that ended, tick rounding). JVM startup is included.\n\n");
  }

  private void w5Table(StringBuilder b) {
    if (w5.isEmpty()) {
      return;
    }
    b.append("## W5 paced: ")
        .append(cfg.w5Rate())
        .append(" events/s in total for ")
        .append(cfg.w5Seconds())
        .append(" s (W1's events, 2 producer threads, one run each)\n\n")
        .append(
            "| run | SDK | delivered | enqueue p50 (us) | p99 (us) | p99.9 (us) | p99.99 (us) |"
                + " max (us) | calls started > 1 ms late | latest start (us) | peak RSS (MB) |"
                + " CPU (s) |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RunResult r : w5) {
      runCells(b, r, false)
          .append(fmt(r.p50us(), 2))
          .append(" | ")
          .append(fmt(r.p99us(), 2))
          .append(" | ")
          .append(fmt(r.p999us(), 2))
          .append(" | ")
          .append(fmt(r.p9999us(), 2))
          .append(" | ")
          .append(fmt(r.maxUs(), 0))
          .append(" | ")
          .append(fmt((double) r.lateCalls(), 0))
          .append(" | ")
          .append(fmt(r.maxLateUs(), 0))
          .append(" | ")
          .append(fmt(r.peakRssMb(), 0))
          .append(" | ")
          .append(fmt(r.cpuSec(), 2))
          .append(" |\n");
    }
    b.append(
        "\nEach producer calls on an absolute schedule (no coordinated omission): every call's"
            + " own duration is recorded, and a call that starts late is counted, not skipped."
            + " The journal run has a data directory, so durableOnReturn is on (its default).\n\n");
  }

  private void allocTable(StringBuilder b) {
    if (alloc.isEmpty()) {
      return;
    }
    Double sp = allocBytes(Harness.SPOKE);
    Double sg = allocBytes(Harness.SEGMENT);
    b.append("## Allocation per call (JMH -prof gc, gc.alloc.rate.norm)\n\n")
        .append(
            "| SDK | call | bytes per call (all threads) | +/- (99.9%) | bytes per call (calling"
                + " thread only) | ns per call |\n")
        .append("|---|---|---:|---:|---:|---:|\n");
    for (JsonNode a : alloc.values()) {
      boolean spoke = a.path("sdk").asText().equals(Harness.SPOKE);
      b.append("| ")
          .append(a.path("sdk").asText())
          .append(" | ")
          .append(
              spoke ? "logEvent (CustomEvent.builder…build())" : "enqueue(TrackMessage.builder…)")
          .append(" | ")
          .append(fmt(a.path("bytesPerCall").asDouble(), 0))
          .append(" | ")
          .append(fmt(a.path("bytesPerCallError").asDouble(), 0))
          .append(" | ")
          .append(fmt(a.path("callerBytesPerCall").asDouble(), 0))
          .append(" | ")
          .append(fmt(a.path("nsPerCall").asDouble(), 0))
          .append(" |\n");
    }
    b.append("| Spoke / Segment | | ")
        .append(fmt(ratio(sp, sg), 2))
        .append(" | | ")
        .append(fmt(ratio(callerBytes(Harness.SPOKE), callerBytes(Harness.SEGMENT)), 2))
        .append(" | |\n\n")
        .append(
            "W1's event built inside the call, single shots of "
                + Jmh.CALLS_PER_SHOT
                + " calls delivered between iterations. JMH's GC profiler counts every thread of"
                + " the fork, so the figure includes the pipeline work each call causes (the"
                + " sink runs in the harness process and is not counted); the calling thread's own"
                + " allocation counter, read around each batch, gives the caller's share.\n\n");
  }

  /**
   * The cells that open a one-run row: run label, SDK, (sink faults,) delivered of accepted and how
   * the run ended; returns the builder for the row's own cells.
   */
  private static StringBuilder runCells(StringBuilder b, RunResult r, boolean faults) {
    b.append("| ")
        .append(r.label())
        .append(r.journal() ? " (journal)" : "")
        .append(" | ")
        .append(r.sdk())
        .append(" | ");
    if (faults) b.append(r.faults()).append(" | ");
    return b.append(String.format(Locale.ROOT, "%,d/%,d", r.delivered(), r.n() - r.dropped()))
        .append(
            r.failure() != null
                ? " (FAILED: " + r.failure().replace('|', '/') + ")"
                : r.complete() ? "" : " (timed out)")
        .append(" | ");
  }

  /** A row of one figure for both SDKs (either may be missing). */
  private static void row(
      StringBuilder b,
      String name,
      Summary sp,
      Summary sg,
      java.util.function.Function<Summary, Double> figure,
      int decimals) {
    row(
        b,
        name,
        sp == null ? null : figure.apply(sp),
        sg == null ? null : figure.apply(sg),
        decimals);
  }

  private static void row(StringBuilder b, String name, Double spoke, Double seg, int decimals) {
    b.append("| ")
        .append(name)
        .append(" | ")
        .append(fmt(spoke, decimals))
        .append(" | ")
        .append(fmt(seg, decimals))
        .append(" | ")
        .append(fmt(ratio(spoke, seg), 2))
        .append(" |\n");
  }

  static String fmt(Double v, int decimals) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String segmentVersion() {
    // Filtered from the pom at build time: the harness itself does not load the peer's classes.
    java.util.Properties p = new java.util.Properties();
    try (var in = Report.class.getResourceAsStream("/bench.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to the placeholder
    }
    return p.getProperty("segment.version", "3.5.x");
  }
}
