package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spoke.Environment;
import dev.spoke.event.CustomEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader is strict on purpose: each emission bug it can see is an error that names the field.
 */
class BatchReaderTest {
  private final BatchReader reader = new BatchReader();

  private static String batch(String events) {
    return "{\"environment\":\"production\",\"events\":[" + events + "]}";
  }

  @Test
  void readsAMinimalBatchAndMpidAsString() {
    ParsedBatch b = reader.readBatch("{\"environment\":\"development\",\"mpid\":\"-42\"}");
    assertThat(b.environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(b.mpid()).isEqualTo(-42L);
    assertThat(b.events()).isEmpty();
    assertThat(b.deviceInfo()).isNull();
  }

  @Test
  void unknownFieldsAreNamedWithTheirPath() {
    assertThatThrownBy(
            () -> reader.readBatch("{\"environment\":\"production\",\"ip\":\"1.2.3.4\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch: unknown field 'ip'");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"n\",\"custom_event_type\":\"other\",\"logged_in\":true}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch.events[0].data: unknown field 'logged_in'");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"breadcrumb\",\"data\":{\"label\":\"l\",\"custom_flags\":{\"a\":\"b\"}}}")))
        .hasMessage("batch.events[0].data: unknown field 'custom_flags'");
  }

  @Test
  void wrongTypesNullsDuplicatesAndMissingFieldsAreRefused() {
    assertThatThrownBy(() -> reader.readBatch("{}"))
        .hasMessage("batch: missing required field 'environment'");
    assertThatThrownBy(() -> reader.readBatch("{\"environment\":\"staging\"}"))
        .hasMessage("batch.environment: unknown value 'staging'");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"n\",\"custom_event_type\":\"other\","
                            + "\"custom_attributes\":{\"n\":3}}}")))
        .hasMessage(
            "batch.events[0].data.custom_attributes.n: expected a string, got a number (3)");
    assertThatThrownBy(
            () -> reader.readBatch("{\"environment\":\"production\",\"sdk_version\":null}"))
        .hasMessage("batch.sdk_version: null where the field should be left out");
    assertThatThrownBy(
            () ->
                reader.readBatch("{\"environment\":\"production\",\"environment\":\"production\"}"))
        .hasMessage("batch: duplicate field 'environment'");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"user_attribute_change\",\"data\":{\"user_attribute_name\":\"a\",\"new\":\"x\","
                            + "\"deleted\":false,\"is_new_attribute\":true}}")))
        .hasMessage("batch.events[0].data: missing required field 'old'");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch("{\"event_type\":\"session_start\",\"data\":{\"session_id\":1}}")))
        .hasMessage("batch.events[0].data: missing required field 'session_start_unixtime_ms'");
    assertThatThrownBy(() -> reader.readBatch("{\"environment\":\"production\"} {}"))
        .hasMessageContaining("trailing content");
    assertThatThrownBy(() -> reader.readBatch("{\"environment\":"))
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void aCommerceEventCarriesExactlyOnePayload() {
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":{\"action\":\"purchase\"},"
                            + "\"product_impressions\":[]}}")))
        .hasMessageContaining(
            "exactly one of product_action, promotion_action, product_impressions; found 2");
    assertThatThrownBy(
            () -> reader.readBatch(batch("{\"event_type\":\"commerce_event\",\"data\":{}}")))
        .hasMessageContaining("found 0");
  }

  @Test
  void everyEventTypeReadsIntoItsModelClass() {
    assertThat(
            reader
                .readBatch(batch("{\"event_type\":\"uninstall\",\"data\":{}}"))
                .events()
                .get(0)
                .event())
        .isEqualTo(dev.spoke.event.Uninstall.builder().build());
    assertThat(
            reader
                .readBatch(batch("{\"event_type\":\"first_run\",\"data\":{}}"))
                .events()
                .get(0)
                .event())
        .isEqualTo(dev.spoke.event.FirstRun.builder().build());
    // push_message's required fields are required on the way in, too.
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"push_message\",\"data\":"
                            + "{\"push_message_type\":\"sent\",\"push_message_token\":\"t\"}}")))
        .hasMessageContaining("push_notification_payload");
    assertThatThrownBy(
            () ->
                reader.readBatch(
                    batch(
                        "{\"event_type\":\"push_message\",\"data\":"
                            + "{\"push_message_type\":\"opened\",\"push_message_token\":\"t\",\"push_notification_payload\":\"{}\"}}")))
        .hasMessageContaining("push_message_type");
  }

  @Test
  void readsBulkArraysAndRefusesOtherRoots() {
    List<ParsedBatch> bulk =
        reader.readBulk(
            ("["
                    + batch(
                        "{\"event_type\":\"custom_event\",\"data\":"
                            + "{\"event_name\":\"n\",\"custom_event_type\":\"search\"}}")
                    + "]")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(bulk).hasSize(1);
    assertThat(bulk.get(0).events().get(0).event())
        .isEqualTo(
            CustomEvent.builder("n")
                .customEventType(dev.spoke.event.CustomEventType.SEARCH)
                .build());
    assertThatThrownBy(
            () -> reader.readBulk("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .hasMessage("bulk: expected an array, got an object");
  }
}
