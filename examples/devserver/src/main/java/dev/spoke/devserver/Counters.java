package dev.spoke.devserver;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link Stats}; LongAdders because handler threads bump them
 * concurrently.
 */
final class Counters {
  final LongAdder requests = new LongAdder();
  final LongAdder batchesAccepted = new LongAdder();
  final LongAdder eventsAccepted = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder timestampsReset = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder bytesDecoded = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

  /** Forwarding statistics records accepted, by kit module id. */
  private final Map<Integer, LongAdder> forwarded = new ConcurrentHashMap<>();

  final LongAdder forwardingRejected = new LongAdder();

  void rejected(RejectReason reason) {
    rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  void status(int status) {
    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  void fault(String kind) {
    faults.computeIfAbsent(kind, s -> new LongAdder()).increment();
  }

  void forwarded(int moduleId) {
    forwarded.computeIfAbsent(moduleId, m -> new LongAdder()).increment();
  }

  Stats snapshot() {
    Map<RejectReason, Long> r = new EnumMap<>(RejectReason.class);
    rejected.forEach((k, v) -> r.put(k, v.sum()));
    Map<Integer, Long> s = new TreeMap<>();
    statuses.forEach((k, v) -> s.put(k, v.sum()));
    Map<String, Long> f = new TreeMap<>();
    faults.forEach((k, v) -> f.put(k, v.sum()));
    return new Stats(
            requests.sum(),
            batchesAccepted.sum(),
            eventsAccepted.sum(),
            duplicates.sum(),
            timestampsReset.sum(),
            bytesReceived.sum(),
            bytesDecoded.sum(),
            r,
            s,
            f)
        .withForwarding(ForwardingEndpoint.snapshot(forwarded), forwardingRejected.sum());
  }
}
