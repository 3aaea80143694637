package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.ValidationRule;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The instance's counters; LongAdders because producers on several threads bump them. Not API. */
public final class Counters {
  public final LongAdder accepted = new LongAdder();
  public final LongAdder delivered = new LongAdder();
  public final LongAdder batchesSent = new LongAdder();
  public final LongAdder requestsSent = new LongAdder();
  public final LongAdder bytesSent = new LongAdder();
  public final LongAdder retries = new LongAdder();
  public final LongAdder journalAppends = new LongAdder();

  /** Queue-full drops not yet reported to the listener (reported once per upload cycle). */
  public final AtomicLong queueFullUnreported = new AtomicLong();

  /**
   * Opted-out drops not yet reported to the listener (reported once per upload cycle and at close).
   */
  public final AtomicLong optedOutUnreported = new AtomicLong();

  private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final EnumMap<ValidationRule, LongAdder> validation = new EnumMap<>(ValidationRule.class);
  private final ConcurrentHashMap<Integer, LongAdder> failuresByStatus = new ConcurrentHashMap<>();

  public Counters() {
    for (DropReason r : DropReason.values()) dropped.put(r, new LongAdder());
    for (ValidationRule r : ValidationRule.values()) validation.put(r, new LongAdder());
  }

  public void drop(DropReason reason, long n) {
    dropped.get(reason).add(n);
  }

  public long dropped(DropReason reason) {
    return dropped.get(reason).sum();
  }

  public long droppedTotal() {
    long n = 0;
    for (LongAdder a : dropped.values()) n += a.sum();
    return n;
  }

  public Map<DropReason, Long> droppedSnapshot() {
    EnumMap<DropReason, Long> m = new EnumMap<>(DropReason.class);
    dropped.forEach(
        (k, v) -> {
          long s = v.sum();
          if (s > 0) m.put(k, s);
        });
    return m;
  }

  public void validation(ValidationRule rule) {
    validation.get(rule).increment();
  }

  public Map<ValidationRule, Long> validationSnapshot() {
    EnumMap<ValidationRule, Long> m = new EnumMap<>(ValidationRule.class);
    validation.forEach(
        (k, v) -> {
          long s = v.sum();
          if (s > 0) m.put(k, s);
        });
    return m;
  }

  /**
   * @param status the HTTP status, or 0 for a network failure
   */
  public void failure(int status) {
    failuresByStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
  }

  public Map<Integer, Long> failuresSnapshot() {
    Map<Integer, Long> m = new java.util.TreeMap<>();
    failuresByStatus.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
