package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a server can answer that must not cost innocent data: a 400 for one batch of a bulk request,
 * and a 2xx whose headers or body are malformed.
 */
class UploaderHostileAnswersTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String BAD_REQUEST_BODY =
      "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"events[0].data invalid\"}]}";

  /** Answers 400 to any request that holds a batch whose id is in {@code bad}, else 202. */
  private static Dispatcher rejecting(Set<String> bad) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String body = r.getBody().readUtf8();
        for (String id : bad) {
          if (body.contains("\"e-" + id + "\"")) {
            return new MockResponse().setResponseCode(400).setBody(BAD_REQUEST_BODY);
          }
        }
        return new MockResponse().setResponseCode(202);
      }
    };
  }

  private static Uploader start(MockWebServer server, UploadListener listener, int inFlight) {
    return Uploader.start(
        UploaderConfig.builder()
            .baseUrl(server.url("/v2").toString())
            .apiKey("us1-test-key")
            .apiSecret("secret")
            .gzip(false)
            .maxInFlight(inFlight)
            .sleeper(new FakeSleeper())
            .jitter(() -> 0.5)
            .build(),
        listener);
  }

  @Test
  void badRequestForOneBatchDropsOnlyThatBatch() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(rejecting(Set.of("b2")));
      RecordingListener listener = new RecordingListener();
      Uploader u = start(server, listener, 1);
      List<SealedBatch> batches = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batches.add(UploaderTest.batch("b" + i));
      }
      listener.watch(u).submit(batches);
      assertThat(u.awaitIdle(WAIT)).isTrue();
      u.close(Duration.ZERO);
      assertThat(listener.accepted)
          .containsExactlyInAnyOrder(
              batches.get(0), batches.get(1), batches.get(3), batches.get(4));
      assertThat(listener.dropped)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.batch()).isSameAs(batches.get(2));
                assertThat(d.reason()).isEqualTo(DropReason.BAD_REQUEST);
                assertThat(d.detail()).contains("HTTP 400").contains("events[0].data invalid");
              });
    }
  }

  /**
   * Property: whichever batches of a bulk request the server refuses, exactly those are dropped
   * (each with the server's message) and every other one is delivered; nothing is sent twice once
   * accepted, and the number of requests stays within the halving bound.
   */
  @Property(tries = 40)
  void badRequestIsolatesExactlyTheOffendingBatches(
      @ForAll @IntRange(min = 1, max = 24) int count,
      @ForAll @Size(max = 4) Set<@IntRange(min = 0, max = 23) Integer> badIndexes,
      @ForAll @IntRange(min = 1, max = 2) int inFlight)
      throws Exception {
    Set<String> bad = new HashSet<>();
    for (int i : badIndexes) {
      if (i < count) {
        bad.add("p" + i);
      }
    }
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(rejecting(bad));
      RecordingListener listener = new RecordingListener();
      Uploader u = start(server, listener, inFlight);
      List<SealedBatch> batches = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        batches.add(UploaderTest.batch("p" + i));
      }
      listener.watch(u).submit(batches);
      assertThat(u.awaitIdle(WAIT)).isTrue();
      u.close(Duration.ZERO);
      Set<String> accepted = new HashSet<>();
      listener.accepted.forEach(b -> accepted.add(b.sourceRequestId()));
      Set<String> dropped = new HashSet<>();
      for (RecordingListener.Drop d : listener.dropped) {
        dropped.add(d.batch().sourceRequestId());
        assertThat(d.reason()).isEqualTo(DropReason.BAD_REQUEST);
        assertThat(d.detail()).contains("events[0].data invalid");
      }
      assertThat(dropped).isEqualTo(bad);
      assertThat(listener.accepted).hasSize(count - bad.size());
      assertThat(accepted).hasSize(count - bad.size());
      accepted.retainAll(bad);
      assertThat(accepted).as("bad batches reported accepted").isEmpty();
      // Each bad batch costs at most one request per halving level (log2(24) < 5) plus the whole.
      assertThat(server.getRequestCount()).isLessThanOrEqualTo(1 + 2 * 5 * Math.max(1, bad.size()));
    }
  }

  /** A 2xx is delivered whatever its Content-Length says. */
  @ParameterizedTest
  @ValueSource(strings = {"-5", "-1", "abc", "99999999999999999999999", "1e3", " "})
  void successWithMalformedContentLengthIsDelivered(String contentLength) throws Exception {
    assertDelivered(202, contentLength);
  }

  /**
   * Property: any 2xx status with any Content-Length text is delivered, never rejected. (204 and
   * 205 with a body are excluded: OkHttp refuses such a response before its status is visible, so
   * the request is retried and deduplicated by its {@code source_request_id}.)
   */
  @Property(tries = 30)
  void anySuccessIsDelivered(
      @ForAll("successes") int status, @ForAll("contentLengths") String contentLength)
      throws Exception {
    assertDelivered(status, contentLength);
  }

  private static void assertDelivered(int status, String contentLength) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(status)
              .setBody("{\"ok\":true}")
              .setHeader("Content-Length", contentLength)
              .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END)); // a body read never waits
      RecordingListener listener = new RecordingListener();
      Uploader u = start(server, listener, 1);
      SealedBatch b = UploaderTest.batch("cl");
      listener.watch(u).submit(List.of(b));
      assertThat(u.awaitIdle(WAIT)).isTrue();
      u.close(Duration.ZERO);
      assertThat(listener.dropped).isEmpty();
      assertThat(listener.accepted).containsExactly(b);
    }
  }

  @Provide
  Arbitrary<Integer> successes() {
    return Arbitraries.integers().between(200, 299).filter(s -> s != 204 && s != 205);
  }

  @Provide
  Arbitrary<String> contentLengths() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12).filter(s -> !s.isEmpty()),
        Arbitraries.of("0", "11", "-0", "+11", "0x10"));
  }
}
