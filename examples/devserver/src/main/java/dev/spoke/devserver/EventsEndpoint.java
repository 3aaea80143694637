package dev.spoke.devserver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v2/events}, {@code /v2/bulkevents}, {@code /v2/bulkevents/historical}. Not API. */
final class EventsEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);

  /** Messages written per log line; the rest are in {@code GET /stats} and on the live page. */
  private static final int LOGGED_MESSAGES = 3;

  static final int MAX_REQUEST_BYTES = 256 * 1024;
  static final int MAX_BATCH_BYTES = 128 * 1024;
  static final int MAX_BATCHES = 100;
  static final long FUTURE_SLACK_MS = 15 * 60_000L;
  static final long MAX_AGE_MS = 30L * 24 * 3_600_000L;
  static final long HISTORICAL_MIN_AGE_MS = 72L * 3_600_000L;

  private final DevServer server;
  private final ObjectMapper json;
  private final Clock clock;
  private final Counters counters;
  private final BatchStore store;
  private final Profiles profiles;
  private final BatchSchema schema;

  /**
   * Reads one element of the bulk array; the array's remaining elements are not "trailing tokens".
   */
  private final ObjectReader elementReader;

  EventsEndpoint(
      DevServer server,
      ObjectMapper json,
      Clock clock,
      Counters counters,
      BatchStore store,
      Profiles profiles,
      BatchSchema schema) {
    this.server = server;
    this.json = json;
    this.clock = clock;
    this.counters = counters;
    this.store = store;
    this.profiles = profiles;
    this.schema = schema;
    this.elementReader = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A batch located in the request body: its bytes [from, to) and its parsed tree (null if not an
   * object).
   */
  private record Slice(int from, int to, JsonNode node) {}

  void handle(HttpExchange ex, String path) throws IOException {
    boolean single = path.equals("/v2/events");
    boolean historical = path.equals("/v2/bulkevents/historical");
    if (!single && !historical && !path.equals("/v2/bulkevents")) {
      Http.sendError(ex, 404, "NOT_FOUND", List.of("no endpoint " + path), json, counters);
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts POST only"), json, counters);
      return;
    }
    WorkspacesFile.Workspace ws = null;
    try {
      ws = Http.authenticate(ex, server.workspacesFile());
      byte[] body = Http.readBody(ex, MAX_REQUEST_BYTES, counters);
      List<Slice> slices = single ? parseSingle(body) : parseBulk(body);
      List<String> firstFailure = null;
      RejectReason firstReason = null;
      for (int i = 0; i < slices.size(); i++) {
        Outcome o = process(ws, path, i, body, slices.get(i), historical);
        if (o.reason != null && firstReason == null) {
          firstReason = o.reason;
          firstFailure = o.messages;
        }
      }
      store.flush();
      if (single && firstReason != null) {
        int status = firstReason == RejectReason.BATCH_TOO_LARGE ? 413 : 400;
        Http.sendError(
            ex,
            status,
            status == 413 ? "REQUEST_TOO_LARGE" : "BAD_REQUEST",
            firstFailure,
            json,
            counters);
        return;
      }
      // Bulk: 202 even when some batches failed, as the platform does; failures are queryable.
      Http.send(ex, 202, new byte[0], counters);
    } catch (Http.Failure f) {
      // The whole request is refused: the client gets the status, the developer a log line and the
      // page.
      String key = ws == null ? null : ws.apiKey();
      log(key, path, -1, f.reason, f.messages, null, f.status);
      if (f.reason != null) {
        server
            .liveFeed()
            .rejected(key, ws == null ? null : ws.id(), path, -1, f.reason, f.messages, null, null);
      }
      Http.sendFailure(ex, f, json, counters);
    }
  }

  /**
   * One line per refused batch (or request, index -1), so a bulk request answered 202 never loses a
   * batch silently (the platform answers a bulk request 202 whatever happened to its batches: WIRE
   * §1).
   */
  private static void log(
      String apiKey,
      String path,
      int index,
      RejectReason reason,
      List<String> messages,
      String srid,
      int status) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    StringBuilder m = new StringBuilder();
    for (int i = 0; i < Math.min(messages.size(), LOGGED_MESSAGES); i++) {
      m.append(i == 0 ? "" : "; ").append(messages.get(i).replace('\n', ' ').replace('\r', ' '));
    }
    if (messages.size() > LOGGED_MESSAGES) {
      m.append("; … ").append(messages.size() - LOGGED_MESSAGES).append(" more (GET /stats)");
    }
    if (index < 0) {
      LOG.warn(
          "devserver rejected request {} (key {}): {} {}: {}",
          path,
          apiKey == null ? "?" : apiKey,
          status,
          reason,
          m);
    } else {
      LOG.warn(
          "devserver rejected batch {} of {} (key {}, source_request_id {}): {}: {}",
          index,
          path,
          apiKey,
          srid == null ? "none" : srid,
          reason,
          m);
    }
  }

  private List<Slice> parseSingle(byte[] body) throws Http.Failure {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new Http.Failure(
            400,
            "BAD_REQUEST",
            "body must be one JSON object (a batch)",
            RejectReason.INVALID_JSON);
      }
      return List.of(new Slice(0, body.length, node));
    } catch (IOException e) {
      throw invalidJson(e);
    }
  }

  /** Streams the array so each batch's exact bytes are known (they go to the log as received). */
  private List<Slice> parseBulk(byte[] body) throws Http.Failure {
    List<Slice> slices = new ArrayList<>();
    try (JsonParser p = json.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new Http.Failure(
            400, "BAD_REQUEST", "body must be a JSON array of batches", RejectReason.INVALID_JSON);
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new Http.Failure(
              400, "BAD_REQUEST", "unterminated JSON array", RejectReason.INVALID_JSON);
        }
        if (slices.size() == MAX_BATCHES) {
          throw new Http.Failure(
              400,
              "BAD_REQUEST",
              "more than " + MAX_BATCHES + " batches in one request; split it",
              RejectReason.TOO_MANY_BATCHES);
        }
        int from = (int) p.currentTokenLocation().getByteOffset();
        JsonNode node;
        if (t == JsonToken.START_OBJECT) {
          node = elementReader.readTree(p);
        } else {
          p.skipChildren();
          node = null;
        }
        int to = (int) p.currentLocation().getByteOffset();
        slices.add(new Slice(from, to, node));
      }
      if (p.nextToken() != null) {
        throw new Http.Failure(
            400, "BAD_REQUEST", "trailing content after the JSON array", RejectReason.INVALID_JSON);
      }
      return slices;
    } catch (IOException e) {
      throw invalidJson(e);
    }
  }

  private static Http.Failure invalidJson(IOException e) {
    String msg =
        e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    return new Http.Failure(400, "BAD_REQUEST", "invalid JSON: " + msg, RejectReason.INVALID_JSON);
  }

  private static final class Outcome {
    static final Outcome OK = new Outcome(null, List.of());
    final RejectReason reason;
    final List<String> messages;

    Outcome(RejectReason reason, List<String> messages) {
      this.reason = reason;
      this.messages = messages;
    }
  }

  private Outcome process(
      WorkspacesFile.Workspace ws, String path, int index, byte[] body, Slice s, boolean historical)
      throws IOException {
    if (s.node() == null) {
      return reject(
          ws,
          path,
          index,
          null,
          null,
          RejectReason.SCHEMA,
          List.of("/" + index + ": a batch must be a JSON object"));
    }
    ObjectNode batch = (ObjectNode) s.node();
    JsonNode sridNode = batch.get("source_request_id");
    String srid = sridNode != null && sridNode.isTextual() ? sridNode.asText() : null;
    if (s.to() - s.from() > MAX_BATCH_BYTES) {
      return reject(
          ws,
          path,
          index,
          batch,
          srid,
          RejectReason.BATCH_TOO_LARGE,
          List.of("batch is " + (s.to() - s.from()) + " bytes; the limit is " + MAX_BATCH_BYTES));
    }
    if (server.validatesSchema()) {
      List<BatchSchema.Violation> violations = schema.validate(batch);
      if (!violations.isEmpty()) {
        List<String> messages = new ArrayList<>(violations.size());
        for (BatchSchema.Violation v : violations) {
          String ptr = v.pointer().isEmpty() ? "/" : v.pointer();
          messages.add(
              v.message().startsWith(v.pointer()) && !v.pointer().isEmpty()
                  ? v.message()
                  : ptr + ": " + v.message());
        }
        return reject(ws, path, index, batch, srid, RejectReason.SCHEMA, messages);
      }
    }
    long now = clock.millis();
    JsonNode events = batch.path("events");
    int eventCount = events.isArray() ? events.size() : 0;
    Outcome age = checkAge(events, now, historical);
    if (age != null) {
      return reject(ws, path, index, batch, srid, age.reason, age.messages);
    }
    if (srid != null && !store.firstSeen(ws.apiKey(), srid)) {
      counters.duplicates.increment();
      return Outcome.OK;
    }
    store.append(body, s.from(), s.to());
    resetTimestamps(batch, events, now);
    Long mpid =
        BatchUser.resolve(server.identityGraph(), ws.scopeKey(), mpidOf(batch.get("mpid")), batch);
    store.store(ws.apiKey(), path, mpid, batch, eventCount);
    counters.batchesAccepted.increment();
    counters.eventsAccepted.add(eventCount);
    server.liveFeed().accepted(ws, path, mpid, batch);
    if (mpid != null) {
      profiles.apply(
          ws.scopeKey(),
          mpid,
          Profiles.sourceOf(ws.inputKind()),
          batch.get("user_attributes"),
          batch.get("deleted_user_attributes"));
    }
    return Outcome.OK;
  }

  private static Outcome checkAge(JsonNode events, long now, boolean historical) {
    if (historical && (!events.isArray() || events.isEmpty())) {
      return new Outcome(
          RejectReason.HISTORICAL_NO_EVENTS, List.of("/events: historical batches need events"));
    }
    for (int i = 0; i < events.size(); i++) {
      JsonNode ts = events.get(i).path("data").get("timestamp_unixtime_ms");
      boolean has = ts != null && ts.isIntegralNumber();
      String where = "/events/" + i + "/data/timestamp_unixtime_ms";
      if (historical) {
        if (!has) {
          return new Outcome(
              RejectReason.HISTORICAL_MISSING_TIMESTAMP,
              List.of(where + ": historical events need a timestamp"));
        }
        if (ts.asLong() > now - HISTORICAL_MIN_AGE_MS) {
          return new Outcome(
              RejectReason.HISTORICAL_TOO_RECENT,
              List.of(
                  where + ": historical events must be at least 72 hours old; use /v2/bulkevents"));
        }
      } else if (has && ts.asLong() < now - MAX_AGE_MS) {
        return new Outcome(
            RejectReason.TOO_OLD,
            List.of(where + ": older than 30 days; use /v2/bulkevents/historical"));
      }
    }
    return null;
  }

  /**
   * WIRE §4: timestamps over 15 minutes ahead become the server's now; missing event timestamps
   * too.
   */
  private void resetTimestamps(ObjectNode batch, JsonNode events, long now) {
    JsonNode bts = batch.get("timestamp_unixtime_ms");
    if (bts != null && bts.isIntegralNumber() && bts.asLong() > now + FUTURE_SLACK_MS) {
      batch.put("timestamp_unixtime_ms", now);
      counters.timestampsReset.increment();
    }
    for (JsonNode e : events) {
      JsonNode data = e.get("data");
      if (!(data instanceof ObjectNode)) {
        continue;
      }
      JsonNode ts = data.get("timestamp_unixtime_ms");
      if (ts == null || !ts.isIntegralNumber()) {
        ((ObjectNode) data).put("timestamp_unixtime_ms", now);
      } else if (ts.asLong() > now + FUTURE_SLACK_MS) {
        ((ObjectNode) data).put("timestamp_unixtime_ms", now);
        counters.timestampsReset.increment();
      }
    }
  }

  static Long mpidOf(JsonNode mpid) {
    if (mpid == null || mpid.isNull()) {
      return null;
    }
    if (mpid.isIntegralNumber()) {
      return mpid.asLong();
    }
    try {
      return Long.parseLong(mpid.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * @param batch the refused batch, or null when it is not a JSON object (only its {@code mpid} is
   *     read)
   */
  private Outcome reject(
      WorkspacesFile.Workspace ws,
      String path,
      int index,
      JsonNode batch,
      String srid,
      RejectReason reason,
      List<String> messages) {
    counters.rejected(reason);
    store.fail(new BatchFailure(ws.apiKey(), path, index, reason, messages, srid));
    log(ws.apiKey(), path, index, reason, messages, srid, 0);
    server
        .liveFeed()
        .rejected(
            ws.apiKey(),
            ws.id(),
            path,
            index,
            reason,
            messages,
            srid,
            batch == null ? null : mpidOf(batch.get("mpid")));
    return new Outcome(reason, messages);
  }
}
