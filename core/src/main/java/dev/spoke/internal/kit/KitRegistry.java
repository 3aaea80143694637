package dev.spoke.internal.kit;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.SideloadedKit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which kits exist and run: each configuration applied (sideloaded kits added, data plan chosen,
 * kits created on their own thread, updated or closed), a kit whose creation failed excluded, a kit
 * that threw an {@link Error} disabled. The per-call work is {@link KitDispatcher}'s.
 */
final class KitRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);

  private final KitLoader loader;
  private final SideloadedKits sideloadedKits;

  /**
   * The host's data plan; when set it wins over the configuration's {@code dpr}, as in both SDKs.
   */
  private final DataPlan hostPlan;

  private final int queueCapacity;
  private final ThreadFactory threadFactory;
  private final Clock clock;
  private final Consumer<KitReport> reports;
  private final Function<ActiveKit, KitContext> contexts;

  private final Object applyLock = new Object();
  private DataPlan appliedPlan = DataPlan.none();
  private volatile boolean closed;
  private volatile KitConfiguration current;
  private volatile Map<Integer, ActiveKit> kits = Collections.emptyMap();
  private final Set<Integer> excluded = new HashSet<>();
  private final Set<Integer> reportedUnavailable = ConcurrentHashMap.newKeySet();
  private final Set<Integer> reportedSideloadedRange = ConcurrentHashMap.newKeySet();
  private final Set<KitConfiguration.RejectedEntry> reportedRejected = new HashSet<>();
  private final ConcurrentHashMap<Integer, KitCounters> counters = new ConcurrentHashMap<>();

  KitRegistry(
      KitLoader loader,
      SideloadedKits sideloadedKits,
      DataPlan hostPlan,
      int queueCapacity,
      ThreadFactory threadFactory,
      Clock clock,
      Consumer<KitReport> reports,
      Function<ActiveKit, KitContext> contexts) {
    this.loader = loader;
    this.sideloadedKits = sideloadedKits;
    this.hostPlan = hostPlan;
    this.queueCapacity = queueCapacity;
    this.threadFactory = threadFactory;
    this.clock = clock;
    this.reports = reports;
    this.contexts = contexts;
  }

  boolean isClosed() {
    return closed;
  }

  KitConfiguration current() {
    return current;
  }

  /** The kits running now, in configuration order (a snapshot). */
  Collection<ActiveKit> running() {
    return kits.values();
  }

  List<Integer> activeIds() {
    return new ArrayList<>(kits.keySet());
  }

  /** Every kit's counters since start, running or not. */
  Map<Integer, KitCounters> counters() {
    return counters;
  }

  /** Marks the registry closed and hands over the running kits; null when it already was. */
  Collection<ActiveKit> closeAll() {
    synchronized (applyLock) {
      if (closed) {
        return null;
      }
      closed = true;
      Collection<ActiveKit> toClose = kits.values();
      kits = Collections.emptyMap();
      return toClose;
    }
  }

  /**
   * The workspace's kits below the sideloaded range, then each sideloaded kit whose id is not there
   * yet (mParticle/mparticle-android-sdk,
   * android-core/src/main/java/com/mparticle/internal/SideloadedKitsUtils.kt).
   */
  KitConfiguration withSideloaded(KitConfiguration config) {
    return sideloadedKits.merge(
        config,
        id -> {
          if (reportedSideloadedRange.add(id)) {
            SideloadedKit s = sideloadedKits.find(id);
            reports.accept(
                new KitReport(
                    KitReport.Kind.KIT_UNAVAILABLE,
                    id,
                    s == null ? null : safeName(s.factory()),
                    "the kit configuration enables module "
                        + id
                        + ", an id in the sideloaded range (>= "
                        + SideloadedKit.MIN_MODULE_ID
                        + "); such entries are ignored: a sideloaded kit is "
                        + "registered by the host with SpokeOptions.Builder#sideloadedKit, with its own "
                        + "settings and filters",
                    null));
          }
        });
  }

  /**
   * Applies a configuration under the registry's lock, then runs {@code whenApplied} (the first
   * configuration's replay) still under it, so no other configuration or exclusion comes between.
   */
  void apply(KitConfiguration config, Runnable whenApplied) {
    synchronized (applyLock) {
      applyLocked(config);
      whenApplied.run();
    }
  }

  private void applyLocked(KitConfiguration config) {
    current = config;
    reportRejected(config);
    DataPlan plan = hostPlan != null ? hostPlan : config.dataPlan();
    if (!plan.equals(appliedPlan)) {
      appliedPlan = plan;
      reports.accept(
          new KitReport(
              KitReport.Kind.DATA_PLAN_APPLIED,
              -1,
              null,
              "data plan for kits"
                  + (hostPlan != null
                      ? " (given by the host; the configuration's dpr is ignored): "
                      : " (from the configuration's dpr): ")
                  + plan
                  + (plan.skipped().isEmpty()
                      ? ""
                      : "; data points that match nothing: " + plan.skipped()),
              null));
    }
    Map<Integer, ActiveKit> next = new LinkedHashMap<>();
    Set<Integer> enabled = new HashSet<>();
    for (KitEntry entry : config.kits()) {
      int id = entry.moduleId();
      enabled.add(id);
      ActiveKit existing = kits.get(id);
      if (existing != null) {
        KitEntry before = existing.filters.entry();
        existing.filters = new KitFilters(entry, plan);
        if (!before.settings().equals(entry.settings())) {
          Map<String, String> settings = entry.settings();
          existing.settings = settings;
          existing.worker.control(
              () -> {
                Kit kit = existing.kit;
                if (kit != null) {
                  guardedLifecycle(existing, () -> kit.onSettingsUpdated(settings));
                  reports.accept(
                      new KitReport(
                          KitReport.Kind.KIT_SETTINGS_UPDATED,
                          id,
                          existing.name,
                          "kit " + existing.name + " got new settings " + settings.keySet(),
                          null));
                }
              });
        }
        next.put(id, existing);
        continue;
      }
      if (excluded.contains(id)) {
        continue;
      }
      Optional<KitFactory> factory = loader.factory(id);
      if (factory.isEmpty()) {
        if (reportedUnavailable.add(id)) {
          reports.accept(
              new KitReport(
                  KitReport.Kind.KIT_UNAVAILABLE, id, null, loader.unavailableMessage(id), null));
        }
        continue;
      }
      next.put(id, create(factory.get(), entry, plan));
    }
    for (ActiveKit old : kits.values()) {
      if (!next.containsKey(old.moduleId)) {
        closeKit(old);
      }
    }
    excluded.retainAll(enabled);
    kits = Collections.unmodifiableMap(next);
  }

  /**
   * Reports each unreadable kit entry once while configurations keep carrying it (refreshes repeat
   * it).
   */
  private void reportRejected(KitConfiguration config) {
    reportedRejected.retainAll(config.rejectedEntries());
    for (KitConfiguration.RejectedEntry r : config.rejectedEntries()) {
      if (reportedRejected.add(r)) {
        String kit =
            r.moduleId() < 0 ? "an eks entry without a readable id" : "kit " + r.moduleId();
        reports.accept(
            new KitReport(
                KitReport.Kind.KIT_ENTRY_INVALID,
                r.moduleId(),
                null,
                kit
                    + " is off: its configuration entry cannot be read ("
                    + r.message()
                    + "); the other kits apply. Fix the entry in the workspace's kit configuration.",
                null));
      }
    }
  }

  private ActiveKit create(KitFactory factory, KitEntry entry, DataPlan plan) {
    String name = safeName(factory);
    KitCounters c = counters.computeIfAbsent(entry.moduleId(), id -> new KitCounters(id, name));
    ActiveKit k = new ActiveKit(entry.moduleId(), name, new KitFilters(entry, plan), c, clock);
    k.worker =
        new KitWorker(
            "spoke-kit-" + name,
            queueCapacity,
            threadFactory,
            t -> LOG.warn("kit {} task failed", name, t));
    c.queued = k.worker::queued;
    k.worker.control(
        () -> {
          try {
            Kit kit = factory.create(contexts.apply(k));
            if (kit == null) {
              throw new IllegalStateException(
                  factory.getClass().getName() + ".create returned null");
            }
            k.kit = kit;
            reports.accept(
                new KitReport(
                    KitReport.Kind.KIT_CREATED,
                    k.moduleId,
                    name,
                    "kit " + name + " " + safeVersion(factory) + " created",
                    null));
          } catch (Throwable t) {
            // Errors too (a StackOverflowError or OutOfMemoryError from the factory): they are the
            // kit's failure, and an unguarded one would end the kit's thread with nothing reported.
            // Exclude first: whoever hears the report must already see the kit gone from
            // activeKits().
            exclude(k);
            reports.accept(
                new KitReport(
                    KitReport.Kind.KIT_CREATE_FAILED,
                    k.moduleId,
                    name,
                    "kit "
                        + name
                        + " (module "
                        + k.moduleId
                        + ") could not be created and is excluded: "
                        + t,
                    t));
          }
        });
    return k;
  }

  /**
   * On the kit's thread: a kit that threw an {@link Error} (stack overflow, out of memory, a
   * missing class) is broken beyond one call, so it is taken out of {@code activeKits()} and stays
   * excluded until the configuration disables and enables it again. Its queued calls still run
   * through {@link #run}, which counts them as dropped now that it has no kit; its {@code close} is
   * not called.
   */
  void disable(ActiveKit k, String what, Throwable t) {
    k.kit = null;
    int pending = k.worker.queued();
    exclude(k);
    reports.accept(
        new KitReport(
            KitReport.Kind.KIT_CALL_FAILED,
            k.moduleId,
            k.name,
            "kit "
                + k.name
                + " "
                + what
                + " and is disabled: "
                + t
                + "; "
                + pending
                + " calls still queued for it are dropped",
            t));
  }

  private void exclude(ActiveKit k) {
    synchronized (applyLock) {
      if (kits.get(k.moduleId) == k) {
        Map<Integer, ActiveKit> next = new LinkedHashMap<>(kits);
        next.remove(k.moduleId);
        kits = Collections.unmodifiableMap(next);
        excluded.add(k.moduleId);
      }
    }
    k.worker.shutdown(() -> {});
  }

  void closeKit(ActiveKit k) {
    k.worker.shutdown(
        () -> {
          Kit kit = k.kit;
          if (kit != null) {
            guardedLifecycle(k, kit::close);
            reports.accept(
                new KitReport(
                    KitReport.Kind.KIT_CLOSED,
                    k.moduleId,
                    k.name,
                    "kit " + k.name + " closed",
                    null));
          }
        });
  }

  private void guardedLifecycle(ActiveKit k, KitLifecycle call) {
    try {
      call.run();
    } catch (Throwable t) {
      k.counters.failed.incrementAndGet();
      if (t instanceof Error && k.kit != null) {
        disable(k, "threw " + t.getClass().getName() + " from a lifecycle call", t);
        return;
      }
      reports.accept(
          new KitReport(
              KitReport.Kind.KIT_CALL_FAILED,
              k.moduleId,
              k.name,
              "kit " + k.name + " threw from a lifecycle call: " + t,
              t));
    }
  }

  private interface KitLifecycle {
    void run() throws Exception;
  }

  private static String safeName(KitFactory f) {
    String n;
    try {
      n = f.name();
    } catch (RuntimeException e) {
      n = null;
    }
    if (n == null || n.isBlank()) {
      n = "module-" + f.moduleId();
    }
    return n.trim().replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static String safeVersion(KitFactory f) {
    try {
      return String.valueOf(f.version());
    } catch (RuntimeException e) {
      return "?";
    }
  }
}
