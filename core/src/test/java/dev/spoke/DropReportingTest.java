package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every drop Spoke counts reaches {@link SpokeListener#onDrop}, as {@link DropReason} promises. */
class DropReportingTest {

  /** Sums what onDrop was told, per reason. */
  static final class DropSums implements SpokeListener {
    final Map<DropReason, Long> sums = new EnumMap<>(DropReason.class);
    final java.util.List<String> details = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public synchronized void onDrop(DropReason reason, long count, String detail) {
      sums.merge(reason, count, Long::sum);
      details.add(reason + ": " + detail);
    }

    synchronized Map<DropReason, Long> snapshot() {
      return new EnumMap<>(sums);
    }
  }

  private static Spoke spoke(RecordingServer s, SpokeListener l) {
    return Spoke.create(
        SpokeOptions.builder(Workspace.builder("key-dr", "secret-dr").build())
            .endpoint(s.root())
            .kitsEnabled(false)
            .uploadInterval(Duration.ofMillis(20))
            .listener(l)
            .build());
  }

  @org.junit.jupiter.api.Test
  void optedOutAndClosedDropsReachTheListener() throws Exception {
    DropSums l = new DropSums();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke = spoke(s, l);
      spoke.setOptOut(true);
      for (int i = 0; i < 7; i++) {
        spoke.logEvent(CustomEvent.builder("while opted out").build());
      }
      spoke.currentUser().setAttribute("plan", "gold");
      spoke.close(Duration.ofSeconds(5));
      for (int i = 0; i < 3; i++) {
        spoke.logEvent(CustomEvent.builder("after close").build());
      }
      spoke.currentUser().setAttribute("plan", "silver");
      Map<DropReason, Long> counted = spoke.metrics().dropped();
      assertThat(counted)
          .containsEntry(DropReason.OPTED_OUT, 8L)
          .containsEntry(DropReason.CLOSED, 4L);
      assertThat(l.snapshot()).isEqualTo(counted);
      assertThat(l.details)
          .anySatisfy(d -> assertThat(d).startsWith("CLOSED: ").contains("close()"));
      assertThat(l.details)
          .anySatisfy(d -> assertThat(d).startsWith("OPTED_OUT: ").contains("opted out"));
    }
  }

  /**
   * Property: whatever mix of events, attribute changes, opt-out toggles and a close, the drops
   * reported to onDrop equal the drops counted in the metrics, reason by reason.
   */
  @Property(tries = 15)
  void everyCountedDropIsReported(@ForAll("ops") List<Integer> ops) throws Exception {
    DropSums l = new DropSums();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke = spoke(s, l);
      try {
        for (int op : ops) {
          switch (op) {
            case 0:
              spoke.setOptOut(true);
              break;
            case 1:
              spoke.setOptOut(false);
              break;
            case 2:
              spoke.close(Duration.ofSeconds(5));
              break;
            case 3:
              spoke.currentUser().setAttribute("a" + (op % 3), "v");
              break;
            case 4:
              spoke.logEvent(null);
              break;
            default:
              spoke.logEvent(CustomEvent.builder("e").build());
              break;
          }
        }
      } finally {
        spoke.close(Duration.ofSeconds(5));
      }
      assertThat(l.snapshot()).isEqualTo(spoke.metrics().dropped());
    }
  }

  @Provide
  Arbitrary<List<Integer>> ops() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(1)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(2)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(3)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(4)),
            net.jqwik.api.Tuple.of(6, Arbitraries.just(5)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }
}
