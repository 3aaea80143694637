package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The serializer and reader run on whatever jackson-core the host carries, from 2.12 on. The {@code
 * oldest-deps} profile runs this whole package against 2.12.7; this test states which version it
 * ran against and pins the exact bytes, so a difference between versions shows.
 */
class JacksonCompatibilityTest {
  @Test
  void serializesAndReadsBackByteForByteOnTheJacksonOnTheClasspath() {
    Version v = PackageVersion.VERSION;
    assertThat(v.getMajorVersion()).isEqualTo(2);
    assertThat(v.getMinorVersion()).isGreaterThanOrEqualTo(12);
    String expectedOldest = System.getProperty("spoke.expect.jackson");
    if (expectedOldest != null) {
      assertThat(v.toString()).startsWith(expectedOldest);
    }

    Event e =
        CustomEvent.builder("caf\u00e9 \uD83D\uDE00")
            .attribute("price", 19.99)
            .attribute("q\"", "\u0001")
            .timestamp(1L)
            .build();
    byte[] json = new EventSerializer().serialize(e, new SessionContext(1L, null, 0L, 3L));
    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"event_type\":\"custom_event\",\"data\":{\"timestamp_unixtime_ms\":1,\"session_id\":1,"
                + "\"session_start_unixtime_ms\":0,\"event_num\":3,"
                + "\"custom_attributes\":{\"price\":\"19.99\",\"q\\\"\":\"\\u0001\"},"
                // Jackson writes characters outside the BMP as an escaped surrogate pair by
                // default.
                + "\"event_name\":\"caf\u00e9 \\uD83D\\uDE00\",\"custom_event_type\":\"other\"}}");
    assertThat(new BatchReader().readEvent(json).event())
        .isEqualTo(
            e.toBuilder()
                .clearAttributes()
                .attribute("price", "19.99")
                .attribute("q\"", "\u0001")
                .build());
  }
}
