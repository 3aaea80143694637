package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Everything the serializers write for any event and user state is a batch the project's JSON
 * Schema accepts.
 */
class SchemaPropertyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonSchema schema = load("/schema/events-api.schema.json");

  /**
   * What the platform accepts (the local platform's schema): everything Spoke sends must be in it.
   */
  private final JsonSchema platform = load("/schema/events-api.platform.schema.json");

  private final EventSerializer events = new EventSerializer();
  private final HeaderSerializer header = new HeaderSerializer();

  @Property(tries = 250)
  void anyGeneratedBatchIsAcceptedByTheSchema(@ForAll("batches") Generators.BatchInput in)
      throws IOException {
    JsonNode batch = MAPPER.readTree(in.serialize(events, header));
    assertThat(schema.validate(batch)).as("schema violations for %s", batch).isEmpty();
  }

  @Property(tries = 250)
  void anyGeneratedBatchIsAcceptedByThePlatformSchema(@ForAll("batches") Generators.BatchInput in)
      throws IOException {
    JsonNode batch = MAPPER.readTree(in.serialize(events, header));
    assertThat(platform.validate(batch)).as("platform schema violations for %s", batch).isEmpty();
  }

  @Test
  void goldenBatchAndEveryGoldenEventAreAccepted() throws IOException {
    assertThat(platform.validate(MAPPER.readTree(GoldenCases.batch()))).isEmpty();
    assertThat(schema.validate(MAPPER.readTree(GoldenCases.batch()))).isEmpty();
    for (List<GoldenCases.Case> cases : GoldenCases.all().values()) {
      for (GoldenCases.Case c : cases) {
        JsonNode batch =
            MAPPER.readTree(
                HeaderSerializer.batch(
                    "\"environment\":\"production\""
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[0],
                    "id",
                    List.of(events.serialize(c.event, c.session))));
        assertThat(schema.validate(batch)).as("%s", batch).isEmpty();
        assertThat(platform.validate(batch)).as("platform: %s", batch).isEmpty();
      }
    }
  }

  @Test
  void theSchemaIsStrictEnoughToCatchEmissionBugs() throws IOException {
    // Guards the property above against a schema that accepts anything.
    ObjectNode batch = (ObjectNode) MAPPER.readTree(GoldenCases.batch());
    ObjectNode data = (ObjectNode) batch.get("events").get(2).get("data");
    data.put("logged_in", true);
    Set<ValidationMessage> errors = schema.validate(batch);
    assertThat(errors).isNotEmpty();
    data.remove("logged_in");
    data.putObject("custom_attributes").put("n", 3);
    assertThat(schema.validate(batch)).isNotEmpty();
  }

  @Provide
  Arbitrary<Generators.BatchInput> batches() {
    return Generators.batch();
  }

  private static JsonSchema load(String resource) {
    try (InputStream in = SchemaPropertyTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the test classpath").isNotNull();
      JsonNode node = MAPPER.readTree(in);
      assertThat(node.get("$schema").asText()).contains("2020-12");
      JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
      s.initializeValidators();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
