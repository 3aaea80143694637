package dev.spoke.internal.upload;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Compresses upload request bodies ({@code Content-Encoding: gzip}): one concern, one interceptor.
 * Only requests tagged with their {@link UploadRequest} and the sending thread's {@link
 * BodyEncoder} are touched: the body is deflated straight from the batches' bytes through that
 * thread's one reused {@link java.util.zip.Deflater} ({@link UploadBody#gzip}). A retry compresses
 * again rather than keeping the compressed copy for the request's whole life: retries are rare, and
 * memory held for queued data stays the batches alone. Not API.
 */
final class GzipInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    UploadRequest w = r.tag(UploadRequest.class);
    BodyEncoder encoder = r.tag(BodyEncoder.class);
    if (w == null || encoder == null || r.header("Content-Encoding") != null) {
      return chain.proceed(r);
    }
    RequestBody body = UploadBody.gzip(w.batches, encoder);
    w.wireBytes = encoder.length();
    return chain.proceed(r.newBuilder().header("Content-Encoding", "gzip").post(body).build());
  }
}
