package dev.spoke;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a {@link Spoke#flush(Duration)} or {@link Spoke#close(Duration)} achieved. Counts are totals
 * since the instance was created; {@link #complete()} says whether everything accepted before the
 * call was resolved (delivered or dropped) within the timeout.
 */
public final class FlushResult {
  private final boolean complete;
  private final long delivered;
  private final Map<DropReason, Long> dropped;
  private final long pending;
  private final Duration elapsed;

  FlushResult(
      boolean complete,
      long delivered,
      Map<DropReason, Long> dropped,
      long pending,
      Duration elapsed) {
    this.complete = complete;
    this.delivered = delivered;
    EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
    copy.putAll(dropped);
    this.dropped = Collections.unmodifiableMap(copy);
    this.pending = pending;
    this.elapsed = elapsed;
  }

  /** True when every event accepted before the call was delivered or dropped before the timeout. */
  public boolean complete() {
    return complete;
  }

  /** Events the platform acknowledged (2xx), since creation. */
  public long delivered() {
    return delivered;
  }

  /** Events dropped, by reason, since creation (reasons with no drops are absent). */
  public Map<DropReason, Long> dropped() {
    return dropped;
  }

  /** Sum of {@link #dropped()}. */
  public long droppedTotal() {
    long n = 0;
    for (long v : dropped.values()) n += v;
    return n;
  }

  /**
   * Events accepted but neither delivered nor dropped when the call returned (kept in the journal
   * if one is configured).
   */
  public long pending() {
    return pending;
  }

  /** How long the call took. */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return "FlushResult{complete="
        + complete
        + ", delivered="
        + delivered
        + ", dropped="
        + dropped
        + ", pending="
        + pending
        + ", elapsed="
        + elapsed.toMillis()
        + "ms}";
  }
}
