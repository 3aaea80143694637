package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The Events API batch schema the platform accepts ({@code schema/events-api.platform.schema.json}
 * on the classpath; each rule says where it comes from), compiled once.
 *
 * <p>Thread-safe: a compiled networknt schema may be shared by concurrent validations.
 */
public final class BatchSchema {

  /**
   * Classpath location of the schema (the repository's {@code schema/} directory is packaged
   * there).
   */
  public static final String RESOURCE = "schema/events-api.platform.schema.json";

  private final JsonSchema schema;

  private BatchSchema(JsonSchema schema) {
    this.schema = schema;
  }

  /** Loads and compiles the schema from the classpath; fails fast if it is missing. */
  public static BatchSchema load() {
    ClassLoader loader = BatchSchema.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource "
                + RESOURCE
                + " not found: the devserver jar must be built with the repository's schema/ directory");
      }
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .pathType(PathType.JSON_POINTER)
              .formatAssertionsEnabled(true)
              .build();
      JsonSchema compiled =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
      compiled.initializeValidators();
      return new BatchSchema(compiled);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Validates one batch.
   *
   * @return the violations, sorted by JSON pointer; empty when the batch is valid
   */
  public List<Violation> validate(JsonNode batch) {
    Set<ValidationMessage> messages = schema.validate(batch);
    if (messages.isEmpty()) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      out.add(new Violation(m.getInstanceLocation().toString(), m.getMessage()));
    }
    out.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::message));
    return List.copyOf(out);
  }

  /**
   * One schema violation.
   *
   * @param pointer JSON pointer of the offending value inside the batch ({@code ""} for the root)
   * @param message the validator's message, which also names the location
   */
  public record Violation(String pointer, String message) {}
}
