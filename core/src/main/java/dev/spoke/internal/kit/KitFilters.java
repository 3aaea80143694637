package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
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

  private final KitEntry entry;
  private final DataPlan plan;
  private final UserFilters users;
  private final CommerceFilters commerce;

  /**
   * @param entry the kit's configuration entry
   * @param plan the data plan, {@link DataPlan#none()} for none
   */
  public KitFilters(KitEntry entry, DataPlan plan) {
    this.entry = Objects.requireNonNull(entry, "entry");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.users = new UserFilters(entry, plan);
    this.commerce = new CommerceFilters(entry);
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
    return users.userRuleBlocking(user, optedOut);
  }

  /**
   * {@code avf} on one event: the first attribute whose key hashes to {@code a} decides, matched
   * iff its value hashes to {@code v}; the event passes iff {@code i} equals matched. Decided on
   * the attributes as logged, before {@code ea}/{@code svea}/{@code cea} remove any (Android's
   * shouldLogEvent and filterCommerceEvent check it first).
   */
  private boolean passesAttributeValueFilter(Event e) {
    AttributeValueFilter avf = entry.attributeValueFilter();
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
    return users.userView(user, null);
  }

  /**
   * @param user the full user, or null
   * @param planBlocks receives each identity and user attribute the data plan removed, or null
   * @return the user as this kit may see them, or null for null
   */
  public KitUser userView(KitUser user, List<PlanBlock> planBlocks) {
    return users.userView(user, planBlocks);
  }

  /**
   * @param key a user attribute key
   * @return the rule that keeps an attribute call with this key from the kit ({@code ua}, or {@code
   *     dataPlan} when the plan blocks unplanned user attributes), or null if it may pass
   */
  public String userAttributeRuleBlocking(String key) {
    return users.userAttributeRuleBlocking(key);
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
      out = commerce.filterEntities(out);
    }
    if (entry.hasCommerceEntityAttributeFilters()) {
      out = commerce.filterEntityFields(out);
    }
    out = (CommerceEvent) withAttributes(out, entry.commerceAttributes(), type, blocks);
    if (!entry.commerceAttributes().allowsAll()) {
      out = commerce.filterTransactionFields(out, type);
    }
    Set<String> plannedProductAttributes = plan.allowedProductAttributes(e);
    if (plannedProductAttributes != null) {
      out =
          CommerceFilters.planProducts(out, plannedProductAttributes, DataPlan.matchKey(e), blocks);
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
}
