package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Not API. One kit's filters and rules (its {@code eks} entry plus the data plan), applied to
 * copies so that each kit sees only what its configuration allows and no kit's view leaks into
 * another's. Pure and thread-safe: it holds no mutable state.
 *
 * <p>The rules are the Android SDK's (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java and KitManagerImpl.java),
 * in its order; docs/KITS.md lists each rule with its source and every place Spoke differs. In
 * short: a user without an mpid is in bucket 0 (Android's mpid before identification is 0); {@code
 * avf} is decided per event on the event's own custom attributes, before any of its attributes are
 * filtered; commerce events are filtered by entity ({@code ent}), then entity fields ({@code afa}
 * per entity), then event attributes and transaction fields ({@code cea}). {@code et} applies to
 * custom events (custom type number) and commerce events (commerce type number); screen views use
 * {@code svec}/{@code svea}.
 */
final class KitFilters {
  /** Rule names, as counted in {@code KitStats#filtered()}. */
  public static final String RULE_EVENT_TYPE = "et";

  /** Event name rule. */
  public static final String RULE_EVENT_NAME = "ec";

  /** Screen name rule. */
  public static final String RULE_SCREEN_NAME = "svec";

  /** Bracketing rule. */
  public static final String RULE_BRACKET = "bk";

  /** Consent rule. */
  public static final String RULE_CONSENT = "crvf";

  /** Attribute value rule (on the event's attributes). */
  public static final String RULE_ATTRIBUTE_VALUE = "avf";

  /** The Web SDK's user-attribute value rule ({@code filteringUserAttributeValue}). */
  public static final String RULE_USER_ATTRIBUTE_VALUE = "filteringUserAttributeValue";

  /** Anonymous-user rule. */
  public static final String RULE_ANONYMOUS = "eau";

  /** Opt-out rule. */
  public static final String RULE_OPT_OUT = "honorOptOut";

  /** Unplanned event, or unplanned user attribute in an attribute call (data plan). */
  public static final String RULE_DATA_PLAN = "dataPlan";

  /** User attribute key ({@code ua} hash filter). */
  public static final String RULE_USER_ATTRIBUTE = "ua";

  private static final int CCPA_HASH = KitHash.hash("2data_sale_opt_out");

  /**
   * Commerce field names as the filters hash them (the Android SDK's CommerceEventUtils.Constants,
   * which are also the attribute keys of expanded events): {@code cea} hashes commerce type number
   * + name, {@code afa} the name alone.
   */
  static final String CHECKOUT_STEP = "Checkout Step";

  static final String CHECKOUT_OPTIONS = "Checkout Options";
  static final String COUPON_CODE = "Coupon Code";
  static final String SHIPPING = "Shipping Amount";
  static final String TAX = "Tax Amount";
  static final String TOTAL = "Total Amount";
  static final String TRANSACTION_ID = "Transaction Id";
  static final String AFFILIATION = "Affiliation";
  static final String PRODUCT_ACTION_LIST = "Product Action List";
  static final String PRODUCT_LIST_SOURCE = "Product List Source";
  static final String BRAND = "Brand";
  static final String CATEGORY = "Category";
  static final String VARIANT = "Variant";
  static final String POSITION = "Position";
  static final String ID = "Id";
  static final String NAME = "Name";
  static final String CREATIVE = "Creative";

  private final KitEntry entry;
  private final DataPlan plan;

  /**
   * @param entry the kit's configuration entry
   * @param plan the data plan, {@link DataPlan#none()} for none
   */
  public KitFilters(KitEntry entry, DataPlan plan) {
    this.entry = Objects.requireNonNull(entry, "entry");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  /**
   * @return the entry these filters come from
   */
  public KitEntry entry() {
    return entry;
  }

  /**
   * The outcome of filtering one item: either the (possibly trimmed) value or the rule that blocked
   * it.
   */
  public static final class Verdict<T> {
    private final T value;
    private final String blockedBy;
    private final List<PlanBlock> planBlocks;

    private Verdict(T value, String blockedBy, List<PlanBlock> planBlocks) {
      this.value = value;
      this.blockedBy = blockedBy;
      this.planBlocks = planBlocks;
    }

    static <T> Verdict<T> pass(T value) {
      return new Verdict<>(value, null, Collections.emptyList());
    }

    static <T> Verdict<T> pass(T value, List<PlanBlock> planBlocks) {
      return new Verdict<>(
          value,
          null,
          planBlocks.isEmpty()
              ? Collections.emptyList()
              : Collections.unmodifiableList(planBlocks));
    }

    static <T> Verdict<T> block(String rule) {
      return new Verdict<>(null, rule, Collections.emptyList());
    }

    static <T> Verdict<T> blockedByPlan(String matchKey) {
      return new Verdict<>(
          null, RULE_DATA_PLAN, List.of(new PlanBlock(PlanBlock.Kind.EVENT, matchKey, matchKey)));
    }

    /**
     * @return what the data plan blocked: the event itself, or the attributes removed from the copy
     */
    public List<PlanBlock> planBlocks() {
      return planBlocks;
    }

    /**
     * @return true if the item may go to the kit
     */
    public boolean passed() {
      return blockedBy == null;
    }

    /**
     * @return the value to give the kit (a filtered copy), or null if blocked
     */
    public T value() {
      return value;
    }

    /**
     * @return the rule that blocked it, or null
     */
    public String blockedBy() {
      return blockedBy;
    }
  }

  // ---- user-level rules
  // -------------------------------------------------------------------------------

  /**
   * @param optedOut whether the user opted out
   * @return the rule that turns the kit off for this user right now, or null if it is on
   */
  public String userRuleBlocking(KitUser user, boolean optedOut) {
    if (optedOut && entry.honorOptOut()) {
      return RULE_OPT_OUT;
    }
    if (entry.excludeAnonymousUsers() && (user == null || !user.loggedIn())) {
      return RULE_ANONYMOUS;
    }
    KitEntry.Bracket bk = entry.bracket();
    // No user or no mpid yet: bucket 0, as Android computes it from its temporary mpid 0.
    if (bk != null && !bk.includes(user == null ? null : user.mpid())) {
      return RULE_BRACKET;
    }
    KitEntry.ConsentFilter crvf = entry.consentFilter();
    if (crvf != null && (user == null || crvf.include() != consentMatches(crvf, user.consent()))) {
      return RULE_CONSENT;
    }
    KitEntry.UserAttributeValueFilter uavf = entry.userAttributeValueFilter();
    if (uavf != null && (user == null || uavf.include() != userAttributeMatches(uavf, user))) {
      return RULE_USER_ATTRIBUTE_VALUE;
    }
    return null;
  }

  static boolean consentMatches(KitEntry.ConsentFilter crvf, ConsentState consent) {
    for (KitEntry.ConsentFilter.Rule rule : crvf.rules()) {
      for (Map.Entry<String, ConsentDecision> p : consent.gdpr().entrySet()) {
        if (p.getValue() != null
            && rule.hash() == KitHash.hash("1" + p.getKey())
            && rule.consented() == p.getValue().consented()) {
          return true;
        }
      }
      ConsentDecision ccpa = consent.ccpa();
      if (ccpa != null && rule.hash() == CCPA_HASH && rule.consented() == ccpa.consented()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Web SDK's rule: some user attribute has the key and value hashes (a list matches on any
   * item).
   */
  private static boolean userAttributeMatches(KitEntry.UserAttributeValueFilter f, KitUser user) {
    for (Map.Entry<String, Object> a : user.attributes().entrySet()) {
      if (KitHash.hash(a.getKey()) != f.keyHash()) {
        continue;
      }
      Object v = a.getValue();
      if (v instanceof List) {
        for (Object item : (List<?>) v) {
          if (item != null && KitHash.hash(item.toString()) == f.valueHash()) {
            return true;
          }
        }
      } else if (KitHash.hash(v == null ? null : v.toString()) == f.valueHash()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code avf} on one event: the first attribute whose key hashes to {@code a} decides, matched
   * iff its value hashes to {@code v}; the event passes iff {@code i} equals matched. Decided on
   * the attributes as logged, before {@code ea}/{@code svea}/{@code cea} remove any (Android's
   * shouldLogEvent and filterCommerceEvent check it first).
   */
  private boolean passesAttributeValueFilter(Event e) {
    KitEntry.AttributeValueFilter avf = entry.attributeValueFilter();
    if (avf == null) {
      return true;
    }
    boolean matched = false;
    for (Map.Entry<String, Object> a : e.customAttributes().entrySet()) {
      if (KitHash.hash(a.getKey()) == avf.keyHash()) {
        Object v = a.getValue();
        matched = KitHash.hash(v == null ? null : v.toString()) == avf.valueHash();
        break;
      }
    }
    return avf.include() == matched;
  }

  // ---- user view
  // ----------------------------------------------------------------------------------------

  /**
   * @param user the full user, or null
   * @return the user as this kit may see them ({@code uid} identities and {@code ua} attributes
   *     removed, and what the data plan blocks), or null for null
   */
  public KitUser userView(KitUser user) {
    return userView(user, null);
  }

  /**
   * @param user the full user, or null
   * @param planBlocks receives each identity and user attribute the data plan removed, or null
   * @return the user as this kit may see them, or null for null
   */
  public KitUser userView(KitUser user, List<PlanBlock> planBlocks) {
    if (user == null) {
      return null;
    }
    UserIdentities ids = user.identities();
    if (!entry.identityTypes().allowsAll() || plan.filtersUsers()) {
      UserIdentities.Builder b = UserIdentities.builder();
      boolean changed = false;
      for (Map.Entry<IdentityType, String> e : ids.asMap().entrySet()) {
        if (!entry.identityTypes().allows(e.getKey().filterNumber())) {
          changed = true;
        } else if (!plan.allowsIdentity(e.getKey())) {
          changed = true;
          if (planBlocks != null) {
            planBlocks.add(new PlanBlock(PlanBlock.Kind.IDENTITY, e.getKey().idsyncKey(), null));
          }
        } else {
          b.put(e.getKey(), e.getValue());
        }
      }
      if (changed) {
        ids = b.build();
      }
    }
    Map<String, Object> attrs = user.attributes();
    if (!entry.userAttributes().allowsAll() || plan.filtersUsers()) {
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : attrs.entrySet()) {
        if (!entry.userAttributes().allows(KitHash.hash(e.getKey()))) {
          continue;
        }
        if (!plan.allowsUserAttribute(e.getKey())) {
          if (planBlocks != null) {
            planBlocks.add(new PlanBlock(PlanBlock.Kind.USER_ATTRIBUTE, e.getKey(), null));
          }
          continue;
        }
        kept.put(e.getKey(), e.getValue());
      }
      if (kept.size() != attrs.size()) {
        attrs = kept;
      }
    }
    if (ids == user.identities() && attrs == user.attributes()) {
      return user;
    }
    return new KitUser(user.mpid(), ids, attrs, user.consent(), user.loggedIn());
  }

  /**
   * @param key a user attribute key
   * @return the rule that keeps an attribute call with this key from the kit ({@code ua}, or {@code
   *     dataPlan} when the plan blocks unplanned user attributes), or null if it may pass
   */
  public String userAttributeRuleBlocking(String key) {
    if (!entry.userAttributes().allows(KitHash.hash(key))) {
      return RULE_USER_ATTRIBUTE;
    }
    return plan.allowsUserAttribute(key) ? null : RULE_DATA_PLAN;
  }

  /**
   * @return true if a user attribute with this key may reach the kit ({@code ua} and data plan)
   */
  public boolean allowsUserAttribute(String key) {
    return userAttributeRuleBlocking(key) == null;
  }

  // ---- events
  // -------------------------------------------------------------------------------------------

  /**
   * @param event a validated event
   * @return a filtered copy for this kit, or the rule that blocks it
   */
  public Verdict<Event> filterEvent(Event event) {
    if ((event instanceof CustomEvent
            || event instanceof ScreenView
            || event instanceof CommerceEvent)
        && !passesAttributeValueFilter(event)) {
      return Verdict.block(RULE_ATTRIBUTE_VALUE);
    }
    if (event instanceof CustomEvent) {
      return filterCustom((CustomEvent) event);
    }
    if (event instanceof ScreenView) {
      return filterScreen((ScreenView) event);
    }
    if (event instanceof CommerceEvent) {
      return filterCommerce((CommerceEvent) event);
    }
    return Verdict.pass(event);
  }

  private Verdict<Event> filterCustom(CustomEvent e) {
    String type =
        String.valueOf(e.customEventType() == null ? 0 : e.customEventType().filterNumber());
    String name = e.name() == null ? "" : e.name();
    if (!entry.eventTypes().allows(KitHash.hash(type))) {
      return Verdict.block(RULE_EVENT_TYPE);
    }
    if (!entry.eventNames().allows(KitHash.hash(type + name))) {
      return Verdict.block(RULE_EVENT_NAME);
    }
    if (plan.blocksEvent(e)) {
      return Verdict.blockedByPlan(DataPlan.matchKey(e));
    }
    List<PlanBlock> blocks = new ArrayList<>(0);
    Event out = withAttributes(e, entry.eventAttributes(), type + name, blocks);
    return Verdict.pass(out, blocks);
  }

  private Verdict<Event> filterScreen(ScreenView e) {
    String prefix = "0" + (e.screenName() == null ? "" : e.screenName());
    if (!entry.screenNames().allows(KitHash.hash(prefix))) {
      return Verdict.block(RULE_SCREEN_NAME);
    }
    if (plan.blocksEvent(e)) {
      return Verdict.blockedByPlan(DataPlan.matchKey(e));
    }
    List<PlanBlock> blocks = new ArrayList<>(0);
    Event out = withAttributes(e, entry.screenAttributes(), prefix, blocks);
    return Verdict.pass(out, blocks);
  }

  private Verdict<Event> filterCommerce(CommerceEvent e) {
    String type = String.valueOf(e.filterNumber());
    if (!entry.eventTypes().allows(KitHash.hash(type))) {
      return Verdict.block(RULE_EVENT_TYPE);
    }
    if (plan.blocksEvent(e)) {
      return Verdict.blockedByPlan(DataPlan.matchKey(e));
    }
    List<PlanBlock> blocks = new ArrayList<>(0);
    CommerceEvent out = e;
    // Android's order (KitConfiguration.filterCommerceEvent): entities, entity fields, then event
    // fields.
    if (!entry.commerceEntities().allowsAll()) {
      out = filterEntities(out);
    }
    if (entry.hasCommerceEntityAttributeFilters()) {
      out = filterEntityFields(out);
    }
    out = (CommerceEvent) withAttributes(out, entry.commerceAttributes(), type, blocks);
    if (!entry.commerceAttributes().allowsAll()) {
      out = filterTransactionFields(out, type);
    }
    Set<String> plannedProductAttributes = plan.allowedProductAttributes(e);
    if (plannedProductAttributes != null) {
      out = planProducts(out, plannedProductAttributes, DataPlan.matchKey(e), blocks);
    }
    return Verdict.pass(out, blocks);
  }

  /**
   * Removes attributes the hash filter blocks ({@code prefix + key}) and, per the plan, unplanned
   * ones.
   */
  private Event withAttributes(Event e, HashFilter filter, String prefix, List<PlanBlock> blocks) {
    Map<String, Object> attrs = e.customAttributes();
    if (attrs.isEmpty()) {
      return e;
    }
    Set<String> planned = plan.allowedEventAttributes(e);
    if (filter.allowsAll() && planned == null) {
      return e;
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      String key = a.getKey() == null ? "" : a.getKey();
      if (!filter.allows(KitHash.hash(prefix + key))) {
        continue;
      }
      if (planned != null && !planned.contains(key)) {
        blocks.add(new PlanBlock(PlanBlock.Kind.EVENT_ATTRIBUTE, key, DataPlan.matchKey(e)));
        continue;
      }
      kept.put(a.getKey(), a.getValue());
    }
    return kept.size() == attrs.size() ? e : e.withCustomAttributes(kept);
  }

  /**
   * Removes unplanned product attributes from the action's or the impressions' products (not the
   * cart).
   */
  private static CommerceEvent planProducts(
      CommerceEvent e, Set<String> planned, String matchKey, List<PlanBlock> blocks) {
    CommerceEvent.Builder b = e.toBuilder();
    boolean changed = false;
    switch (e.kind()) {
      case PRODUCT_ACTION:
        {
          ProductAction pa = e.productAction();
          if (pa != null) {
            List<Product> products = planProducts(pa.products(), planned, matchKey, blocks);
            if (products != pa.products()) {
              b.replaceProductAction(pa.toBuilder().products(products).build());
              changed = true;
            }
          }
          break;
        }
      case PROMOTION_ACTION:
        break;
      default:
        {
          List<Impression> impressions = new ArrayList<>();
          for (Impression i : e.impressions()) {
            List<Product> products =
                i == null ? null : planProducts(i.products(), planned, matchKey, blocks);
            if (i != null && products != i.products()) {
              impressions.add(i.toBuilder().products(products).build());
              changed = true;
            } else {
              impressions.add(i);
            }
          }
          if (changed) {
            b.replaceImpressions(impressions);
          }
        }
    }
    return changed ? b.build() : e;
  }

  private static List<Product> planProducts(
      List<Product> products, Set<String> planned, String matchKey, List<PlanBlock> blocks) {
    List<Product> out = new ArrayList<>(products.size());
    boolean changed = false;
    for (Product p : products) {
      if (p == null || p.customAttributes().isEmpty()) {
        out.add(p);
        continue;
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
        if (planned.contains(a.getKey())) {
          kept.put(a.getKey(), a.getValue());
        } else {
          blocks.add(new PlanBlock(PlanBlock.Kind.PRODUCT_ATTRIBUTE, a.getKey(), matchKey));
        }
      }
      if (kept.size() == p.customAttributes().size()) {
        out.add(p);
      } else {
        out.add(p.toBuilder().clearAttributes().attributes(kept).build());
        changed = true;
      }
    }
    return changed ? out : products;
  }

  /**
   * {@code ent}: 1 removes every product (impressions keep their list name, without products), 2
   * removes the promotions (Android's filterCommerceEntities); 3 removes the impressions (a Spoke
   * reading of the third entity number, see docs/KITS.md).
   */
  private CommerceEvent filterEntities(CommerceEvent e) {
    HashFilter ent = entry.commerceEntities();
    boolean products = ent.allows(KitEntry.ENTITY_PRODUCT);
    CommerceEvent.Builder b = e.toBuilder();
    if (!products) {
      b.shoppingCart(Collections.emptyList());
    }
    switch (e.kind()) {
      case PRODUCT_ACTION:
        ProductAction pa = e.productAction();
        if (pa != null && !products) {
          b.replaceProductAction(pa.toBuilder().products(Collections.emptyList()).build());
        }
        break;
      case PROMOTION_ACTION:
        PromotionAction pr = e.promotionAction();
        if (pr != null && !ent.allows(KitEntry.ENTITY_PROMOTION)) {
          b.replacePromotionAction(pr.toBuilder().promotions(Collections.emptyList()).build());
        }
        break;
      default:
        if (!ent.allows(KitEntry.ENTITY_IMPRESSION)) {
          b.replaceImpressions(Collections.emptyList());
        } else if (!products) {
          List<Impression> impressions = new ArrayList<>();
          for (Impression i : e.impressions()) {
            impressions.add(
                i == null ? null : i.toBuilder().products(Collections.emptyList()).build());
          }
          b.replaceImpressions(impressions);
        }
    }
    return b.build();
  }

  /**
   * {@code afa}, keyed by entity: product (1) custom attributes by hash(key) and the fields Brand,
   * Category, Variant, Position, Coupon Code by hash(field name); promotion (2) Id, Name, Creative,
   * Position (Android's filterCommerceEntityAttributes). Android applies the product filter to the
   * product action's products only; Spoke applies it to every product the kit can see (cart and
   * impressions too), and the impression entity's filter (3) to impressed products on top
   * (docs/KITS.md).
   */
  private CommerceEvent filterEntityFields(CommerceEvent e) {
    HashFilter productFields = entry.commerceEntityAttributes(KitEntry.ENTITY_PRODUCT);
    HashFilter impressionFields = entry.commerceEntityAttributes(KitEntry.ENTITY_IMPRESSION);
    CommerceEvent.Builder b = e.toBuilder();
    b.shoppingCart(filterProducts(e.shoppingCart(), productFields, HashFilter.ALLOW_ALL));
    switch (e.kind()) {
      case PRODUCT_ACTION:
        ProductAction pa = e.productAction();
        if (pa != null) {
          b.replaceProductAction(
              pa.toBuilder()
                  .products(filterProducts(pa.products(), productFields, HashFilter.ALLOW_ALL))
                  .build());
        }
        break;
      case PROMOTION_ACTION:
        PromotionAction pr = e.promotionAction();
        HashFilter promotionFields = entry.commerceEntityAttributes(KitEntry.ENTITY_PROMOTION);
        if (pr != null && !promotionFields.allowsAll()) {
          List<Promotion> promotions = new ArrayList<>();
          for (Promotion p : pr.promotions()) {
            promotions.add(
                p == null
                    ? null
                    : p.toBuilder()
                        .id(allowed(promotionFields, ID) ? p.id() : null)
                        .name(allowed(promotionFields, NAME) ? p.name() : null)
                        .creative(allowed(promotionFields, CREATIVE) ? p.creative() : null)
                        .position(allowed(promotionFields, POSITION) ? p.position() : null)
                        .build());
          }
          b.replacePromotionAction(pr.toBuilder().promotions(promotions).build());
        }
        break;
      default:
        List<Impression> impressions = new ArrayList<>();
        for (Impression i : e.impressions()) {
          impressions.add(
              i == null
                  ? null
                  : i.toBuilder()
                      .products(filterProducts(i.products(), productFields, impressionFields))
                      .build());
        }
        b.replaceImpressions(impressions);
    }
    return b.build();
  }

  private static boolean allowed(HashFilter f, String field) {
    return f.allows(KitHash.hash(field));
  }

  private static List<Product> filterProducts(
      List<Product> products, HashFilter first, HashFilter second) {
    if (first.allowsAll() && second.allowsAll()) {
      return products;
    }
    List<Product> out = new ArrayList<>(products.size());
    for (Product p : products) {
      if (p == null) {
        out.add(null);
        continue;
      }
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
        int h = KitHash.hash(a.getKey());
        if (first.allows(h) && second.allows(h)) {
          kept.put(a.getKey(), a.getValue());
        }
      }
      out.add(
          p.toBuilder()
              .clearAttributes()
              .attributes(kept)
              .brand(both(first, second, BRAND) ? p.brand() : null)
              .category(both(first, second, CATEGORY) ? p.category() : null)
              .variant(both(first, second, VARIANT) ? p.variant() : null)
              .position(both(first, second, POSITION) ? p.position() : null)
              .couponCode(both(first, second, COUPON_CODE) ? p.couponCode() : null)
              .build());
    }
    return out;
  }

  private static boolean both(HashFilter first, HashFilter second, String field) {
    return allowed(first, field) && allowed(second, field);
  }

  /**
   * {@code cea} on the product action's own fields, hash(commerce type number + field name):
   * checkout step and options, coupon, shipping, tax, revenue, transaction id, affiliation
   * (Android's filterCommerceEventAttributes), and the product action list and list source (which
   * the iOS SDK filters with the other expanded attributes, MPKitContainer.m). A blocked revenue is
   * removed; Android sets it to 0.
   */
  private CommerceEvent filterTransactionFields(CommerceEvent e, String type) {
    ProductAction pa = e.productAction();
    if (e.kind() != CommerceEvent.Kind.PRODUCT_ACTION || pa == null) {
      return e;
    }
    HashFilter cea = entry.commerceAttributes();
    ProductAction.Builder b = pa.toBuilder();
    if (!cea.allows(KitHash.hash(type + CHECKOUT_STEP))) {
      b.checkoutStep(null);
    }
    if (!cea.allows(KitHash.hash(type + CHECKOUT_OPTIONS))) {
      b.checkoutOptions(null);
    }
    if (!cea.allows(KitHash.hash(type + COUPON_CODE))) {
      b.couponCode(null);
    }
    if (!cea.allows(KitHash.hash(type + SHIPPING))) {
      b.shippingAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TAX))) {
      b.taxAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TOTAL))) {
      b.totalAmount(null);
    }
    if (!cea.allows(KitHash.hash(type + TRANSACTION_ID))) {
      b.transactionId(null);
    }
    if (!cea.allows(KitHash.hash(type + AFFILIATION))) {
      b.affiliation(null);
    }
    if (!cea.allows(KitHash.hash(type + PRODUCT_ACTION_LIST))) {
      b.productActionList(null);
    }
    if (!cea.allows(KitHash.hash(type + PRODUCT_LIST_SOURCE))) {
      b.productListSource(null);
    }
    ProductAction filtered = b.build();
    return filtered.equals(pa) ? e : e.toBuilder().replaceProductAction(filtered).build();
  }
}
