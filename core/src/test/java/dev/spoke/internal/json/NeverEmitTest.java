package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No output ever has a {@code custom_attribute_types}, {@code logged_in} or {@code attribution}
 * field (WIRE.md section 3). The generators use these words as attribute keys and values too: there
 * they are the caller's data, carried inside {@code custom_attributes}/{@code custom_flags}/ {@code
 * user_attributes}, and never become fields of their own.
 */
class NeverEmitTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FORBIDDEN =
      Set.of("custom_attribute_types", "logged_in", "attribution");
  private static final Set<String> CALLER_MAPS =
      Set.of("custom_attributes", "custom_flags", "user_attributes", "gdpr");
  private final EventSerializer events = new EventSerializer();
  private final HeaderSerializer header = new HeaderSerializer();

  @Property(tries = 200)
  void noBatchHasAForbiddenField(@ForAll("batches") Generators.BatchInput in) throws IOException {
    assertNoForbiddenField(MAPPER.readTree(in.serialize(events, header)), "$");
  }

  @Property(tries = 10)
  void theCheckFindsAForbiddenFieldWhenThereIsOne(@ForAll("batches") Generators.BatchInput in)
      throws IOException {
    // Guards the walk above against matching nothing.
    com.fasterxml.jackson.databind.node.ObjectNode batch =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            MAPPER.readTree(in.serialize(events, header));
    batch.putObject("device_info").put("attribution", "x");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNoForbiddenField(batch, "$"))
        .isInstanceOf(AssertionError.class);
  }

  @Provide
  Arbitrary<Generators.BatchInput> batches() {
    return Generators.batch();
  }

  private static void assertNoForbiddenField(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        assertNoForbiddenField(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        assertThat(FORBIDDEN).as("field at %s.%s", path, f.getKey()).doesNotContain(f.getKey());
        if (!CALLER_MAPS.contains(f.getKey())) {
          assertNoForbiddenField(f.getValue(), path + "." + f.getKey());
        }
      }
    }
  }
}
