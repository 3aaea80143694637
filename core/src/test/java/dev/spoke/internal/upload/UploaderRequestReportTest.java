package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every attempt is reported once with its status, body size and batch count (for debug logging).
 */
class UploaderRequestReportTest {
  private MockWebServer server;
  private final RecordingListener listener = new RecordingListener();
  private final FakeSleeper sleeper = new FakeSleeper();
  private Uploader uploader;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    uploader =
        Uploader.start(
            UploaderConfig.builder()
                .baseUrl(server.url("/v2").toString())
                .apiKey("us1-k")
                .apiSecret("s")
                .gzip(false)
                .sleeper(sleeper)
                .jitter(() -> 0.5)
                .build(),
            listener);
  }

  @AfterEach
  void tearDown() throws Exception {
    sleeper.release();
    uploader.close(Duration.ZERO);
    server.shutdown();
  }

  @Test
  void eachAttemptIsReportedWithStatusBytesAndBatches() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(202));
    List<SealedBatch> batches = List.of(UploaderTest.batch("a1"), UploaderTest.batch("a2"));
    long body = RequestPacker.body(batches).length;
    // One user each, so both travel in one request.
    uploader.submit(batches);
    assertThat(uploader.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(listener.requests)
        .extracting(RecordingListener.Request::status)
        .containsExactly(503, 202);
    assertThat(listener.requests)
        .allSatisfy(
            r -> {
              assertThat(r.bytes()).isEqualTo(body);
              assertThat(r.batches()).isEqualTo(2);
              assertThat(r.nanos()).isPositive();
              assertThat(r.error()).isNull();
            });
  }

  @Test
  void aDeliveryIsReportedOncePerRequestBeforeItsBatchesComplete() {
    server.enqueue(new MockResponse().setResponseCode(202));
    List<SealedBatch> batches = List.of(UploaderTest.batch("d1"), UploaderTest.batch("d2"));
    List<Integer> deliveriesSeenAtCompletion = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (SealedBatch b : batches) {
      b.completion()
          .observe(
              (delivered, reason, detail) ->
                  deliveriesSeenAtCompletion.add(listener.deliveries.size()));
    }
    uploader.submit(batches);
    assertThat(uploader.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(listener.deliveries).containsExactly(new RecordingListener.Delivery(202, 2));
    assertThat(deliveriesSeenAtCompletion).containsExactly(1, 1);
  }
}
