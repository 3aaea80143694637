package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
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
 * Not API. One kit's filters and rules (its {@code eks} entry plus the data plan), applied to copies so that
 * each kit sees only what its configuration allows and no kit's view leaks into another's. Pure and
 * thread-safe: it holds no mutable state.
 *
 * <p>Decisions that are ours where WIRE.md is silent: a {@code bk} bracket needs an mpid, so a bracketed kit
 * receives nothing for a user whose mpid is unknown (the bucket cannot be computed; the kit would otherwise
 * get data from users outside its bracket); {@code et} applies to custom events (custom type number) and
 * commerce events (commerce type number), screen views use {@code svec}/{@code svea} only; with no user,
 * {@code avf} counts as not matched and {@code eau} as not logged in.
 */
public final class KitFilters {
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
    /** Attribute value rule. */
    public static final String RULE_ATTRIBUTE_VALUE = "avf";
    /** Anonymous-user rule. */
    public static final String RULE_ANONYMOUS = "eau";
    /** Opt-out rule. */
    public static final String RULE_OPT_OUT = "honorOptOut";
    /** Unplanned event, or unplanned user attribute in an attribute call (data plan). */
    public static final String RULE_DATA_PLAN = "dataPlan";
    /** User attribute key ({@code ua} hash filter). */
    public static final String RULE_USER_ATTRIBUTE = "ua";

    private static final int CCPA_HASH = KitHash.hash("2data_sale_opt_out");

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

    /** @return the entry these filters come from */
    public KitEntry entry() {
        return entry;
    }

    /** The outcome of filtering one item: either the (possibly trimmed) value or the rule that blocked it. */
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
            return new Verdict<>(value, null, planBlocks.isEmpty() ? Collections.emptyList()
                    : Collections.unmodifiableList(planBlocks));
        }

        static <T> Verdict<T> block(String rule) {
            return new Verdict<>(null, rule, Collections.emptyList());
        }

        static <T> Verdict<T> blockedByPlan(String matchKey) {
            return new Verdict<>(null, RULE_DATA_PLAN,
                    List.of(new PlanBlock(PlanBlock.Kind.EVENT, matchKey, matchKey)));
        }

        /** @return what the data plan blocked: the event itself, or the attributes removed from the copy */
        public List<PlanBlock> planBlocks() {
            return planBlocks;
        }

        /** @return true if the item may go to the kit */
        public boolean passed() {
            return blockedBy == null;
        }

        /** @return the value to give the kit (a filtered copy), or null if blocked */
        public T value() {
            return value;
        }

        /** @return the rule that blocked it, or null */
        public String blockedBy() {
            return blockedBy;
        }
    }

    // ---- user-level rules -------------------------------------------------------------------------------

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
        if (bk != null && (user == null || user.mpid() == null || !bk.includes(user.mpid()))) {
            return RULE_BRACKET;
        }
        KitEntry.ConsentFilter crvf = entry.consentFilter();
        if (crvf != null && (user == null || crvf.include() != consentMatches(crvf, user.consent()))) {
            return RULE_CONSENT;
        }
        KitEntry.AttributeValueFilter avf = entry.attributeValueFilter();
        if (avf != null && avf.include() != attributeMatches(avf, user)) {
            return RULE_ATTRIBUTE_VALUE;
        }
        return null;
    }

    static boolean consentMatches(KitEntry.ConsentFilter crvf, ConsentState consent) {
        for (KitEntry.ConsentFilter.Rule rule : crvf.rules()) {
            for (Map.Entry<String, ConsentDecision> p : consent.gdpr().entrySet()) {
                if (p.getValue() != null && rule.hash() == KitHash.hash("1" + p.getKey())
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

    private static boolean attributeMatches(KitEntry.AttributeValueFilter avf, KitUser user) {
        if (user == null) {
            return false;
        }
        for (Map.Entry<String, Object> a : user.attributes().entrySet()) {
            if (KitHash.hash(a.getKey()) != avf.keyHash()) {
                continue;
            }
            Object v = a.getValue();
            if (v instanceof List) {
                for (Object item : (List<?>) v) {
                    if (item != null && KitHash.hash(item.toString()) == avf.valueHash()) {
                        return true;
                    }
                }
            } else if (KitHash.hash(v == null ? null : v.toString()) == avf.valueHash()) {
                return true;
            }
        }
        return false;
    }

    // ---- user view ----------------------------------------------------------------------------------------

    /**
     * @param user the full user, or null
     * @return the user as this kit may see them ({@code uid} identities and {@code ua} attributes removed, and
     *     what the data plan blocks), or null for null
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
     * @return the rule that keeps an attribute call with this key from the kit ({@code ua}, or
     *     {@code dataPlan} when the plan blocks unplanned user attributes), or null if it may pass
     */
    public String userAttributeRuleBlocking(String key) {
        if (!entry.userAttributes().allows(KitHash.hash(key))) {
            return RULE_USER_ATTRIBUTE;
        }
        return plan.allowsUserAttribute(key) ? null : RULE_DATA_PLAN;
    }

    /** @return true if a user attribute with this key may reach the kit ({@code ua} and data plan) */
    public boolean allowsUserAttribute(String key) {
        return userAttributeRuleBlocking(key) == null;
    }

    // ---- events -------------------------------------------------------------------------------------------

    /**
     * @param event a validated event
     * @return a filtered copy for this kit, or the rule that blocks it
     */
    public Verdict<Event> filterEvent(Event event) {
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
        String type = String.valueOf(e.customEventType() == null ? 0 : e.customEventType().filterNumber());
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
        CommerceEvent out = (CommerceEvent) withAttributes(e, entry.commerceAttributes(), type, blocks);
        if (!entry.commerceEntities().allowsAll() || !entry.commerceEntityAttributes().allowsAll()) {
            out = filterEntities(out);
        }
        Set<String> plannedProductAttributes = plan.allowedProductAttributes(e);
        if (plannedProductAttributes != null) {
            out = planProducts(out, plannedProductAttributes, DataPlan.matchKey(e), blocks);
        }
        return Verdict.pass(out, blocks);
    }

    /** Removes attributes the hash filter blocks ({@code prefix + key}) and, per the plan, unplanned ones. */
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

    /** Removes unplanned product attributes from the action's or the impressions' products (not the cart). */
    private static CommerceEvent planProducts(CommerceEvent e, Set<String> planned, String matchKey,
            List<PlanBlock> blocks) {
        CommerceEvent.Builder b = e.toBuilder();
        boolean changed = false;
        switch (e.kind()) {
            case PRODUCT_ACTION: {
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
            default: {
                List<Impression> impressions = new ArrayList<>();
                for (Impression i : e.impressions()) {
                    List<Product> products = i == null ? null : planProducts(i.products(), planned, matchKey, blocks);
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

    private static List<Product> planProducts(List<Product> products, Set<String> planned, String matchKey,
            List<PlanBlock> blocks) {
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

    private CommerceEvent filterEntities(CommerceEvent e) {
        HashFilter ent = entry.commerceEntities();
        boolean products = ent.allows(KitEntry.ENTITY_PRODUCT);
        CommerceEvent.Builder b = e.toBuilder();
        b.shoppingCart(products ? filterProducts(e.shoppingCart()) : Collections.emptyList());
        switch (e.kind()) {
            case PRODUCT_ACTION:
                ProductAction pa = e.productAction();
                if (pa != null) {
                    b.replaceProductAction(pa.toBuilder()
                            .products(products ? filterProducts(pa.products()) : Collections.emptyList()).build());
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
                } else {
                    List<Impression> impressions = new ArrayList<>();
                    for (Impression i : e.impressions()) {
                        impressions.add(i == null ? null : i.toBuilder()
                                .products(products ? filterProducts(i.products()) : Collections.emptyList()).build());
                    }
                    b.replaceImpressions(impressions);
                }
        }
        return b.build();
    }

    private List<Product> filterProducts(List<Product> products) {
        HashFilter afa = entry.commerceEntityAttributes();
        if (afa.allowsAll()) {
            return products;
        }
        List<Product> out = new ArrayList<>(products.size());
        for (Product p : products) {
            if (p == null || p.customAttributes().isEmpty()) {
                out.add(p);
                continue;
            }
            Map<String, Object> kept = new LinkedHashMap<>();
            for (Map.Entry<String, Object> a : p.customAttributes().entrySet()) {
                if (afa.allows(KitHash.hash(a.getKey()))) {
                    kept.put(a.getKey(), a.getValue());
                }
            }
            out.add(p.toBuilder().clearAttributes().attributes(kept).build());
        }
        return out;
    }
}
