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

/** IDSync: {@code POST /v1/identify|login|logout|search} and {@code /v1/{mpid}/modify} (WIRE §5). Not API. */
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

    void handle(HttpExchange ex, String path) throws IOException {
        String[] parts = path.substring("/v1/".length()).split("/", -1);
        Identities.Mode mode = null;
        Long modifyMpid = null;
        if (parts.length == 1) {
            switch (parts[0]) {
                case "identify": mode = Identities.Mode.IDENTIFY; break;
                case "login": mode = Identities.Mode.LOGIN; break;
                case "logout": mode = Identities.Mode.LOGOUT; break;
                case "search": mode = Identities.Mode.SEARCH; break;
                default: break;
            }
        } else if (parts.length == 2 && parts[1].equals("modify")) {
            try {
                modifyMpid = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                Http.sendError(ex, 400, "BAD_REQUEST", List.of("mpid '" + parts[0] + "' is not a number"), json,
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
            Http.sendError(ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts POST only"), json, counters);
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
                Http.sendError(ex, 404, "NOT_FOUND", List.of("no user matches the known identities"), json, counters);
                return;
            }
            Http.send(ex, 200, json.writeValueAsBytes(answer(r.mpid(), r.loggedIn(), r.matched())), counters);
        } catch (Http.Failure f) {
            Http.sendFailure(ex, f, json, counters);
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
                throw bad("identity_changes[" + i + "].identity_type '" + c.path("identity_type").asText()
                        + "' is not an IDSync identity type");
            }
            list.add(new Identities.Change(type, stringOrNull(c, "old_value", i), stringOrNull(c, "new_value", i)));
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
            cr.addObject().put("identity_type", list.get(i).type()).put("modified_mpid", String.valueOf(results.get(i)));
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
        if (env != null && !(env.isTextual()
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
                throw bad("known_identities." + e.getKey() + " is not an IDSync identity type"
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
