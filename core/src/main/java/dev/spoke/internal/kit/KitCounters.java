package dev.spoke.internal.kit;

import dev.spoke.kit.KitStats;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Not API. One kit's live counters; {@link #snapshot} makes a {@link KitStats}. */
final class KitCounters {
  final int moduleId;
  final String name;
  final AtomicLong received = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong forwarded = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final ConcurrentHashMap<String, AtomicLong> filtered = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> planBlocked = new ConcurrentHashMap<>();
  volatile IntSupplier queued = () -> 0;

  KitCounters(int moduleId, String name) {
    this.moduleId = moduleId;
    this.name = name;
  }

  void filtered(String rule) {
    filtered.computeIfAbsent(rule, r -> new AtomicLong()).incrementAndGet();
  }

  void planBlocked(PlanBlock.Kind kind) {
    planBlocked.computeIfAbsent(kind.counterName(), r -> new AtomicLong()).incrementAndGet();
  }

  KitStats snapshot() {
    Map<String, Long> f = new HashMap<>();
    filtered.forEach((k, v) -> f.put(k, v.get()));
    Map<String, Long> p = new HashMap<>();
    planBlocked.forEach((k, v) -> p.put(k, v.get()));
    return new KitStats(
        moduleId,
        name,
        received.get(),
        delivered.get(),
        forwarded.get(),
        f,
        dropped.get(),
        failed.get(),
        queued.getAsInt(),
        p);
  }
}
