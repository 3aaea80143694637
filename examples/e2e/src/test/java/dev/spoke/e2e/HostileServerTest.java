package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.event.CustomEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A server that answers badly: huge bodies, invalid JSON, wrong content types, one byte at a time,
 * redirects to another host. Reads stay bounded, slow answers time out and are retried, redirects
 * are never followed, and the credentials never reach the other host.
 */
class HostileServerTest {

  /** Serves the first {@code badAnswers} upload requests with {@code bad}, then 202. */
  private static final class Hostile implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final AtomicInteger uploads = new AtomicInteger();

    Hostile(int badAnswers, MockResponse bad) throws Exception {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              int n = uploads.incrementAndGet();
              return n <= badAnswers ? bad : new MockResponse().setResponseCode(202);
            }
          });
      server.start();
    }

    @Override
    public void close() throws Exception {
      server.shutdown();
    }
  }

  private static SpokeOptions.Builder options(URI root, List<String> retries) {
    return SpokeOptions.builder(E2e.workspace())
        .endpoint(root)
        .kitsEnabled(false)
        .uploadInterval(Duration.ofMillis(20))
        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .requestTimeout(Duration.ofMillis(800))
        .listener(
            new SpokeListener() {
              @Override
              public void onRetry(int status, String cause, int attempt, long delayMillis) {
                retries.add(status + " " + cause);
              }
            });
  }

  @Test
  void badAnswersAreBoundedTimedOutAndRetried() throws Exception {
    E2e.Figures figures = new E2e.Figures("HostileServerTest.badAnswers");
    byte[] huge = new byte[8 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) '{');
    List<String> summary = new ArrayList<>();
    List<Object[]> cases =
        List.of(
            new Object[] {
              "huge 503 body (8 MB)",
              new MockResponse().setResponseCode(503).setBody(new Buffer().write(huge))
            },
            new Object[] {
              "invalid JSON 400-like 500",
              new MockResponse().setResponseCode(500).setBody("{\"errors\":[{\"code\":")
            },
            new Object[] {
              "wrong content type 502",
              new MockResponse()
                  .setResponseCode(502)
                  .setHeader("Content-Type", "image/png")
                  .setBody("\u0089PNG\r\n")
            },
            new Object[] {
              "slowloris 503 (1 byte / 300 ms)",
              new MockResponse()
                  .setResponseCode(503)
                  .setBody("x".repeat(100))
                  .throttleBody(1, 300, TimeUnit.MILLISECONDS)
            },
            new Object[] {
              "headers never sent", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
            },
            new Object[] {
              "202 with a huge body",
              new MockResponse().setResponseCode(202).setBody(new Buffer().write(huge))
            });
    for (Object[] c : cases) {
      List<String> retries = new CopyOnWriteArrayList<>();
      try (Hostile h = new Hostile(2, (MockResponse) c[1])) {
        Spoke spoke = Spoke.create(options(h.server.url("/").uri(), retries).build());
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) spoke.user("hostile").logEvent(E2e.numbered(i));
        FlushResult r = spoke.flush(Duration.ofSeconds(20));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        spoke.close();
        summary.add(
            c[0]
                + ": requests="
                + h.uploads.get()
                + " retries="
                + retries.size()
                + " delivered="
                + spoke.metrics().delivered()
                + " ms="
                + ms);
        assertThat(r.complete()).as("%s: %s", c[0], r).isTrue();
        assertThat(spoke.metrics().droppedTotal()).as((String) c[0]).isZero();
        assertThat(spoke.metrics().delivered())
            .as((String) c[0])
            .isEqualTo(51); // 50 + session_start
      }
    }
    figures.put("cases", summary).print();
  }

  @Test
  void redirectsToAnotherHostAreNotFollowedAndCarryNoCredentials() throws Exception {
    E2e.Figures figures = new E2e.Figures("HostileServerTest.redirect");
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      String otherUrl = other.url("/v2/bulkevents").toString().replace("127.0.0.1", "localhost");
      List<String> drops = new CopyOnWriteArrayList<>();
      for (int status : new int[] {301, 302, 307, 308}) {
        try (Hostile h =
            new Hostile(
                Integer.MAX_VALUE,
                new MockResponse().setResponseCode(status).setHeader("Location", otherUrl))) {
          Spoke spoke =
              Spoke.create(
                  options(h.server.url("/").uri(), new ArrayList<>())
                      .listener(
                          new SpokeListener() {
                            @Override
                            public void onDrop(
                                dev.spoke.DropReason reason, long count, String detail) {
                              drops.add(status + " " + reason + " " + detail);
                            }
                          })
                      .build());
          spoke.user("redirected").logEvent(CustomEvent.builder("e").build());
          spoke.flush(Duration.ofSeconds(10));
          spoke.close();
          RecordedRequest first = h.server.takeRequest(1, TimeUnit.SECONDS);
          assertThat(first).isNotNull();
          assertThat(first.getHeader("Authorization")).startsWith("Basic ");
        }
      }
      figures
          .put("redirect_statuses", "301,302,307,308")
          .put("requests_reaching_other_host", other.getRequestCount())
          .put("drops", drops.size())
          .print();
      assertThat(other.getRequestCount()).isZero();
      assertThat(drops).hasSize(4).allSatisfy(d -> assertThat(d).doesNotContain(E2e.API_SECRET));
    }
  }

  @Test
  void plainHttpToAnotherHostIsRefusedUnlessAllowed() {
    URI remote = URI.create("http://collector.example.com");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SpokeOptions.builder(E2e.workspace()).endpoint(remote).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowInsecureHttp");
    assertThat(
            SpokeOptions.builder(E2e.workspace())
                .endpoint(remote)
                .allowInsecureHttp(true)
                .build()
                .eventsBaseUri())
        .isEqualTo(URI.create("http://collector.example.com/v2"));
    assertThat(SpokeOptions.builder(E2e.workspace()).build().eventsBaseUri().getScheme())
        .isEqualTo("https");
    assertThat(SpokeOptions.builder(E2e.workspace()).build().identityBaseUri().getScheme())
        .isEqualTo("https");
    assertThat(
            SpokeOptions.builder(E2e.workspace())
                .endpoint(URI.create("http://127.0.0.1:1"))
                .build())
        .isNotNull();
    new E2e.Figures("HostileServerTest.transport")
        .put("non_loopback_http_refused", true)
        .put("default_scheme", "https")
        .print();
  }
}
