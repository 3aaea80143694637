package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written valid and invalid batches against schema/events-api.platform.schema.json (what the
 * platform accepts): one invalid case per rule, and one valid case per thing the platform accepts
 * that a stricter reading would not.
 */
class BatchSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static BatchSchema schema;
  private static ObjectNode valid;

  @BeforeAll
  static void load() throws IOException {
    schema = BatchSchema.load();
    try (InputStream in = BatchSchemaTest.class.getResourceAsStream("valid-batch.json")) {
      valid = (ObjectNode) JSON.readTree(in);
    }
  }

  @Test
  void fullBatchCoveringEveryEventTypeIsValid() {
    assertThat(schema.validate(valid)).isEmpty();
    assertThat(valid.get("events")).hasSize(20);
  }

  @Test
  void minimalBatchIsValid() throws IOException {
    assertThat(schema.validate(JSON.readTree("{\"environment\":\"production\"}"))).isEmpty();
  }

  /**
   * What the platform accepts although Spoke never sends it (core's own schema is stricter).
   * Sources: JS = mParticle/docs static/schema/mparticle.inbound.eventsapi.schema.json, OAS =
   * mParticle/docs static/downloads/mparticle.events.oas.yaml, and the official server SDKs named
   * per case.
   */
  static Stream<Arguments> validVariants() {
    return Stream.of(
        Arguments.of("mpid as integer", "/mpid", "-8422883224532011"),
        Arguments.of("attribute tag", "/user_attributes/t", "null"),
        Arguments.of(
            "remove_from_wish_list",
            "/events/3/data/product_action/action",
            "\"remove_from_wish_list\""),
        Arguments.of("promotion click", "/events/4/data/promotion_action/action", "\"click\""),
        Arguments.of("attribute change to null", "/events/6/data/new", "null"),
        Arguments.of("profile logout", "/events/9/data/profile_event_type", "\"logout\""),
        Arguments.of("device_info brand", "/device_info/brand", "\"acme\""),
        // Node, Python and Ruby server SDKs (UserIdentities.customerid)
        Arguments.of("customerid identity key", "/user_identities/customerid", "\"c-1\""),
        // JS #/definitions/String takes numbers and booleans
        Arguments.of("custom attribute number", "/events/1/data/custom_attributes/n", "1"),
        Arguments.of("custom attribute boolean", "/events/1/data/custom_attributes/b", "true"),
        Arguments.of("user attribute number", "/user_attributes/age", "42"),
        Arguments.of("user attribute list of numbers", "/user_attributes/l", "[1]"),
        Arguments.of("identity value number", "/user_identities/email", "1"),
        Arguments.of("integration attribute number", "/integration_attributes/160/k", "1"),
        Arguments.of("attribute change new number", "/events/6/data/new", "5"),
        // JS and OAS leave event data open
        Arguments.of("data logged_in", "/events/1/data/logged_in", "true"),
        Arguments.of(
            "custom_attribute_types",
            "/events/1/data/custom_attribute_types",
            "{\"color\":\"string\"}"),
        Arguments.of(
            "custom_flags on session_start", "/events/0/data/custom_flags", "{\"f\":\"v\"}"),
        Arguments.of("event-level extra on session_start", "/events/0/logged_in", "true"),
        // JS: no commerce action is required, and several are not refused
        Arguments.of(
            "commerce with two actions",
            "/events/3/data/promotion_action",
            "{\"action\":\"view\"}"),
        Arguments.of("attribute change without deleted", "/events/6/data/deleted", "null"),
        Arguments.of(
            "identity change type as an open string",
            "/events/7/data/new/identity_type",
            "\"customerid\""),
        // OAS and the Java SDK's Batch
        Arguments.of("environment unknown", "/environment", "\"unknown\""),
        Arguments.of("api_keys empty (Java SDK default)", "/api_keys", "[]"),
        Arguments.of("partner_identities empty (Java SDK default)", "/partner_identities", "{}"),
        Arguments.of("job_id", "/job_id", "\"j1\""),
        Arguments.of("batch_context", "/batch_context", "{\"data_plan\":{\"plan_id\":\"p\"}}"),
        Arguments.of("schema_version (Node/Python/Ruby)", "/schema_version", "2"),
        Arguments.of("device_info numeric field", "/device_info/screen_height", "1080"),
        Arguments.of("device platform alexa (JS)", "/device_info/platform", "\"alexa\""),
        Arguments.of("application os Unknown (OAS)", "/application_info/os", "\"Unknown\""),
        Arguments.of(
            "consent regulation", "/consent_state/gdpr/location_collection/regulation", "\"gdpr\""),
        // Python SDK example_usage.py sends a number and a list in custom_flags
        Arguments.of("custom_flags list", "/events/1/data/custom_flags/dolphins", "[\"a\",\"b\"]"),
        Arguments.of("event_id (Java SDK CommonEventData)", "/events/1/data/event_id", "7"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVariants")
  void acceptsVariant(String name, String pointer, String value) throws IOException {
    ObjectNode batch = valid.deepCopy();
    set(batch, pointer, JSON.readTree(value));
    assertThat(schema.validate(batch)).as(name).isEmpty();
  }

  /** What the platform's descriptions refuse (JS / OAS), one case per rule. */
  static Stream<Arguments> invalidCases() {
    return Stream.of(
        // top level
        Arguments.of("unknown top-level field", "/unknown", "1", ""),
        Arguments.of("missing environment", "/environment", null, ""),
        Arguments.of("environment enum", "/environment", "\"staging\"", "/environment"),
        Arguments.of("mpid not numeric", "/mpid", "\"abc\"", "/mpid"),
        Arguments.of("mpid boolean", "/mpid", "true", "/mpid"),
        Arguments.of(
            "timestamp not integer", "/timestamp_unixtime_ms", "\"now\"", "/timestamp_unixtime_ms"),
        Arguments.of(
            "user attribute object", "/user_attributes/age", "{\"v\":1}", "/user_attributes/age"),
        Arguments.of(
            "deleted_user_attributes not strings",
            "/deleted_user_attributes",
            "[1]",
            "/deleted_user_attributes/0"),
        Arguments.of(
            "unknown identity key", "/user_identities/customer", "\"c\"", "/user_identities"),
        Arguments.of(
            "identity an object", "/user_identities/email", "{}", "/user_identities/email"),
        Arguments.of(
            "consent without consented",
            "/consent_state/gdpr/p",
            "{\"document\":\"d\"}",
            "/consent_state/gdpr/p"),
        Arguments.of(
            "ccpa unknown purpose",
            "/consent_state/ccpa/other",
            "{\"consented\":true}",
            "/consent_state/ccpa"),
        Arguments.of(
            "push_message type enum",
            "/events/18/data/push_message_type",
            "\"opened\"",
            "/events/18/data/push_message_type"),
        Arguments.of(
            "push_message without token",
            "/events/18/data/push_message_token",
            null,
            "/events/18/data"),
        Arguments.of(
            "device platform enum", "/device_info/platform", "\"linux\"", "/device_info/platform"),
        Arguments.of("device_info unknown field", "/device_info/screen", "1", "/device_info"),
        Arguments.of(
            "application_info extra field",
            "/application_info/brand",
            "\"x\"",
            "/application_info"),
        Arguments.of(
            "application os enum", "/application_info/os", "\"Linux\"", "/application_info/os"),
        Arguments.of(
            "data_plan without plan_id", "/context/data_plan/plan_id", null, "/context/data_plan"),
        Arguments.of(
            "source_info channel enum",
            "/source_info",
            "{\"channel\":\"email\"}",
            "/source_info/channel"),
        Arguments.of(
            "attribution_info incomplete",
            "/attribution_info",
            "{\"publisher\":\"p\"}",
            "/attribution_info"),
        // events
        Arguments.of(
            "unknown event_type", "/events/0/event_type", "\"media\"", "/events/0/event_type"),
        Arguments.of("event without data", "/events/0/data", null, "/events/0"),
        Arguments.of(
            "custom_event without event_name", "/events/1/data/event_name", null, "/events/1/data"),
        Arguments.of(
            "custom_event without type",
            "/events/1/data/custom_event_type",
            null,
            "/events/1/data"),
        Arguments.of(
            "custom_event_type attribution",
            "/events/1/data/custom_event_type",
            "\"attribution\"",
            "/events/1/data/custom_event_type"),
        Arguments.of(
            "custom attribute object",
            "/events/1/data/custom_attributes/n",
            "{}",
            "/events/1/data/custom_attributes/n"),
        Arguments.of(
            "screen_view without screen_name",
            "/events/2/data/screen_name",
            null,
            "/events/2/data"),
        Arguments.of(
            "product action enum",
            "/events/3/data/product_action/action",
            "\"remove_from_wishlist\"",
            "/events/3/data/product_action/action"),
        Arguments.of(
            "product action without action",
            "/events/3/data/product_action/action",
            null,
            "/events/3/data/product_action"),
        Arguments.of(
            "product position not integer",
            "/events/3/data/product_action/products/0/position",
            "1.5",
            "/events/3/data/product_action/products/0/position"),
        Arguments.of(
            "promotion action enum",
            "/events/4/data/promotion_action/action",
            "\"impression\"",
            "/events/4/data/promotion_action/action"),
        Arguments.of("attribute change without new", "/events/6/data/new", null, "/events/6/data"),
        Arguments.of(
            "identity change old without identity",
            "/events/7/data/old/identity",
            null,
            "/events/7/data/old"),
        Arguments.of("identity change without new", "/events/7/data/new", null, "/events/7/data"),
        Arguments.of(
            "transition type enum",
            "/events/8/data/application_transition_type",
            "\"application_resume\"",
            "/events/8/data/application_transition_type"),
        Arguments.of(
            "profile_event_type enum",
            "/events/9/data/profile_event_type",
            "\"signin\"",
            "/events/9/data/profile_event_type"),
        Arguments.of(
            "profile without current_mpid", "/events/9/data/current_mpid", null, "/events/9/data"),
        Arguments.of("breadcrumb without label", "/events/11/data/label", null, "/events/11/data"),
        Arguments.of(
            "network_performance without response_code",
            "/events/13/data/response_code",
            null,
            "/events/13/data"),
        Arguments.of(
            "push_registration without register",
            "/events/14/data/register",
            null,
            "/events/14/data"),
        Arguments.of(
            "push_message without token",
            "/events/18/data/push_message_token",
            null,
            "/events/18/data"),
        Arguments.of(
            "session_id not integer",
            "/events/15/data/session_id",
            "\"42\"",
            "/events/15/data/session_id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void rejects(String name, String pointer, String value, String expectedPointer)
      throws IOException {
    ObjectNode batch = valid.deepCopy();
    if (value == null) {
      remove(batch, pointer);
    } else {
      set(batch, pointer, JSON.readTree(value));
    }
    List<BatchSchema.Violation> violations = schema.validate(batch);
    assertThat(violations).as(name).isNotEmpty();
    assertThat(violations)
        .as(name + " names " + expectedPointer)
        .anySatisfy(v -> assertThat(v.pointer()).isEqualTo(expectedPointer));
  }

  private static void set(ObjectNode root, String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    String last = p.last().getMatchingProperty();
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  private static void remove(ObjectNode root, String pointer) {
    JsonPointer p = JsonPointer.compile(pointer);
    ((ObjectNode) root.at(p.head())).remove(p.last().getMatchingProperty());
  }
}
