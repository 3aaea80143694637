package dev.spoke.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool never lends one serializer to two threads at once: every output is whole. */
class SerializerPoolTest {
  @Test
  void concurrentCallersEachGetTheirEventsBytes() throws Exception {
    SerializerPool pool = new SerializerPool();
    EventSerializer reference = new EventSerializer();
    int threads = 24; // more than the pool's slots: extra serializers are made and dropped
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            executor.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < 2_000; i++) {
                    CustomEvent e =
                        CustomEvent.builder("e-" + thread + "-" + i)
                            .attribute("i", i)
                            .attribute("price", i / 100.0)
                            .build();
                    SessionContext s = new SessionContext(thread, null, 1L, i);
                    byte[] pooled = pool.serialize(e, s, 5L, 0x4000L, Long.MIN_VALUE + i);
                    byte[] expected;
                    synchronized (reference) {
                      expected = reference.serialize(e, s, 5L, 0x4000L, Long.MIN_VALUE + i);
                    }
                    if (java.util.Arrays.equals(pooled, expected)) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
