package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.KitConformanceTest.mpHash;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any kit configuration and any event: a field the configuration blocks never reaches the kit,
 * after every step of the kit's pipeline ({@link KitFilters}, then {@link KitPipeline}: expansion,
 * and whatever steps are added before it), whether the kit takes commerce events or gets them
 * expanded; and nothing the configuration allows is lost on the way to a kit that takes events as
 * they are.
 *
 * <p>How: every value in a generated event and user is a distinct token. An oracle written here
 * from the platform SDKs' rules (not from {@link KitFilters}) decides which tokens the
 * configuration blocks, or that the whole event is blocked; every string the kit receives (its
 * events and its view of the user) is then searched for blocked tokens.
 */
class KitFilterPropertiesTest {
  static final String[] NAMES = {"Signup", "Buy", "Home"};
  static final String[] ATTR_KEYS = {"color", "size", "tier", "channel"};
  static final String[] PRODUCT_KEYS = {"fit", "margin"};
  static final String[] USER_KEYS = {"plan", "city", "tier"};
  static final String[] TRANSACTION_FIELDS = {
    "Checkout Step",
    "Checkout Options",
    "Coupon Code",
    "Shipping Amount",
    "Tax Amount",
    "Total Amount",
    "Transaction Id",
    "Affiliation",
    "Product Action List",
    "Product List Source"
  };
  static final String[] PRODUCT_FIELDS = {
    "Brand", "Category", "Variant", "Position", "Coupon Code"
  };
  static final String[] PROMOTION_FIELDS = {"Id", "Name", "Creative", "Position"};
  static final IdentityType[] IDENTITIES = {
    IdentityType.CUSTOMER_ID, IdentityType.EMAIL, IdentityType.OTHER_ID_2
  };

  /** The kit's pipeline after its filters: its projections ({@code pr}), then expansion. */
  static KitPipeline pipeline(KitEntry entry) {
    return KitPipeline.standard().withFirst(KitPipeline.projection(entry.projections()));
  }

  @Property(tries = 600)
  void aBlockedFieldNeverReachesTheKit(@ForAll("worlds") World w) throws Exception {
    KitEntry entry =
        KitConfiguration.parse(JsonTree.write(Map.of("eks", List.of(w.entry)))).kits().get(0);
    KitFilters filters = new KitFilters(entry, DataPlan.none());
    Oracle oracle = new Oracle(w);

    KitUser view = filters.userView(w.user);
    assertThat(blockedIn(ConformanceKit.user(view), oracle.blocked)).as("user view").isEmpty();
    assertThat(filters.userRuleBlocking(w.user, false)).as("no user rule in play").isNull();

    KitFilters.Verdict<Event> v = filters.filterEvent(w.event);
    assertThat(v.passed())
        .as("event passes, per the oracle (%s)", oracle.whyBlocked)
        .isEqualTo(oracle.whyBlocked == null);
    if (!v.passed()) {
      return;
    }
    for (boolean commerceListener : new boolean[] {true, false}) {
      List<Object> received = new ArrayList<>();
      for (Event e : pipeline(entry).deliverables(v.value(), commerceListener)) {
        received.add(render(e));
      }
      assertThat(blockedIn(received, oracle.blocked))
          .as(
              "blocked tokens reaching a %s kit: %s",
              commerceListener ? "commerce" : "plain", received)
          .isEmpty();
      // A projection may leave attributes out by design: the "nothing lost" half holds without one.
      if (commerceListener && !w.projected) {
        Set<String> seen = new HashSet<>();
        collect(received, seen);
        Set<String> lost = new HashSet<>(oracle.all);
        lost.removeAll(oracle.blocked);
        lost.removeAll(seen);
        assertThat(lost).as("allowed tokens lost on the way: %s", received).isEmpty();
      }
    }
  }

  static Object render(Event e) {
    if (e instanceof CommerceEvent) {
      return ConformanceKit.commerce((CommerceEvent) e);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "name",
        e instanceof CustomEvent ? ((CustomEvent) e).name() : ((ScreenView) e).screenName());
    m.put("attributes", new LinkedHashMap<>(e.customAttributes()));
    return m;
  }

  static Set<String> blockedIn(Object received, Set<String> blocked) {
    Set<String> seen = new HashSet<>();
    collect(received, seen);
    seen.retainAll(blocked);
    return seen;
  }

  @SuppressWarnings("unchecked")
  static void collect(Object v, Set<String> out) {
    Object c = KitConformanceTest.canonical(v);
    if (c instanceof Map) {
      ((Map<String, Object>) c).values().forEach(x -> collect(x, out));
    } else if (c instanceof List) {
      ((List<Object>) c).forEach(x -> collect(x, out));
    } else if (c != null) {
      out.add((String) c);
    }
  }

  // ---- generation
  // -------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<World> worlds() {
    return Arbitraries.randomValue(World::new);
  }

  /** One configuration entry, one user and one event whose values are all distinct tokens. */
  static final class World {
    final Random r;
    int next;
    final Map<String, Object> entry = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> hs = new LinkedHashMap<>();
    final Set<String> tokens = new HashSet<>();
    KitUser user;
    Event event;

    /**
     * What was generated, for the oracle: name/type, attributes, and each product / promotion's
     * tokens.
     */
    String kind;

    int type;
    String name;
    Map<String, Object> attributes = new LinkedHashMap<>();
    ProductAction action;
    List<Promotion> promotions = new ArrayList<>();
    List<Impression> impressions = new ArrayList<>();
    Map<String, Object> avf;

    /** Whether the entry carries projections. */
    boolean projected;

    World(Random r) {
      this.r = r;
      entry.put("id", 1);
      entry.put("hs", hs);
      Map<String, Object> userAttrs = new LinkedHashMap<>();
      for (String k : USER_KEYS) {
        if (r.nextBoolean()) {
          userAttrs.put(k, token());
        }
        maybeBlock("ua", k);
      }
      UserIdentities.Builder ids = UserIdentities.builder();
      for (IdentityType t : IDENTITIES) {
        if (r.nextBoolean()) {
          ids.put(t, token() + "@x");
        }
        if (r.nextInt(3) == 0) {
          hs.computeIfAbsent("uid", x -> new LinkedHashMap<>())
              .put(String.valueOf(t.filterNumber()), 0);
        }
      }
      user = new KitUser(256L * r.nextInt(100), ids.build(), userAttrs, ConsentState.empty(), true);
      for (String k : ATTR_KEYS) {
        if (r.nextInt(3) > 0) {
          attributes.put(k, k.equals("tier") ? (r.nextBoolean() ? "gold" : "silver") : token());
        }
      }
      if (r.nextInt(4) == 0) {
        avf = new LinkedHashMap<>();
        avf.put("i", r.nextBoolean());
        avf.put("a", mpHash(r.nextBoolean() ? "tier" : "color"));
        avf.put("v", mpHash(r.nextBoolean() ? "gold" : "silver"));
        entry.put("avf", avf);
      }
      switch (r.nextInt(3)) {
        case 0:
          kind = "custom";
          CustomEventType t = CustomEventType.values()[r.nextInt(CustomEventType.values().length)];
          type = t.filterNumber();
          name = NAMES[r.nextInt(NAMES.length)];
          maybeBlock("et", String.valueOf(type));
          maybeBlock("ec", type + name);
          for (String k : ATTR_KEYS) {
            maybeBlock("ea", type + name + k);
          }
          event = CustomEvent.builder(name).customEventType(t).attributes(attributes).build();
          break;
        case 1:
          kind = "screen";
          name = NAMES[r.nextInt(NAMES.length)];
          maybeBlock("svec", "0" + name);
          for (String k : ATTR_KEYS) {
            maybeBlock("svea", "0" + name + k);
          }
          event = ScreenView.builder(name).attributes(attributes).build();
          break;
        default:
          kind = "commerce";
          event = commerce();
      }
      if (r.nextInt(3) == 0) {
        projections();
      }
      if (hs.isEmpty()) {
        entry.remove("hs");
      }
    }

    /**
     * Projections over what this event may carry: matched by hash (or a default), mapping every
     * attribute key, product and promotion field by name and by hash, the event name, and a static
     * value; some required, some appending the rest. None can bring back what the filters removed.
     */
    private void projections() {
      projected = true;
      int messageType = kind.equals("custom") ? 4 : kind.equals("screen") ? 3 : 16;
      String prefix =
          kind.equals("custom")
              ? type + name
              : kind.equals("screen") ? "0" + name : String.valueOf(type);
      List<Object> pr = new ArrayList<>();
      for (int p = 1 + r.nextInt(2); p > 0; p--) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("message_type", messageType);
        boolean isDefault = r.nextInt(3) == 0;
        if (!isDefault) {
          match.put("event_match_type", "Hash");
          match.put("event", String.valueOf(mpHash(prefix)));
        }
        List<Object> maps = new ArrayList<>();
        for (String k : ATTR_KEYS) {
          boolean byHash = r.nextBoolean();
          maps.add(
              map(
                  "m-" + k,
                  byHash ? "Hash" : "String",
                  byHash
                      ? String.valueOf(
                          mpHash((messageType == 16 ? String.valueOf(type) : prefix) + k))
                      : k,
                  "EventAttribute"));
        }
        for (String f : PRODUCT_FIELDS) {
          maps.add(map("pf-" + f, "String", f, "ProductField"));
        }
        for (String f : TRANSACTION_FIELDS) {
          maps.add(map("ef-" + f, "String", f, "EventField"));
        }
        for (String k : PRODUCT_KEYS) {
          maps.add(map("pa-" + k, "Hash", String.valueOf(mpHash(type + k)), "ProductAttribute"));
        }
        for (String f : PROMOTION_FIELDS) {
          maps.add(map("pr-" + f, "String", f, "PromotionField"));
        }
        maps.add(map("n", "Field", "n", "EventAttribute"));
        maps.add(map("s", "Static", "static", "EventAttribute"));
        Map<String, Object> behavior = new LinkedHashMap<>();
        behavior.put("append_unmapped_as_is", r.nextBoolean());
        behavior.put("is_default", isDefault);
        behavior.put("selector", r.nextBoolean() ? "foreach" : "last");
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("projected_event_name", "projected" + p);
        action.put("outbound_message_type", r.nextBoolean() ? 4 : 16);
        action.put("attribute_maps", maps);
        Map<String, Object> projection = new LinkedHashMap<>();
        projection.put("id", p);
        projection.put("matches", List.of(match));
        projection.put("behavior", behavior);
        projection.put("action", action);
        pr.add(projection);
      }
      entry.put("pr", pr);
    }

    private Map<String, Object> map(
        String projected, String matchType, String value, String property) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("projected_attribute_name", projected);
      m.put("match_type", matchType);
      m.put("value", value);
      // Rarely required: one required map that finds nothing drops the whole projection's result.
      m.put("is_required", r.nextInt(40) == 0);
      m.put("property", property);
      return m;
    }

    private CommerceEvent commerce() {
      CommerceEvent.Builder b;
      int shape = r.nextInt(3);
      if (shape == 0) {
        ProductActionType t =
            ProductActionType.values()[r.nextInt(ProductActionType.values().length)];
        type = t.filterNumber();
        ProductAction.Builder pa = ProductAction.builder(t);
        if (r.nextBoolean()) {
          pa.checkoutStep(6000 + next++);
        }
        pa.checkoutOptions(opt())
            .couponCode(opt())
            .transactionId(opt())
            .affiliation(opt())
            .productActionList(opt())
            .productListSource(opt());
        if (r.nextBoolean()) {
          pa.totalAmount(7000.0 + next++);
        }
        if (r.nextBoolean()) {
          pa.taxAmount(7000.0 + next++);
        }
        if (r.nextBoolean()) {
          pa.shippingAmount(7000.0 + next++);
        }
        pa.products(products());
        action = pa.build();
        b = CommerceEvent.productAction(action);
      } else if (shape == 1) {
        PromotionActionType t =
            r.nextBoolean() ? PromotionActionType.VIEW : PromotionActionType.CLICK;
        type = t.filterNumber();
        for (int i = r.nextInt(3); i > 0; i--) {
          promotions.add(
              Promotion.builder(token()).name(opt()).creative(opt()).position(opt()).build());
        }
        b =
            CommerceEvent.promotionAction(
                PromotionAction.builder(t).promotions(promotions).build());
      } else {
        type = CommerceEvent.IMPRESSION_FILTER_NUMBER;
        for (int i = r.nextInt(3); i > 0; i--) {
          impressions.add(Impression.builder(token()).products(products()).build());
        }
        b = CommerceEvent.impressions(impressions);
      }
      maybeBlock("et", String.valueOf(type));
      for (String k : ATTR_KEYS) {
        maybeBlock("cea", type + k);
      }
      for (String f : TRANSACTION_FIELDS) {
        maybeBlock("cea", type + f);
      }
      for (int entity = 1; entity <= 3; entity++) {
        if (r.nextInt(6) == 0) {
          hs.computeIfAbsent("ent", x -> new LinkedHashMap<>()).put(String.valueOf(entity), 0);
        }
      }
      Map<String, Object> afa = new LinkedHashMap<>();
      afa.put("1", blockSome(PRODUCT_FIELDS, PRODUCT_KEYS));
      afa.put("2", blockSome(PROMOTION_FIELDS, new String[0]));
      afa.put("3", blockSome(PRODUCT_FIELDS, PRODUCT_KEYS));
      hs.put("afa", afa);
      return b.currencyCode(opt()).attributes(attributes).build();
    }

    private Map<String, Object> blockSome(String[] fields, String[] keys) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String f : fields) {
        if (r.nextInt(4) == 0) {
          m.put(String.valueOf(mpHash(f)), 0);
        }
      }
      for (String k : keys) {
        if (r.nextInt(4) == 0) {
          m.put(String.valueOf(mpHash(k)), 0);
        }
      }
      return m;
    }

    private List<Product> products() {
      List<Product> out = new ArrayList<>();
      for (int i = r.nextInt(3); i > 0; i--) {
        Product.Builder p =
            Product.builder(token(), token())
                .brand(opt())
                .category(opt())
                .variant(opt())
                .couponCode(opt())
                .price(1000.0 + next++);
        if (r.nextBoolean()) {
          p.position(5000 + next++);
        }
        for (String k : PRODUCT_KEYS) {
          if (r.nextBoolean()) {
            p.attribute(k, token());
          }
        }
        out.add(p.build());
      }
      return out;
    }

    private void maybeBlock(String filter, String text) {
      if (r.nextInt(4) == 0) {
        hs.computeIfAbsent(filter, x -> new LinkedHashMap<>())
            .put(String.valueOf(mpHash(text)), r.nextInt(5) == 0 ? 1 : 0);
      }
    }

    private String opt() {
      return r.nextBoolean() ? token() : null;
    }

    private String token() {
      return "tok" + (next++) + "x";
    }

    @Override
    public String toString() {
      return "World{entry=" + JsonTree.write(entry) + ", event=" + event + ", user=" + user + '}';
    }
  }

  // ---- the oracle
  // -------------------------------------------------------------------------------------------

  /**
   * The platform SDKs' rules, restated for generated data (Android's KitConfiguration and
   * KitManagerImpl).
   */
  static final class Oracle {
    final Set<String> blocked = new HashSet<>();
    final Set<String> all = new HashSet<>();
    String whyBlocked;
    private final World w;

    Oracle(World w) {
      this.w = w;
      user();
      event();
    }

    private boolean blocks(String filter, String text) {
      Map<String, Object> f = w.hs.get(filter);
      return f != null && Integer.valueOf(0).equals(f.get(String.valueOf(mpHash(text))));
    }

    @SuppressWarnings("unchecked")
    private boolean entityBlocks(String entity, String text) {
      Map<String, Object> afa = (Map<String, Object>) w.hs.get("afa");
      if (afa == null || afa.get(entity) == null) {
        return false;
      }
      return Integer.valueOf(0)
          .equals(((Map<String, Object>) afa.get(entity)).get(String.valueOf(mpHash(text))));
    }

    private boolean entityRemoved(int entity) {
      Map<String, Object> ent = w.hs.get("ent");
      return ent != null && Integer.valueOf(0).equals(ent.get(String.valueOf(entity)));
    }

    private void user() {
      for (Map.Entry<String, Object> a : w.user.attributes().entrySet()) {
        if (blocks("ua", a.getKey())) {
          blocked.add((String) a.getValue());
        }
      }
      Map<String, Object> uid = w.hs.get("uid");
      for (Map.Entry<IdentityType, String> e : w.user.identities().asMap().entrySet()) {
        if (uid != null
            && Integer.valueOf(0).equals(uid.get(String.valueOf(e.getKey().filterNumber())))) {
          blocked.add(e.getValue());
        }
      }
    }

    private void event() {
      if (w.avf != null) {
        boolean matched = false;
        for (Map.Entry<String, Object> a : w.attributes.entrySet()) {
          if (mpHash(a.getKey()) == (int) w.avf.get("a")) {
            matched = mpHash(String.valueOf(a.getValue())) == (int) w.avf.get("v");
            break;
          }
        }
        if ((Boolean) w.avf.get("i") != matched) {
          whyBlocked = "avf";
        }
      }
      String prefix;
      switch (w.kind) {
        case "custom":
          if (blocks("et", String.valueOf(w.type)) || blocks("ec", w.type + w.name)) {
            whyBlocked = "et/ec";
          }
          prefix = "ea";
          break;
        case "screen":
          if (blocks("svec", "0" + w.name)) {
            whyBlocked = "svec";
          }
          prefix = "svea";
          break;
        default:
          if (blocks("et", String.valueOf(w.type))) {
            whyBlocked = "et";
          }
          prefix = "cea";
      }
      for (Map.Entry<String, Object> a : w.attributes.entrySet()) {
        all.add((String) a.getValue());
        String text =
            w.kind.equals("custom")
                ? w.type + w.name + a.getKey()
                : w.kind.equals("screen") ? "0" + w.name + a.getKey() : w.type + a.getKey();
        if (blocks(prefix, text)) {
          blocked.add((String) a.getValue());
        }
      }
      if (!w.kind.equals("commerce")) {
        return;
      }
      CommerceEvent c = (CommerceEvent) w.event;
      add(c.currencyCode(), false);
      ProductAction pa = w.action;
      if (pa != null) {
        Object[] values = {
          pa.checkoutStep(),
          pa.checkoutOptions(),
          pa.couponCode(),
          pa.shippingAmount(),
          pa.taxAmount(),
          pa.totalAmount(),
          pa.transactionId(),
          pa.affiliation(),
          pa.productActionList(),
          pa.productListSource()
        };
        for (int i = 0; i < values.length; i++) {
          add(values[i], blocks("cea", w.type + TRANSACTION_FIELDS[i]));
        }
        products(pa.products(), entityRemoved(1), false);
      }
      for (Promotion p : w.promotions) {
        boolean gone = entityRemoved(2);
        add(p.id(), gone || entityBlocks("2", "Id"));
        add(p.name(), gone || entityBlocks("2", "Name"));
        add(p.creative(), gone || entityBlocks("2", "Creative"));
        add(p.position(), gone || entityBlocks("2", "Position"));
      }
      for (Impression i : w.impressions) {
        add(i.listName(), entityRemoved(3));
        products(i.products(), entityRemoved(3) || entityRemoved(1), true);
      }
    }

    private void products(List<Product> products, boolean gone, boolean impressed) {
      for (Product p : products) {
        add(p.id(), gone);
        add(p.name(), gone);
        add(p.price(), gone);
        add(p.brand(), gone || productField("Brand", impressed));
        add(p.category(), gone || productField("Category", impressed));
        add(p.variant(), gone || productField("Variant", impressed));
        add(p.position(), gone || productField("Position", impressed));
        add(p.couponCode(), gone || productField("Coupon Code", impressed));
        for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
          add(a.getValue(), gone || productField(a.getKey(), impressed));
        }
      }
    }

    private boolean productField(String field, boolean impressed) {
      return entityBlocks("1", field) || (impressed && entityBlocks("3", field));
    }

    private void add(Object value, boolean isBlocked) {
      if (value == null) {
        return;
      }
      String token = (String) KitConformanceTest.canonical(value);
      all.add(token);
      if (isBlocked) {
        blocked.add(token);
      }
    }
  }
}
