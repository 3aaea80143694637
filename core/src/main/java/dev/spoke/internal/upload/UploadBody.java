package dev.spoke.internal.upload;

import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * The request body of a bulk upload, as OkHttp writes it to the socket: the sending thread's {@link
 * BodyEncoder} buffer, wrapped without a copy. The one way a body is made, in production and in the
 * W2 benchmark. Not API.
 */
public final class UploadBody {
  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * Posted by a sender when gzip is on: the {@link GzipInterceptor} replaces it with the body it
   * compresses from the batches, so no uncompressed body is ever made for such a request.
   */
  static final RequestBody TO_COMPRESS = RequestBody.create(new byte[0], JSON);

  private UploadBody() {}

  /**
   * The uncompressed body {@code [b1,b2,…]}. The encoder's buffer must not be reused until the body
   * was written (the sender thread that owns it is blocked in the call meanwhile).
   */
  public static RequestBody plain(List<SealedBatch> batches, BodyEncoder encoder) {
    int n = encoder.plain(batches);
    return RequestBody.create(encoder.buffer(), JSON, 0, n);
  }

  /** The gzipped body; the same rule about the encoder's buffer. */
  public static RequestBody gzip(List<SealedBatch> batches, BodyEncoder encoder) {
    int n = encoder.gzip(batches);
    return RequestBody.create(encoder.buffer(), JSON, 0, n);
  }
}
