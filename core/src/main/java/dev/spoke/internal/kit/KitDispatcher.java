package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.SessionListener;
import dev.spoke.kit.UserAttributeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The per-kit half of the kit runtime: for each call and each running kit, the user rules, the
 * kit's filters and data plan, the kit's view of the user, then the kit's own queue and thread
 * (projections, commerce expansion and the call itself run there); every step is counted in the
 * kit's {@code KitStats}. Which kits run is the registry's business ({@link KitManager}).
 */
final class KitDispatcher {
  static final String RULE_NOT_LISTENING = "notListening";
  static final int PLAN_REPORTS_PER_KIT = 1_000;
  private static final String PLAN_REPORTS_FULL = "(bound reached)";

  /** Takes a kit that threw an {@link Error} out of service (on the kit's thread). */
  interface Disabler {
    void disable(ActiveKit k, String what, Throwable t);
  }

  private final Consumer<KitReport> reports;
  private final Disabler disabler;
  private final int queueCapacity;

  KitDispatcher(Consumer<KitReport> reports, Disabler disabler, int queueCapacity) {
    this.reports = reports;
    this.disabler = disabler;
    this.queueCapacity = queueCapacity;
  }

  void deliverEvent(Iterable<ActiveKit> kits, boolean out, Event event, KitUser user) {
    Predicate<Kit> listens = listenerFor(event);
    for (ActiveKit k : kits) {
      offer(
          k,
          listens,
          filters -> {
            if (!admitsUser(k, filters, user, out)) {
              return null;
            }
            KitFilters.Verdict<Event> v = filters.filterEvent(event);
            planBlocked(k, v.planBlocks());
            if (!v.passed()) {
              k.counters.filtered(v.blockedBy());
              return null;
            }
            Event e = v.value();
            KitUser view = userView(k, filters, user);
            Projections pr = filters.entry().projections();
            return kit2 -> EventCall.call(k, kit2, e, view, pr);
          });
    }
  }

  /** Counts and filters one call for one kit: what to run on the kit's thread, or null. */
  private interface Admission {
    KitCall admit(KitFilters filters);
  }

  /**
   * Offers a call to one kit. Whether the kit listens for it is known only once the kit exists; a
   * call it does not listen for is not counted at all. A kit not created yet (its creation is
   * queued ahead of this call on its thread, e.g. while the first configuration's buffered calls
   * are replayed) gets the whole decision on its thread, after the creation, so the counts do not
   * depend on which thread was first.
   */
  private void offer(ActiveKit k, Predicate<Kit> listens, Admission admission) {
    Kit kit = k.kit;
    if (kit != null) {
      if (!listens.test(kit)) {
        return;
      }
      KitCall call = admission.admit(k.filters);
      if (call != null) {
        enqueue(k, listens, call);
      }
      return;
    }
    // The filters of the moment of the call, as for a kit that exists (a configuration applied
    // meanwhile does not change how an earlier call is filtered).
    KitFilters filters = k.filters;
    if (!k.worker.offerData(() -> admitOnKitThread(k, listens, filters, admission))) {
      k.counters.received.incrementAndGet();
      queueFull(k);
    }
  }

  /** On the kit's thread, after its creation was attempted. */
  private void admitOnKitThread(
      ActiveKit k, Predicate<Kit> listens, KitFilters filters, Admission admission) {
    Kit kit = k.kit;
    if (kit == null) {
      // Creation failed (or the kit was disabled): the kit is excluded and the call is lost.
      k.counters.received.incrementAndGet();
      k.counters.dropped.incrementAndGet();
      return;
    }
    if (!listens.test(kit)) {
      return;
    }
    KitCall call = admission.admit(filters);
    if (call != null) {
      run(k, listens, call);
    }
  }

  private static Predicate<Kit> listenerFor(Event e) {
    if (e instanceof CustomEvent) {
      return EventListener.class::isInstance;
    }
    if (e instanceof ScreenView) {
      return ScreenListener.class::isInstance;
    }
    if (e instanceof CommerceEvent) {
      return kit -> kit instanceof CommerceListener || kit instanceof EventListener;
    }
    return SessionListener.class::isInstance;
  }

  /** A user-attribute call into one kit, given the kit's view of the user. */
  interface AttributeCall {
    void call(UserAttributeListener l, KitUser view) throws Exception;
  }

  void deliverUserAttribute(
      Iterable<ActiveKit> kits, boolean out, KitUser user, String key, AttributeCall call) {
    for (ActiveKit k : kits) {
      offer(
          k,
          UserAttributeListener.class::isInstance,
          filters -> {
            if (!admitsUser(k, filters, user, out)) {
              return null;
            }
            String rule = filters.userAttributeRuleBlocking(key);
            if (rule != null) {
              if (KitFilters.RULE_DATA_PLAN.equals(rule)) {
                planBlocked(k, List.of(new PlanBlock(PlanBlock.Kind.USER_ATTRIBUTE, key, null)));
              }
              k.counters.filtered(rule);
              return null;
            }
            KitUser view = userView(k, filters, user);
            return kit2 -> call.call((UserAttributeListener) kit2, view);
          });
    }
  }

  /** Builds the kit call from the kit and its user view. */
  interface ViewCall {
    KitCall make(ActiveKit k, KitUser view);
  }

  void deliverAll(
      Iterable<ActiveKit> kits, boolean out, KitUser user, Class<?> listener, ViewCall call) {
    for (ActiveKit k : kits) {
      offer(
          k,
          listener::isInstance,
          filters ->
              admitsUser(k, filters, user, out) ? call.make(k, userView(k, filters, user)) : null);
    }
  }

  /**
   * Counts the call as received for the kit and applies the kit's user rules ({@code honorOptOut},
   * {@code eau}, {@code bk}, {@code crvf}, the user-attribute value rule).
   *
   * @return false, the blocking rule counted, when the kit is off for this user
   */
  private static boolean admitsUser(ActiveKit k, KitFilters filters, KitUser user, boolean out) {
    k.counters.received.incrementAndGet();
    String rule = filters.userRuleBlocking(user, out);
    if (rule != null) {
      k.counters.filtered(rule);
      return false;
    }
    return true;
  }

  /** The kit's view of the user; what the data plan removed from it is counted and reported. */
  private KitUser userView(ActiveKit k, KitFilters filters, KitUser user) {
    List<PlanBlock> blocks = new ArrayList<>(0);
    KitUser view = filters.userView(user, blocks);
    planBlocked(k, blocks);
    return view;
  }

  /**
   * Counts each block of the data plan toward this kit ({@code KitStats#dataPlanBlocked()}) and
   * reports each distinct blocked item the first time it is blocked for this kit, up to a bound;
   * later occurrences are counted only, so a plan that removes an attribute from every event does
   * not flood the listener.
   */
  private void planBlocked(ActiveKit k, List<PlanBlock> blocks) {
    for (PlanBlock b : blocks) {
      k.counters.planBlocked(b.kind());
      if (k.planReported.size() < PLAN_REPORTS_PER_KIT) {
        if (k.planReported.add(b.kind() + ":" + b.key() + ":" + b.event())) {
          reports.accept(
              new KitReport(
                  KitReport.Kind.DATA_PLAN_BLOCKED,
                  k.moduleId,
                  k.name,
                  "data plan kept "
                      + b.describe()
                      + " from kit "
                      + k.name
                      + " (each later one is counted only)",
                  null));
        }
      } else if (k.planReported.add(PLAN_REPORTS_FULL)) {
        reports.accept(
            new KitReport(
                KitReport.Kind.DATA_PLAN_BLOCKED,
                k.moduleId,
                k.name,
                "data plan blocked "
                    + PLAN_REPORTS_PER_KIT
                    + " distinct items toward kit "
                    + k.name
                    + "; further ones are counted in its stats without a report",
                null));
      }
    }
  }

  /** Sends a call that no user rule applies to (opt-out notifications). */
  void send(ActiveKit k, Predicate<Kit> listens, KitCall call) {
    offer(
        k,
        listens,
        filters -> {
          k.counters.received.incrementAndGet();
          return call;
        });
  }

  private void enqueue(ActiveKit k, Predicate<Kit> listens, KitCall call) {
    if (!k.worker.offerData(() -> run(k, listens, call))) {
      queueFull(k);
    }
  }

  /** Counts and (rate-limited) reports a call the kit's full queue could not take. */
  private void queueFull(ActiveKit k) {
    k.counters.dropped.incrementAndGet();
    long held = k.dropReports.admit();
    if (held >= 0) {
      reports.accept(
          new KitReport(
              KitReport.Kind.KIT_QUEUE_FULL,
              k.moduleId,
              k.name,
              "kit "
                  + k.name
                  + " is not keeping up: its queue of "
                  + queueCapacity
                  + " calls is full; "
                  + k.counters.dropped.get()
                  + " calls dropped so far",
              null));
    }
  }

  /** On the kit's thread. */
  private void run(ActiveKit k, Predicate<Kit> listens, KitCall call) {
    Kit kit = k.kit;
    if (kit == null) {
      k.counters.dropped.incrementAndGet(); // create failed: the kit is excluded
      return;
    }
    if (!listens.test(kit)) {
      k.counters.filtered(RULE_NOT_LISTENING);
      return;
    }
    try {
      call.call(kit);
      k.counters.delivered.incrementAndGet();
    } catch (Throwable t) {
      k.counters.failed.incrementAndGet();
      if (t instanceof Error) {
        disabler.disable(k, "threw " + t.getClass().getName() + " from a call", t);
        return;
      }
      long held = k.failureReports.admit();
      if (held >= 0) {
        reports.accept(
            new KitReport(
                KitReport.Kind.KIT_CALL_FAILED,
                k.moduleId,
                k.name,
                "kit "
                    + k.name
                    + " threw "
                    + t.getClass().getName()
                    + " ("
                    + k.counters.failed.get()
                    + " failures so far"
                    + (held > 0 ? ", " + held + " not reported since the last report" : "")
                    + ")",
                t));
      }
    }
  }

  /** A call into one kit, on its thread. */
  interface KitCall {
    void call(Kit kit) throws Exception;
  }
}
