package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KitWorkerTest {
  final List<Throwable> failures = new CopyOnWriteArrayList<>();

  @Test
  void aHangingTaskOnlyFillsItsOwnQueueAndNeverBlocksTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    KitWorker hung =
        new KitWorker("spoke-kit-hung", 3, Executors.defaultThreadFactory(), failures::add);
    hung.offerData(
        () -> {
          started.countDown();
          await(release);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    int accepted = 0;
    for (int i = 0; i < 10; i++) {
      if (hung.offerData(() -> {})) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(3);
    assertThat(hung.queued()).isEqualTo(3);

    CountDownLatch otherRan = new CountDownLatch(1);
    KitWorker other =
        new KitWorker("spoke-kit-other", 3, Executors.defaultThreadFactory(), failures::add);
    other.offerData(otherRan::countDown);
    assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();

    // lifecycle calls are never dropped, even on a full queue
    CountDownLatch closed = new CountDownLatch(1);
    release.countDown();
    hung.shutdown(closed::countDown);
    assertThat(hung.offerData(() -> {})).isFalse();
    assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(hung.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    other.shutdown(() -> {});
    assertThat(other.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aThrowingTaskIsReportedAndTheThreadGoesOn() throws Exception {
    KitWorker w = new KitWorker("spoke-kit-x", 10, Executors.defaultThreadFactory(), failures::add);
    CountDownLatch after = new CountDownLatch(1);
    String[] name = new String[1];
    boolean[] daemon = new boolean[1];
    w.offerData(
        () -> {
          throw new IllegalStateException("boom");
        });
    w.offerData(
        () -> {
          name[0] = Thread.currentThread().getName();
          daemon[0] = Thread.currentThread().isDaemon();
          after.countDown();
        });
    assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
    assertThat(name[0]).isEqualTo("spoke-kit-x");
    assertThat(daemon[0]).isTrue();
    w.shutdown(() -> {});
    assertThat(w.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCloseThatHangsCanBeAbandoned() throws Exception {
    KitWorker w =
        new KitWorker("spoke-kit-stuck", 10, Executors.defaultThreadFactory(), failures::add);
    CountDownLatch never = new CountDownLatch(1);
    w.shutdown(
        () -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(w.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
    w.abandon();
    assertThat(w.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void rateLimiterLetsABurstThroughThenOnePerPeriod() {
    FakeClock clock = new FakeClock();
    RateLimitedReporter r = new RateLimitedReporter(3, 60_000, clock);
    assertThat(r.admit()).isZero();
    assertThat(r.admit()).isZero();
    assertThat(r.admit()).isZero();
    assertThat(r.admit()).isEqualTo(-1);
    assertThat(r.admit()).isEqualTo(-1);
    clock.advance(java.time.Duration.ofSeconds(59));
    assertThat(r.admit()).isEqualTo(-1);
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(r.admit()).isEqualTo(3);
    assertThat(r.admit()).isEqualTo(-1);
  }

  private static void await(CountDownLatch l) {
    try {
      l.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
