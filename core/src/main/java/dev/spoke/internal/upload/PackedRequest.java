package dev.spoke.internal.upload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One bulk request: a JSON array of whole batches of one kind, body built once. Not API. */
public final class PackedRequest {
  private final List<SealedBatch> batches;
  private final byte[] body;
  private final boolean historical;

  PackedRequest(List<SealedBatch> batches, byte[] body) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one batch");
    }
    this.batches = Collections.unmodifiableList(new ArrayList<>(batches));
    this.body = body;
    this.historical = batches.get(0).historical();
  }

  /** Builds the request body {@code [b1,b2,…]} from the batches' unchanged bytes. */
  public static PackedRequest of(List<SealedBatch> batches) {
    return new PackedRequest(batches, RequestPacker.body(batches));
  }

  /** The batches, in order; unmodifiable. */
  public List<SealedBatch> batches() {
    return batches;
  }

  /** The request body (uncompressed). Shared, never modify. */
  public byte[] body() {
    return body;
  }

  /** True when the request goes to the historical endpoint. */
  public boolean historical() {
    return historical;
  }

  /** Sum of the batches' event counts. */
  public int eventCount() {
    int n = 0;
    for (SealedBatch b : batches) {
      n += b.eventCount();
    }
    return n;
  }

  @Override
  public String toString() {
    return "PackedRequest{batches="
        + batches.size()
        + ", bytes="
        + body.length
        + ", historical="
        + historical
        + '}';
  }
}
