package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * IDSync: {@code POST /v1/identify|login|logout|search}, {@code /v1/{mpid}/modify} and the alias
 * endpoint {@code /v1/identity/{apiKey}/alias} (WIRE §5). Not API.
 */
final class IdentityEndpoint {

  private static final int MAX_BODY = 64 * 1024;

  private final DevServer server;
  private final ObjectMapper json;
  private final Counters counters;
  private final Identities identities;

  IdentityEndpoint(DevServer server, ObjectMapper json, Counters counters, Identities identities) {
    this.server = server;
    this.json = json;
    this.counters = counters;
    this.identities = identities;
  }

  private final List<AliasRecord> aliases = new ArrayList<>();

  List<AliasRecord> aliases() {
    synchronized (aliases) {
      return List.copyOf(aliases);
    }
  }

  void handle(HttpExchange ex, String path) throws IOException {
    String[] parts = path.substring("/v1/".length()).split("/", -1);
    if (parts.length == 3 && parts[0].equals("identity") && parts[2].equals("alias")) {
      alias(ex, path, parts[1]);
      return;
    }
    Identities.Mode mode = null;
    Long modifyMpid = null;
    if (parts.length == 1) {
      switch (parts[0]) {
        case "identify":
          mode = Identities.Mode.IDENTIFY;
          break;
        case "login":
          mode = Identities.Mode.LOGIN;
          break;
        case "logout":
          mode = Identities.Mode.LOGOUT;
          break;
        case "search":
          mode = Identities.Mode.SEARCH;
          break;
        default:
          break;
      }
    } else if (parts.length == 2 && parts[1].equals("modify")) {
      try {
        modifyMpid = Long.parseLong(parts[0]);
      } catch (NumberFormatException e) {
        Http.sendError(
            ex,
            400,
            "BAD_REQUEST",
            List.of("mpid '" + parts[0] + "' is not a number"),
            json,
            counters);
        return;
      }
    }
    if (mode == null && modifyMpid == null) {
      Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts POST only"), json, counters);
      return;
    }
    try {
      WorkspacesFile.Workspace ws = Http.authenticate(ex, server.workspacesFile());
      JsonNode body = parse(Http.readBody(ex, MAX_BODY, counters));
      if (modifyMpid != null) {
        modify(ex, ws, modifyMpid, body);
        return;
      }
      Map<String, String> known = knownIdentities(body);
      Identities.Result r = identities.resolve(ws.scopeKey(), mode, known);
      if (r.mpid() == null) {
        Http.sendError(
            ex, 404, "NOT_FOUND", List.of("no user matches the known identities"), json, counters);
        return;
      }
      Http.send(
          ex, 200, json.writeValueAsBytes(answer(r.mpid(), r.loggedIn(), r.matched())), counters);
    } catch (Http.Failure f) {
      Http.sendFailure(ex, f, json, counters);
    }
  }

  /**
   * The alias request the platform's SDKs send (mparticle-android-sdk {@code MPAliasMessage},
   * mparticle-web-sdk {@code createAliasNetworkRequest}): {@code {request_id, request_type:"alias",
   * environment, api_key, data:{source_mpid, destination_mpid, start_unixtime_ms,
   * end_unixtime_ms}}}, checked with the SDKs' rules; 202 with no body when accepted. Basic auth or
   * the Android SDK's {@code x-mp-signature}; a signature that is present must match.
   */
  private void alias(HttpExchange ex, String path, String pathKey) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts POST only"), json, counters);
      return;
    }
    try {
      String signature = ex.getRequestHeaders().getFirst("x-mp-signature");
      WorkspacesFile.Workspace ws;
      if (ex.getRequestHeaders().getFirst("Authorization") != null || signature == null) {
        ws = Http.authenticate(ex, server.workspacesFile());
        if (!ws.apiKey().equals(pathKey)) {
          throw new Http.Failure(
              403, "FORBIDDEN", "the key in the path is not the authenticated key", null);
        }
      } else {
        ws =
            server
                .workspacesFile()
                .workspace(pathKey)
                .orElseThrow(
                    () ->
                        new Http.Failure(401, "UNAUTHORIZED", "unknown API key in the path", null));
      }
      byte[] raw = Http.readBody(ex, MAX_BODY, counters);
      if (signature != null && !signatureMatches(ex, ws.apiSecret(), signature, raw)) {
        throw new Http.Failure(
            401,
            "UNAUTHORIZED",
            "x-mp-signature does not match: sign \"POST\\n\" + Date"
                + " + \"\\n\" + path + body with HMAC-SHA256 and the workspace's secret",
            null);
      }
      JsonNode body = parse(raw);
      if (!"alias".equals(body.path("request_type").asText(null))) {
        throw bad("request_type must be \"alias\"");
      }
      JsonNode apiKey = body.get("api_key");
      if (apiKey != null && !pathKey.equals(apiKey.asText())) {
        throw bad("api_key '" + apiKey.asText() + "' is not the key in the path");
      }
      JsonNode data = body.get("data");
      if (data == null || !data.isObject()) {
        throw bad(
            "data must be an object with source_mpid, destination_mpid, start_unixtime_ms, end_unixtime_ms");
      }
      long source = aliasLong(data, "source_mpid");
      long destination = aliasLong(data, "destination_mpid");
      long start = aliasLong(data, "start_unixtime_ms");
      long end = aliasLong(data, "end_unixtime_ms");
      if (source == 0 || destination == 0) {
        throw bad("data.source_mpid and data.destination_mpid must both be set");
      }
      if (source == destination) {
        throw bad("data.source_mpid and data.destination_mpid must differ");
      }
      if (start == 0 || end == 0) {
        throw bad("data.start_unixtime_ms and data.end_unixtime_ms must both be set");
      }
      if (start > end) {
        throw bad("data.start_unixtime_ms is after data.end_unixtime_ms");
      }
      synchronized (aliases) {
        aliases.add(
            new AliasRecord(
                pathKey,
                source,
                destination,
                start,
                end,
                body.path("environment").asText(null),
                signature != null));
      }
      Http.send(ex, 202, new byte[0], counters);
    } catch (Http.Failure f) {
      Http.sendFailure(ex, f, json, counters);
    }
  }

  private static long aliasLong(JsonNode data, String field) throws Http.Failure {
    JsonNode v = data.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText());
      } catch (NumberFormatException e) {
        throw bad("data." + field + " is not an integer");
      }
    }
    throw bad("data." + field + " must be an integer");
  }

  private static boolean signatureMatches(
      HttpExchange ex, String secret, String signature, byte[] body) {
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
            + (rawQuery != null ? "?" + rawQuery : "")
            + new String(body, java.nio.charset.StandardCharsets.UTF_8);
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          java.util.HexFormat.of()
              .formatHex(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return expected.equalsIgnoreCase(signature.trim());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  private void modify(HttpExchange ex, WorkspacesFile.Workspace ws, long mpid, JsonNode body)
      throws IOException, Http.Failure {
    JsonNode changes = body.get("identity_changes");
    if (changes == null || !changes.isArray()) {
      throw bad("identity_changes must be an array of {identity_type, old_value, new_value}");
    }
    List<Identities.Change> list = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      JsonNode c = changes.get(i);
      String type = c.path("identity_type").asText(null);
      if (type == null || !isKnownType(type)) {
        throw bad(
            "identity_changes["
                + i
                + "].identity_type '"
                + c.path("identity_type").asText()
                + "' is not an IDSync identity type");
      }
      list.add(
          new Identities.Change(
              type, stringOrNull(c, "old_value", i), stringOrNull(c, "new_value", i)));
    }
    List<Long> results;
    try {
      results = identities.modify(ws.scopeKey(), mpid, list);
    } catch (IllegalStateException e) {
      throw bad(e.getMessage());
    }
    if (results == null) {
      throw bad("mpid " + mpid + " is unknown in this workspace's identity scope");
    }
    ObjectNode root = answer(mpid, identities.loggedIn(ws.scopeKey(), mpid), Map.of());
    var cr = root.putArray("change_results");
    for (int i = 0; i < list.size(); i++) {
      cr.addObject()
          .put("identity_type", list.get(i).type())
          .put("modified_mpid", String.valueOf(results.get(i)));
    }
    Http.send(ex, 200, json.writeValueAsBytes(root), counters);
  }

  private ObjectNode answer(long mpid, boolean loggedIn, Map<String, String> matched) {
    ObjectNode root = json.createObjectNode();
    root.put("mpid", String.valueOf(mpid));
    root.put("context", UUID.randomUUID().toString());
    root.put("is_ephemeral", false);
    root.put("is_logged_in", loggedIn);
    ObjectNode m = root.putObject("matched_identities");
    matched.forEach(m::put);
    return root;
  }

  private JsonNode parse(byte[] body) throws Http.Failure {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw bad("invalid JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw bad("body must be a JSON object");
    }
    JsonNode env = node.get("environment");
    if (env != null
        && !(env.isTextual()
            && (env.asText().equals("development") || env.asText().equals("production")))) {
      throw bad("environment must be development or production, was " + env);
    }
    return node;
  }

  private static Map<String, String> knownIdentities(JsonNode body) throws Http.Failure {
    Map<String, String> known = new LinkedHashMap<>();
    JsonNode k = body.get("known_identities");
    if (k == null || k.isNull()) {
      return known;
    }
    if (!k.isObject()) {
      throw bad("known_identities must be an object");
    }
    for (Map.Entry<String, JsonNode> e : k.properties()) {
      if (!isKnownType(e.getKey())) {
        throw bad(
            "known_identities."
                + e.getKey()
                + " is not an IDSync identity type"
                + " (IDSync names differ from the Events API's: customerid, other2, …)");
      }
      if (!e.getValue().isTextual() && !e.getValue().isNull()) {
        throw bad("known_identities." + e.getKey() + " must be a string or null");
      }
      known.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
    }
    return known;
  }

  private static boolean isKnownType(String type) {
    return Identities.USER_TYPES.contains(type) || Identities.DEVICE_TYPES.contains(type);
  }

  private static String stringOrNull(JsonNode c, String field, int i) throws Http.Failure {
    JsonNode v = c.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw bad("identity_changes[" + i + "]." + field + " must be a string or null");
    }
    return v.asText();
  }

  private static Http.Failure bad(String message) {
    return new Http.Failure(400, "BAD_REQUEST", message, null);
  }
}
