package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.SessionListener;
import java.util.List;

/**
 * Not API. The kit-thread half of delivering one event that passed a kit's filters: projections,
 * commerce expansion and the listener call, each event handed over remembered for forwarding
 * statistics. Sources: mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitManagerImpl.java ({@code logMPEvent}, {@code
 * logScreen}, {@code logCommerceEvent}).
 */
final class EventCall {
  private EventCall() {}

  /**
   * On the kit's thread: only here is it known whether the kit takes commerce events (it may not
   * exist yet when the call is filtered), which decides whether commerce is projected (kits with a
   * commerce listener) or expanded (the others), as KitManagerImpl.logCommerceEvent does.
   * Projections run first, on the filtered copy (KitManagerImpl.logMPEvent / logScreen /
   * logCommerceEvent); every projected event then goes through the rest of the kit's pipeline. Each
   * event handed over is remembered with its source for forwarding statistics.
   */
  static void call(ActiveKit k, Kit kit, Event filtered, KitUser view, Projections pr)
      throws Exception {
    boolean commerceListener = kit instanceof CommerceListener;
    try {
      List<Projections.Result> projected =
          KitPipeline.projectable(filtered, commerceListener) ? pr.project(filtered) : null;
      if (projected == null) {
        callAll(k, kit, filtered, null, k.pipeline.deliverables(filtered, commerceListener), view);
        return;
      }
      for (Projections.Result r : projected) {
        callAll(
            k,
            kit,
            filtered,
            r.projectionId(),
            k.pipeline.deliverables(r.event(), commerceListener),
            view);
      }
    } finally {
      k.delivering = null;
    }
  }

  private static void callAll(
      ActiveKit k, Kit kit, Event source, Integer projectionId, List<Event> events, KitUser view)
      throws Exception {
    // A commerce event that arrives as custom events was expanded: the statistics say into how
    // many.
    int expanded =
        source instanceof CommerceEvent
                && projectionId == null
                && !events.isEmpty()
                && !(events.get(0) instanceof CommerceEvent)
            ? events.size()
            : 0;
    for (Event e : events) {
      k.deliver(new Delivery(source, projectionId, expanded), Delivery.sourceName(e));
      if (e instanceof CustomEvent
          && source instanceof ScreenView
          && !(kit instanceof EventListener)
          && kit instanceof ScreenListener) {
        // A projected screen for a kit that takes screens but not events: a screen view, renamed.
        ((ScreenListener) kit)
            .onScreenView(
                ScreenView.builder(((CustomEvent) e).name())
                    .attributes(e.customAttributes())
                    .build(),
                view);
      } else {
        callOne(k, kit, e, view);
      }
    }
  }

  private static void callOne(ActiveKit k, Kit kit, Event e, KitUser view) throws Exception {
    if (e instanceof CustomEvent) {
      if (kit instanceof EventListener) {
        ((EventListener) kit).onEvent((CustomEvent) e, view);
      } else {
        k.counters.filtered(
            KitDispatcher
                .RULE_NOT_LISTENING); // a pipeline step made a custom event the kit cannot take
      }
    } else if (e instanceof ScreenView) {
      ((ScreenListener) kit).onScreenView((ScreenView) e, view);
    } else if (e instanceof CommerceEvent) {
      ((CommerceListener) kit).onCommerceEvent((CommerceEvent) e, view);
    } else if (e instanceof SessionStart) {
      ((SessionListener) kit).onSessionStart((SessionStart) e, view);
    } else if (e instanceof SessionEnd) {
      ((SessionListener) kit).onSessionEnd((SessionEnd) e, view);
    }
  }
}
