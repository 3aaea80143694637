package dev.spoke.devserver;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of the devserver's counters since start. Immutable. */
public final class Stats {

  private final long requests;
  private final long batchesAccepted;
  private final long eventsAccepted;
  private final long duplicates;
  private final long timestampsReset;
  private final long bytesReceived;
  private final long bytesDecoded;
  private final Map<RejectReason, Long> rejected;
  private final Map<Integer, Long> statuses;
  private final Map<String, Long> faults;
  private final Map<Integer, Long> forwarding;
  private final long forwardingRejected;

  Stats(
      long requests,
      long batchesAccepted,
      long eventsAccepted,
      long duplicates,
      long timestampsReset,
      long bytesReceived,
      long bytesDecoded,
      Map<RejectReason, Long> rejected,
      Map<Integer, Long> statuses,
      Map<String, Long> faults) {
    this(
        requests,
        batchesAccepted,
        eventsAccepted,
        duplicates,
        timestampsReset,
        bytesReceived,
        bytesDecoded,
        rejected,
        statuses,
        faults,
        Map.of(),
        0);
  }

  private Stats(
      long requests,
      long batchesAccepted,
      long eventsAccepted,
      long duplicates,
      long timestampsReset,
      long bytesReceived,
      long bytesDecoded,
      Map<RejectReason, Long> rejected,
      Map<Integer, Long> statuses,
      Map<String, Long> faults,
      Map<Integer, Long> forwarding,
      long forwardingRejected) {
    this.requests = requests;
    this.batchesAccepted = batchesAccepted;
    this.eventsAccepted = eventsAccepted;
    this.duplicates = duplicates;
    this.timestampsReset = timestampsReset;
    this.bytesReceived = bytesReceived;
    this.bytesDecoded = bytesDecoded;
    this.rejected =
        Collections.unmodifiableMap(
            rejected.isEmpty() ? new EnumMap<>(RejectReason.class) : new EnumMap<>(rejected));
    this.statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
    this.faults = Collections.unmodifiableMap(new TreeMap<>(faults));
    this.forwarding = Collections.unmodifiableMap(new TreeMap<>(forwarding));
    this.forwardingRejected = forwardingRejected;
  }

  /**
   * HTTP requests received on the API endpoints (Events API, IDSync, configuration), including
   * faulted ones; the live page, {@code /stats} and the partner sink are not counted.
   */
  public long requests() {
    return requests;
  }

  /** Batches stored (not counting duplicates). */
  public long batchesAccepted() {
    return batchesAccepted;
  }

  /** Events in stored batches. */
  public long eventsAccepted() {
    return eventsAccepted;
  }

  /**
   * Batches answered 202 but not stored because their {@code source_request_id} was seen before.
   */
  public long duplicates() {
    return duplicates;
  }

  /** Batch or event timestamps more than 15 minutes ahead that were reset to the server's now. */
  public long timestampsReset() {
    return timestampsReset;
  }

  /** Request body bytes as sent on the wire (compressed if gzip). */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** Request body bytes after decompression. */
  public long bytesDecoded() {
    return bytesDecoded;
  }

  /** Rejections (of requests or of single batches) by reason. */
  public Map<RejectReason, Long> rejected() {
    return rejected;
  }

  /** Rejections for one reason. */
  public long rejected(RejectReason reason) {
    return rejected.getOrDefault(reason, 0L);
  }

  /** Responses by HTTP status (dropped connections are not responses). */
  public Map<Integer, Long> statuses() {
    return statuses;
  }

  /** Responses with one status. */
  public long status(int code) {
    return statuses.getOrDefault(code, 0L);
  }

  /**
   * A copy with the forwarding statistics counts (kept apart from the constructor's Events API
   * counts).
   */
  Stats withForwarding(Map<Integer, Long> byModule, long rejected) {
    return new Stats(
        requests,
        batchesAccepted,
        eventsAccepted,
        duplicates,
        timestampsReset,
        bytesReceived,
        bytesDecoded,
        this.rejected,
        statuses,
        faults,
        byModule,
        rejected);
  }

  /**
   * Forwarding statistics records accepted ({@code POST /v{1,2}/JS/<key>/Forwarding}: what SDKs
   * report their kits forwarded), by kit module id.
   */
  public Map<Integer, Long> forwarding() {
    return forwarding;
  }

  /**
   * @return all forwarding statistics records accepted
   */
  public long forwardingRecords() {
    long n = 0;
    for (long v : forwarding.values()) {
      n += v;
    }
    return n;
  }

  /**
   * @return forwarding statistics requests refused (malformed)
   */
  public long forwardingRejected() {
    return forwardingRejected;
  }

  /**
   * Injected faults by kind: {@code drop}, {@code outage}, {@code 429}, {@code 500}; and {@code
   * refused}: requests turned away because {@code maxConnections} requests were already in
   * progress.
   */
  public Map<String, Long> faults() {
    return faults;
  }

  @Override
  public String toString() {
    return "Stats[requests="
        + requests
        + ", batchesAccepted="
        + batchesAccepted
        + ", eventsAccepted="
        + eventsAccepted
        + ", duplicates="
        + duplicates
        + ", timestampsReset="
        + timestampsReset
        + ", bytesReceived="
        + bytesReceived
        + ", bytesDecoded="
        + bytesDecoded
        + ", rejected="
        + rejected
        + ", statuses="
        + statuses
        + ", faults="
        + faults
        + ", forwarding="
        + forwarding
        + ", forwardingRejected="
        + forwardingRejected
        + "]";
  }
}
