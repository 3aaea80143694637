package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.NOW_MS;
import static dev.spoke.devserver.TestSupport.basic;
import static dev.spoke.devserver.TestSupport.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send() {
    return TestSupport.post(server, "/v2/events", "k1", "s1", batch("f", 1, NOW_MS));
  }

  /** Status per request, or -1 when the connection closed without an answer. */
  private int status() {
    try {
      return send().statusCode();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }

  @Test
  void errorRateOneAnswers500() {
    server.faults(Faults.builder().errorRate(1.0).build());
    HttpResponse<String> r = send();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(server.stats().faults()).containsEntry("500", 1L);
    assertThat(server.stats().batchesAccepted()).isZero();
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    server.faults(Faults.builder().tooManyRequests(1.0, 7).build());
    HttpResponse<String> r = send();
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("7");
    server.faults(Faults.builder().tooManyRequests(1.0, -1).build());
    assertThat(send().headers().firstValue("Retry-After")).isEmpty();
  }

  @Test
  void droppedConnectionGivesNoAnswer() {
    server.faults(Faults.builder().dropRate(1.0).build());
    assertThatThrownBy(this::send).isInstanceOf(UncheckedIOException.class);
    assertThat(server.stats().faults()).containsEntry("drop", 1L);
    assertThat(server.stats().batchesAccepted()).isZero();
  }

  @Test
  void outageDropsEveryRequestOnEveryEndpoint_untilLifted() {
    server.faults(Faults.builder().outage(true).build());
    assertThat(status()).isEqualTo(-1);
    HttpRequest config =
        HttpRequest.newBuilder(URI.create(server.configBaseUri() + "/k1/config")).GET().build();
    assertThatThrownBy(() -> TestSupport.send(config)).isInstanceOf(UncheckedIOException.class);
    server.faults(Faults.none());
    assertThat(status()).isEqualTo(202);
  }

  @Test
  void latencyDelaysTheAnswer() {
    server.faults(Faults.builder().latencyMillis(150).build());
    long start = System.nanoTime();
    assertThat(send().statusCode()).isEqualTo(202);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void mixedRatesAreDeterministicForASeed() {
    Faults mixed =
        Faults.builder().errorRate(0.3).tooManyRequests(0.2, 1).dropRate(0.2).seed(42).build();
    server.faults(mixed);
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      first.add(status());
    }
    server.faults(mixed);
    List<Integer> second = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      second.add(status());
    }
    assertThat(second).isEqualTo(first);
    assertThat(first).contains(-1, 202, 429, 500);
  }

  @Test
  void ratesAreValidatedAtBuildTime() {
    assertThatThrownBy(() -> Faults.builder().errorRate(1.5)).hasMessageContaining("errorRate");
    assertThatThrownBy(() -> Faults.builder().errorRate(0.6).dropRate(0.6).build())
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> Faults.builder().latencyMillis(-1))
        .hasMessageContaining("latencyMillis");
  }

  @Test
  void serverThreadsAreDaemonsNamedSpokeDevserver() throws Exception {
    send();
    List<Thread> mine = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("spoke-devserver-")) {
        mine.add(t);
      }
    }
    assertThat(mine).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    Thread dispatcher =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("HTTP-Dispatcher"))
            .findAny()
            .orElseThrow();
    assertThat(dispatcher.isDaemon()).isTrue();
  }

  @Test
  void keepAliveConnectionsSurviveDrops() throws IOException, InterruptedException {
    // One client with a pooled connection: after a drop the next request must still be served.
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.eventsBaseUri() + "/events"))
            .header("Authorization", basic("k1", "s1"))
            .POST(HttpRequest.BodyPublishers.ofString(batch("ka", 1, NOW_MS)))
            .build();
    assertThat(client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
    server.faults(Faults.builder().dropRate(1.0).build());
    assertThatThrownBy(() -> client.send(req, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    server.faults(Faults.none());
    assertThat(client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
  }
}
