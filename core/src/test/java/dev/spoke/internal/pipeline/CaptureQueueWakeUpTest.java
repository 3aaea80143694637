package dev.spoke.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How offers wake the consumer: a sleeping consumer is woken by the first offer (no lost wake-up),
 * a napping one is left alone until the queue passes a quarter of its bound, and either way the
 * consumer takes what was offered. No sleeps: the tests wait for the consumer's state, and the
 * consumer's own wait is far longer than any test may take, so only a wake-up (or, when napping,
 * the nap) can end it.
 */
class CaptureQueueWakeUpTest {
  private static final long FOREVER = TimeUnit.HOURS.toNanos(1);
  private final ExecutorService consumer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    consumer.shutdownNow();
  }

  private static void await(BooleanSupplier condition) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not reached").isLessThan(until);
      Thread.yield();
    }
  }

  private Future<String> pollOnConsumer(CaptureQueue<String> q) {
    CompletableFuture<Thread> started = new CompletableFuture<>();
    Future<String> f =
        consumer.submit(
            () -> {
              q.setConsumer(Thread.currentThread());
              started.complete(Thread.currentThread());
              return q.poll(FOREVER);
            });
    started.join();
    return f;
  }

  @Test
  void aSleepingConsumerIsWokenByTheFirstOfferAndTakesIt() throws Exception {
    CaptureQueue<String> q = new CaptureQueue<>(1_000, Long.MAX_VALUE, s -> 0, 1_000_000L, 2);
    Future<String> taken = pollOnConsumer(q);
    await(q::isConsumerSleeping); // after two empty naps it sleeps for an hour unless woken

    assertThat(q.offer("e1")).isTrue();

    assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("e1");
    assertThat(q.offerWakeUps()).isEqualTo(1);
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void aNappingConsumerIsNotWokenByEachOfferButTakesTheElementAtItsNextLook() throws Exception {
    // Never sleeps: naps of 1 ms until it finds something.
    CaptureQueue<String> q =
        new CaptureQueue<>(1_000, Long.MAX_VALUE, s -> 0, 1_000_000L, Integer.MAX_VALUE);
    Future<String> taken = pollOnConsumer(q);
    await(q::isConsumerNapping);

    assertThat(q.offer("e1")).isTrue();

    assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("e1");
    assertThat(q.offerWakeUps()).isZero(); // no system call on the offering thread
  }

  @Test
  void aNappingConsumerIsWokenWhenTheQueuePassesAQuarterOfItsCapacity() throws Exception {
    // Naps of an hour: only a wake-up can end the nap within the test.
    CaptureQueue<String> q = new CaptureQueue<>(8, Long.MAX_VALUE, s -> 0, FOREVER, 1_000);
    Future<String> taken = pollOnConsumer(q);
    await(q::isConsumerNapping);

    assertThat(q.offer("e1")).isTrue();
    assertThat(q.offerWakeUps()).isZero();
    assertThat(q.offer("e2")).isTrue(); // 2 of 8: a quarter

    assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("e1");
    assertThat(q.offerWakeUps()).isEqualTo(1);
  }

  @Test
  void aNappingConsumerIsWokenWhenTheQueuePassesAQuarterOfItsBytes() throws Exception {
    CaptureQueue<String> q = new CaptureQueue<>(1_000, 100, String::length, FOREVER, 1_000);
    Future<String> taken = pollOnConsumer(q);
    await(q::isConsumerNapping);

    assertThat(q.offer("0123456789")).isTrue();
    assertThat(q.offerWakeUps()).isZero();
    assertThat(q.offer("0123456789012345")).isTrue(); // 26 of 100 bytes

    assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("0123456789");
    assertThat(q.offerWakeUps()).isEqualTo(1);
  }

  @Test
  void forceWakesANappingConsumerAtOnce() throws Exception {
    CaptureQueue<String> q = new CaptureQueue<>(1_000, Long.MAX_VALUE, s -> 0, FOREVER, 1_000);
    Future<String> taken = pollOnConsumer(q);
    await(q::isConsumerNapping);

    q.force("wake");

    assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("wake");
  }
}
