package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RequestPackerTest {

  /** A batch whose JSON is exactly {@code size} bytes: {"p":"xxx…"}. */
  static SealedBatch batch(int size, boolean historical, long seq) {
    String pad = "x".repeat(Math.max(0, size - 8));
    byte[] json = ("{\"p\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(json.length).isEqualTo(Math.max(size, 8));
    return SealedBatch.builder()
        .sourceRequestId("id-" + seq)
        .json(json)
        .historical(historical)
        .eventCount(1)
        .sealSequence(seq)
        .build();
  }

  @Test
  void packsGreedilyWithinByteLimitCountingPunctuation() {
    RequestPacker p = new RequestPacker(100, 202, 100);
    // Two 100-byte batches need 1 + 100 + 1 + 100 + 1 = 203 bytes: one over the limit.
    RequestPacker.Result r = p.pack(List.of(batch(100, false, 1), batch(100, false, 2)));
    assertThat(r.requests()).hasSize(2);
    RequestPacker q = new RequestPacker(100, 203, 100);
    RequestPacker.Result r2 = q.pack(List.of(batch(100, false, 1), batch(100, false, 2)));
    assertThat(r2.requests()).hasSize(1);
    assertThat(r2.requests().get(0).body()).hasSize(203);
  }

  @Test
  void countLimitAndKindSeparation() {
    RequestPacker p = new RequestPacker(1000, 100_000, 3);
    List<SealedBatch> in = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      in.add(batch(20, i == 2 || i == 5, i));
    }
    RequestPacker.Result r = p.pack(in);
    List<List<Long>> seqs = new ArrayList<>();
    for (PackedRequest req : r.requests()) {
      List<Long> s = new ArrayList<>();
      req.batches().forEach(b -> s.add(b.sealSequence()));
      seqs.add(s);
    }
    assertThat(seqs)
        .containsExactly(Arrays.asList(0L, 1L, 3L), Arrays.asList(2L, 5L), Arrays.asList(4L, 6L));
    assertThat(r.requests().get(1).historical()).isTrue();
  }

  @Test
  void oversizedBatchRejectedWithReason() {
    RequestPacker p = new RequestPacker(50, 200, 10);
    RequestPacker.Result r = p.pack(List.of(batch(20, false, 1), batch(51, false, 2)));
    assertThat(r.requests()).hasSize(1);
    assertThat(r.rejected()).hasSize(1);
    assertThat(r.rejected().get(0).batch().sealSequence()).isEqualTo(2);
    assertThat(r.rejected().get(0).reason()).contains("51").contains("50");
  }

  @Test
  void bodyIsValidJsonArrayOfTheSameBytes() throws Exception {
    RequestPacker p = new RequestPacker(1000, 10_000, 100);
    RequestPacker.Result r = p.pack(List.of(batch(30, false, 1), batch(40, false, 2)));
    JsonNode arr = new ObjectMapper().readTree(r.requests().get(0).body());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.size()).isEqualTo(2);
  }

  @Test
  void configFailsFastNamingParameter() {
    assertThatThrownBy(() -> new RequestPacker(100, 101, 1))
        .hasMessageContaining("requestMaxBytes")
        .hasMessageContaining("101");
    assertThatThrownBy(() -> new RequestPacker(100, 1000, 0))
        .hasMessageContaining("batchesPerRequest");
  }

  @Property(tries = 300)
  void neverExceedsLimitsEveryBatchOnceOrderKept(
      @ForAll @Size(max = 120) List<@IntRange(min = 8, max = 400) Integer> sizes,
      @ForAll @Size(max = 120) List<Boolean> kinds,
      @ForAll @IntRange(min = 8, max = 300) int batchMax,
      @ForAll @IntRange(min = 0, max = 1000) int extraRequest,
      @ForAll @IntRange(min = 1, max = 12) int perRequest) {
    int requestMax = batchMax + 2 + extraRequest;
    RequestPacker p = new RequestPacker(batchMax, requestMax, perRequest);
    List<SealedBatch> in = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      boolean h = !kinds.isEmpty() && kinds.get(i % kinds.size());
      in.add(batch(sizes.get(i), h, i));
    }
    RequestPacker.Result r = p.pack(in);
    Map<SealedBatch, Integer> seen = new IdentityHashMap<>();
    long lastRegular = -1;
    long lastHistorical = -1;
    for (PackedRequest req : r.requests()) {
      assertThat(req.body().length).isLessThanOrEqualTo(requestMax);
      assertThat(req.batches().size()).isBetween(1, perRequest);
      assertThat((long) req.body().length).isEqualTo(RequestPacker.bodySize(req.batches()));
      for (SealedBatch b : req.batches()) {
        assertThat(b.historical()).isEqualTo(req.historical());
        assertThat(b.sizeBytes()).isLessThanOrEqualTo(batchMax);
        assertThat(seen.put(b, 1)).isNull();
        if (b.historical()) {
          assertThat(b.sealSequence()).isGreaterThan(lastHistorical);
          lastHistorical = b.sealSequence();
        } else {
          assertThat(b.sealSequence()).isGreaterThan(lastRegular);
          lastRegular = b.sealSequence();
        }
      }
    }
    for (RequestPacker.Rejected rej : r.rejected()) {
      assertThat(rej.batch().sizeBytes()).isGreaterThan(batchMax);
      assertThat(seen.put(rej.batch(), 1)).isNull();
    }
    assertThat(seen).hasSize(in.size());
  }
}
