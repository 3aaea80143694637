package dev.spoke.internal.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one POST got: a status with its headers and (capped) body, or an I/O failure. Not API. */
final class UploadAnswer {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  final String apiKey;
  final long credentialsVersion;
  int status;
  IOException error;
  String retryAfter;
  String location;
  byte[] body;

  UploadAnswer(String apiKey, long credentialsVersion) {
    this.apiKey = apiKey;
    this.credentialsVersion = credentialsVersion;
  }

  /**
   * The response body, capped; or, when the status is a success, an empty body if reading it fails:
   * a 2xx means the platform took the request, and a malformed {@code Content-Length} or a
   * truncated body after it must not turn that into a retry or a rejection. A failure reading an
   * error body is an I/O failure as before (the request is retried).
   */
  static byte[] readBody(Response r, int cap) throws IOException {
    try {
      return readCapped(r.body(), cap);
    } catch (IOException | RuntimeException e) {
      if (r.isSuccessful()) {
        LOG.debug(
            "spoke upload: unreadable body of HTTP {} ignored; the request was accepted",
            r.code(),
            e);
        return new byte[0];
      }
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      // OkHttp throws IllegalArgumentException for a negative Content-Length: the status stands.
      return new byte[0];
    }
  }

  private static byte[] readCapped(ResponseBody body, int cap) throws IOException {
    if (body == null || cap == 0) {
      return new byte[0];
    }
    byte[] buf = new byte[Math.min(cap, 8192)];
    int n = 0;
    try (InputStream in = body.byteStream()) {
      while (n < cap) {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(cap, buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    }
    return Arrays.copyOf(buf, n);
  }

  String describe() {
    StringBuilder sb = new StringBuilder("HTTP ").append(status);
    if (status >= 300 && status < 400) {
      sb.append(": redirect not followed");
      if (location != null) {
        sb.append(" (Location: ").append(ErrorBodies.truncate(location)).append(')');
      }
    }
    String msg = ErrorBodies.describe(body);
    if (!msg.isEmpty()) {
      sb.append(": ").append(msg);
    }
    return sb.toString();
  }
}
