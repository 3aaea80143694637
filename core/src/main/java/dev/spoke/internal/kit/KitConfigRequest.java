package dev.spoke.internal.kit;

import dev.spoke.Environment;
import dev.spoke.internal.RequestSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. The configuration request of one workspace, made as the platform's Android SDK makes it
 * (mparticle-android-sdk, {@code
 * android-core/src/main/java/com/mparticle/internal/MParticleApiClientImpl.java}, {@code
 * fetchConfig}, and {@code networking/MParticleBaseClientImpl.java}, {@code getUrl}; docs/WIRE.md
 * section 6), and the reading of its answer within a size limit. Immutable.
 */
final class KitConfigRequest {
  private static final Logger LOG = LoggerFactory.getLogger(KitConfigClient.class);

  private final HttpUrl url;
  private final Environment environment;
  private final Supplier<String> secret;
  private final Clock clock;
  private final long maxBodyBytes;

  KitConfigRequest(KitConfigClientBuilder b) {
    HttpUrl.Builder u =
        b.base.newBuilder().addPathSegment("v4").addPathSegment(b.apiKey).addPathSegment("config");
    if (b.appVersion != null) {
      u.addQueryParameter("av", b.appVersion);
    }
    if (b.sdkVersion != null) {
      u.addQueryParameter("sv", b.sdkVersion);
    }
    if (b.planId != null) {
      u.addQueryParameter("plan_id", b.planId);
      if (b.planVersion != null) {
        u.addQueryParameter("plan_version", b.planVersion.toString());
      }
    }
    this.url = u.build();
    this.environment = b.environment;
    this.secret = b.secret;
    this.clock = b.clock;
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /**
   * @return {@code {base}/v4/{apiKey}/config?av=&sv=} with the data plan's parameters
   */
  HttpUrl url() {
    return url;
  }

  /**
   * @param kits the {@code x-mp-kits} value, empty when no kit is available
   * @param etag the last answer's {@code ETag} while its document is cached, or null
   * @param lastModified the last answer's {@code Last-Modified} while its document is cached, or
   *     null
   * @return the request, signed when the secret is known
   */
  Request build(String kits, String etag, String lastModified) {
    Request.Builder req =
        new Request.Builder()
            .url(url)
            .get()
            .header("x-mp-env", Integer.toString(environment.configHeaderValue()));
    if (!kits.isEmpty()) {
      // The Android SDK leaves the header out when no kit is bundled; an empty list says nothing.
      req.header("x-mp-kits", kits);
    }
    if (etag != null) {
      req.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      req.header("If-Modified-Since", lastModified);
    }
    sign(req);
    return req.build();
  }

  /**
   * Signs the request as the Android SDK signs its configuration requests ({@code
   * MParticleApiClientImpl.addMessageSignature}, {@code
   * MParticleBaseClientImpl.getHeaderHashString}): {@code Date} in the HTTP date format, and {@code
   * x-mp-signature} = hex(HMAC-SHA256(secret, method + "\n" + date + "\n" + path and query)); a GET
   * has no body to append.
   */
  private void sign(Request.Builder req) {
    String key;
    try {
      key = secret == null ? null : secret.get();
    } catch (RuntimeException e) {
      LOG.warn(
          "the API secret supplier failed; the configuration request goes unsigned: {}",
          e.toString());
      key = null;
    }
    if (key == null || key.isEmpty()) {
      return;
    }
    String date = RequestSignature.date(clock.instant());
    String pathAndQuery =
        url.encodedPath() + (url.encodedQuery() != null ? "?" + url.encodedQuery() : "");
    req.header("Date", date);
    req.header("x-mp-signature", signature(key, "GET", date, pathAndQuery, null));
  }

  /**
   * @see RequestSignature#sign
   */
  static String signature(
      String secret, String method, String date, String pathAndQuery, String body) {
    return RequestSignature.sign(secret, method, date, pathAndQuery, body);
  }

  /**
   * @return the answer's body as text
   * @throws IOException if it cannot be read or is larger than the limit
   */
  String readCapped(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    if (body.contentLength() > maxBodyBytes) {
      throw new IOException(
          "configuration of "
              + body.contentLength()
              + " bytes exceeds the limit of "
              + maxBodyBytes);
    }
    try (InputStream in = body.byteStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > maxBodyBytes) {
          throw new IOException("configuration exceeds the limit of " + maxBodyBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
