package dev.spoke;

import java.util.Map;

/** A point-in-time copy of an instance's counters. Totals since the instance was created. */
public final class SpokeMetrics {
  private final long accepted;
  private final long delivered;
  private final Map<DropReason, Long> dropped;
  private final Map<ValidationRule, Long> validationIssues;
  private final long batchesSent;
  private final long bytesSent;
  private final long retries;
  private final Map<Integer, Long> failuresByStatus;
  private final int queueDepth;
  private final long pending;
  private final long journalBytes;
  private final int spilledBatches;
  private final long spilledBytes;
  private final Map<String, Map<String, Long>> kits;

  SpokeMetrics(
      long accepted,
      long delivered,
      Map<DropReason, Long> dropped,
      Map<ValidationRule, Long> validationIssues,
      long batchesSent,
      long bytesSent,
      long retries,
      Map<Integer, Long> failuresByStatus,
      int queueDepth,
      long pending,
      long journalBytes,
      int spilledBatches,
      long spilledBytes,
      Map<String, Map<String, Long>> kits) {
    this.accepted = accepted;
    this.delivered = delivered;
    this.dropped = Map.copyOf(dropped);
    this.validationIssues = Map.copyOf(validationIssues);
    this.batchesSent = batchesSent;
    this.bytesSent = bytesSent;
    this.retries = retries;
    this.failuresByStatus = Map.copyOf(failuresByStatus);
    this.queueDepth = queueDepth;
    this.pending = pending;
    this.journalBytes = journalBytes;
    this.spilledBatches = spilledBatches;
    this.spilledBytes = spilledBytes;
    this.kits = Map.copyOf(kits);
  }

  /**
   * Events taken into the capture queue (including session and attribute-change events Spoke
   * emits).
   */
  public long accepted() {
    return accepted;
  }

  /** Events acknowledged by the platform. */
  public long delivered() {
    return delivered;
  }

  /** Events dropped, by reason (reasons without drops are absent). */
  public Map<DropReason, Long> dropped() {
    return dropped;
  }

  /** Sum of {@link #dropped()}. */
  public long droppedTotal() {
    long n = 0;
    for (long v : dropped.values()) n += v;
    return n;
  }

  /** Validation actions taken, by rule. */
  public Map<ValidationRule, Long> validationIssues() {
    return validationIssues;
  }

  /** Batches acknowledged by the platform. */
  public long batchesSent() {
    return batchesSent;
  }

  /** Request body bytes written (after gzip), retries included. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Upload attempts retried. */
  public long retries() {
    return retries;
  }

  /** Failed upload attempts by HTTP status (0 = network failure). */
  public Map<Integer, Long> failuresByStatus() {
    return failuresByStatus;
  }

  /** Records waiting in the capture queue now. */
  public int queueDepth() {
    return queueDepth;
  }

  /** Events accepted and not yet delivered or dropped. */
  public long pending() {
    return pending;
  }

  /** Bytes on disk in the durable journal (0 without one). */
  public long journalBytes() {
    return journalBytes;
  }

  /**
   * Durable mode: sealed batches waiting on disk because the upload backlog was full (the Events
   * API slow or unreachable); they are sent in order as uploads catch up. 0 otherwise.
   */
  public int spilledBatches() {
    return spilledBatches;
  }

  /** Bytes of the {@link #spilledBatches()}. */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** Per kit (by name): received, forwarded, filtered, dropped, failed … */
  public Map<String, Map<String, Long>> kits() {
    return kits;
  }

  @Override
  public String toString() {
    return "SpokeMetrics{accepted="
        + accepted
        + ", delivered="
        + delivered
        + ", dropped="
        + dropped
        + ", validation="
        + validationIssues
        + ", batches="
        + batchesSent
        + ", bytes="
        + bytesSent
        + ", retries="
        + retries
        + ", failures="
        + failuresByStatus
        + ", queue="
        + queueDepth
        + ", pending="
        + pending
        + ", journalBytes="
        + journalBytes
        + ", spilledBatches="
        + spilledBatches
        + ", spilledBytes="
        + spilledBytes
        + ", kits="
        + kits
        + '}';
  }
}
