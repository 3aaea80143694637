package dev.spoke.internal.upload;

import java.util.List;

/**
 * A request in progress: whole batches of one kind, kept across retries; its body is written from
 * the batches at each attempt ({@link UploadBody}). Not API.
 */
final class UploadRequest {
  final List<SealedBatch> batches;
  final boolean historical;

  /** Attempts that failed so far (retry policy). Sender thread only. */
  int failures;

  /**
   * Body bytes of the last attempt as sent: compressed when the gzip interceptor compressed it.
   * Sender thread only (the interceptor runs on it).
   */
  long wireBytes;

  UploadRequest(List<SealedBatch> batches) {
    this.batches = batches;
    this.historical = batches.get(0).historical();
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
