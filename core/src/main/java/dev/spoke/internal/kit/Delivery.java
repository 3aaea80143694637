package dev.spoke.internal.kit;

import dev.spoke.Environment;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionStart;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not API. An event handed to one kit, as its forwarding statistics describe it: the event the host
 * logged (after the kit's filters), the projection that made what the kit got, if any, and how many
 * custom events a commerce event was expanded into. Immutable.
 */
final class Delivery {
  final Event source;
  final Integer projectionId;
  final int expanded;

  /**
   * @param source the filtered event
   * @param projectionId the {@code pr} id that made what the kit got, or null
   * @param expanded how many custom events the commerce event became for this kit (0 when not
   *     expanded)
   */
  Delivery(Event source, Integer projectionId, int expanded) {
    this.source = source;
    this.projectionId = projectionId;
    this.expanded = expanded;
  }

  /**
   * The name a kit sees for an event, and reports: event or screen name; commerce: its name, else
   * its action.
   */
  static String sourceName(Event e) {
    if (e instanceof CustomEvent) {
      return ((CustomEvent) e).name();
    }
    if (e instanceof ScreenView) {
      return ((ScreenView) e).screenName();
    }
    if (e instanceof CommerceEvent) {
      CommerceEvent c = (CommerceEvent) e;
      if (c.eventName() != null) {
        return c.eventName();
      }
      switch (c.kind()) {
        case PRODUCT_ACTION:
          return c.productAction() == null || c.productAction().action() == null
              ? "product_action"
              : c.productAction().action().wireName();
        case PROMOTION_ACTION:
          return c.promotionAction() == null || c.promotionAction().action() == null
              ? "promotion"
              : "promotion_" + c.promotionAction().action().wireName();
        default:
          return "impression";
      }
    }
    return e.type().name().toLowerCase(Locale.ROOT);
  }

  /**
   * One forwarding statistics record, shaped as the Web SDK's {@code prepareForwardingStats}
   * (mParticle/mparticle-web-sdk src/apiClient.ts): {@code mid, n, dt} (4 custom event, 3 screen
   * view, 16 commerce, 1/2 session start/end: the Web SDK's message types), {@code et, ct, sdk,
   * dbg, eec}; {@code attrs} only in development (mParticle/mparticle-android-sdk
   * android-kit-base/src/main/java/com/mparticle/kits/ ReportingMessage.java {@code toJson});
   * {@code proj} for an item a projection made (Android's {@code proj[].pid}).
   *
   * @param moduleId the kit's module id
   * @param forwardedName the name the kit reported
   * @param sdkVersion Spoke's version
   * @param environment development adds the attributes
   * @param clock for an event without a timestamp
   * @return the record, a fresh map
   */
  Map<String, Object> record(
      int moduleId, String forwardedName, String sdkVersion, Environment environment, Clock clock) {
    Map<String, Object> r = new LinkedHashMap<>();
    Event e = source;
    r.put("mid", moduleId);
    int dt;
    Integer et = null;
    if (e instanceof CustomEvent) {
      dt = Projections.MESSAGE_EVENT;
      CustomEvent c = (CustomEvent) e;
      et = c.customEventType() == null ? null : c.customEventType().filterNumber();
    } else if (e instanceof ScreenView) {
      dt = Projections.MESSAGE_SCREEN;
    } else if (e instanceof CommerceEvent) {
      dt = Projections.MESSAGE_COMMERCE;
      et = ((CommerceEvent) e).filterNumber();
    } else {
      dt = e instanceof SessionStart ? 1 : 2;
    }
    r.put("n", sourceName(e));
    r.put("dt", dt);
    if (et != null) {
      r.put("et", et);
    }
    r.put("ct", e.timestampMillis() != null ? e.timestampMillis() : clock.millis());
    r.put("sdk", sdkVersion);
    r.put("dbg", environment == Environment.DEVELOPMENT);
    r.put("eec", expanded);
    if (environment == Environment.DEVELOPMENT && !e.customAttributes().isEmpty()) {
      r.put("attrs", Projections.strings(e.customAttributes()));
    }
    if (projectionId != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pid", projectionId);
      p.put("name", forwardedName);
      r.put("proj", List.of(p));
    }
    return r;
  }
}
