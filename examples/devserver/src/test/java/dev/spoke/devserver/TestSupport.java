package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Shared fixtures: tenants, a fixed clock and a plain JDK HTTP client (deliberately not the SDK).
 */
final class TestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2025-01-15T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final long NOW_MS = NOW.toEpochMilli();
  static final long DAY_MS = 24L * 3_600_000L;

  /**
   * o1/a1 (scope account): k1 platform, k2 custom feed. o1/a2 (scope workspace): k3, k4. o2 (scope
   * organization) with accounts b1 (k5) and b2 (k6).
   */
  static final String WORKSPACES =
      """
            {"organizations":[
              {"id":"o1","accounts":[
                {"id":"a1","workspaces":[
                  {"id":"w1","apiKey":"k1","apiSecret":"s1","inputKind":"platform","identityScope":"account",
                   "stl":60,"uitl":10,"oo":true,
                   "kits":[{"id":160,"settings":{"apiKey":"x"},"filters":{"et":{"1573":0},"uid":{"7":0}},
                            "bk":{"lo":0,"hi":50},"crvf":{"i":true,"v":[{"h":-324077161,"c":true}]},
                            "avf":{"i":false,"a":96619420,"v":50194},"eau":true},
                           {"id":92,"settings":{}}]},
                  {"id":"w2","apiKey":"k2","apiSecret":"s2","inputKind":"custom_feed","identityScope":"account"}]},
                {"id":"a2","workspaces":[
                  {"id":"w3","apiKey":"k3","apiSecret":"s3","identityScope":"workspace"},
                  {"id":"w4","apiKey":"k4","apiSecret":"s4","identityScope":"workspace"}]}]},
              {"id":"o2","accounts":[
                {"id":"b1","workspaces":[{"id":"w5","apiKey":"us2-k5","apiSecret":"s5","identityScope":"organization"}]},
                {"id":"b2","workspaces":[{"id":"w6","apiKey":"k6","apiSecret":"s6","identityScope":"organization"}]}]}
            ]}""";

  private TestSupport() {}

  static DevServer.Builder server() {
    return DevServer.builder().workspaces(WORKSPACES).clock(CLOCK).seed(7);
  }

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static String basic(String key, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(URI uri, String auth, byte[] body, boolean gzip) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? gzip(body) : body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (gzip) {
      b.header("Content-Encoding", "gzip");
    }
    return send(b.build());
  }

  static HttpResponse<String> post(
      DevServer s, String path, String key, String secret, String body) {
    return post(
        URI.create(s.baseUri() + path),
        basic(key, secret),
        body.getBytes(StandardCharsets.UTF_8),
        false);
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small valid batch: one custom event at {@code ts}. */
  static String batch(String srid, long mpid, long ts) {
    return "{\"environment\":\"development\",\"source_request_id\":\""
        + srid
        + "\",\"mpid\":"
        + mpid
        + ",\"timestamp_unixtime_ms\":"
        + ts
        + ",\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"click\","
        + "\"custom_event_type\":\"navigation\",\"timestamp_unixtime_ms\":"
        + ts
        + "}}]}";
  }
}
