package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BatchFramingTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void framesHeaderIdAndEventsWithoutABatchTimestamp() throws Exception {
    // No batch-level timestamp_unixtime_ms: the platform sets it on arrival (docs/WIRE.md section
    // 2).
    byte[] out =
        BatchFraming.frame(
            utf8("\"environment\":\"production\",\"mpid\":7"),
            "id-1",
            List.of(utf8("{\"event_type\":\"a\"}"), utf8("{\"x\":\"é\"}")));
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"environment\":\"production\",\"mpid\":7,\"source_request_id\":\"id-1\","
                + "\"events\":[{\"event_type\":\"a\"},"
                + "{\"x\":\"é\"}]}");
  }

  @Test
  void emptyHeaderAndNoEvents() {
    byte[] out = BatchFraming.frame(new byte[0], "u", List.of());
    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"source_request_id\":\"u\",\"events\":[]}");
    assertThat(out.length).isEqualTo(BatchFraming.overheadBytes(0, "u", 0));
  }

  @Test
  void rejectsIdsThatWouldNeedEscaping() {
    assertThatThrownBy(() -> BatchFraming.frame(new byte[0], "a\"b", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sourceRequestId");
    assertThatThrownBy(() -> BatchFraming.frame(new byte[0], "", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void sizeIsExactAndOutputIsValidJson(
      @ForAll @IntRange(min = 0, max = 20) int eventCount,
      @ForAll @StringLength(max = 30) String text,
      @ForAll boolean withHeader)
      throws Exception {
    List<byte[]> events = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < eventCount; i++) {
      byte[] e = M.writeValueAsBytes(java.util.Map.of("i", i, "t", text));
      events.add(e);
      sum += e.length;
    }
    byte[] header =
        withHeader
            ? utf8("\"environment\":\"development\",\"ip\":" + M.writeValueAsString(text))
            : new byte[0];
    String id = java.util.UUID.randomUUID().toString();
    byte[] out = BatchFraming.frame(header, id, events);
    assertThat(out.length)
        .isEqualTo(BatchFraming.overheadBytes(header.length, id, eventCount) + sum);
    JsonNode n = M.readTree(out);
    assertThat(n.get("source_request_id").asText()).isEqualTo(id);
    assertThat(n.has("timestamp_unixtime_ms")).isFalse();
    assertThat(n.get("events").size()).isEqualTo(eventCount);
    for (int i = 0; i < eventCount; i++) {
      assertThat(n.get("events").get(i).get("t").asText()).isEqualTo(text);
    }
    if (withHeader) {
      assertThat(n.get("ip").asText()).isEqualTo(text);
    }
  }

  @Test
  void digitCount() {
    for (long v : new long[] {0, 9, 10, -1, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThat(BatchFraming.digits(v)).as("%d", v).isEqualTo(Long.toString(v).length());
    }
  }
}
