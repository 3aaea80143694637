package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the serializer's output with the reviewed golden files (parsed-tree equality, so the
 * files can be pretty-printed). Run with {@code -Dspoke.golden.update=true} to rewrite them after
 * an intended change, then review the diff.
 */
class GoldenFilesTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final boolean UPDATE = Boolean.getBoolean("spoke.golden.update");

  @TestFactory
  Collection<DynamicTest> eachEventTypeMatchesItsGoldenFile() {
    EventSerializer serializer = new EventSerializer();
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, List<GoldenCases.Case>> type : GoldenCases.all().entrySet()) {
      tests.add(
          DynamicTest.dynamicTest(
              type.getKey(),
              () -> {
                ArrayNode actual = MAPPER.createArrayNode();
                for (GoldenCases.Case c : type.getValue()) {
                  actual.add(MAPPER.readTree(serializer.serialize(c.event, c.session)));
                }
                compare(type.getKey(), actual);
              }));
    }
    return tests;
  }

  @Test
  void fullBatchMatchesItsGoldenFile() throws IOException {
    compare("batch", MAPPER.readTree(GoldenCases.batch()));
  }

  @Test
  void everyEventTypeWithAModelClassHasAGoldenFile() {
    assertThat(GoldenCases.all().keySet())
        .containsExactlyInAnyOrder(
            "custom_event",
            "screen_view",
            "commerce_event",
            "session_start",
            "session_end",
            "crash_report",
            "breadcrumb",
            "opt_out",
            "application_state_transition",
            "network_performance",
            "push_registration",
            "profile",
            "user_attribute_change",
            "user_identity_change",
            "first_run",
            "uninstall",
            "push_message");
    assertThat(GoldenCases.all().get("custom_event"))
        .hasSize(9); // one per custom event type, media included
    assertThat(GoldenCases.all().get("commerce_event")).hasSize(10 + 2 + 1);
  }

  private static void compare(String name, JsonNode actual) throws IOException {
    if (UPDATE) {
      Path file = Paths.get("src/test/resources/golden", name + ".json");
      Files.createDirectories(file.getParent());
      Files.write(
          file, (MAPPER.writeValueAsString(actual) + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name + ".json")) {
      assertThat(in).as("golden file golden/%s.json", name).isNotNull();
      assertThat(actual).as("golden/%s.json", name).isEqualTo(MAPPER.readTree(in));
    }
  }
}
