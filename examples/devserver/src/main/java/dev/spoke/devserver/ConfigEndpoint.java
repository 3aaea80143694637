package dev.spoke.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kit configuration: {@code GET /v4/<apiKey>/config?av=&sv=&plan_id=&plan_version=} (WIRE §6). Not
 * API.
 *
 * <p>Answers conditional requests as the platform's configuration host does for its SDKs: {@code
 * ETag} and {@code Last-Modified} on every 200; {@code If-None-Match} (which wins when both are
 * sent) or {@code If-Modified-Since} answered with 304 when the document is unchanged. A request
 * signed as the Android SDK signs it ({@code Date} and {@code x-mp-signature}, HMAC-SHA256 with the
 * workspace's secret over method, date, path and query: mparticle-android-sdk,
 * MParticleBaseClientImpl.getHeaderHashString) is verified, and a wrong signature is refused with
 * 401; an unsigned request (the Web SDK does not sign) is accepted.
 */
final class ConfigEndpoint {

  static final int MAX_RECORDED = 10_000;
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);

  private final DevServer server;
  private final ObjectMapper json;
  private final Counters counters;
  private final Clock clock;
  private final List<ConfigRequest> seen = new ArrayList<>();

  /** Per API key: the ETag of the last document served and when it first was. */
  private final Map<String, Version> versions = new HashMap<>();

  private record Version(String etag, Instant modified) {}

  ConfigEndpoint(DevServer server, ObjectMapper json, Counters counters, Clock clock) {
    this.server = server;
    this.json = json;
    this.counters = counters;
    this.clock = clock;
  }

  void handle(HttpExchange ex, String path) throws IOException {
    String[] parts = path.substring("/v4/".length()).split("/", -1);
    if (parts.length != 2 || !parts[1].equals("config") || parts[0].isEmpty()) {
      Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
      return;
    }
    if (!"GET".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "GET");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts GET only"), json, counters);
      return;
    }
    String apiKey = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
    String ifModifiedSince = ex.getRequestHeaders().getFirst("If-Modified-Since");
    Optional<WorkspacesFile.Workspace> ws = server.workspacesFile().workspace(apiKey);
    // Recorded before answering, so a client that got its answer always finds its request recorded.
    if (ws.isEmpty()) {
      record(ex, apiKey, query, ifNoneMatch, ifModifiedSince, null, 404);
      Http.sendError(ex, 404, "NOT_FOUND", List.of("unknown API key"), json, counters);
      return;
    }
    Boolean signed = verifySignature(ex, ws.get().apiSecret());
    if (Boolean.FALSE.equals(signed)) {
      record(ex, apiKey, query, ifNoneMatch, ifModifiedSince, false, 401);
      Http.sendError(
          ex,
          401,
          "UNAUTHORIZED",
          List.of(
              "x-mp-signature does not match: sign \"GET\\n\" + Date"
                  + " + \"\\n\" + path and query with HMAC-SHA256 and the workspace's secret, in lower-case hex"),
          json,
          counters);
      return;
    }
    byte[] body = json.writeValueAsBytes(document(ws.get()));
    String etag = etag(body);
    Instant modified = modified(apiKey, etag);
    ex.getResponseHeaders().set("ETag", etag);
    ex.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(modified));
    ex.getResponseHeaders().set("Cache-Control", "max-age=600");
    boolean unchanged =
        ifNoneMatch != null
            ? matches(ifNoneMatch, etag)
            : ifModifiedSince != null && notModifiedSince(ifModifiedSince, modified);
    if (unchanged) {
      record(ex, apiKey, query, ifNoneMatch, ifModifiedSince, signed, 304);
      Http.send(ex, 304, new byte[0], counters);
    } else {
      record(ex, apiKey, query, ifNoneMatch, ifModifiedSince, signed, 200);
      Http.send(ex, 200, body, counters);
    }
  }

  private void record(
      HttpExchange ex,
      String apiKey,
      Map<String, String> query,
      String ifNoneMatch,
      String ifModifiedSince,
      Boolean signed,
      int status) {
    record(
        new ConfigRequest(
            apiKey,
            ex.getRequestHeaders().getFirst("x-mp-env"),
            ex.getRequestHeaders().getFirst("x-mp-kits"),
            query.get("av"),
            query.get("sv"),
            ifNoneMatch,
            status,
            ifModifiedSince,
            query.get("plan_id"),
            query.get("plan_version"),
            signed));
  }

  /**
   * @return null when unsigned, else whether {@code x-mp-signature} matches (a missing Date never
   *     does)
   */
  private static Boolean verifySignature(HttpExchange ex, String secret) {
    String signature = ex.getRequestHeaders().getFirst("x-mp-signature");
    if (signature == null) {
      return null;
    }
    String date = ex.getRequestHeaders().getFirst("Date");
    if (date == null || secret == null) {
      return false;
    }
    String rawQuery = ex.getRequestURI().getRawQuery();
    String data =
        ex.getRequestMethod()
            + "\n"
            + date
            + "\n"
            + ex.getRequestURI().getRawPath()
            + (rawQuery != null ? "?" + rawQuery : "");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /**
   * When this key's document first had this ETag, to the second; a change always moves it forward.
   */
  private Instant modified(String apiKey, String etag) {
    synchronized (versions) {
      Version v = versions.get(apiKey);
      if (v != null && v.etag().equals(etag)) {
        return v.modified();
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Instant at = v != null && !now.isAfter(v.modified()) ? v.modified().plusSeconds(1) : now;
      versions.put(apiKey, new Version(etag, at));
      return at;
    }
  }

  private static boolean notModifiedSince(String ifModifiedSince, Instant modified) {
    try {
      Instant since =
          ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      return !modified.isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // an unreadable date is ignored, as HTTP asks: the full document is sent
    }
  }

  /** The configuration document served for a workspace (also shown on the live page). */
  ObjectNode document(WorkspacesFile.Workspace ws) {
    ObjectNode root = json.createObjectNode();
    var eks = root.putArray("eks");
    ws.kits().forEach(k -> eks.add(WorkspacesFile.toEks(k, json)));
    server.rawKitEntries(ws.apiKey()).forEach(e -> eks.add(e.deepCopy()));
    root.put("stl", ws.stl());
    root.put("uitl", ws.uitl());
    root.put("oo", ws.oo());
    root.put("rp", ws.rp());
    ObjectNode flags = root.putObject("flags");
    ws.flags().forEach(flags::put);
    return root;
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private void record(ConfigRequest r) {
    synchronized (seen) {
      if (seen.size() == MAX_RECORDED) {
        seen.remove(0);
      }
      seen.add(r);
    }
  }

  List<ConfigRequest> requests() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }
}
