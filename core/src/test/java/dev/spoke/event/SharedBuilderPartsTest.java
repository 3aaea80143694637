package dev.spoke.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The parts event types share: the custom-flag setters of custom events, screen views and commerce
 * events, and equality and rendering of the types with only the common fields.
 */
class SharedBuilderPartsTest {

  @Test
  void everyFlaggedTypeKeepsFlagsInOrderThroughItsBuilderAndBack() {
    Map<String, String> more = new HashMap<>();
    more.put(null, "v");
    more.put("k", null);
    List<Supplier<FlagsBuilder<?>>> builders =
        List.of(
            () -> CustomEvent.builder("n"),
            () -> ScreenView.builder("s"),
            () ->
                CommerceEvent.productAction(
                    ProductAction.builder(ProductActionType.PURCHASE).build()));
    for (Supplier<FlagsBuilder<?>> s : builders) {
      Event e = s.get().flag("b", "1").flag("a", "2").flags(more).flags(null).build();
      Map<String, String> flags = flagsOf(e);
      assertThat(flags.keySet()).startsWith("b", "a").hasSize(4);
      assertThat(flags).containsEntry(null, "v").containsEntry("k", null);
      Event copy = e.toBuilder().build();
      assertThat(copy).isEqualTo(e).hasSameHashCodeAs(e);
      assertThat(flagsOf(copy)).isEqualTo(flags);
      FlagsBuilder<?> cleared = (FlagsBuilder<?>) e.toBuilder();
      assertThat(flagsOf(cleared.clearFlags().build())).isEmpty();
      assertThat(flagsOf(e)).hasSize(4); // the event is not touched by its builder
    }
  }

  private static Map<String, String> flagsOf(Event e) {
    if (e instanceof CustomEvent c) return c.customFlags();
    if (e instanceof ScreenView v) return v.customFlags();
    return ((CommerceEvent) e).customFlags();
  }

  @Test
  void typesWithOnlyCommonFieldsCompareByTypeAndCommonFields() {
    Event first = FirstRun.builder().timestamp(5).build();
    Event uninstall = Uninstall.builder().timestamp(5).build();
    Event start = SessionStart.builder().timestamp(5).build();
    assertThat(first).isEqualTo(FirstRun.builder().timestamp(5).build());
    assertThat(first).isNotEqualTo(uninstall).isNotEqualTo(start).isNotEqualTo(null);
    assertThat(first).isNotEqualTo(FirstRun.builder().timestamp(6).build());
    assertThat(first.hashCode()).isEqualTo(FirstRun.builder().timestamp(5).build().hashCode());
    assertThat(first).hasToString("FirstRun[timestampMillis=5]");
    assertThat(uninstall).hasToString("Uninstall[timestampMillis=5]");
    assertThat(SessionStart.builder().build()).hasToString("SessionStart[]");
  }
}
