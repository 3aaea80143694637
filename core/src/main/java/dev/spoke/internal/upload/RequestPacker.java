package dev.spoke.internal.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Packs sealed batches into bulk requests within the platform's byte and count limits. Not API.
 *
 * <p>Sizes are the real byte counts of the serialized batches plus the array punctuation ({@code
 * [}, {@code ,}, {@code ]}), never estimates. Historical and regular batches never share a request;
 * within each kind the order of the input is kept. Immutable and thread-safe.
 */
public final class RequestPacker {
  private final int batchMaxBytes;
  private final int requestMaxBytes;
  private final int batchesPerRequest;

  /**
   * @param batchMaxBytes largest batch accepted (platform: 128 KB)
   * @param requestMaxBytes largest request body, brackets and commas included (platform: 256 KB)
   * @param batchesPerRequest most batches in one request (platform: 100)
   */
  public RequestPacker(int batchMaxBytes, int requestMaxBytes, int batchesPerRequest) {
    if (batchMaxBytes < 2) {
      throw new IllegalArgumentException(
          "batchMaxBytes is " + batchMaxBytes + ": must be >= 2 (use the platform's 131072)");
    }
    if (requestMaxBytes < batchMaxBytes + 2) {
      throw new IllegalArgumentException(
          "requestMaxBytes is "
              + requestMaxBytes
              + ": must be >= batchMaxBytes + 2 ("
              + (batchMaxBytes + 2L)
              + ") so that every accepted batch fits a request");
    }
    if (batchesPerRequest < 1) {
      throw new IllegalArgumentException(
          "batchesPerRequest is " + batchesPerRequest + ": must be >= 1 (platform: 100)");
    }
    this.batchMaxBytes = batchMaxBytes;
    this.requestMaxBytes = requestMaxBytes;
    this.batchesPerRequest = batchesPerRequest;
  }

  public int batchMaxBytes() {
    return batchMaxBytes;
  }

  public int requestMaxBytes() {
    return requestMaxBytes;
  }

  public int batchesPerRequest() {
    return batchesPerRequest;
  }

  /** Why this batch can never be sent, or null when it can. */
  public String rejectReason(SealedBatch batch) {
    if (batch.sizeBytes() > batchMaxBytes) {
      return "batch of "
          + batch.sizeBytes()
          + " bytes exceeds the "
          + batchMaxBytes
          + "-byte batch limit";
    }
    return null;
  }

  /**
   * How many batches, starting at {@code from}, fit in one request: consecutive batches of the
   * first one's kind, each of which must itself be acceptable. Returns 0 only when the batch at
   * {@code from} is rejected.
   */
  public int countFitting(List<SealedBatch> candidates, int from) {
    if (from >= candidates.size() || rejectReason(candidates.get(from)) != null) {
      return 0;
    }
    boolean historical = candidates.get(from).historical();
    long size = EMPTY_BODY_SIZE;
    int n = 0;
    for (int i = from; i < candidates.size(); i++) {
      SealedBatch b = candidates.get(i);
      if (b.historical() != historical || rejectReason(b) != null) {
        break;
      }
      long next = sizeWith(n, size, b);
      if (next < 0) {
        break;
      }
      size = next;
      n++;
    }
    return n;
  }

  /** The body size of a request holding no batch yet, as {@link #sizeWith} counts it: {@code [}. */
  public static final long EMPTY_BODY_SIZE = 1;

  /**
   * The one packing rule, used by the upload queue and by {@link #pack}: the body size of a request
   * of {@code count} batches and {@code size} bytes so far (starting at {@link #EMPTY_BODY_SIZE})
   * once {@code next} joins it, or -1 when it must start a new request (the count or byte limit
   * would be passed). A request's first acceptable batch always fits.
   */
  public long sizeWith(int count, long size, SealedBatch next) {
    if (count >= batchesPerRequest) {
      return -1;
    }
    long after = size + next.sizeBytes() + 1; // batch + (comma or ])
    return after > requestMaxBytes && count > 0 ? -1 : after;
  }

  /**
   * Packs all batches: requests in the order of their first batch, rejected batches with reasons.
   */
  public Result pack(List<SealedBatch> batches) {
    List<SealedBatch> regular = new ArrayList<>();
    List<SealedBatch> historical = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (SealedBatch b : batches) {
      String why = rejectReason(b);
      if (why != null) {
        rejected.add(new Rejected(b, why));
      } else if (b.historical()) {
        historical.add(b);
      } else {
        regular.add(b);
      }
    }
    List<PackedRequest> r = packKind(regular);
    List<PackedRequest> h = packKind(historical);
    // Merge by position of each request's first batch in the input, so output follows input.
    List<PackedRequest> all = new ArrayList<>(r.size() + h.size());
    int i = 0;
    int j = 0;
    java.util.IdentityHashMap<SealedBatch, Integer> pos = new java.util.IdentityHashMap<>();
    for (int k = 0; k < batches.size(); k++) {
      pos.putIfAbsent(batches.get(k), k);
    }
    while (i < r.size() || j < h.size()) {
      if (j >= h.size()
          || (i < r.size()
              && pos.get(r.get(i).batches().get(0)) < pos.get(h.get(j).batches().get(0)))) {
        all.add(r.get(i++));
      } else {
        all.add(h.get(j++));
      }
    }
    return new Result(all, rejected);
  }

  private List<PackedRequest> packKind(List<SealedBatch> same) {
    List<PackedRequest> out = new ArrayList<>();
    int from = 0;
    while (from < same.size()) {
      int n = countFitting(same, from);
      out.add(PackedRequest.of(same.subList(from, from + n)));
      from += n;
    }
    return out;
  }

  /** Size of the request body for these batches: {@code [b1,b2,…]}. */
  public static long bodySize(List<SealedBatch> batches) {
    long size = 1;
    for (SealedBatch b : batches) {
      size += b.sizeBytes() + 1;
    }
    return batches.isEmpty() ? 2 : size;
  }

  /** Builds {@code [b1,b2,…]} from the batches' unchanged bytes, in one exactly sized array. */
  public static byte[] body(List<SealedBatch> batches) {
    long size = bodySize(batches);
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("request of " + size + " bytes is too large");
    }
    BatchFraming.ArrayOut out = new BatchFraming.ArrayOut(new byte[(int) size], 0);
    out.put((byte) '[');
    for (int i = 0; i < batches.size(); i++) {
      if (i > 0) {
        out.put((byte) ',');
      }
      batches.get(i).writeTo(out);
    }
    out.put((byte) ']');
    return out.a;
  }

  /** Outcome of {@link #pack}. */
  public static final class Result {
    private final List<PackedRequest> requests;
    private final List<Rejected> rejected;

    Result(List<PackedRequest> requests, List<Rejected> rejected) {
      this.requests = Collections.unmodifiableList(requests);
      this.rejected = Collections.unmodifiableList(rejected);
    }

    public List<PackedRequest> requests() {
      return requests;
    }

    public List<Rejected> rejected() {
      return rejected;
    }
  }

  /** A batch that can never be sent, and why. */
  public static final class Rejected {
    private final SealedBatch batch;
    private final String reason;

    Rejected(SealedBatch batch, String reason) {
      this.batch = batch;
      this.reason = reason;
    }

    public SealedBatch batch() {
      return batch;
    }

    public String reason() {
      return reason;
    }
  }
}
