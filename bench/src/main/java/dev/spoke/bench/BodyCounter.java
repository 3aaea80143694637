package dev.spoke.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a whole request body with Jackson's streaming parser and counts what the benchmark counts.
 * Every token is read (nothing skipped), so the sink pays the same parsing cost for both SDKs
 * whatever their payload looks like.
 *
 * <p>Spoke ({@code /v2/bulkevents}): a JSON array of batches, each with an {@code events} array of
 * {@code {"event_type":…,"data":{…}}}; {@code custom_event}s, {@code screen_view}s and {@code
 * commerce_event}s are the workload (W1 sends only the first, W1-mixed all three), all events are
 * counted separately (Spoke adds {@code session_start}s). Segment ({@code /v1/import}): an object
 * whose {@code batch} array holds messages with a {@code type}; {@code track}s and {@code screen}s
 * are the workload. Thread-safe: the factory is shared, parsers are per call.
 */
final class BodyCounter {
  /** What one body held. */
  record Counts(long workloadEvents, long allEvents, long batches) {}

  // The caller owns the stream: it drains it afterwards to count every byte that arrived.
  private final JsonFactory factory =
      new JsonFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  /** Counts a Spoke bulk body: a JSON array of batches (a single batch object is accepted too). */
  Counts countSpoke(InputStream body) throws IOException {
    try (JsonParser p = factory.createParser(body)) {
      JsonToken t = p.nextToken();
      long[] acc = new long[3];
      if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(t, JsonToken.START_OBJECT, p);
          spokeBatch(p, acc);
        }
      } else {
        expect(t, JsonToken.START_OBJECT, p);
        spokeBatch(p, acc);
      }
      trailing(p);
      return new Counts(acc[0], acc[1], acc[2]);
    }
  }

  /** Counts a Segment batch body: {@code {"batch":[{"type":"track",…}…],…}}. */
  Counts countSegment(InputStream body) throws IOException {
    try (JsonParser p = factory.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, p);
      long tracks = 0;
      long all = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if ("batch".equals(field) && v == JsonToken.START_ARRAY) {
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(v, JsonToken.START_OBJECT, p);
            all++;
            if (isSegmentWorkload(messageType(p))) {
              tracks++;
            }
          }
        } else {
          consume(p, v);
        }
      }
      trailing(p);
      return new Counts(tracks, all, 1);
    }
  }

  private static void spokeBatch(JsonParser p, long[] acc) throws IOException {
    acc[2]++;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if ("events".equals(field) && v == JsonToken.START_ARRAY) {
        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(v, JsonToken.START_OBJECT, p);
          acc[1]++;
          if (isSpokeWorkload(fieldOfObject(p, "event_type"))) {
            acc[0]++;
          }
        }
      } else {
        consume(p, v);
      }
    }
  }

  /** The event types the workloads send through Spoke (not the sessions it adds itself). */
  static boolean isSpokeWorkload(String eventType) {
    return "custom_event".equals(eventType)
        || "screen_view".equals(eventType)
        || "commerce_event".equals(eventType);
  }

  /** The message types the workloads send through the peer. */
  static boolean isSegmentWorkload(String type) {
    return "track".equals(type) || "screen".equals(type);
  }

  /** Reads the current object to its end; returns the string value of {@code type}. */
  private static String messageType(JsonParser p) throws IOException {
    return fieldOfObject(p, "type");
  }

  /** Reads the current object (already entered) to its end, returning one string field's value. */
  private static String fieldOfObject(JsonParser p, String name) throws IOException {
    String found = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING && name.equals(field)) {
        found = p.getText();
      } else {
        consume(p, v);
      }
    }
    expect(t, JsonToken.END_OBJECT, p);
    return found;
  }

  /** Reads every token of the value that starts at {@code t} (strings and numbers decoded too). */
  private static void consume(JsonParser p, JsonToken t) throws IOException {
    int depth = 0;
    do {
      if (t == null) {
        throw new IOException("truncated JSON");
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_STRING -> p.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
        default -> {}
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
    } while (true);
  }

  private static void trailing(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new IOException("trailing content after the JSON value");
    }
  }

  private static void expect(JsonToken got, JsonToken want, JsonParser p) throws IOException {
    if (got != want) {
      throw new IOException("expected " + want + " but got " + got + " at " + p.currentLocation());
    }
  }
}
