package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.BatchReader;
import dev.spoke.internal.json.ParsedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class SpokeSmokeTest {
  @Test
  void eventsOfTwoUsersArriveInOneBulkRequestWithOneUserPerBatch() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(202));
      server.start();
      Workspace ws = Workspace.builder("key-1", "secret-1").build();
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws)
                  .endpoint(server.url("/").uri())
                  .gzip(false)
                  .kitsEnabled(false)
                  .build());
      spoke.user("a").logEvent(CustomEvent.builder("one").attribute("n", 1).build());
      spoke.user("b").logEvent(CustomEvent.builder("two").build());
      spoke.user("a").logEvent(CustomEvent.builder("three").build());
      FlushResult r = spoke.flush(Duration.ofSeconds(10));
      assertThat(r.complete()).isTrue();
      RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(req.getPath()).isEqualTo("/v2/bulkevents");
      assertThat(req.getHeader("Authorization")).isEqualTo("Basic a2V5LTE6c2VjcmV0LTE=");
      String body = req.getBody().readUtf8();
      List<ParsedBatch> batches =
          new BatchReader().readBulk(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(batches).hasSize(2);
      List<String> names = new ArrayList<>();
      batches.forEach(b -> b.events().forEach(e -> names.add(e.event().type().wireName())));
      assertThat(names).contains("custom_event", "session_start");
      assertThat(r.delivered()).isEqualTo(5); // 3 custom + 2 session starts
      FlushResult c = spoke.close(Duration.ofSeconds(5));
      assertThat(c).isSameAs(spoke.close(Duration.ofSeconds(5)));
      spoke.user("a").logEvent(CustomEvent.builder("late").build());
      assertThat(spoke.metrics().dropped()).containsEntry(DropReason.CLOSED, 1L);
    }
  }
}
