package dev.spoke.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Not API. The request signature the platform's Android SDK puts on its configuration and alias
 * requests (mparticle-android-sdk, {@code
 * android-core/src/main/java/com/mparticle/networking/MParticleBaseClientImpl.java}, {@code
 * getHeaderHashString}, and {@code internal/MParticleApiClientImpl.java}, {@code
 * addMessageSignature}): a {@code Date} header, and {@code x-mp-signature} = lower-case hex
 * HMAC-SHA256, keyed with the API secret, of {@code method + "\n" + date + "\n" + path and query +
 * body}. The IDSync description names the same digest ({@code x-mp-signature}, mParticle/docs
 * static/downloads/identity-swagger.yaml). docs/WIRE.md section 6.
 */
public final class RequestSignature {
  /**
   * The HTTP date the Android SDK writes ("EEE, dd MMM yyyy HH:mm:ss zzz", US locale), here always
   * in GMT.
   */
  public static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private RequestSignature() {}

  /**
   * @return {@code instant} as the {@code Date} header value
   */
  public static String date(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  /**
   * @param secret the API secret
   * @param method the HTTP method, e.g. {@code GET}
   * @param date the {@code Date} header value sent with the request
   * @param pathAndQuery the encoded path, plus {@code ?} and the encoded query when there is one
   * @param body the request body as sent, or null for none
   * @return the {@code x-mp-signature} value
   */
  public static String sign(
      String secret, String method, String date, String pathAndQuery, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String data = method + "\n" + date + "\n" + pathAndQuery + (body != null ? body : "");
      byte[] digest = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(digest.length * 2);
      for (byte x : digest) {
        hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
      }
      return hex.toString();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
