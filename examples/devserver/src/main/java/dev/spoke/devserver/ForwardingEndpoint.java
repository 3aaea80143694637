package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Forwarding statistics: what SDKs report their kits forwarded. Not API.
 *
 * <p>As the platform's Web SDK sends them (mParticle/mparticle-web-sdk {@code src/apiClient.ts}):
 * {@code POST /v2/JS/<apiKey>/Forwarding} with {@code {"uuid": …, "data": [record, …]}}, and {@code
 * POST /v1/JS/<apiKey>/Forwarding} with one record ({@code sendSingleForwardingStatsToServer}). A
 * record needs an integer {@code mid} (the kit's module id); {@code n}, {@code dt}, {@code et},
 * {@code ct}, {@code sdk}, {@code dbg}, {@code eec}, {@code attrs}, {@code proj} are kept as sent.
 * The key travels in the path, with no secret, as there: an unknown key gets 404, a malformed body
 * 400 (both dropped by the SDKs, as 4xx other than 429), an accepted one 202. Accepted records are
 * counted per module id in {@link Stats#forwarding()} and the last {@value #MAX_RECORDED} are kept
 * for {@link DevServer#forwardingRecords(String)}.
 */
final class ForwardingEndpoint {
  static final int MAX_RECORDED = 10_000;
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final DevServer server;
  private final ObjectMapper json;
  private final Counters counters;
  private final Map<String, ArrayDeque<JsonNode>> recorded = new ConcurrentHashMap<>();

  ForwardingEndpoint(DevServer server, ObjectMapper json, Counters counters) {
    this.server = server;
    this.json = json;
    this.counters = counters;
  }

  /**
   * @return true for the paths this endpoint answers
   */
  static boolean serves(String path) {
    return path.startsWith("/v1/JS/") || path.startsWith("/v2/JS/");
  }

  void handle(HttpExchange ex, String path) throws IOException {
    boolean batch = path.startsWith("/v2/");
    String[] parts = path.substring("/v1/JS/".length()).split("/", -1);
    if (parts.length != 2 || !parts[1].equals("Forwarding") || parts[0].isEmpty()) {
      Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts POST only"), json, counters);
      return;
    }
    String apiKey = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    if (server.workspacesFile().workspace(apiKey).isEmpty()) {
      Http.sendError(ex, 404, "NOT_FOUND", List.of("unknown API key"), json, counters);
      return;
    }
    List<JsonNode> records = new ArrayList<>();
    try {
      byte[] body = Http.readBody(ex, MAX_BODY_BYTES, counters);
      JsonNode root = json.readTree(body);
      JsonNode data = batch ? root == null ? null : root.get("data") : root;
      if (batch && (data == null || !data.isArray())) {
        throw new Http.Failure(
            400, "BAD_REQUEST", "body must be {\"uuid\": …, \"data\": [records]}", null);
      }
      for (JsonNode r : batch ? data : List.of(data)) {
        if (r == null || !r.isObject() || !r.path("mid").canConvertToInt()) {
          throw new Http.Failure(
              400,
              "BAD_REQUEST",
              "every record needs an integer 'mid' (the kit's module id)",
              null);
        }
        records.add(r);
      }
    } catch (Http.Failure f) {
      counters.forwardingRejected.increment();
      Http.sendError(ex, f.status, f.code, f.messages, json, counters);
      return;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      counters.forwardingRejected.increment();
      Http.sendError(
          ex,
          400,
          "BAD_REQUEST",
          List.of("body is not JSON: " + e.getOriginalMessage()),
          json,
          counters);
      return;
    }
    ArrayDeque<JsonNode> kept = recorded.computeIfAbsent(apiKey, k -> new ArrayDeque<>());
    synchronized (kept) {
      for (JsonNode r : records) {
        counters.forwarded(r.get("mid").asInt());
        if (kept.size() == MAX_RECORDED) {
          kept.poll();
        }
        kept.add(r);
      }
    }
    Http.send(ex, 202, new byte[0], counters);
  }

  List<JsonNode> records(String apiKey) {
    ArrayDeque<JsonNode> kept = recorded.get(apiKey);
    if (kept == null) {
      return List.of();
    }
    synchronized (kept) {
      List<JsonNode> out = new ArrayList<>(kept.size());
      kept.forEach(r -> out.add(r.deepCopy()));
      return out;
    }
  }

  /** Accepted records per module id, for {@link Stats}. */
  static Map<Integer, Long> snapshot(Map<Integer, LongAdder> byModule) {
    Map<Integer, Long> out = new TreeMap<>();
    byModule.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
