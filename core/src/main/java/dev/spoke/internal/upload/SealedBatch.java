package dev.spoke.internal.upload;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One finished batch: its JSON bytes are fixed when it is sealed and sent unchanged on every retry.
 * Not API.
 *
 * <p>A batch is kept either as its complete JSON ({@link Builder#json}: a batch read back from the
 * spill file) or as its parts ({@link Builder#framed}: the user's header fragment, its id and the
 * events' own arrays), which the sender's {@link BodyEncoder} frames straight into the request
 * body: the events are not copied into a batch array first. Either way the arrays are owned by the
 * batch once built (no defensive copy) and nobody may modify them afterwards, so every retry
 * produces the same bytes.
 */
public final class SealedBatch {
  private final String sourceRequestId;
  private final byte[] json;
  private final byte[] instanceFields;
  private final byte[] userFields;
  private final byte[][] events;
  private final int from;
  private final int to;
  private final int sizeBytes;
  private final boolean historical;
  private final int eventCount;
  private final String userKey;
  private final long sealSequence;
  private final Object attachment;
  private final BatchCompletion completion = new BatchCompletion();

  private SealedBatch(Builder b) {
    this.sourceRequestId = b.sourceRequestId;
    this.json = b.json;
    this.instanceFields = b.instanceFields;
    this.userFields = b.userFields;
    this.events = b.events;
    this.from = b.from;
    this.to = b.to;
    if (json != null) {
      this.sizeBytes = json.length;
    } else {
      long sum = 0;
      for (int i = from; i < to; i++) {
        sum += events[i].length;
      }
      int header = BatchFraming.headerFieldsLength(instanceFields, userFields);
      long total = BatchFraming.overheadBytes(header, sourceRequestId, to - from) + sum;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("batch of " + total + " bytes is too large");
      }
      this.sizeBytes = (int) total;
    }
    this.historical = b.historical;
    this.eventCount = b.eventCount;
    this.userKey = b.userKey;
    this.sealSequence = b.sealSequence;
    this.attachment = b.attachment;
  }

  /** Starts a builder; {@code sourceRequestId} and {@code json} or {@code framed} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The batch's {@code source_request_id} (also inside {@link #json()}). */
  public String sourceRequestId() {
    return sourceRequestId;
  }

  /**
   * The complete batch JSON object, UTF-8. Shared, never modify. A batch kept as its parts builds a
   * new array on each call (the spill file and diagnostics; requests are encoded with {@link
   * #writeTo}).
   */
  public byte[] json() {
    if (json != null) {
      return json;
    }
    BatchFraming.ArrayOut out = new BatchFraming.ArrayOut(new byte[sizeBytes], 0);
    writeTo(out);
    return out.a;
  }

  /** Writes the batch's bytes, exactly {@link #sizeBytes()} of them, to {@code out} in order. */
  void writeTo(BatchFraming.Out out) {
    if (json != null) {
      out.put(json, 0, json.length);
    } else {
      BatchFraming.write(instanceFields, userFields, sourceRequestId, events, from, to, out);
    }
  }

  /** Size of the batch's JSON in bytes. */
  public int sizeBytes() {
    return sizeBytes;
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
    return new String(json(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SealedBatch{sourceRequestId="
        + sourceRequestId
        + ", bytes="
        + sizeBytes
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
    private byte[] instanceFields;
    private byte[] userFields;
    private byte[][] events;
    private int from;
    private int to;
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

    /** The complete batch JSON; takes ownership of the array (no copy). */
    public Builder json(byte[] v) {
      this.json = v;
      this.instanceFields = null;
      this.userFields = null;
      this.events = null;
      return this;
    }

    /**
     * {@link #framed(byte[], byte[], byte[][], int, int)} with the whole header in one fragment.
     */
    public Builder framed(byte[] headerFields, byte[][] events, int from, int to) {
      return framed(headerFields, new byte[0], events, from, to);
    }

    /**
     * The batch as its parts, framed on demand as {@link BatchFraming} lays a batch out with the
     * {@link #sourceRequestId}; takes ownership of the fragments and of {@code events[from..to)}
     * and their arrays (no copy; none may change afterwards).
     *
     * @param instanceFields the instance's header fragment (a JSON object body without braces),
     *     possibly empty
     * @param userFields the user's header fragment, possibly empty
     */
    public Builder framed(
        byte[] instanceFields, byte[] userFields, byte[][] events, int from, int to) {
      this.instanceFields = Objects.requireNonNull(instanceFields, "instanceFields is null");
      this.userFields = Objects.requireNonNull(userFields, "userFields is null");
      this.events = Objects.requireNonNull(events, "events is null");
      if (from < 0 || to < from || to > events.length) {
        throw new IndexOutOfBoundsException(
            "events " + from + ".." + to + " of an array of " + events.length);
      }
      this.from = from;
      this.to = to;
      this.json = null;
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
      if (json == null && events == null) {
        throw new NullPointerException(
            "json is null: set the batch's serialized bytes (json) or its parts (framed)");
      }
      if (events != null) {
        // The id is written raw into the body: check it once here.
        BatchFraming.checkId(sourceRequestId);
      } else if (json.length < 2) {
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
