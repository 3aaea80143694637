package dev.spoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** W1-mixed's content and the per-thread CPU roles (no measuring here). */
class WorkloadContentTest {
  @Test
  void mixedIsSixCustomThreeScreensOnePurchaseOfTwoToFourProducts() {
    int custom = 0;
    int screen = 0;
    int purchase = 0;
    for (int i = 0; i < 1_000; i++) {
      switch (Mixed.kind(i)) {
        case CUSTOM -> custom++;
        case SCREEN -> screen++;
        case PURCHASE -> {
          purchase++;
          assertThat(Mixed.products(i)).isBetween(2, 4);
        }
      }
    }
    assertThat(new int[] {custom, screen, purchase}).containsExactly(600, 300, 100);
  }

  @Test
  void purchaseRevenueIsTheSumOfItsProducts() {
    int i = 19; // a purchase with three products
    assertThat(Mixed.kind(i)).isEqualTo(Mixed.Kind.PURCHASE);
    double sum = 0;
    for (int j = 0; j < Mixed.products(i); j++) {
      sum += Mixed.productPrice(i, j) * Mixed.productQuantity(j);
    }
    assertThat(Mixed.revenue(i)).isCloseTo(sum, within(0.005));
  }

  @Test
  void threadRolesFollowTheThreadNames() {
    assertThat(ThreadBudget.javaRole("bench-producer-3")).isEqualTo("producers");
    assertThat(ThreadBudget.javaRole("spoke-worker-bench-key")).isEqualTo("worker");
    assertThat(ThreadBudget.javaRole("spoke-upload-0")).isEqualTo("upload");
    assertThat(ThreadBudget.javaRole("OkHttp TaskRunner")).isEqualTo("upload");
    assertThat(ThreadBudget.javaRole("spoke-journal-sync")).isEqualTo("journal");
    assertThat(ThreadBudget.javaRole("main")).isEqualTo("java-other");
    assertThat(ThreadBudget.nativeRole("GC Thread#1")).isEqualTo("gc");
    assertThat(ThreadBudget.nativeRole("G1 Conc#0")).isEqualTo("gc");
    assertThat(ThreadBudget.nativeRole("C2 CompilerThre")).isEqualTo("jit");
    assertThat(ThreadBudget.nativeRole("bench-producer-")).isNull();
  }

  @Test
  void rolesAddUpToTheProcessCpu() {
    ThreadBudget b = ThreadBudget.measure(0);
    long sum = b.roles().values().stream().mapToLong(Long::longValue).sum();
    // exited/other takes the remainder, so the roles cover the whole process (never less).
    assertThat(sum).isGreaterThanOrEqualTo(b.totalNanos());
  }
}
