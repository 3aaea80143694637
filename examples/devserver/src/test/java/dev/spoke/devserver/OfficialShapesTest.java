package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.JSON;
import static dev.spoke.devserver.TestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus in {@code official-shapes/}: one batch per official server SDK (Java, Node,
 * Python, Ruby, Go) and one in the shape of the platform's JSON reference, each built field for
 * field as that source builds it (the {@code _source} of each {@code .expected.json} names the
 * files the shape was read from). Each must be accepted by {@code /v2/events} and {@code
 * /v2/bulkevents}, and read back by the profile store: the user found by the identity the batch
 * carries (or its MPID), with the attributes it set.
 */
class OfficialShapesTest {

  /**
   * The corpus's timestamps are around 2023-11-14; the platform refuses data older than 30 days on
   * these endpoints.
   */
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(1_700_000_600_000L), ZoneOffset.UTC);

  @TempDir Path dir;
  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().clock(CLOCK).dataDirectory(dir).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<String> shapes() throws IOException, URISyntaxException {
    URL dirUrl = OfficialShapesTest.class.getResource("/official-shapes");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(dirUrl.toURI()))) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".expected.json"))
          .map(n -> n.substring(0, n.length() - ".expected.json".length()))
          .sorted()
          .forEach(names::add);
    }
    return names.stream();
  }

  @Test
  void theCorpusHasEveryOfficialServerSdkAndTheJsonReference() throws Exception {
    assertThat(shapes())
        .containsExactlyInAnyOrder(
            "go-sdk", "java-events-sdk", "json-reference", "node-sdk", "python-sdk", "ruby-sdk");
  }

  private static String read(String resource) throws IOException {
    try (InputStream in =
        OfficialShapesTest.class.getResourceAsStream("/official-shapes/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void acceptedBySingleAndBulkAndReadBackByTheProfileStore(String name) throws IOException {
    String batch = read(name + ".json");
    JsonNode expected = JSON.readTree(read(name + ".expected.json"));

    // Two workspaces with separate identity scopes (k3, k4), so each endpoint starts from an empty
    // graph.
    assertThat(post(server, "/v2/events", "k3", "s3", batch).statusCode())
        .as(name + " /v2/events")
        .isEqualTo(202);
    assertThat(post(server, "/v2/bulkevents", "k4", "s4", "[" + batch + "]").statusCode())
        .as(name + " /v2/bulkevents")
        .isEqualTo(202);
    assertThat(server.failures()).as(name + " rejections").isEmpty();

    for (String key : List.of("k3", "k4")) {
      JsonNode id = expected.get("identity");
      Long byIdentity = server.mpidOf(key, id.get(0).asText(), id.get(1).asText()).orElse(null);
      assertThat(byIdentity).as(name + " resolved by " + id).isNotNull();
      if (expected.has("mpid")) {
        assertThat(byIdentity)
            .as(name + " the batch's own MPID holds its identity")
            .isEqualTo(expected.get("mpid").asLong());
      }
      long mpid = byIdentity;
      assertThat(server.events(key, mpid))
          .as(name + " events of the user")
          .hasSize(expected.get("events").asInt());
      assertThat(server.profile(key, mpid))
          .as(name + " profile")
          .isEqualTo(attributes(expected.get("attributes")));
    }
  }

  private static Map<String, Object> attributes(JsonNode node) {
    Map<String, Object> out = new HashMap<>();
    node.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v.isNull()) {
                out.put(e.getKey(), null);
              } else if (v.isArray()) {
                List<String> list = new ArrayList<>();
                v.forEach(x -> list.add(x.asText()));
                out.put(e.getKey(), list);
              } else {
                out.put(e.getKey(), v.asText());
              }
            });
    return out;
  }
}
