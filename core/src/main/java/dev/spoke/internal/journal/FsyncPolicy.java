package dev.spoke.internal.journal;

import java.time.Duration;

/**
 * When the journal forces its writes to the storage device. Immutable. Not API.
 *
 * <ul>
 *   <li>{@link #always()}: before {@code append}/{@code acknowledge} return. Survives power loss;
 *       costs one device flush per call.
 *   <li>{@link #interval(Duration)} (default 200 ms): at most that long after a write. A process
 *       crash loses nothing (the OS holds the data); a power loss loses at most the interval.
 *   <li>{@link #never()}: left to the OS (and to {@code close}).
 * </ul>
 */
public final class FsyncPolicy {
  /** The kind of policy. */
  public enum Kind { ALWAYS, INTERVAL, NEVER }

  private static final FsyncPolicy ALWAYS = new FsyncPolicy(Kind.ALWAYS, 0);
  private static final FsyncPolicy NEVER = new FsyncPolicy(Kind.NEVER, 0);

  private final Kind kind;
  private final long intervalMillis;

  private FsyncPolicy(Kind kind, long intervalMillis) {
    this.kind = kind;
    this.intervalMillis = intervalMillis;
  }

  public static FsyncPolicy always() {
    return ALWAYS;
  }

  public static FsyncPolicy never() {
    return NEVER;
  }

  /** Sync at most {@code interval} after a write; must be positive. */
  public static FsyncPolicy interval(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("fsync interval is " + interval
          + ": must be positive, e.g. Duration.ofMillis(200); use always() for every write");
    }
    return new FsyncPolicy(Kind.INTERVAL, interval.toMillis());
  }

  /** The default: every 200 ms. */
  public static FsyncPolicy defaultPolicy() {
    return interval(Duration.ofMillis(200));
  }

  public Kind kind() {
    return kind;
  }

  /** The interval in ms (0 unless {@link Kind#INTERVAL}). */
  public long intervalMillis() {
    return intervalMillis;
  }

  @Override
  public String toString() {
    return kind == Kind.INTERVAL ? "INTERVAL(" + intervalMillis + "ms)" : kind.name();
  }
}
