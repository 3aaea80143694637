package dev.spoke.serverapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAppTest {
  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 500;
  private static final int USERS = 200;

  @TempDir Path dir;

  private DevServer devserver;
  private Spoke spoke;
  private ServerApp app;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeEach
  void start() throws Exception {
    devserver =
        DevServer.builder()
            .workspaces(WorkspacesFile.parse(ServerApp.DEMO_WORKSPACES))
            .dataDirectory(dir)
            .seed(7)
            .build()
            .start();
    spoke =
        Spoke.create(
            SpokeOptions.builder(
                    Workspace.builder(ServerApp.DEMO_KEY, ServerApp.DEMO_SECRET).build())
                .endpoint(devserver.baseUri())
                .uploadInterval(Duration.ofMillis(100))
                .build());
    app = ServerApp.start(spoke, 0, THREADS);
  }

  @AfterEach
  void stop() {
    app.close();
    spoke.close(Duration.ofSeconds(5));
    devserver.close();
  }

  private int post(String pathAndQuery, String body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(app.baseUri() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void manyUsersConcurrentlyThroughOneInstanceArriveCompleteAndUnmixed() throws Exception {
    for (int u = 0; u < USERS; u++) {
      assertThat(
              post(
                  "/users/u" + u + "/attributes",
                  "{\"plan\":\"plan-u" + u + "\",\"seats\":" + u + "}"))
          .isEqualTo(204);
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                int ok = 0;
                for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                  String user = "u" + ((thread * REQUESTS_PER_THREAD + i) % USERS);
                  int status =
                      post(
                          "/track?user="
                              + user
                              + "&event=e-"
                              + thread
                              + "-"
                              + i
                              + "&type=navigation&for="
                              + user,
                          null);
                  if (status == 202) {
                    ok++;
                  }
                }
                return ok;
              }));
    }
    int accepted = 0;
    for (Future<Integer> f : results) {
      accepted += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(accepted).isEqualTo(THREADS * REQUESTS_PER_THREAD);

    FlushResult flushed = spoke.flush(Duration.ofSeconds(30));
    assertThat(flushed.complete()).as("flush %s", flushed).isTrue();
    assertThat(flushed.droppedTotal()).isZero();
    assertThat(devserver.failures(ServerApp.DEMO_KEY)).isEmpty();

    List<String> names = new ArrayList<>();
    Map<String, Integer> eventsPerUser = new HashMap<>();
    Set<String> usersSeen = new HashSet<>();
    for (JsonNode batch : devserver.batches(ServerApp.DEMO_KEY)) {
      String user = batch.path("user_identities").path("customer_id").asText(null);
      assertThat(user).as("every batch names its user: %s", batch).isNotNull();
      usersSeen.add(user);
      // The batch header is the user's own state at seal time: never another user's attributes.
      // (A batch sealed between the two attribute calls legitimately has only the first one; the
      // custom events are tracked after both, so their batches carry both.)
      JsonNode attrs = batch.path("user_attributes");
      if (attrs.has("plan")) {
        assertThat(attrs.path("plan").asText()).isEqualTo("plan-" + user);
      }
      if (attrs.has("seats")) {
        assertThat(attrs.path("seats").asText()).isEqualTo(user.substring(1));
      }
      boolean hasCustom = false;
      for (JsonNode e : batch.path("events")) {
        hasCustom |= "custom_event".equals(e.path("event_type").asText());
      }
      if (hasCustom) {
        assertThat(attrs.path("plan").asText()).isEqualTo("plan-" + user);
        assertThat(attrs.path("seats").asText()).isEqualTo(user.substring(1));
      }
      for (JsonNode e : batch.path("events")) {
        if (!"custom_event".equals(e.path("event_type").asText())) {
          continue;
        }
        JsonNode data = e.path("data");
        assertThat(data.path("custom_attributes").path("for").asText())
            .as("event %s in the batch of %s", data.path("event_name"), user)
            .isEqualTo(user);
        assertThat(data.path("custom_event_type").asText()).isEqualTo("navigation");
        names.add(data.path("event_name").asText());
        eventsPerUser.merge(user, 1, Integer::sum);
      }
    }
    assertThat(names).hasSize(THREADS * REQUESTS_PER_THREAD).doesNotHaveDuplicates();
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
        expected.add("e-" + t + "-" + i);
      }
    }
    assertThat(new HashSet<>(names)).isEqualTo(expected);
    assertThat(usersSeen).hasSize(USERS);
    assertThat(eventsPerUser.values()).allMatch(n -> n == THREADS * REQUESTS_PER_THREAD / USERS);
    assertThat(devserver.stats().eventsAccepted()).isEqualTo(spoke.metrics().delivered());
  }

  @Test
  void badRequestsAreRefusedWithAMessageAndTrackNothing() throws Exception {
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(app.baseUri() + "/track?user=a&event=b")).GET().build();
    assertThat(client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(405);
    HttpResponse<String> missing =
        client.send(
            HttpRequest.newBuilder(URI.create(app.baseUri() + "/track?user=a"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(missing.body()).path("error").asText())
        .contains("'event'");
    assertThat(post("/track?user=a&event=b&type=nonsense", null)).isEqualTo(400);
    assertThat(post("/users/a/attributes", "not json")).isEqualTo(400);
    assertThat(post("/users/a/attributes", "[1,2]")).isEqualTo(400);
    assertThat(post("/users/a/other", "{}")).isEqualTo(404);

    assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
    assertThat(spoke.metrics().accepted()).isZero();
    assertThat(devserver.eventCount(ServerApp.DEMO_KEY)).isZero();
  }

  @Test
  void listAttributesAndRemovalsReachTheBatchHeader() throws Exception {
    assertThat(
            post("/users/ann/attributes", "{\"tags\":[\"a\",\"b\"],\"gone\":\"x\",\"vip\":true}"))
        .isEqualTo(204);
    assertThat(post("/users/ann/attributes", "{\"gone\":null}")).isEqualTo(204);
    assertThat(post("/track?user=ann&event=hello", null)).isEqualTo(202);
    assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();

    JsonNode last = null;
    for (JsonNode b : devserver.batches(ServerApp.DEMO_KEY)) {
      last = b;
    }
    assertThat(last).isNotNull();
    JsonNode attrs = last.path("user_attributes");
    assertThat(attrs.path("tags").isArray()).isTrue();
    assertThat(attrs.path("tags").get(1).asText()).isEqualTo("b");
    assertThat(attrs.path("vip").asText()).isEqualTo("true");
    assertThat(attrs.has("gone")).isFalse();
  }
}
