package dev.spoke.internal;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.ValidationIssue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Not API. Puts what the host's {@link SpokeListener} hears into the host's log, so that nothing
 * Spoke cannot deliver goes unnoticed by an app that registered no listener: failed uploads, paused
 * uploads (401/403), retries giving up, dropped events (any reason) and events left at close are
 * logged at WARN or ERROR; each request is logged at DEBUG.
 *
 * <p>Rate-limited per reason: the first occurrence of a reason is logged at once; later ones within
 * the interval are counted and logged as one summary line with their count when the interval has
 * passed (at the next signal of any kind) or at {@link #close()}. The workspace secret is masked in
 * every line, whatever a server echoed back.
 *
 * <p>Signals arrive on Spoke's threads (worker, uploaders, and the tracking thread for validation
 * drops); the counting is synchronized and cheap, and logging happens outside the lock.
 */
public final class SignalLog implements SpokeListener {

  /** The default summary interval: at most one line per reason per minute. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final SpokeListener next;
  private final Logger log;
  private final Clock clock;
  private final long intervalMillis;
  private final Supplier<String> secret;
  private final String name;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param next the listener that hears every signal after it is logged (the host's, guarded)
   * @param log where lines go (Spoke's logger by default)
   * @param clock the clock of the rate limit
   * @param interval one summary line per reason per interval
   * @param secret the current workspace secret, masked in every line
   * @param name the workspace key, so that lines of several instances can be told apart
   */
  public SignalLog(
      SpokeListener next,
      Logger log,
      Clock clock,
      Duration interval,
      Supplier<String> secret,
      String name) {
    this.next = next;
    this.log = log;
    this.clock = clock;
    this.intervalMillis = Math.max(1, interval.toMillis());
    this.secret = secret;
    this.name = name;
  }

  private enum Level {
    WARN,
    ERROR
  }

  /** One reason's counts within the current interval. */
  private static final class Entry {
    final Level level;
    final String what;
    long windowStartMillis;
    long heldOccurrences;
    long heldCount;
    String lastDetail;

    Entry(Level level, String what, long now) {
      this.level = level;
      this.what = what;
      this.windowStartMillis = now;
    }
  }

  // ------------------------------------------------------------------ SpokeListener

  @Override
  public void onValidation(ValidationIssue issue) {
    next.onValidation(issue);
  }

  @Override
  public void onDrop(DropReason reason, long count, String detail) {
    Level level =
        reason == DropReason.RETRIES_EXHAUSTED
                || reason == DropReason.UNSENT_AT_CLOSE
                || reason == DropReason.JOURNAL_FULL
            ? Level.ERROR
            : Level.WARN;
    record("drop:" + reason, level, "events dropped (" + reason + ")", count, detail);
    next.onDrop(reason, count, detail);
  }

  @Override
  public void onDelivered(int batches, int events, long bytes) {
    sweep();
    next.onDelivered(batches, events, bytes);
  }

  @Override
  public void onRetry(int httpStatus, String cause, int attempt, long delayMillis) {
    String key = httpStatus == 0 ? "network error" : "HTTP " + httpStatus;
    record(
        "retry:" + key,
        Level.WARN,
        "failed uploads (" + key + "), retried with backoff",
        1,
        cause + " (attempt " + attempt + ", next in " + delayMillis + " ms)");
    next.onRetry(httpStatus, cause, attempt, delayMillis);
  }

  @Override
  public void onUploadsPaused(int httpStatus, String message) {
    record(
        "paused:" + httpStatus, Level.ERROR, "upload pauses (HTTP " + httpStatus + ")", 1, message);
    next.onUploadsPaused(httpStatus, message);
  }

  @Override
  public void onUploadsResumed() {
    if (log.isInfoEnabled())
      log.info("spoke {}: uploads resumed: the Events API accepted the credentials", name);
    sweep();
    next.onUploadsResumed();
  }

  @Override
  public void onJournal(String message) {
    // Journal notices are logged where they arise, at their own level; here they only pass through.
    next.onJournal(message);
  }

  @Override
  public void onKit(int moduleId, String kitName, String message) {
    // The kit manager logs each report at its level (and rate-limits failing kits).
    next.onKit(moduleId, kitName, message);
  }

  // ------------------------------------------------------------------ more than the listener hears

  /** One upload request completed (any status) or failed on the network (status 0). DEBUG only. */
  public void request(int httpStatus, long bytes, int batches, long latencyNanos, String error) {
    if (!log.isDebugEnabled()) return;
    long ms = latencyNanos / 1_000_000;
    if (error != null) {
      log.debug(
          "spoke {}: upload of {} batches, {} bytes failed after {} ms: {}",
          name,
          batches,
          bytes,
          ms,
          mask(error));
    } else {
      log.debug(
          "spoke {}: upload of {} batches, {} bytes: HTTP {} in {} ms",
          name,
          batches,
          bytes,
          httpStatus,
          ms);
    }
  }

  /**
   * {@code close} finished: logs what was not delivered and every count still held back.
   *
   * @param pending events accepted and neither delivered nor dropped
   * @param keptInJournal whether such events stay in the journal for the next start
   */
  public void close(long pending, boolean keptInJournal) {
    flushAll();
    if (pending > 0) {
      if (keptInJournal) {
        log.warn(
            "spoke {}: closed with {} events not yet delivered; they stay in the journal and are sent on"
                + " the next start with the same data directory",
            name,
            pending);
      } else {
        log.error(
            "spoke {}: closed with {} events not delivered; they are lost (a dataDirectory keeps such"
                + " events for the next start, a longer close timeout gives uploads more time)",
            name,
            pending);
      }
    }
  }

  /** Logs every count held back so far, whatever the interval. */
  public void flushAll() {
    List<String[]> lines = new ArrayList<>();
    synchronized (this) {
      long now = clock.millis();
      for (Entry e : entries.values()) {
        summarize(e, now, lines);
      }
      entries.clear();
    }
    emit(lines);
  }

  // ------------------------------------------------------------------ rate limiting

  private void record(String key, Level level, String what, long count, String detail) {
    List<String[]> lines = new ArrayList<>(2);
    synchronized (this) {
      long now = clock.millis();
      sweepLocked(now, lines);
      Entry e = entries.get(key);
      if (e == null) {
        entries.put(key, new Entry(level, what, now));
        lines.add(new String[] {level.name(), count + " " + what + ": " + String.valueOf(detail)});
      } else {
        e.heldOccurrences++;
        e.heldCount += count;
        e.lastDetail = detail;
      }
    }
    emit(lines);
  }

  private void sweep() {
    List<String[]> lines;
    synchronized (this) {
      if (entries.isEmpty()) return;
      lines = new ArrayList<>();
      sweepLocked(clock.millis(), lines);
    }
    emit(lines);
  }

  /**
   * Summarizes every reason whose interval has passed; a reason quiet for a whole interval is
   * forgotten.
   */
  private void sweepLocked(long now, List<String[]> lines) {
    entries
        .values()
        .removeIf(
            e -> {
              if (now - e.windowStartMillis < intervalMillis) return false;
              boolean held = e.heldOccurrences > 0;
              summarize(e, now, lines);
              e.windowStartMillis = now;
              return !held; // nothing happened in the last interval: the next occurrence is logged
              // at once
            });
  }

  private static void summarize(Entry e, long now, List<String[]> lines) {
    if (e.heldOccurrences == 0) return;
    long seconds = Math.max(1, (now - e.windowStartMillis + 999) / 1000);
    lines.add(
        new String[] {
          e.level.name(),
          e.heldCount
              + " more "
              + e.what
              + " in the last "
              + seconds
              + " s ("
              + e.heldOccurrences
              + " reports); last: "
              + e.lastDetail
        });
    e.heldOccurrences = 0;
    e.heldCount = 0;
    e.lastDetail = null;
  }

  private void emit(List<String[]> lines) {
    if (lines == null) return;
    for (String[] l : lines) {
      String text = mask(l[1]);
      if (l[0].equals("ERROR")) {
        log.error("spoke {}: {}", name, text);
      } else {
        log.warn("spoke {}: {}", name, text);
      }
    }
  }

  private String mask(String text) {
    String s;
    try {
      s = secret.get();
    } catch (RuntimeException e) {
      s = null;
    }
    if (text == null || s == null || s.isEmpty()) return text;
    return text.replace(s, "****");
  }
}
