package dev.spoke.kit.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The webhook kit's settings, checked once so that a misconfigured kit is excluded at creation with
 * a message naming the setting and the fix. Header values may be credentials: they never appear in
 * {@link #toString()} or in any message.
 */
final class WebhookSettings {
  static final int DEFAULT_BATCH_SIZE = 50;
  static final int MAX_BATCH_SIZE = 1000;
  static final long DEFAULT_FLUSH_INTERVAL_MS = 1000;
  static final long MAX_FLUSH_INTERVAL_MS = 3_600_000;
  static final int DEFAULT_MAX_RETRIES = 3;
  static final int MAX_MAX_RETRIES = 10;

  final HttpUrl url;
  final Headers headers;
  final int batchSize;
  final long flushIntervalMs;
  final int maxRetries;

  private WebhookSettings(
      HttpUrl url, Headers headers, int batchSize, long flushIntervalMs, int maxRetries) {
    this.url = url;
    this.headers = headers;
    this.batchSize = batchSize;
    this.flushIntervalMs = flushIntervalMs;
    this.maxRetries = maxRetries;
  }

  /**
   * @param as the kit's settings
   * @return the checked settings
   * @throws IllegalArgumentException naming the setting that is missing or wrong, and the fix
   */
  static WebhookSettings parse(Map<String, String> as) {
    String urlText = as.get("url");
    if (urlText == null || urlText.isBlank()) {
      throw new IllegalArgumentException(
          "webhook kit setting 'url' is missing or blank;"
              + " set it to the http(s) URL that receives the events");
    }
    HttpUrl url = HttpUrl.parse(urlText.trim());
    if (url == null) {
      throw new IllegalArgumentException(
          "webhook kit setting 'url' is '"
              + urlText
              + "', which is not an http(s) URL; use e.g. https://hooks.example.com/spoke");
    }
    return new WebhookSettings(
        url,
        headers(as.get("headers")),
        (int) number(as, "batchSize", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE),
        number(as, "flushIntervalMs", DEFAULT_FLUSH_INTERVAL_MS, 1, MAX_FLUSH_INTERVAL_MS),
        (int) number(as, "maxRetries", DEFAULT_MAX_RETRIES, 0, MAX_MAX_RETRIES));
  }

  /**
   * Parses {@code "X-Token: abc; X-Other: d"}: pairs separated by ';', name and value by the first
   * ':'.
   */
  static Headers headers(String text) {
    Headers.Builder b = new Headers.Builder();
    if (text == null) {
      return b.build();
    }
    int index = 0;
    for (String part : text.split(";")) {
      index++;
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      String name = colon < 0 ? "" : part.substring(0, colon).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "webhook kit setting 'headers': entry "
                + index
                + " has no 'Name: value' form; write headers as 'X-Token: abc; X-Other: d'");
      }
      try {
        b.add(name, part.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        // OkHttp's own message may quote the value, which may be a credential.
        throw new IllegalArgumentException(
            "webhook kit setting 'headers': header '"
                + safeName(name)
                + "' has a character HTTP does not allow in its name or value; use printable ASCII");
      }
    }
    return b.build();
  }

  private static String safeName(String name) {
    StringBuilder s = new StringBuilder();
    for (char c : name.toCharArray()) {
      s.append(c > 32 && c < 127 ? c : '?');
    }
    return s.toString();
  }

  private static long number(Map<String, String> as, String key, long dflt, long min, long max) {
    String v = as.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      n = Long.MIN_VALUE;
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          "webhook kit setting '"
              + key
              + "' is '"
              + v
              + "'; use a whole number from "
              + min
              + " to "
              + max
              + ", or remove it for the default "
              + dflt);
    }
    return n;
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>(headers.names());
    return "WebhookSettings{url="
        + url.newBuilder().query(null).build()
        + ", headers="
        + names
        + ", batchSize="
        + batchSize
        + ", flushIntervalMs="
        + flushIntervalMs
        + ", maxRetries="
        + maxRetries
        + '}';
  }
}
