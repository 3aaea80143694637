package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.internal.json.ParsedEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import okhttp3.mockwebserver.MockResponse;

/**
 * Whatever the interleaving of tracking calls, flushes and a close, no request exceeds the limits,
 * no event is lost or duplicated, and every event not delivered is counted under a drop reason.
 */
class PipelineInterleavingPropertiesTest {
  // Small limits so that few events already need several batches and several requests.
  private static final ServiceLimits LIMITS =
      ServiceLimits.defaults().toBuilder()
          .batchMaxBytes(2048)
          .requestMaxBytes(4096)
          .batchesPerRequest(3)
          .build();

  enum Kind {
    LOG,
    FLUSH,
    CLOSE
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Kind, Integer, Integer>>> actions() {
    Arbitrary<Kind> kind =
        Arbitraries.frequency(
            Tuple.of(20, Kind.LOG), Tuple.of(2, Kind.FLUSH), Tuple.of(1, Kind.CLOSE));
    Arbitrary<Integer> user = Arbitraries.integers().between(0, 5);
    Arbitrary<Integer> pad = Arbitraries.integers().between(0, 700);
    return net.jqwik.api.Combinators.combine(kind, user, pad)
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(120);
  }

  @Property(tries = 25)
  void noLossNoDuplicatesNoOversizedRequests(
      @ForAll("actions") List<Tuple.Tuple3<Kind, Integer, Integer>> actions) throws Exception {
    List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
    try (RecordingServer s = new RecordingServer()) {
      s.answer =
          r -> {
            if (r.getPath().startsWith("/v2/")) {
              byte[] body = r.getBody().clone().readByteArray();
              try {
                if ("gzip".equals(r.getHeader("Content-Encoding"))) {
                  body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              bodies.add(body);
            }
            return new MockResponse().setResponseCode(202);
          };
      Organization org = Organization.builder("org").limits(LIMITS).build();
      Workspace ws =
          Workspace.builder("key-p", "secret-p")
              .account(Account.builder("acc").organization(org).build())
              .build();
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(ws)
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .uploadInterval(Duration.ofMillis(15))
                  .build());
      int logged = 0;
      for (Tuple.Tuple3<Kind, Integer, Integer> a : actions) {
        switch (a.get1()) {
          case LOG:
            spoke
                .user("u" + a.get2())
                .logEvent(
                    CustomEvent.builder("e" + logged)
                        .attribute("pad", "x".repeat(a.get3()))
                        .build());
            logged++;
            break;
          case FLUSH:
            spoke.flush(Duration.ofSeconds(10));
            break;
          case CLOSE:
            spoke.close(Duration.ofSeconds(10));
            break;
          default:
        }
      }
      spoke.close(Duration.ofSeconds(10));

      for (byte[] body : bodies) {
        assertThat(body.length).isLessThanOrEqualTo(LIMITS.requestMaxBytes());
        List<ParsedBatch> batches = new dev.spoke.internal.json.BatchReader().readBulk(body);
        assertThat(batches.size()).isLessThanOrEqualTo(LIMITS.batchesPerRequest());
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("[").endsWith("]");
      }
      Map<String, Integer> seen = new HashMap<>();
      for (ParsedEvent e : s.events("custom_event")) {
        seen.merge(((CustomEvent) e.event()).name(), 1, Integer::sum);
      }
      assertThat(seen.values()).allMatch(n -> n == 1);
      SpokeMetrics m = spoke.metrics();
      long droppedCustom = m.dropped().getOrDefault(DropReason.CLOSED, 0L);
      assertThat(seen.size() + droppedCustom).isEqualTo(logged);
      assertThat(m.delivered()).isEqualTo(m.accepted());
      assertThat(m.pending()).isZero();
    }
  }
}
