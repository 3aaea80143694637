package dev.spoke.internal.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Compresses upload request bodies ({@code Content-Encoding: gzip}): one concern, one interceptor.
 * Only requests tagged with their {@link UploadRequest} are touched; the compressed bytes are kept
 * on the request, so a retry resends them without compressing again. Not API.
 */
final class GzipInterceptor implements Interceptor {
  /**
   * Fast compression: batches are repetitive JSON, so level 2 already removes most bytes at a third
   * of the CPU of the default level.
   */
  static final int GZIP_LEVEL = 2;

  private static final MediaType JSON = MediaType.get("application/json");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    UploadRequest w = r.tag(UploadRequest.class);
    if (w == null || r.header("Content-Encoding") != null) {
      return chain.proceed(r);
    }
    return chain.proceed(
        r.newBuilder()
            .header("Content-Encoding", "gzip")
            .post(RequestBody.create(w.gzipped(), JSON))
            .build());
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 8192) {
          {
            def.setLevel(GZIP_LEVEL);
          }
        }) {
      gz.write(body);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e); // cannot happen in memory
    }
    return out.toByteArray();
  }
}
