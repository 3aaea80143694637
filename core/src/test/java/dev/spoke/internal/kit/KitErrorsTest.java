package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A kit that throws an {@link Error} (stack overflow, out of memory, …) from a call or from its
 * factory is disabled, reported, leaves {@code activeKits()}, and its pending calls are counted as
 * dropped; the other kits go on.
 */
class KitErrorsTest {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final KitUser USER =
      new KitUser(
          2560L,
          UserIdentities.builder().customerId("c1").build(),
          Map.of(),
          ConsentState.empty(),
          true);

  private static CustomEvent event(String name) {
    return CustomEvent.builder(name).build();
  }

  private static KitManager manager(List<KitReport> reports, KitFactory... factories)
      throws Exception {
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(HTTP)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .reportListener(reports::add)
            .configuration(KitConfiguration.parse("{\"eks\":[{\"id\":1},{\"id\":2}]}"));
    for (KitFactory f : factories) {
      b.kit(f);
    }
    KitManager m = b.build();
    m.start();
    return m;
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }

  /** A kit whose first call waits for a latch (so calls queue up) and whose "boom" call throws. */
  static RecordingKit throwing(CountDownLatch gate, Supplier<Throwable> error) {
    return new RecordingKit(null) {
      @Override
      void before(String call) throws Exception {
        if (call.equals("event:first")) {
          gate.await(10, TimeUnit.SECONDS);
        }
        if (call.equals("event:boom")) {
          Throwable t = error.get();
          if (t instanceof Error) {
            throw (Error) t;
          }
          throw (Exception) t;
        }
      }
    };
  }

  private static void assertAccounted(KitStats s) {
    assertThat(s.received())
        .as("received = delivered + failed + dropped + filtered: " + s)
        .isEqualTo(s.delivered() + s.failed() + s.dropped() + s.filteredTotal());
  }

  @Test
  void aRealStackOverflowInACallbackDisablesTheKitAndCountsItsPendingCalls() throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    RecordingKit.Factory bad =
        new RecordingKit.Factory(
            1,
            "overflowing",
            c ->
                throwing(
                    gate,
                    () -> {
                      try {
                        recurse(0);
                        return new IllegalStateException("unreachable");
                      } catch (StackOverflowError e) {
                        return e;
                      }
                    }));
    RecordingKit.Factory good = new RecordingKit.Factory(2, "healthy");
    KitManager m = manager(reports, bad, good);
    try {
      await(
          () -> m.activeKits().size() == 2 && good.created.size() == 1 && bad.created.size() == 1,
          "kits created");
      m.onEvent(event("first"), USER);
      m.onEvent(event("boom"), USER);
      for (int i = 0; i < 5; i++) {
        m.onEvent(event("after-" + i), USER);
      }
      gate.countDown();
      await(() -> !m.activeKits().contains(1), "kit 1 disabled");
      await(() -> m.stats().get(1).dropped() == 5, "pending calls counted: " + m.stats().get(1));
      m.onEvent(event("later"), USER);
      await(() -> good.kit().calls.size() == 8, "healthy kit got every call");

      assertThat(m.activeKits()).containsExactly(2);
      KitStats s = m.stats().get(1);
      assertThat(s.delivered()).isEqualTo(1);
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.dropped()).isEqualTo(5);
      assertAccounted(s);
      assertThat(reports)
          .filteredOn(r -> r.kind() == KitReport.Kind.KIT_CALL_FAILED && r.moduleId() == 1)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.message())
                    .contains("java.lang.StackOverflowError")
                    .contains("disabled");
                assertThat(r.error()).isInstanceOf(StackOverflowError.class);
              });
      assertThat(bad.kit().calls).containsExactly("event:first");
    } finally {
      gate.countDown();
      m.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void anOutOfMemoryErrorFromCreateIsReportedAndTheKitExcluded() throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    RecordingKit.Factory bad =
        new RecordingKit.Factory(
            1,
            "oom-create",
            c -> {
              throw new OutOfMemoryError("Java heap space (from the kit's factory)");
            });
    RecordingKit.Factory good = new RecordingKit.Factory(2, "healthy");
    KitManager m = manager(reports, bad, good);
    try {
      m.onEvent(event("buffered"), USER);
      await(
          () -> reports.stream().anyMatch(r -> r.kind() == KitReport.Kind.KIT_CREATE_FAILED),
          "create failure reported");
      await(() -> !m.activeKits().contains(1), "kit 1 excluded");
      await(() -> good.kit().calls.size() == 1, "healthy kit got the buffered call");
      assertThat(m.activeKits()).containsExactly(2);
      assertThat(reports)
          .filteredOn(r -> r.kind() == KitReport.Kind.KIT_CREATE_FAILED)
          .singleElement()
          .satisfies(r -> assertThat(r.message()).contains("OutOfMemoryError"));
      KitStats s = m.stats().get(1);
      assertAccounted(s);
    } finally {
      m.close(Duration.ofSeconds(2));
    }
  }

  /**
   * Property: whatever a kit's call throws, and wherever in its stream, every call it received is
   * delivered, failed, dropped or filtered; an Error disables it (out of activeKits, reported once
   * as KIT_CALL_FAILED), an Exception does not; the healthy kit receives everything.
   */
  @Property(tries = 25)
  void everyCallIsAccountedForWhateverTheKitThrows(
      @ForAll("throwables") String kind,
      @ForAll @IntRange(min = 0, max = 12) int before,
      @ForAll @IntRange(min = 0, max = 12) int after)
      throws Exception {
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    RecordingKit.Factory bad =
        new RecordingKit.Factory(1, "bad", c -> throwing(gate, () -> make(kind)));
    RecordingKit.Factory good = new RecordingKit.Factory(2, "good");
    KitManager m = manager(reports, bad, good);
    try {
      await(() -> good.created.size() == 1 && bad.created.size() == 1, "kits created");
      m.onEvent(event("first"), USER);
      for (int i = 0; i < before; i++) {
        m.onEvent(event("b" + i), USER);
      }
      m.onEvent(event("boom"), USER);
      for (int i = 0; i < after; i++) {
        m.onEvent(event("a" + i), USER);
      }
      gate.countDown();
      int total = 2 + before + after;
      await(() -> good.kit().calls.size() == total, "healthy kit got everything");
      await(
          () -> {
            KitStats s = m.stats().get(1);
            return s.received() == s.delivered() + s.failed() + s.dropped() + s.filteredTotal();
          },
          "bad kit's calls settle");
      boolean error = make(kind) instanceof Error;
      if (error) {
        // The failure is counted before the kit is disabled and reported: wait for the report.
        await(
            () -> reports.stream().anyMatch(r -> r.kind() == KitReport.Kind.KIT_CALL_FAILED),
            "disabled kit reported");
      }
      KitStats s = m.stats().get(1);
      assertAccounted(s);
      assertThat(s.failed()).isEqualTo(1);
      if (error) {
        assertThat(m.activeKits()).containsExactly(2);
        assertThat(s.dropped()).isEqualTo(after);
        assertThat(reports)
            .filteredOn(r -> r.kind() == KitReport.Kind.KIT_CALL_FAILED)
            .singleElement()
            .satisfies(r -> assertThat(r.message()).contains("disabled"));
      } else {
        assertThat(m.activeKits()).containsExactly(1, 2);
        assertThat(s.delivered()).isEqualTo(1 + before + after);
      }
    } finally {
      gate.countDown();
      m.close(Duration.ofSeconds(2));
    }
  }

  private static Throwable make(String kind) {
    switch (kind) {
      case "soe":
        return new StackOverflowError("deep");
      case "oom":
        return new OutOfMemoryError("Java heap space");
      case "internal":
        return new InternalError("broken");
      case "linkage":
        return new NoClassDefFoundError("com/partner/Missing");
      case "assertion":
        return new AssertionError("kit assertion");
      case "checked":
        return new java.io.IOException("partner down");
      default:
        return new IllegalStateException("bad state");
    }
  }

  @Provide
  Arbitrary<String> throwables() {
    return Arbitraries.of("soe", "oom", "internal", "linkage", "assertion", "checked", "runtime");
  }
}
