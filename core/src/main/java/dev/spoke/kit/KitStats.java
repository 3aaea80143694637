package dev.spoke.kit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one kit's counters since Spoke started. Immutable.
 *
 * <p>{@code received} counts calls Spoke tried to hand the kit; each then ends as exactly one of
 * {@code filtered} (a rule blocked it, counted per rule), {@code dropped} (the kit's queue was
 * full, or the kit was excluded or closed), {@code failed} (the kit threw) or {@code delivered},
 * except calls still queued. {@code forwarded} counts the kit's own {@link
 * KitContext#reportForwarded} calls.
 */
public final class KitStats {
  private final int moduleId;
  private final String name;
  private final long received;
  private final long delivered;
  private final long forwarded;
  private final Map<String, Long> filtered;
  private final long dropped;
  private final long failed;
  private final int queued;
  private final Map<String, Long> dataPlanBlocked;

  /**
   * @param moduleId the kit's module id
   * @param name the kit's name
   * @param received calls Spoke tried to hand the kit
   * @param delivered calls the kit returned from normally
   * @param forwarded the kit's reportForwarded calls
   * @param filtered calls blocked, by rule name (et, ec, svec, bk, crvf, avf, eau, honorOptOut,
   *     dataPlan, ua)
   * @param dropped calls dropped because the queue was full or the kit was gone
   * @param failed calls that threw
   * @param queued calls waiting in the kit's queue now
   */
  public KitStats(
      int moduleId,
      String name,
      long received,
      long delivered,
      long forwarded,
      Map<String, Long> filtered,
      long dropped,
      long failed,
      int queued) {
    this(
        moduleId, name, received, delivered, forwarded, filtered, dropped, failed, queued,
        Map.of());
  }

  /**
   * @param dataPlanBlocked what the data plan kept from the kit, by kind: {@code event}, {@code
   *     eventAttribute}, {@code productAttribute}, {@code userAttribute}, {@code identity}
   * @see #KitStats(int, String, long, long, long, Map, long, long, int)
   */
  public KitStats(
      int moduleId,
      String name,
      long received,
      long delivered,
      long forwarded,
      Map<String, Long> filtered,
      long dropped,
      long failed,
      int queued,
      Map<String, Long> dataPlanBlocked) {
    this.moduleId = moduleId;
    this.name = name;
    this.received = received;
    this.delivered = delivered;
    this.forwarded = forwarded;
    this.filtered = Collections.unmodifiableMap(new TreeMap<>(filtered));
    this.dropped = dropped;
    this.failed = failed;
    this.queued = queued;
    this.dataPlanBlocked = Collections.unmodifiableMap(new TreeMap<>(dataPlanBlocked));
  }

  /**
   * @return the kit's module id
   */
  public int moduleId() {
    return moduleId;
  }

  /**
   * @return the kit's name
   */
  public String name() {
    return name;
  }

  /**
   * @return calls Spoke tried to hand the kit
   */
  public long received() {
    return received;
  }

  /**
   * @return calls the kit returned from normally
   */
  public long delivered() {
    return delivered;
  }

  /**
   * @return the kit's own reportForwarded calls
   */
  public long forwarded() {
    return forwarded;
  }

  /**
   * @return calls blocked, by rule name, unmodifiable, sorted by rule
   */
  public Map<String, Long> filtered() {
    return filtered;
  }

  /**
   * @return all calls blocked by any rule
   */
  public long filteredTotal() {
    long n = 0;
    for (long v : filtered.values()) {
      n += v;
    }
    return n;
  }

  /**
   * What the data plan kept from this kit, by kind ({@code event}, {@code eventAttribute}, {@code
   * productAttribute}, {@code userAttribute}, {@code identity}). Blocked events and blocked user
   * attribute calls also count as calls in {@link #filtered()} under {@code dataPlan}; the others
   * are items removed from calls that still reached the kit (an identity or user attribute is
   * counted each time it is removed from the user a call carries).
   *
   * @return counts by kind, unmodifiable, sorted
   */
  public Map<String, Long> dataPlanBlocked() {
    return dataPlanBlocked;
  }

  /**
   * @return calls dropped because the queue was full, or the kit was excluded or closed
   */
  public long dropped() {
    return dropped;
  }

  /**
   * @return calls that threw
   */
  public long failed() {
    return failed;
  }

  /**
   * @return calls waiting in the kit's queue when the snapshot was taken
   */
  public int queued() {
    return queued;
  }

  @Override
  public String toString() {
    return "KitStats{"
        + name
        + " ("
        + moduleId
        + "), received="
        + received
        + ", delivered="
        + delivered
        + ", forwarded="
        + forwarded
        + ", filtered="
        + filtered
        + ", dropped="
        + dropped
        + ", failed="
        + failed
        + ", queued="
        + queued
        + (dataPlanBlocked.isEmpty() ? "" : ", dataPlanBlocked=" + dataPlanBlocked)
        + '}';
  }
}
