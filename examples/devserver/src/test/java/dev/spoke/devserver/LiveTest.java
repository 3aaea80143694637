package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.NOW_MS;
import static dev.spoke.devserver.TestSupport.batch;
import static dev.spoke.devserver.TestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /stats}, the rejection log lines, the live page's files and its server-sent event
 * stream.
 */
class LiveTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private DevServer server;
  private final List<InputStream> streams = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() throws IOException {
    for (InputStream s : streams) {
      s.close();
    }
    server.close();
  }

  private HttpResponse<String> get(String path) {
    return TestSupport.send(
        HttpRequest.newBuilder(URI.create(server.baseUri() + path)).timeout(BOUND).GET().build());
  }

  private static String invalidBatch(String srid) {
    // environment must be production or development
    return "{\"environment\":\"staging\",\"source_request_id\":\""
        + srid
        + "\",\"mpid\":5,\"events\":[]}";
  }

  /**
   * Runs {@code action} with System.err captured (slf4j-simple writes to the current System.err).
   */
  private static String stderrOf(Runnable action) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void bulkRejectionIsLoggedOnceWithReasonAndSourceRequestIdAndVisibleInStats() {
    String body = "[" + batch("good-1", 1, NOW_MS) + "," + invalidBatch("bad-1") + "]";
    String log =
        stderrOf(
            () ->
                assertThat(
                        TestSupport.post(server, "/v2/bulkevents", "k1", "s1", body).statusCode())
                    .isEqualTo(202));

    List<String> lines = log.lines().filter(l -> l.contains("rejected batch")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains(
            "batch 1 of /v2/bulkevents",
            "key k1",
            "source_request_id bad-1",
            "SCHEMA",
            "/environment");

    JsonNode stats = tree(get("/stats").body());
    assertThat(stats.path("batchesAccepted").asLong()).isEqualTo(1);
    assertThat(stats.path("rejected").asLong()).isEqualTo(1);
    assertThat(stats.path("rejectedByReason").path("SCHEMA").asLong()).isEqualTo(1);
    JsonNode last = stats.path("recentRejections").get(0);
    assertThat(last.path("sourceRequestId").asText()).isEqualTo("bad-1");
    assertThat(last.path("reason").asText()).isEqualTo("SCHEMA");
    assertThat(last.path("index").asInt()).isEqualTo(1);
    assertThat(last.path("path").asText()).isEqualTo("/v2/bulkevents");
    assertThat(last.path("messages").get(0).asText()).startsWith("/environment");
    assertThat(last.path("mpid").asText()).isEqualTo("5");
  }

  @Test
  void singleEventsRejectionIsLoggedAndInStatsToo() {
    String log =
        stderrOf(
            () ->
                assertThat(
                        TestSupport.post(
                                server, "/v2/events", "k1", "s1", invalidBatch("bad-single"))
                            .statusCode())
                    .isEqualTo(400));
    assertThat(log)
        .contains("rejected batch 0 of /v2/events (key k1, source_request_id bad-single): SCHEMA");
    JsonNode stats = tree(get("/stats").body());
    assertThat(stats.path("rejectedByReason").path("SCHEMA").asLong()).isEqualTo(1);
    assertThat(stats.path("recentRejections").get(0).path("sourceRequestId").asText())
        .isEqualTo("bad-single");
  }

  @Test
  void wholeRequestRejectionsAreLoggedAndListed() {
    String log =
        stderrOf(
            () ->
                assertThat(
                        TestSupport.post(server, "/v2/bulkevents", "k1", "s1", "{not json")
                            .statusCode())
                    .isEqualTo(400));
    assertThat(log).contains("rejected request /v2/bulkevents (key k1): 400 INVALID_JSON");
    JsonNode last = tree(get("/stats").body()).path("recentRejections").get(0);
    assertThat(last.path("index").asInt()).isEqualTo(-1);
    assertThat(last.path("reason").asText()).isEqualTo("INVALID_JSON");
  }

  @Test
  void pageFilesAreServedAndPageRequestsAreNeitherFaultedNorCounted() {
    server.faults(Faults.builder().outage(true).build());
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"/live.js\"></script>");
    assertThat(get("/live.js").body()).contains("new EventSource('/live/stream')");
    assertThat(get("/live.css").statusCode()).isEqualTo(200);
    assertThat(get("/live/nothing").statusCode()).isEqualTo(404);
    assertThat(tree(get("/stats").body()).path("requests").asLong()).isZero();
  }

  @Test
  void stateShowsWorkspacesWithTheirServedConfigurationButNoSecret() {
    String state = get("/live/state").body();
    assertThat(state).doesNotContain("\"s1\"").doesNotContain("apiSecret");
    JsonNode w1 = tree(state).path("workspaces").get(0);
    assertThat(w1.path("apiKey").asText()).isEqualTo("k1");
    assertThat(w1.path("config").path("eks").get(0).path("id").asInt()).isEqualTo(160);
  }

  /** Reads server-sent events until one named {@code name} whose data contains {@code needle}. */
  private static JsonNode awaitEvent(BufferedReader in, String name, String needle)
      throws IOException {
    String event = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && name.equals(event) && line.contains(needle)) {
        return tree(line.substring(6));
      }
    }
    throw new AssertionError("stream ended before a '" + name + "' event with " + needle);
  }

  private BufferedReader openStream() {
    HttpResponse<InputStream> r;
    try {
      r =
          TestSupport.CLIENT.send(
              HttpRequest.newBuilder(URI.create(server.baseUri() + "/live/stream")).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    streams.add(r.body());
    return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void streamSendsStateThenEachBatchAndRejectionAsTheyArrive() {
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          BufferedReader in = openStream();
          awaitEvent(in, "state", "workspaces");
          TestSupport.post(
              server,
              "/v2/bulkevents",
              "k1",
              "s1",
              "[" + batch("live-ok", 42, NOW_MS) + "," + invalidBatch("live-bad") + "]");
          JsonNode b = awaitEvent(in, "batch", "live-ok");
          assertThat(b.path("mpid").asText()).isEqualTo("42");
          assertThat(b.path("workspace").asText()).isEqualTo("w1");
          assertThat(b.path("events").get(0).path("type").asText()).isEqualTo("custom_event");
          assertThat(b.path("events").get(0).path("name").asText()).isEqualTo("click");
          JsonNode r = awaitEvent(in, "rejection", "live-bad");
          assertThat(r.path("reason").asText()).isEqualTo("SCHEMA");
          // The request stores its first batch before refusing its second: a snapshot with the
          // refusal has both.
          JsonNode s = awaitEvent(in, "stats", "\"rejected\":1");
          assertThat(s.path("batchesAccepted").asLong()).isEqualTo(1);
          server.kits(
              "k1", List.of(WorkspacesFile.Kit.of(100001, java.util.Map.of("url", "http://x"))));
          awaitEvent(in, "config", "100001");
        });
  }

  @Test
  void openPagesDoNotTakeHandlerThreads() {
    server.close();
    server = TestSupport.server().threads(1).maxConnections(2).build().start();
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          for (int i = 0; i < 5; i++) {
            awaitEvent(openStream(), "state", "workspaces");
          }
          // Five streams open on a server that serves at most two requests at once: the API still
          // answers.
          assertThat(
                  TestSupport.post(
                          server, "/v2/events", "k1", "s1", batch("after-pages", 1, NOW_MS))
                      .statusCode())
              .isEqualTo(202);
          assertThat(get("/stats").statusCode()).isEqualTo(200);
        });
  }
}
