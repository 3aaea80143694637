package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.DAY_MS;
import static dev.spoke.devserver.TestSupport.NOW_MS;
import static dev.spoke.devserver.TestSupport.basic;
import static dev.spoke.devserver.TestSupport.batch;
import static dev.spoke.devserver.TestSupport.post;
import static dev.spoke.devserver.TestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsApiTest {

  @TempDir Path dir;
  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().dataDirectory(dir).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> events(String body) {
    return post(server, "/v2/events", "k1", "s1", body);
  }

  private HttpResponse<String> bulk(String path, List<String> batches) {
    return post(server, path, "k1", "s1", "[" + String.join(",", batches) + "]");
  }

  @Test
  void acceptsAValidBatchAndLogsItExactlyAsReceived() throws IOException {
    String body = batch("r1", 42, NOW_MS - 1000);
    assertThat(events(body).statusCode()).isEqualTo(202);

    assertThat(Files.readAllLines(server.batchLog())).containsExactly(body);
    assertThat(server.batches("k1")).hasSize(1);
    assertThat(server.eventCount("k1")).isEqualTo(1);
    assertThat(server.events("k1", 42)).hasSize(1);
    assertThat(server.events("k1", 43)).isEmpty();
    assertThat(server.stats().batchesAccepted()).isEqualTo(1);
    assertThat(server.stats().status(202)).isEqualTo(1);
  }

  @Test
  void authMissingOrMalformedIs401_unknownKeyOrWrongSecretIs403() {
    byte[] body = batch("r", 1, NOW_MS).getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create(server.eventsBaseUri() + "/events");
    assertThat(post(uri, null, body, false).statusCode()).isEqualTo(401);
    assertThat(post(uri, "Basic !!!notbase64", body, false).statusCode()).isEqualTo(401);
    assertThat(post(uri, "Bearer abc", body, false).statusCode()).isEqualTo(401);
    assertThat(post(uri, basic("nope", "s1"), body, false).statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = post(uri, basic("k1", "s2-wrong"), body, false);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain("s2-wrong").doesNotContain("s1");
    assertThat(server.stats().rejected(RejectReason.AUTH_MISSING)).isEqualTo(3);
    assertThat(server.stats().rejected(RejectReason.AUTH_INVALID)).isEqualTo(2);
    assertThat(server.stats().batchesAccepted()).isZero();
  }

  @Test
  void gzipBodiesAreInflated_andTheLogHoldsTheDecompressedText() throws IOException {
    String body = batch("gz", 5, NOW_MS);
    HttpResponse<String> r =
        post(
            URI.create(server.eventsBaseUri() + "/events"),
            basic("k1", "s1"),
            body.getBytes(StandardCharsets.UTF_8),
            true);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(Files.readString(server.batchLog()).trim()).isEqualTo(body);
    assertThat(server.stats().bytesDecoded()).isEqualTo(body.length());
    assertThat(server.stats().bytesReceived()).isNotEqualTo(body.length());
  }

  @Test
  void brokenGzipIs400() {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.eventsBaseUri() + "/events"))
            .header("Authorization", basic("k1", "s1"))
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofString("not gzip"))
            .build();
    assertThat(TestSupport.send(req).statusCode()).isEqualTo(400);
  }

  @Test
  void requestOver256KbDecompressedIs413_evenWhenItsGzipIsSmall() {
    String pad = "x".repeat(256 * 1024);
    String body = "{\"environment\":\"development\",\"user_attributes\":{\"pad\":\"" + pad + "\"}}";
    HttpResponse<String> r =
        post(
            URI.create(server.eventsBaseUri() + "/events"),
            basic("k1", "s1"),
            body.getBytes(StandardCharsets.UTF_8),
            true);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(server.stats().rejected(RejectReason.REQUEST_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void singleBatchOver128KbIs413() {
    String body =
        "{\"environment\":\"development\",\"user_attributes\":{\"pad\":\""
            + "y".repeat(130 * 1024)
            + "\"}}";
    assertThat(events(body).statusCode()).isEqualTo(413);
    assertThat(server.stats().rejected(RejectReason.BATCH_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void invalidJsonIs400WithThePlatformsErrorBody() {
    HttpResponse<String> r = events("{\"environment\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = tree(r.body()).get("errors").get(0);
    assertThat(err.get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(err.get("message").asText()).startsWith("invalid JSON");
    assertThat(events("[]").statusCode()).isEqualTo(400);
    assertThat(events("{\"environment\":\"development\"} {}").statusCode()).isEqualTo(400);
  }

  @Test
  void schemaViolationIs400NamingTheField() {
    String body =
        "{\"environment\":\"development\",\"events\":[{\"event_type\":\"custom_event\","
            + "\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"attribution\"}}]}";
    HttpResponse<String> r = events(body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode errors = tree(r.body()).get("errors");
    assertThat(errors).isNotEmpty();
    assertThat(errors.toString()).contains("/events/0/data/custom_event_type");
    assertThat(server.failures("k1"))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo(RejectReason.SCHEMA));

    HttpResponse<String> missing = events("{\"environment\":\"development\",\"logged_in\":true}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("logged_in");
  }

  @Test
  void schemaValidationCanBeTurnedOff() {
    try (DevServer lax = TestSupport.server().validateSchema(false).build().start()) {
      HttpResponse<String> r =
          post(
              lax,
              "/v2/events",
              "k1",
              "s1",
              "{\"environment\":\"development\",\"custom_attribute_types\":{}}");
      assertThat(r.statusCode()).isEqualTo(202);
    }
  }

  @Test
  void bulkWithSomeBadBatchesIs202_andRecordsEachFailure() {
    String good1 = batch("b1", 1, NOW_MS);
    String bad = "{\"environment\":\"staging\"}";
    String notObject = "17";
    String good2 = "{\n  \"environment\": \"production\",\n  \"mpid\": \"2\"\n}";
    HttpResponse<String> r = bulk("/v2/bulkevents", List.of(good1, bad, notObject, good2));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(server.batches("k1")).hasSize(2);
    List<BatchFailure> failures = server.failures("k1");
    assertThat(failures).extracting(BatchFailure::index).containsExactly(1, 2);
    assertThat(failures.get(0).messages()).anySatisfy(m -> assertThat(m).contains("/environment"));
    assertThat(server.stats().rejected(RejectReason.SCHEMA)).isEqualTo(2);
  }

  @Test
  void bulkLogKeepsEachBatchOnOneLine() throws IOException {
    String pretty = "{\n  \"environment\": \"production\",\n  \"mpid\": \"2\"\n}";
    assertThat(bulk("/v2/bulkevents", List.of(pretty, batch("x", 3, NOW_MS))).statusCode())
        .isEqualTo(202);
    List<String> lines = Files.readAllLines(server.batchLog());
    assertThat(lines)
        .containsExactly(
            "{  \"environment\": \"production\",  \"mpid\": \"2\"}", batch("x", 3, NOW_MS));
  }

  @Test
  void moreThan100BatchesIs400() {
    StringJoiner many = new StringJoiner(",", "[", "]");
    for (int i = 0; i < 101; i++) {
      many.add("{\"environment\":\"development\"}");
    }
    HttpResponse<String> r = post(server, "/v2/bulkevents", "k1", "s1", many.toString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(server.stats().rejected(RejectReason.TOO_MANY_BATCHES)).isEqualTo(1);
    assertThat(server.stats().batchesAccepted()).isZero();
  }

  @Test
  void batchOver128KbInBulkIsRejectedAlone() {
    String big =
        "{\"environment\":\"development\",\"user_attributes\":{\"pad\":\""
            + "z".repeat(129 * 1024)
            + "\"}}";
    HttpResponse<String> r = bulk("/v2/bulkevents", List.of(big, batch("ok", 1, NOW_MS)));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(server.failures("k1"))
        .extracting(BatchFailure::reason)
        .containsExactly(RejectReason.BATCH_TOO_LARGE);
    assertThat(server.batches("k1")).hasSize(1);
  }

  @Test
  void repeatedSourceRequestIdIsAnswered202ButStoredOnce() throws IOException {
    String body = batch("same-id", 9, NOW_MS);
    assertThat(events(body).statusCode()).isEqualTo(202);
    assertThat(events(body).statusCode()).isEqualTo(202);
    assertThat(bulk("/v2/bulkevents", List.of(body)).statusCode()).isEqualTo(202);
    assertThat(server.batches("k1")).hasSize(1);
    assertThat(Files.readAllLines(server.batchLog())).hasSize(1);
    assertThat(server.stats().duplicates()).isEqualTo(2);
    // Dedup is per API key: another workspace may reuse the id.
    assertThat(post(server, "/v2/events", "k3", "s3", body).statusCode()).isEqualTo(202);
    assertThat(server.batches("k3")).hasSize(1);
  }

  @Test
  void timestampsMoreThan15MinutesAheadAreResetInTheStoredCopyOnly() throws IOException {
    long future = NOW_MS + 16 * 60_000L;
    long nearFuture = NOW_MS + 14 * 60_000L;
    String body =
        "{\"environment\":\"development\",\"mpid\":1,\"timestamp_unixtime_ms\":"
            + future
            + ",\"events\":[{\"event_type\":\"session_start\",\"data\":{\"timestamp_unixtime_ms\":"
            + future
            + "}},"
            + "{\"event_type\":\"session_start\",\"data\":{\"timestamp_unixtime_ms\":"
            + nearFuture
            + "}},"
            + "{\"event_type\":\"session_start\",\"data\":{}}]}";
    assertThat(events(body).statusCode()).isEqualTo(202);
    JsonNode stored = server.batches("k1").get(0);
    assertThat(stored.get("timestamp_unixtime_ms").asLong()).isEqualTo(NOW_MS);
    assertThat(stored.at("/events/0/data/timestamp_unixtime_ms").asLong()).isEqualTo(NOW_MS);
    assertThat(stored.at("/events/1/data/timestamp_unixtime_ms").asLong()).isEqualTo(nearFuture);
    assertThat(stored.at("/events/2/data/timestamp_unixtime_ms").asLong()).isEqualTo(NOW_MS);
    assertThat(server.stats().timestampsReset()).isEqualTo(2);
    assertThat(Files.readAllLines(server.batchLog())).containsExactly(body);
  }

  @Test
  void eventsOlderThan30DaysAreRejectedOnLiveEndpoints() {
    String old = batch("old", 1, NOW_MS - 31 * DAY_MS);
    assertThat(events(old).statusCode()).isEqualTo(400);
    assertThat(
            bulk(
                    "/v2/bulkevents",
                    List.of(
                        batch("old2", 1, NOW_MS - 31 * DAY_MS),
                        batch("recent", 1, NOW_MS - 29 * DAY_MS)))
                .statusCode())
        .isEqualTo(202);
    assertThat(server.stats().rejected(RejectReason.TOO_OLD)).isEqualTo(2);
    assertThat(server.batches("k1")).hasSize(1);
  }

  @Test
  void historicalEndpointRules() {
    String noEvents = "{\"environment\":\"development\",\"mpid\":1}";
    String emptyEvents = "{\"environment\":\"development\",\"events\":[]}";
    String missingTs =
        "{\"environment\":\"development\",\"events\":[{\"event_type\":\"session_start\",\"data\":{}}]}";
    String recent = batch("h-recent", 1, NOW_MS - 71 * 3_600_000L);
    String old = batch("h-old", 1, NOW_MS - 90 * DAY_MS);
    HttpResponse<String> r =
        bulk("/v2/bulkevents/historical", List.of(noEvents, emptyEvents, missingTs, recent, old));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(server.failures("k1"))
        .extracting(BatchFailure::reason)
        .containsExactly(
            RejectReason.HISTORICAL_NO_EVENTS, RejectReason.HISTORICAL_NO_EVENTS,
            RejectReason.HISTORICAL_MISSING_TIMESTAMP, RejectReason.HISTORICAL_TOO_RECENT);
    assertThat(server.batches("k1"))
        .singleElement()
        .satisfies(b -> assertThat(b.get("source_request_id").asText()).isEqualTo("h-old"));
  }

  @Test
  void unknownPathIs404_andWrongMethodIs405() {
    assertThat(post(server, "/v2/other", "k1", "s1", "{}").statusCode()).isEqualTo(404);
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(server.eventsBaseUri() + "/events")).GET().build();
    assertThat(TestSupport.send(get).statusCode()).isEqualTo(405);
  }
}
