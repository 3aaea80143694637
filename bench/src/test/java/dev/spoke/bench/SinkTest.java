package dev.spoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Smoke test of the sink's parsing, counting and knobs (no benchmarking here). */
class SinkTest {
  private static final String SPOKE_BODY =
      "[{\"environment\":\"production\","
          + "\"user_identities\":{\"customer_id\":\"user-1\"},\"source_request_id\":\"x\","
          + "\"timestamp_unixtime_ms\":1,\"events\":["
          + "{\"event_type\":\"session_start\",\"data\":{\"session_uuid\":\"s\"}},"
          + "{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"Product Viewed\","
          + "\"custom_event_type\":\"other\",\"custom_attributes\":{\"sku\":\"SKU-1\","
          + "\"price\":\"20.99\",\"qty\":\"1\",\"category\":\"shoes\",\"campaign\":\"winter-sale\"}}},"
          + "{\"data\":{\"event_name\":\"x\",\"nested\":[1,2.5,{\"a\":null}]},"
          + "\"event_type\":\"custom_event\"}]},"
          + "{\"environment\":\"production\",\"events\":[{\"event_type\":\"custom_event\","
          + "\"data\":{\"event_name\":\"y\"}}]}]";
  private static final String SEGMENT_BODY =
      "{\"batch\":[{\"type\":\"track\","
          + "\"event\":\"Product Viewed\",\"userId\":\"user-1\",\"properties\":{\"sku\":\"SKU-1\","
          + "\"price\":20.99,\"qty\":1}},{\"type\":\"identify\",\"userId\":\"u\"},"
          + "{\"properties\":{\"x\":[true,false]},\"type\":\"track\",\"event\":\"e\"}],"
          + "\"sentAt\":\"2024-01-01T00:00:00Z\",\"context\":{\"library\":{\"name\":\"x\"}}}";

  private Sink sink;

  @BeforeEach
  void start() throws IOException {
    sink = Sink.start(4);
    sink.reset(Sink.Faults.NONE, 1_000);
  }

  @AfterEach
  void stop() {
    sink.close();
  }

  @Test
  void countsSpokeCustomEventsAndAllEventsSeparately() throws IOException {
    assertThat(post("/v2/bulkevents", bytes(SPOKE_BODY), false)).isEqualTo(202);
    Sink.Snapshot s = sink.snapshot();
    assertThat(s.workloadEvents()).isEqualTo(3);
    assertThat(s.allEvents()).isEqualTo(4);
    assertThat(s.batches()).isEqualTo(2);
    assertThat(s.bodyBytes()).isEqualTo(bytes(SPOKE_BODY).length);
    assertThat(s.acceptedRequests()).isEqualTo(1);
  }

  @Test
  void decodesGzipAndCountsCompressedBytes() throws IOException {
    byte[] gz = gzip(bytes(SPOKE_BODY));
    assertThat(post("/v2/bulkevents", gz, true)).isEqualTo(202);
    Sink.Snapshot s = sink.snapshot();
    assertThat(s.workloadEvents()).isEqualTo(3);
    assertThat(s.bodyBytes()).isEqualTo(gz.length);
    assertThat(s.gzipRequests()).isEqualTo(1);
  }

  @Test
  void countsSegmentTracksAndAnswersSuccess() throws IOException {
    assertThat(post("/v1/import/", bytes(SEGMENT_BODY), false)).isEqualTo(200);
    Sink.Snapshot s = sink.snapshot();
    assertThat(s.workloadEvents()).isEqualTo(2);
    assertThat(s.allEvents()).isEqualTo(3);
  }

  @Test
  void countsEveryMixedWorkloadTypeForBothSdksButNotSessions() throws IOException {
    String spoke =
        "[{\"events\":["
            + "{\"event_type\":\"session_start\",\"data\":{}},"
            + "{\"event_type\":\"screen_view\",\"data\":{\"screen_name\":\"Home\"}},"
            + "{\"event_type\":\"commerce_event\",\"data\":{\"product_action\":{\"action\":"
            + "\"purchase\",\"products\":[{\"id\":\"a\",\"price\":9.99},{\"id\":\"b\"}]}}},"
            + "{\"event_type\":\"custom_event\",\"data\":{\"custom_attributes\":"
            + "{\"premium\":\"true\",\"word_count\":\"300\",\"read_ratio\":\"0.5\"}}},"
            + "{\"event_type\":\"session_end\",\"data\":{}}]}]";
    assertThat(post("/v2/bulkevents", bytes(spoke), false)).isEqualTo(202);
    assertThat(sink.snapshot().workloadEvents()).isEqualTo(3);
    assertThat(sink.snapshot().allEvents()).isEqualTo(5);

    sink.reset(Sink.Faults.NONE, 1_000);
    String segment =
        "{\"batch\":[{\"type\":\"screen\",\"name\":\"Home\",\"userId\":\"u\"},"
            + "{\"type\":\"track\",\"event\":\"Order Completed\",\"properties\":"
            + "{\"products\":[{\"product_id\":\"a\",\"price\":9.99}],\"revenue\":9.99}},"
            + "{\"type\":\"identify\",\"userId\":\"u\"}]}";
    assertThat(post("/v1/import", bytes(segment), false)).isEqualTo(200);
    assertThat(sink.snapshot().workloadEvents()).isEqualTo(2);
    assertThat(sink.snapshot().allEvents()).isEqualTo(3);
  }

  @Test
  void refusesTruncatedJsonAndCountsNothing() throws IOException {
    assertThat(post("/v2/bulkevents", bytes(SPOKE_BODY.substring(0, 120)), false)).isEqualTo(400);
    assertThat(sink.snapshot().workloadEvents()).isZero();
    assertThat(sink.snapshot().parseErrors()).isEqualTo(1);
  }

  @Test
  void timesTheRunToTheRequestThatReachesTheTarget() throws Exception {
    sink.reset(Sink.Faults.NONE, 5);
    sink.markStart();
    post("/v2/bulkevents", bytes(SPOKE_BODY), false);
    assertThat(sink.await(5, 10)).isFalse();
    assertThat(sink.snapshot().doneNanos()).isZero();
    post("/v2/bulkevents", bytes(SPOKE_BODY), false);
    // Lowering the target after the fact finds the request that first reached it.
    assertThat(sink.await(3, 10)).isTrue();
    Sink.Snapshot s = sink.snapshot();
    assertThat(s.doneNanos()).isGreaterThan(s.startNanos());
    assertThat(sink.await(6, 5_000)).isTrue();
  }

  @Test
  void awaitEndpointAnswersWithCountAndElapsedTime() throws IOException {
    post("/control/start", new byte[0], false);
    post("/v1/import", bytes(SEGMENT_BODY), false);
    HttpURLConnection c =
        (HttpURLConnection)
            new URL("http://127.0.0.1:" + sink.port() + "/control/await?target=2&timeoutMs=5000")
                .openConnection();
    String body;
    try (InputStream in = c.getInputStream()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(body).startsWith("{\"reached\":true,\"counted\":2,\"elapsedNanos\":");
  }

  @Test
  void failureKnobIsSeededAndCountsNothingForFailedRequests() throws IOException {
    int[] codes = new int[40];
    sink.reset(new Sink.Faults(0, 0.3, 7, false), 1_000);
    for (int i = 0; i < codes.length; i++) {
      codes[i] = post("/v1/import", bytes(SEGMENT_BODY), false);
    }
    Sink.Snapshot s = sink.snapshot();
    assertThat(s.failedRequests()).isBetween(1L, 39L);
    assertThat(s.workloadEvents()).isEqualTo(2 * (40 - s.failedRequests()));
    int[] again = new int[40];
    sink.reset(new Sink.Faults(0, 0.3, 7, false), 1_000);
    for (int i = 0; i < again.length; i++) {
      again[i] = post("/v1/import", bytes(SEGMENT_BODY), false);
    }
    assertThat(again).containsExactly(codes);
  }

  @Test
  void downDropsTheConnectionWithoutAnAnswer() {
    sink.reset(new Sink.Faults(0, 0, 1, true), 1_000);
    assertThatThrownBy(() -> post("/v2/bulkevents", bytes(SPOKE_BODY), false))
        .isInstanceOf(IOException.class);
    assertThat(sink.snapshot().droppedRequests()).isEqualTo(1);
    assertThat(sink.snapshot().workloadEvents()).isZero();
  }

  private int post(String path, byte[] body, boolean gzip) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) new URL("http://127.0.0.1:" + sink.port() + path).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    if (gzip) {
      c.setRequestProperty("Content-Encoding", "gzip");
    }
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int code = c.getResponseCode();
    InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
    if (in != null) {
      in.readAllBytes();
      in.close();
    }
    return code;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
      gz.write(b);
    }
    return bo.toByteArray();
  }
}
