package dev.spoke;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether uploads to the Events API are getting through right now: what a health check needs and
 * the counters of {@link SpokeMetrics} cannot say (a failure count that grew tells nothing about
 * whether the last attempt succeeded). Read it with {@link Spoke#uploadStatus()}; it is a
 * point-in-time copy and never holds the secret.
 *
 * <p>The state follows the outcome of the latest upload attempt: a 2xx makes it {@link State#OK}, a
 * 429, 5xx or network failure that will be retried makes it {@link State#FAILING}, a 401/403 makes
 * it {@link State#PAUSED} until the platform accepts the credentials again (see {@link
 * Spoke#updateSecret(String)}). A batch the platform refused for good (400, 413, other 4xx) does
 * not change it: the platform answered, and the drop is counted in {@link SpokeMetrics#dropped()}.
 * The Events API's answers and how Spoke treats each are in docs/WIRE.md §1 (401 missing auth, 403
 * bad credentials, 429 and 5xx retried), with their sources.
 */
public final class UploadStatus {

  /** Where uploads stand. */
  public enum State {
    /** The latest attempt was accepted, or nothing has needed sending yet. */
    OK,
    /**
     * The latest attempt failed (429, 5xx or a network failure) and is being retried: with a data
     * directory until the platform accepts it, in memory only up to the retry limit ({@link
     * DropReason#RETRIES_EXHAUSTED}).
     */
    FAILING,
    /**
     * The platform refused the credentials (401/403): uploads wait for a valid secret; the data is
     * kept.
     */
    PAUSED
  }

  private final State state;
  private final Instant since;
  private final int httpStatus;
  private final String reason;
  private final long consecutiveFailures;
  private final Instant lastDelivery;

  UploadStatus(
      State state,
      Instant since,
      int httpStatus,
      String reason,
      long consecutiveFailures,
      Instant lastDelivery) {
    this.state = Objects.requireNonNull(state, "state");
    this.since = Objects.requireNonNull(since, "since");
    this.httpStatus = httpStatus;
    this.reason = reason;
    this.consecutiveFailures = consecutiveFailures;
    this.lastDelivery = lastDelivery;
  }

  /** Where uploads stand now. */
  public State state() {
    return state;
  }

  /** When the current {@link #state()} began, on the instance's clock. */
  public Instant since() {
    return since;
  }

  /**
   * The HTTP status of the failure behind a {@link State#FAILING} or {@link State#PAUSED} state (0
   * for a network failure), or -1 when the state is {@link State#OK}.
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * What went wrong and what to do about it, for an operator (for a pause, the key involved and the
   * fix; never the secret), or null when the state is {@link State#OK}.
   */
  public String reason() {
    return reason;
  }

  /**
   * Upload attempts that failed since the last accepted one (0 when the state is {@link State#OK}).
   */
  public long consecutiveFailures() {
    return consecutiveFailures;
  }

  /** When the platform last accepted a request of this instance, or null if it has not yet. */
  public Instant lastDelivery() {
    return lastDelivery;
  }

  @Override
  public String toString() {
    return "UploadStatus{"
        + state
        + " since "
        + since
        + (state == State.OK
            ? ""
            : ", httpStatus="
                + httpStatus
                + ", consecutiveFailures="
                + consecutiveFailures
                + ", reason="
                + reason)
        + ", lastDelivery="
        + lastDelivery
        + '}';
  }

  /**
   * Keeps the current status as upload outcomes arrive on the uploader's threads. Outcomes of
   * requests in flight together may arrive in any order; the latest one reported wins, which is
   * what a health check asks ("is the latest attempt getting through?").
   */
  static final class Tracker {
    private final java.time.Clock clock;
    private UploadStatus current;

    Tracker(java.time.Clock clock) {
      this.clock = clock;
      this.current = new UploadStatus(State.OK, clock.instant(), -1, null, 0, null);
    }

    synchronized UploadStatus current() {
      return current;
    }

    synchronized void delivered() {
      Instant now = clock.instant();
      Instant since = current.state == State.OK ? current.since : now;
      current = new UploadStatus(State.OK, since, -1, null, 0, now);
    }

    synchronized void failed(int httpStatus, String cause) {
      // A retry while paused (a probe answered 5xx after the credentials were accepted) is a
      // failure.
      Instant since = current.state == State.FAILING ? current.since : clock.instant();
      String reason =
          (httpStatus == 0
                  ? "network failure: " + cause
                  : "Events API answered HTTP "
                      + httpStatus
                      + (cause == null || cause.isBlank() || cause.equals("HTTP " + httpStatus)
                          ? ""
                          : " (" + cause + ")"))
              + "; retrying with backoff";
      current =
          new UploadStatus(
              State.FAILING,
              since,
              httpStatus,
              reason,
              current.consecutiveFailures + 1,
              current.lastDelivery);
    }

    synchronized void paused(int httpStatus, String message) {
      Instant since = current.state == State.PAUSED ? current.since : clock.instant();
      current =
          new UploadStatus(
              State.PAUSED,
              since,
              httpStatus,
              message,
              current.consecutiveFailures + 1,
              current.lastDelivery);
    }

    /**
     * The credentials were accepted again; the next outcome (accepted or a retry) refines the
     * state.
     */
    synchronized void resumed() {
      if (current.state == State.PAUSED) {
        current = new UploadStatus(State.OK, clock.instant(), -1, null, 0, current.lastDelivery);
      }
    }
  }
}
