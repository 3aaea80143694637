package dev.spoke.springboot;

import dev.spoke.DropReason;
import dev.spoke.Spoke;
import dev.spoke.SpokeMetrics;
import dev.spoke.UploadStatus;
import dev.spoke.ValidationRule;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Spoke's counters as Micrometer meters, all named {@code spoke.*} and tagged with the workspace's
 * API key ({@code workspace}); examples/README.md lists them with their Prometheus names.
 *
 * <pre>
 * spoke.events.accepted          counter  events taken in (including session and attribute-change events)
 * spoke.events.delivered         counter  events the platform acknowledged
 * spoke.events.dropped           counter  reason=&lt;DropReason&gt;, every reason registered from the start
 * spoke.events.pending           gauge    accepted, not yet delivered or dropped
 * spoke.queue.depth              gauge    records in the capture queue
 * spoke.batches.sent             counter  batches acknowledged
 * spoke.upload.bytes             counter  request body bytes written (after gzip, retries included)
 * spoke.upload.retries           counter  upload attempts retried
 * spoke.upload.failures          counter  status=&lt;HTTP status, 0 = network failure&gt;, registered as statuses occur
 * spoke.upload.state             gauge    state=ok|failing|paused: 1 for the current state, 0 for the others
 * spoke.journal.size             gauge    bytes of the durable journal (0 without one)
 * spoke.spill.batches            gauge    sealed batches waiting on disk for the upload backlog
 * spoke.spill.size               gauge    bytes of those batches
 * spoke.validation.issues        counter  rule=&lt;ValidationRule&gt;: local fixes and drops for platform limits
 * spoke.kit.events               counter  kit=&lt;name&gt;, outcome=received|delivered|forwarded|filtered|dropped|failed
 * spoke.kit.filtered             counter  kit=&lt;name&gt;, rule=&lt;filter&gt;: what each kit filter held back
 * </pre>
 *
 * <p>The values come from one {@link Spoke#metrics()} snapshot, taken at most every 250 ms, so a
 * scrape sees one consistent picture at the cost of one copy of the counters. Meters whose tags are
 * only known at run time (failure statuses, kits) are registered when a snapshot first shows them,
 * so they appear from the scrape after the one that first saw them. Micrometer holds the binder
 * weakly, like any meter's state object: keep it referenced (as a Spring bean is).
 */
public class SpokeMeterBinder implements MeterBinder {
  private static final long SNAPSHOT_NANOS = 250_000_000L;

  private final Spoke spoke;
  private final Tags tags;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Set<String> registeredDynamic = ConcurrentHashMap.newKeySet();
  private volatile SpokeMetrics snapshot;
  private volatile long snapshotAt;

  public SpokeMeterBinder(Spoke spoke) {
    this.spoke = spoke;
    this.tags = Tags.of("workspace", spoke.workspace().apiKey());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    counter(
        registry,
        "spoke.events.accepted",
        "Events taken in by Spoke",
        Tags.empty(),
        SpokeMetrics::accepted,
        null);
    counter(
        registry,
        "spoke.events.delivered",
        "Events acknowledged by the platform",
        Tags.empty(),
        SpokeMetrics::delivered,
        null);
    for (DropReason reason : DropReason.values()) {
      counter(
          registry,
          "spoke.events.dropped",
          "Events dropped, by reason",
          Tags.of("reason", reason.name()),
          m -> m.dropped().getOrDefault(reason, 0L),
          null);
    }
    gauge(
        registry,
        "spoke.events.pending",
        "Events accepted and not yet delivered or dropped",
        Tags.empty(),
        SpokeMetrics::pending,
        null);
    gauge(
        registry,
        "spoke.queue.depth",
        "Records waiting in the capture queue",
        Tags.empty(),
        SpokeMetrics::queueDepth,
        null);
    counter(
        registry,
        "spoke.batches.sent",
        "Batches acknowledged by the platform",
        Tags.empty(),
        SpokeMetrics::batchesSent,
        null);
    counter(
        registry,
        "spoke.upload.bytes",
        "Request body bytes written, after gzip, retries included",
        Tags.empty(),
        SpokeMetrics::bytesSent,
        "bytes");
    counter(
        registry,
        "spoke.upload.retries",
        "Upload attempts retried",
        Tags.empty(),
        SpokeMetrics::retries,
        null);
    for (UploadStatus.State state : UploadStatus.State.values()) {
      Gauge.builder(
              "spoke.upload.state", this, b -> b.spoke.uploadStatus().state() == state ? 1 : 0)
          .description("1 for the current upload state (ok, failing, paused), 0 for the others")
          .tags(tags)
          .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    gauge(
        registry,
        "spoke.journal.size",
        "Bytes of the durable journal",
        Tags.empty(),
        SpokeMetrics::journalBytes,
        "bytes");
    gauge(
        registry,
        "spoke.spill.batches",
        "Sealed batches waiting on disk for the upload backlog",
        Tags.empty(),
        SpokeMetrics::spilledBatches,
        null);
    gauge(
        registry,
        "spoke.spill.size",
        "Bytes of the batches waiting on disk",
        Tags.empty(),
        SpokeMetrics::spilledBytes,
        "bytes");
    for (ValidationRule rule : ValidationRule.values()) {
      counter(
          registry,
          "spoke.validation.issues",
          "Validation actions taken for platform limits, by rule",
          Tags.of("rule", rule.name()),
          m -> m.validationIssues().getOrDefault(rule, 0L),
          null);
    }
    registerDynamic(metrics());
  }

  /**
   * The latest snapshot, refreshed when older than 250 ms; a refresh registers meters for new tags.
   */
  private SpokeMetrics metrics() {
    long now = System.nanoTime();
    SpokeMetrics m = snapshot;
    if (m == null || now - snapshotAt > SNAPSHOT_NANOS) {
      m = spoke.metrics();
      snapshot = m;
      snapshotAt = now;
      registerDynamic(m);
    }
    return m;
  }

  private void registerDynamic(SpokeMetrics m) {
    for (Integer status : m.failuresByStatus().keySet()) {
      if (registeredDynamic.add("status:" + status)) {
        for (MeterRegistry r : registries) {
          counter(
              r,
              "spoke.upload.failures",
              "Failed upload attempts by HTTP status (0 = network failure)",
              Tags.of("status", Integer.toString(status)),
              s -> s.failuresByStatus().getOrDefault(status, 0L),
              null);
        }
      }
    }
    for (Map.Entry<String, Map<String, Long>> kit : m.kits().entrySet()) {
      String name = kit.getKey();
      for (String key : kit.getValue().keySet()) {
        if (key.equals("moduleId") || !registeredDynamic.add("kit:" + name + ":" + key)) continue;
        boolean byRule = key.startsWith("filtered.");
        Tags t =
            byRule
                ? Tags.of("kit", name, "rule", key.substring("filtered.".length()))
                : Tags.of("kit", name, "outcome", key);
        for (MeterRegistry r : registries) {
          counter(
              r,
              byRule ? "spoke.kit.filtered" : "spoke.kit.events",
              byRule
                  ? "Events a kit filter held back, by kit and rule"
                  : "Kit calls by kit and outcome",
              t,
              s -> s.kits().getOrDefault(name, Map.of()).getOrDefault(key, 0L),
              null);
        }
      }
    }
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      Tags extra,
      ToDoubleFunction<SpokeMetrics> value,
      String unit) {
    FunctionCounter.builder(name, this, b -> value.applyAsDouble(b.metrics()))
        .description(description)
        .tags(tags)
        .tags(extra)
        .baseUnit(unit)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags extra,
      ToDoubleFunction<SpokeMetrics> value,
      String unit) {
    Gauge.builder(name, this, b -> value.applyAsDouble(b.metrics()))
        .description(description)
        .tags(tags)
        .tags(extra)
        .baseUnit(unit)
        .register(registry);
  }
}
