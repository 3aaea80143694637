package dev.spoke.internal.upload;

import java.util.List;

/**
 * A request in progress: whole batches of one kind, its body built once and kept across retries.
 * Not API.
 */
final class UploadRequest {
  final List<SealedBatch> batches;
  final boolean historical;

  /** Attempts that failed so far (retry policy). Sender thread only. */
  int failures;

  private byte[] body;
  private byte[] gzipped;

  UploadRequest(List<SealedBatch> batches) {
    this.batches = batches;
    this.historical = batches.get(0).historical();
  }

  /** The body {@code [b1,b2,…]}, built on first use. */
  byte[] body() {
    if (body == null) {
      body = RequestPacker.body(batches);
    }
    return body;
  }

  /** The gzipped body, compressed on first use and resent unchanged on every retry. */
  byte[] gzipped() {
    if (gzipped == null) {
      gzipped = GzipInterceptor.gzip(body());
    }
    return gzipped;
  }

  /** Bytes on the wire: the compressed body once it was compressed, else the body. */
  int wireBytes() {
    return gzipped != null ? gzipped.length : body().length;
  }

  /** The two halves, each resolved on its own (400 isolation, 413 split). */
  UploadRequest[] halves() {
    int mid = batches.size() / 2;
    return new UploadRequest[] {
      new UploadRequest(List.copyOf(batches.subList(0, mid))),
      new UploadRequest(List.copyOf(batches.subList(mid, batches.size())))
    };
  }
}
