package dev.spoke.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kit configuration: {@code GET /v4/<apiKey>/config?av=&sv=} (WIRE §6). Not API. */
final class ConfigEndpoint {

    static final int MAX_RECORDED = 10_000;

    private final DevServer server;
    private final ObjectMapper json;
    private final Counters counters;
    private final List<ConfigRequest> seen = new ArrayList<>();

    ConfigEndpoint(DevServer server, ObjectMapper json, Counters counters) {
        this.server = server;
        this.json = json;
        this.counters = counters;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String[] parts = path.substring("/v4/".length()).split("/", -1);
        if (parts.length != 2 || !parts[1].equals("config") || parts[0].isEmpty()) {
            Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
            return;
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "GET");
            Http.sendError(ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts GET only"), json, counters);
            return;
        }
        String apiKey = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
        Optional<WorkspacesFile.Workspace> ws = server.workspacesFile().workspace(apiKey);
        // Recorded before answering, so a client that got its answer always finds its request recorded.
        if (ws.isEmpty()) {
            record(ex, apiKey, query, ifNoneMatch, 404);
            Http.sendError(ex, 404, "NOT_FOUND", List.of("unknown API key"), json, counters);
            return;
        }
        byte[] body = json.writeValueAsBytes(document(ws.get()));
        String etag = etag(body);
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Cache-Control", "max-age=600");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            record(ex, apiKey, query, ifNoneMatch, 304);
            Http.send(ex, 304, new byte[0], counters);
        } else {
            record(ex, apiKey, query, ifNoneMatch, 200);
            Http.send(ex, 200, body, counters);
        }
    }

    private void record(HttpExchange ex, String apiKey, Map<String, String> query, String ifNoneMatch, int status) {
        record(new ConfigRequest(apiKey, ex.getRequestHeaders().getFirst("x-mp-env"),
                ex.getRequestHeaders().getFirst("x-mp-kits"), query.get("av"), query.get("sv"), ifNoneMatch, status));
    }

    /** The configuration document served for a workspace (also shown on the live page). */
    ObjectNode document(WorkspacesFile.Workspace ws) {
        ObjectNode root = json.createObjectNode();
        var eks = root.putArray("eks");
        ws.kits().forEach(k -> eks.add(WorkspacesFile.toEks(k, json)));
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
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
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
