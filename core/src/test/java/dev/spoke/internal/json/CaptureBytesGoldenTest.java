package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.internal.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * The bytes a captured event becomes, byte for byte, for a fixed corpus of events (generated with a
 * fixed seed, plus hand-picked attribute values of every type a caller may pass), compared with
 * {@code golden/capture-corpus.jsonl}: the output of the validator and serializer as they were
 * before attribute numbers were left in place by validation and rendered at serialization.
 * Regenerate only for an intended wire change: {@code -Dspoke.golden.update=true}.
 *
 * <p>An id the validator generates is random: the serialized id of such an event is replaced by
 * {@link #PLACEHOLDER_ID} before comparing. Runs as a jqwik example: the corpus is drawn from jqwik
 * generators, which need its thread.
 */
class CaptureBytesGoldenTest {
  static final String GOLDEN = "golden/capture-corpus.jsonl";
  static final String PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";
  static final long NOW = 1_700_000_000_000L;
  private static final boolean UPDATE = Boolean.getBoolean("spoke.golden.update");

  static Validator validator() {
    return new Validator(
        ServiceLimits.defaults(),
        false,
        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
        issue -> {});
  }

  /** The corpus: 2,000 generated events (seed 42), then one event per awkward attribute value. */
  static List<Event> corpus() {
    List<Event> out = new ArrayList<>();
    Arbitrary<Event> events = Generators.event();
    RandomGenerator<Event> g = events.generator(100);
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      out.add(g.next(random).value());
    }
    Object[] values = {
      19.99,
      20.99,
      0.1 + 0.2,
      2.0,
      -0.0,
      1.0E-5,
      1.0E20,
      1.0E300,
      4.9E-324,
      Double.MAX_VALUE,
      123456.789,
      9999999.0,
      1.0E7,
      0.001,
      1.0E-3 / 3,
      -19.99,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      1.5f,
      1.0E10f,
      3.4028235E38f,
      Float.NaN,
      0,
      -1,
      Integer.MIN_VALUE,
      Integer.MAX_VALUE,
      Long.MIN_VALUE,
      Long.MAX_VALUE,
      1234567890123L,
      (short) -7,
      (byte) 12,
      true,
      false,
      'x',
      new StringBuilder("sb"),
      new BigDecimal("1E+3"),
      new BigDecimal("-0.000"),
      new BigInteger("123456789012345678901234567890"),
      new AtomicInteger(5),
      new AtomicLong(-6),
      new Object(),
      List.of("a"),
      "text",
      "",
      "tab\there"
    };
    for (int i = 0; i < values.length; i++) {
      out.add(
          CustomEvent.builder("values")
              .customEventType(CustomEventType.OTHER)
              .attributes(java.util.Collections.singletonMap("v" + i, values[i]))
              .attribute("qty", i)
              .timestamp(NOW - i)
              .sourceMessageId("id-" + i)
              .build());
    }
    return out;
  }

  /** The old way: validate (fills and converts), then serialize. */
  static List<String> viaValidate() {
    Validator validator = validator();
    EventSerializer serializer = new EventSerializer();
    SessionContext session = new SessionContext(7, "session-uuid", NOW - 1000, 3);
    List<String> lines = new ArrayList<>();
    for (Event e : corpus()) {
      Event valid = validator.validate(e);
      if (valid == null) {
        lines.add("dropped");
        continue;
      }
      String json;
      try {
        json = new String(serializer.serialize(valid, session), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException refused) {
        lines.add("refused");
        continue;
      }
      if (!java.util.Objects.equals(valid.sourceMessageId(), e.sourceMessageId())) {
        json =
            json.replace(
                "\"source_message_id\":\"" + valid.sourceMessageId() + "\"",
                "\"source_message_id\":\"" + PLACEHOLDER_ID + "\"");
      }
      lines.add(json);
    }
    return lines;
  }

  /**
   * The tracking call's way: validate in place (nothing completed, numbers kept), then serialize
   * with the capture time and a generated id (here the placeholder's bits).
   */
  static List<String> viaCapture() {
    Validator validator = validator();
    EventSerializer serializer = new EventSerializer();
    SessionContext session = new SessionContext(7, "session-uuid", NOW - 1000, 3);
    List<String> lines = new ArrayList<>();
    for (Event e : corpus()) {
      Event valid = validator.validateInPlace(e, NOW);
      if (valid == null) {
        lines.add("dropped");
        continue;
      }
      long ts = valid.timestampMillis() != null ? valid.timestampMillis() : NOW;
      boolean generate = Validator.needsId(valid);
      try {
        byte[] json =
            serializer.serialize(
                valid, session, ts, generate ? 0x4000L : 0L, generate ? Long.MIN_VALUE : 0L);
        lines.add(new String(json, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException refused) {
        lines.add("refused");
      }
    }
    return lines;
  }

  @Example
  void theTrackingCallsWayWritesTheGoldenBytes() throws IOException {
    List<String> expected = golden();
    List<String> actual = viaCapture();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("corpus event %d", i).isEqualTo(expected.get(i));
    }
  }

  static List<String> golden() throws IOException {
    try (InputStream in = CaptureBytesGoldenTest.class.getResourceAsStream("/" + GOLDEN)) {
      assertThat(in).as(GOLDEN).isNotNull();
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  @Example
  void validateThenSerializeWritesTheGoldenBytes() throws IOException {
    List<String> actual = viaValidate();
    if (UPDATE) {
      Path file = Paths.get("src/test/resources", GOLDEN);
      Files.write(file, (String.join("\n", actual) + "\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<String> expected = golden();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("corpus event %d", i).isEqualTo(expected.get(i));
    }
  }
}
