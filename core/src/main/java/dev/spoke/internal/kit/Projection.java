package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.Projections.MESSAGE_COMMERCE;
import static dev.spoke.internal.kit.Projections.MESSAGE_EVENT;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.Promotion;
import dev.spoke.event.ScreenView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Not API. One {@code pr[]} entry of a kit's projections (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/mappings/CustomMapping.java); see {@link
 * Projections}.
 */
final class Projection {
  final int id;
  final List<ProjectionMatch> matches;
  final int maxCustomParams;
  final boolean appendUnmapped;
  final boolean isDefault;
  final boolean selectorLast;
  final int outboundMessageType;
  final String projectedName;

  /** Non-static maps, required ones first (CustomMapping sorts them so). */
  final List<ProjectionAttributeMap> maps;

  final List<ProjectionAttributeMap> statics;

  private Projection(
      int id,
      List<ProjectionMatch> matches,
      int max,
      boolean append,
      boolean isDefault,
      boolean last,
      int outbound,
      String projectedName,
      List<ProjectionAttributeMap> maps,
      List<ProjectionAttributeMap> statics) {
    this.id = id;
    this.matches = matches;
    this.maxCustomParams = max;
    this.appendUnmapped = append;
    this.isDefault = isDefault;
    this.selectorLast = last;
    this.outboundMessageType = outbound;
    this.projectedName = projectedName;
    this.maps = maps;
    this.statics = statics;
  }

  static Projection parse(Object v, String path) throws KitConfigurationException {
    Map<String, Object> o = Fields.object(v, path);
    if (o.get("id") == null) {
      throw new KitConfigurationException(path + ".id: missing; every projection needs its id");
    }
    int id = Fields.intValue(o.get("id"), path + ".id");
    List<ProjectionMatch> matches = new ArrayList<>();
    if (o.get("matches") != null) {
      List<Object> ms = Fields.array(o.get("matches"), path + ".matches");
      for (int i = 0; i < ms.size(); i++) {
        matches.add(ProjectionMatch.parse(ms.get(i), path + ".matches[" + i + "]"));
      }
    }
    if (matches.isEmpty()) {
      matches.add(
          ProjectionMatch.NEVER); // CustomMappingMatch(null): message type -1 matches nothing
    }
    Map<String, Object> behavior = Fields.optObject(o, "behavior", path + ".behavior");
    String bp = path + ".behavior.";
    Integer max = Fields.optInt(behavior, "max_custom_params", bp + "max_custom_params");
    Boolean append =
        Fields.optBool(behavior, "append_unmapped_as_is", bp + "append_unmapped_as_is");
    Boolean isDefault = Fields.optBool(behavior, "is_default", bp + "is_default");
    Object selector = behavior.get("selector");
    boolean last = selector != null && "last".equalsIgnoreCase(selector.toString());
    Map<String, Object> action = Fields.optObject(o, "action", path + ".action");
    String ap = path + ".action.";
    Integer outbound = Fields.optInt(action, "outbound_message_type", ap + "outbound_message_type");
    Object name = action.get("projected_event_name");
    List<ProjectionAttributeMap> maps = new ArrayList<>();
    List<ProjectionAttributeMap> statics = new ArrayList<>();
    if (action.get("attribute_maps") != null) {
      List<Object> am = Fields.array(action.get("attribute_maps"), ap + "attribute_maps");
      for (int i = 0; i < am.size(); i++) {
        ProjectionAttributeMap m =
            ProjectionAttributeMap.parse(am.get(i), ap + "attribute_maps[" + i + "]");
        (m.isStatic() ? statics : maps).add(m);
      }
      // Stable sort, required first, as CustomMapping does.
      maps.sort((a, b) -> Boolean.compare(b.required, a.required));
    }
    return new Projection(
        id,
        Collections.unmodifiableList(matches),
        max == null ? Integer.MAX_VALUE : max,
        append != null && append,
        isDefault != null && isDefault,
        last,
        outbound == null ? MESSAGE_EVENT : outbound,
        name == null ? "" : name.toString(),
        Collections.unmodifiableList(maps),
        Collections.unmodifiableList(statics));
  }

  int messageType() {
    return matches.get(0).messageType;
  }

  /**
   * @return the subject (commerce: narrowed to the matching items), or null if it does not match
   */
  Projections.Subject match(Projections.Subject s) {
    if (isDefault) {
      return s;
    }
    Projections.Subject current = s;
    for (ProjectionMatch m : matches) {
      current = m.match(current);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  List<Projections.Result> project(Projections.Subject s) {
    if (s.messageType != MESSAGE_COMMERCE) {
      Projections.Result r = projectEvent(s);
      return r == null ? Collections.emptyList() : List.of(r);
    }
    List<Projections.Result> out = new ArrayList<>();
    CommerceEvent ce = s.commerce();
    if (ce.kind() == CommerceEvent.Kind.PROMOTION_ACTION) {
      List<Promotion> promotions = nonNull(s.promotions());
      if (promotions.isEmpty()) {
        add(out, projectCommerce(s, null, null, null));
      } else if (selectorLast) {
        add(out, projectCommerce(s, null, promotions.get(promotions.size() - 1), null));
      } else {
        for (Promotion p : promotions) {
          add(out, projectCommerce(s, null, p, withPromotion(ce, p)));
        }
      }
    } else {
      List<Product> products = nonNull(s.products());
      if (selectorLast) {
        add(
            out,
            projectCommerce(
                s, products.isEmpty() ? null : products.get(products.size() - 1), null, null));
      } else {
        for (Product p : products) {
          add(out, projectCommerce(s, p, null, withProduct(ce, p)));
        }
      }
    }
    return out;
  }

  private static <T> List<T> nonNull(List<T> l) {
    List<T> out = new ArrayList<>(l.size());
    for (T t : l) {
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private static void add(List<Projections.Result> out, Projections.Result r) {
    if (r != null) {
      out.add(r);
    }
  }

  private static CommerceEvent withProduct(CommerceEvent e, Product p) {
    return e.toBuilder()
        .replaceProductAction(e.productAction().toBuilder().products(List.of(p)).build())
        .build();
  }

  private static CommerceEvent withPromotion(CommerceEvent e, Promotion p) {
    return e.toBuilder()
        .replacePromotionAction(e.promotionAction().toBuilder().promotions(List.of(p)).build())
        .build();
  }

  private Projections.Result projectEvent(Projections.Subject s) {
    Map<String, String> mapped = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    if (!mapAttributes(s, null, null, mapped, used)) {
      return null;
    }
    putStatics(mapped, used);
    appendUnmapped(s.attributes, mapped, used);
    String name = projectedName.isEmpty() ? s.name : projectedName;
    CustomEvent.Builder b;
    if (s.event instanceof CustomEvent) {
      b = ((CustomEvent) s.event).toBuilder().name(name).sourceMessageId(null);
    } else {
      // A screen view projects onto a custom event of type Other (the Android SDK logs it with
      // logEvent).
      ScreenView sv = (ScreenView) s.event;
      b =
          CustomEvent.builder(name)
              .customEventType(CustomEventType.OTHER)
              .flags(sv.customFlags())
              .location(sv.location())
              .eventStartMillis(sv.eventStartMillis());
      if (sv.timestampMillis() != null) {
        b.timestamp(sv.timestampMillis());
      }
    }
    return new Projections.Result(b.clearAttributes().attributes(mapped).build(), id);
  }

  private Projections.Result projectCommerce(
      Projections.Subject s, Product product, Promotion promotion, CommerceEvent narrowed) {
    Map<String, String> mapped = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    if (!mapAttributes(s, product, promotion, mapped, used)) {
      return null;
    }
    putStatics(mapped, used);
    appendUnmapped(s.attributes, mapped, used);
    CommerceEvent ce = narrowed != null ? narrowed : s.commerce();
    if (outboundMessageType == MESSAGE_COMMERCE) {
      CommerceEvent.Builder b =
          ce.toBuilder().clearAttributes().attributes(mapped).sourceMessageId(null);
      b.eventName(projectedName.isEmpty() ? ce.eventName() : projectedName);
      return new Projections.Result(b.build(), id);
    }
    CustomEvent.Builder b =
        CustomEvent.builder(projectedName)
            .customEventType(CustomEventType.TRANSACTION)
            .attributes(mapped)
            .flags(ce.customFlags())
            .location(ce.location())
            .eventStartMillis(ce.eventStartMillis());
    if (ce.timestampMillis() != null) {
      b.timestamp(ce.timestampMillis());
    }
    return new Projections.Result(b.build(), id);
  }

  private void putStatics(Map<String, String> mapped, Set<String> used) {
    for (ProjectionAttributeMap m : statics) {
      mapped.put(m.projectedName, m.value);
      used.add(m.value); // as CustomMapping: the static's value, not a key, is marked used
    }
  }

  private void appendUnmapped(
      Map<String, String> original, Map<String, String> mapped, Set<String> used) {
    if (!appendUnmapped || maxCustomParams <= 0 || mapped.size() >= maxCustomParams) {
      return;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(original).entrySet()) {
      if (mapped.size() >= maxCustomParams) {
        break;
      }
      if (!used.contains(e.getKey()) && !mapped.containsKey(e.getKey())) {
        mapped.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * @return false if a required map found nothing (the projection gives no result)
   */
  private boolean mapAttributes(
      Projections.Subject s,
      Product product,
      Promotion promotion,
      Map<String, String> mapped,
      Set<String> used) {
    for (ProjectionAttributeMap m : maps) {
      Map.Entry<String, String> found = m.find(s, product, promotion);
      if (found == null || !m.matchesDataType(found.getValue())) {
        if (m.required) {
          return false;
        }
        continue;
      }
      String key = m.projectedName.isEmpty() ? found.getKey() : m.projectedName;
      mapped.put(key, found.getValue());
      used.add(found.getKey());
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Projection)) {
      return false;
    }
    Projection p = (Projection) o;
    return id == p.id
        && matches.equals(p.matches)
        && maxCustomParams == p.maxCustomParams
        && appendUnmapped == p.appendUnmapped
        && isDefault == p.isDefault
        && selectorLast == p.selectorLast
        && outboundMessageType == p.outboundMessageType
        && projectedName.equals(p.projectedName)
        && maps.equals(p.maps)
        && statics.equals(p.statics);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, matches, projectedName, maps, statics);
  }
}
