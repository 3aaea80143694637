package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.Event;
import dev.spoke.kit.CommerceExpansion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Not API. The steps an event takes toward one kit after that kit's {@link KitFilters} passed it:
 * each step maps every event to the events the next step (and finally the kit) receives. The
 * standard pipeline has one step, commerce expansion for kits that do not take commerce events;
 * steps that rewrite events per kit (projections) go before it, as in the Android SDK, where
 * KitManagerImpl projects the filtered event and expands commerce only for kits without a commerce
 * listener (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitManagerImpl.java {@code logCommerceEvent}).
 * Pure.
 */
final class KitPipeline {
  /** One step: maps one event (already filtered for the kit) to what goes on. */
  interface Step {
    /**
     * @param event an event for the kit
     * @param commerceListener whether the kit takes commerce events as they are
     * @return the events that go on, in order (empty to drop)
     */
    List<Event> apply(Event event, boolean commerceListener);
  }

  /** A commerce event becomes plain custom events for a kit that does not take commerce events. */
  static final Step EXPANSION =
      (event, commerceListener) -> {
        if (event instanceof CommerceEvent && !commerceListener) {
          return new ArrayList<>(CommerceExpansion.expand((CommerceEvent) event));
        }
        return List.of(event);
      };

  /**
   * Projections ({@code pr}) apply to custom events, screens, and commerce events for kits that
   * take commerce events; a kit without a commerce listener gets commerce expanded instead
   * (KitManagerImpl.logCommerceEvent).
   *
   * @return whether the kit's projections apply to this event
   */
  static boolean projectable(Event event, boolean commerceListener) {
    return !(event instanceof CommerceEvent) || commerceListener;
  }

  /**
   * The projection step: the events the kit's projections make of an event, or the event itself
   * when none applies. {@link KitManager} applies projections with this same rule, first, keeping
   * which projection made each event (for forwarding statistics), then the rest of the pipeline.
   *
   * @param projections the kit's {@code pr}
   * @return the step
   */
  static Step projection(Projections projections) {
    Objects.requireNonNull(projections, "projections");
    return (event, commerceListener) -> {
      List<Projections.Result> out =
          projectable(event, commerceListener) ? projections.project(event) : null;
      if (out == null) {
        return List.of(event);
      }
      List<Event> events = new ArrayList<>(out.size());
      out.forEach(r -> events.add(r.event()));
      return events;
    };
  }

  private static final KitPipeline STANDARD = new KitPipeline(List.of(EXPANSION));

  private final List<Step> steps;

  KitPipeline(List<Step> steps) {
    this.steps =
        Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(steps, "steps")));
  }

  /**
   * @return the pipeline every kit uses today: expansion only
   */
  static KitPipeline standard() {
    return STANDARD;
  }

  /**
   * @return a pipeline with {@code step} before the existing ones (e.g. a projection before
   *     expansion)
   */
  KitPipeline withFirst(Step step) {
    List<Step> all = new ArrayList<>();
    all.add(Objects.requireNonNull(step, "step"));
    all.addAll(steps);
    return new KitPipeline(all);
  }

  /**
   * @param filtered the event as the kit's filters passed it
   * @param commerceListener whether the kit implements {@code CommerceListener}
   * @return what the kit receives, in order
   */
  List<Event> deliverables(Event filtered, boolean commerceListener) {
    List<Event> current = List.of(filtered);
    for (Step step : steps) {
      List<Event> next = new ArrayList<>();
      for (Event e : current) {
        next.addAll(step.apply(e, commerceListener));
      }
      current = next;
    }
    return current;
  }
}
