package dev.spoke.internal.upload;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One finished batch: its JSON bytes are built once and sent unchanged on every retry. Not API.
 *
 * <p>The {@code json} array is owned by the batch once built (no defensive copy: batches are up to
 * 128 KB and are handed around on the hot path); nobody may modify it afterwards.
 */
public final class SealedBatch {
  private final String sourceRequestId;
  private final byte[] json;
  private final boolean historical;
  private final int eventCount;
  private final String userKey;
  private final long sealSequence;
  private final Object attachment;
  private final BatchCompletion completion = new BatchCompletion();

  private SealedBatch(Builder b) {
    this.sourceRequestId = b.sourceRequestId;
    this.json = b.json;
    this.historical = b.historical;
    this.eventCount = b.eventCount;
    this.userKey = b.userKey;
    this.sealSequence = b.sealSequence;
    this.attachment = b.attachment;
  }

  /** Starts a builder; {@code sourceRequestId} and {@code json} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The batch's {@code source_request_id} (also inside {@link #json()}). */
  public String sourceRequestId() {
    return sourceRequestId;
  }

  /** The complete batch JSON object, UTF-8. Shared, never modify. */
  public byte[] json() {
    return json;
  }

  /** Size of {@link #json()} in bytes. */
  public int sizeBytes() {
    return json.length;
  }

  /** True when the batch must go to {@code /v2/bulkevents/historical}. */
  public boolean historical() {
    return historical;
  }

  /** Number of events in the batch (for reporting). */
  public int eventCount() {
    return eventCount;
  }

  /** Opaque key of the batch's user (for reporting), may be null. */
  public String userKey() {
    return userKey;
  }

  /** Monotonic number given when the batch was sealed (for ordering and reporting). */
  public long sealSequence() {
    return sealSequence;
  }

  /** The caller's opaque data (for example journal sequence numbers), may be null. */
  public Object attachment() {
    return attachment;
  }

  /**
   * The batch's result, completed once by the sink it was submitted to (see {@link BatchSink}). A
   * batch rebuilt from disk has a new completion.
   */
  public BatchCompletion completion() {
    return completion;
  }

  /** The JSON as a string (tests and diagnostics only: it copies). */
  public String jsonString() {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SealedBatch{sourceRequestId="
        + sourceRequestId
        + ", bytes="
        + json.length
        + ", events="
        + eventCount
        + ", historical="
        + historical
        + ", seq="
        + sealSequence
        + '}';
  }

  /** Builder for {@link SealedBatch}. Not thread-safe. */
  public static final class Builder {
    private String sourceRequestId;
    private byte[] json;
    private boolean historical;
    private int eventCount;
    private String userKey;
    private long sealSequence;
    private Object attachment;

    private Builder() {}

    public Builder sourceRequestId(String v) {
      this.sourceRequestId = v;
      return this;
    }

    /** Takes ownership of the array (no copy). */
    public Builder json(byte[] v) {
      this.json = v;
      return this;
    }

    public Builder historical(boolean v) {
      this.historical = v;
      return this;
    }

    public Builder eventCount(int v) {
      this.eventCount = v;
      return this;
    }

    public Builder userKey(String v) {
      this.userKey = v;
      return this;
    }

    public Builder sealSequence(long v) {
      this.sealSequence = v;
      return this;
    }

    public Builder attachment(Object v) {
      this.attachment = v;
      return this;
    }

    /** Builds the batch; fails when the id or the JSON is missing or the count negative. */
    public SealedBatch build() {
      Objects.requireNonNull(sourceRequestId, "sourceRequestId is null: set the batch's UUID");
      Objects.requireNonNull(json, "json is null: set the batch's serialized bytes");
      if (json.length < 2) {
        throw new IllegalArgumentException(
            "json has " + json.length + " bytes: a batch must be a complete JSON object");
      }
      if (eventCount < 0) {
        throw new IllegalArgumentException("eventCount is " + eventCount + ": must be >= 0");
      }
      return new SealedBatch(this);
    }
  }
}
