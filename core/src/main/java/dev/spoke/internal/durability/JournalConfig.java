package dev.spoke.internal.durability;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Settings of a {@link Journal}. Immutable; the builder fails fast. Not API. */
public final class JournalConfig {
  final long segmentBytes;
  final long maxTotalBytes;
  final FsyncPolicy fsync;
  final long fsyncIntervalMillis;
  final LongSupplier clockMillis;
  final boolean backgroundSync;

  private JournalConfig(Builder b) {
    this.segmentBytes = b.segmentBytes;
    this.maxTotalBytes = b.maxTotalBytes;
    this.fsync = b.fsync;
    this.fsyncIntervalMillis = b.fsyncIntervalMillis;
    this.clockMillis = b.clockMillis;
    this.backgroundSync = b.backgroundSync;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 8 MB segments, 256 MB in total, fsync every 200 ms. */
  public static JournalConfig defaults() {
    return builder().build();
  }

  public long segmentBytes() {
    return segmentBytes;
  }

  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  public FsyncPolicy fsync() {
    return fsync;
  }

  /** The interval of {@link FsyncPolicy#INTERVAL}, in ms. */
  public long fsyncIntervalMillis() {
    return fsyncIntervalMillis;
  }

  @Override
  public String toString() {
    return "JournalConfig{segmentBytes="
        + segmentBytes
        + ", maxTotalBytes="
        + maxTotalBytes
        + ", fsync="
        + (fsync == FsyncPolicy.INTERVAL ? "INTERVAL(" + fsyncIntervalMillis + "ms)" : fsync.name())
        + '}';
  }

  /** Builder. Not thread-safe. */
  public static final class Builder {
    private long segmentBytes = 8L * 1024 * 1024;
    private long maxTotalBytes = 256L * 1024 * 1024;
    private FsyncPolicy fsync = FsyncPolicy.INTERVAL;
    private long fsyncIntervalMillis = 200;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private boolean backgroundSync = true;

    private Builder() {}

    /** A segment is rolled once a record would take it past this size. */
    public Builder segmentBytes(long v) {
      this.segmentBytes = v;
      return this;
    }

    /** Appends are refused (counted by the caller) once the files would exceed this. */
    public Builder maxTotalBytes(long v) {
      this.maxTotalBytes = v;
      return this;
    }

    /**
     * When writes are forced to the device: {@code ALWAYS} before {@code append}/{@code
     * acknowledge} return (survives power loss, one device flush per call); {@code INTERVAL}
     * (default) at most {@link #fsyncInterval} after a write (a process crash loses nothing, a
     * power loss at most the interval); {@code NEVER} left to the OS (and to {@code close}). The
     * same type as the public option, so no mapping stands between them.
     */
    public Builder fsync(FsyncPolicy v) {
      this.fsync = v;
      return this;
    }

    /** The interval of {@link FsyncPolicy#INTERVAL} (default 200 ms); must be positive. */
    public Builder fsyncInterval(Duration interval) {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "fsync interval is "
                + interval
                + ": must be positive, e.g. Duration.ofMillis(200); use ALWAYS for every write");
      }
      this.fsyncIntervalMillis = interval.toMillis();
      return this;
    }

    /** Clock deciding when an INTERVAL sync is due on the write path. */
    public Builder clockMillis(LongSupplier v) {
      this.clockMillis = v;
      return this;
    }

    /**
     * Whether an INTERVAL journal runs a daemon thread ({@code spoke-journal-sync}) that syncs
     * writes once they are due even if no further write comes; on by default.
     */
    public Builder backgroundSync(boolean v) {
      this.backgroundSync = v;
      return this;
    }

    public JournalConfig build() {
      if (segmentBytes < 1024) {
        throw new IllegalArgumentException(
            "segmentBytes is " + segmentBytes + ": must be >= 1024 (default 8 MB)");
      }
      if (maxTotalBytes < segmentBytes) {
        throw new IllegalArgumentException(
            "maxTotalBytes is "
                + maxTotalBytes
                + ": must be >= segmentBytes ("
                + segmentBytes
                + ")");
      }
      Objects.requireNonNull(fsync, "fsync is null: use FsyncPolicy.INTERVAL");
      Objects.requireNonNull(clockMillis, "clockMillis is null: use System::currentTimeMillis");
      return new JournalConfig(this);
    }
  }
}
