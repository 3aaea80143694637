package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.ScreenView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Not API. A kit's projections ({@code pr} of its {@code eks} entry): rules that rename and re-map an event
 * for that kit before the kit sees it. Immutable and pure.
 *
 * <p>Follows the Android SDK (mParticle/mparticle-android-sdk,
 * {@code android-kit-base/src/main/java/com/mparticle/kits/mappings/CustomMapping.java},
 * {@code CustomMappingMatch.java}, {@code EventWrapper.java}; parsed in {@code KitConfiguration.java} under
 * {@code "pr"}; applied in {@code KitManagerImpl.java} after the kit's filters):
 * <ul>
 *   <li>message types: 4 custom event, 3 screen view, 16 commerce event; every {@code matches[]} entry of a
 *       projection must match, a projection without {@code matches} never matches unless it is the default;</li>
 *   <li>{@code event_match_type} "Hash": {@code event} equals hash(typeNumber + name) (screens: hash("0" +
 *       name), commerce: hash(commerceTypeNumber)); "String" (the default): the name equals {@code event}
 *       ignoring case and the attribute {@code attribute_key} has one of {@code attribute_values}, ignoring case;</li>
 *   <li>commerce matches by {@code property} (EventField, EventAttribute, ProductField, ProductAttribute,
 *       PromotionField) with {@code property_name} = hash(commerceType + key) and {@code property_values};
 *       product and promotion matches narrow the event to the matching items;</li>
 *   <li>every matching projection gives its own result; when none does, the default projection of the message
 *       type ({@code behavior.is_default}) applies; without one the kit gets the event unchanged;</li>
 *   <li>{@code attribute_maps}: "String" (by key), "Hash" (by hash(type + name + key); commerce hash(type + key)),
 *       "Field" (the event name, custom events only), "Static" (a fixed value); {@code data_type} 1 string, 2
 *       integer, 3 boolean, 4 float; a required map that does not match drops that projection's result;</li>
 *   <li>{@code behavior.append_unmapped_as_is} appends the other attributes, sorted by key, until
 *       {@code max_custom_params} attributes; {@code selector} "foreach" (default) gives one result per
 *       product/promotion, "last" one for the last; impressions are never projected.</li>
 * </ul>
 */
public final class Projections {
    /** No projections: every event reaches the kit as it is. */
    public static final Projections NONE = new Projections(Collections.emptyList(), null, null, null);

    static final int MESSAGE_SCREEN = 3;
    static final int MESSAGE_EVENT = 4;
    static final int MESSAGE_COMMERCE = 16;

    static final String EVENT_FIELD = "EventField";
    static final String EVENT_ATTRIBUTE = "EventAttribute";
    static final String PRODUCT_FIELD = "ProductField";
    static final String PRODUCT_ATTRIBUTE = "ProductAttribute";
    static final String PROMOTION_FIELD = "PromotionField";

    /** The Android SDK's default currency when a commerce event names none (CommerceEventUtils). */
    static final String DEFAULT_CURRENCY = "USD";

    private final List<Projection> projections;
    private final Projection defaultEvent;
    private final Projection defaultScreen;
    private final Projection defaultCommerce;

    private Projections(List<Projection> projections, Projection defaultEvent, Projection defaultScreen,
            Projection defaultCommerce) {
        this.projections = Collections.unmodifiableList(new ArrayList<>(projections));
        this.defaultEvent = defaultEvent;
        this.defaultScreen = defaultScreen;
        this.defaultCommerce = defaultCommerce;
    }

    /**
     * @param v the {@code pr} array, or null
     * @param path where it is, for messages
     * @return the projections
     * @throws KitConfigurationException if a field that decides the mapping has the wrong type
     */
    static Projections parse(Object v, String path) throws KitConfigurationException {
        if (v == null) {
            return NONE;
        }
        List<Object> items = Fields.array(v, path);
        List<Projection> list = new ArrayList<>();
        Projection defEvent = null;
        Projection defScreen = null;
        Projection defCommerce = null;
        for (int i = 0; i < items.size(); i++) {
            Projection p = Projection.parse(items.get(i), path + "[" + i + "]");
            if (p.isDefault) {
                // As KitConfiguration.java: the last default of a message type wins; non-event/screen types are commerce.
                if (p.messageType() == MESSAGE_EVENT) {
                    defEvent = p;
                } else if (p.messageType() == MESSAGE_SCREEN) {
                    defScreen = p;
                } else {
                    defCommerce = p;
                }
            } else {
                list.add(p);
            }
        }
        if (list.isEmpty() && defEvent == null && defScreen == null && defCommerce == null) {
            return NONE;
        }
        return new Projections(list, defEvent, defScreen, defCommerce);
    }

    /** @return true if there is no projection at all */
    public boolean isEmpty() {
        return projections.isEmpty() && defaultEvent == null && defaultScreen == null && defaultCommerce == null;
    }

    /** One projected event and the id of the projection that made it. */
    public static final class Result {
        private final Event event;
        private final int projectionId;

        Result(Event event, int projectionId) {
            this.event = event;
            this.projectionId = projectionId;
        }

        /** @return the projected event: a {@link CustomEvent} or a {@link CommerceEvent} */
        public Event event() {
            return event;
        }

        /** @return the {@code id} of the projection */
        public int projectionId() {
            return projectionId;
        }

        @Override
        public String toString() {
            return "Result{pr " + projectionId + ": " + event + '}';
        }
    }

    /**
     * @param event a custom event, screen view or commerce event, already filtered for the kit
     * @return the events the kit receives instead, or null when no projection applies (the kit gets the event)
     */
    public List<Result> project(Event event) {
        if (isEmpty() || event == null) {
            return null;
        }
        Subject s;
        Projection fallback;
        if (event instanceof CustomEvent) {
            s = new Subject((CustomEvent) event);
            fallback = defaultEvent;
        } else if (event instanceof ScreenView) {
            s = new Subject((ScreenView) event);
            fallback = defaultScreen;
        } else if (event instanceof CommerceEvent) {
            if (((CommerceEvent) event).kind() == CommerceEvent.Kind.IMPRESSIONS) {
                return null; // CustomMapping.projectEvents: impressions are not projected
            }
            s = new Subject((CommerceEvent) event);
            fallback = defaultCommerce;
        } else {
            return null;
        }
        List<Result> out = new ArrayList<>();
        for (Projection p : projections) {
            Subject matched = p.match(s);
            if (matched != null) {
                out.addAll(p.project(matched));
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.addAll(fallback.project(s));
        }
        return out.isEmpty() ? null : Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Projections && ((Projections) o).projections.equals(projections)
                && Objects.equals(((Projections) o).defaultEvent, defaultEvent)
                && Objects.equals(((Projections) o).defaultScreen, defaultScreen)
                && Objects.equals(((Projections) o).defaultCommerce, defaultCommerce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projections, defaultEvent, defaultScreen, defaultCommerce);
    }

    // ---- the event as projections see it ----------------------------------------------------------------

    /** An event with what matching and mapping read from it (EventWrapper in the Android SDK). */
    static final class Subject {
        final Event event;
        final int messageType;
        /** custom: the type number; screen: 0; commerce: the commerce type number. */
        final int typeNumber;
        final String name;
        final Map<String, String> attributes;

        Subject(CustomEvent e) {
            this(e, MESSAGE_EVENT, e.customEventType() == null ? 0 : e.customEventType().filterNumber(), e.name());
        }

        Subject(ScreenView e) {
            this(e, MESSAGE_SCREEN, 0, e.screenName());
        }

        Subject(CommerceEvent e) {
            this(e, MESSAGE_COMMERCE, e.filterNumber(), null);
        }

        private Subject(Event e, int messageType, int typeNumber, String name) {
            this.event = e;
            this.messageType = messageType;
            this.typeNumber = typeNumber;
            this.name = name == null ? "" : name;
            this.attributes = strings(e.customAttributes());
        }

        Subject with(CommerceEvent narrowed) {
            return new Subject(narrowed);
        }

        /** hash(typeNumber + name) for events and screens, hash(typeNumber) for commerce (EventWrapper.getEventHash). */
        int eventHash() {
            return messageType == MESSAGE_COMMERCE ? KitHash.hash(String.valueOf(typeNumber))
                    : KitHash.hash(typeNumber + name);
        }

        /** The prefix of an attribute hash: type + name for events and screens, type for commerce. */
        String attributePrefix() {
            return messageType == MESSAGE_COMMERCE ? String.valueOf(typeNumber) : typeNumber + name;
        }

        CommerceEvent commerce() {
            return (CommerceEvent) event;
        }

        List<Product> products() {
            ProductAction pa = messageType == MESSAGE_COMMERCE ? commerce().productAction() : null;
            return pa == null ? Collections.emptyList() : pa.products();
        }

        List<Promotion> promotions() {
            PromotionAction pr = messageType == MESSAGE_COMMERCE ? commerce().promotionAction() : null;
            return pr == null ? Collections.emptyList() : pr.promotions();
        }

        /** The commerce event's action and transaction fields (CommerceEventUtils.extractActionAttributes). */
        Map<String, String> eventFields() {
            Map<String, String> m = new LinkedHashMap<>();
            if (messageType != MESSAGE_COMMERCE) {
                return m;
            }
            ProductAction pa = commerce().productAction();
            if (pa != null) {
                put(m, "Affiliation", pa.affiliation());
                put(m, "Coupon Code", pa.couponCode());
                put(m, "Total Amount", pa.totalAmount());
                put(m, "Shipping Amount", pa.shippingAmount());
                put(m, "Tax Amount", pa.taxAmount());
                put(m, "Transaction Id", pa.transactionId());
                put(m, "Checkout Options", pa.checkoutOptions());
                put(m, "Checkout Step", pa.checkoutStep());
                put(m, "Product List Source", pa.productListSource());
                put(m, "Product Action List", pa.productActionList());
            }
            String currency = commerce().currencyCode();
            m.put("Currency Code", currency == null || currency.isEmpty() ? DEFAULT_CURRENCY : currency);
            return m;
        }
    }

    static Map<String, String> productFields(Product p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p == null) {
            return m;
        }
        put(m, "Coupon Code", p.couponCode());
        put(m, "Brand", p.brand());
        put(m, "Category", p.category());
        put(m, "Name", p.name());
        put(m, "Id", p.id());
        put(m, "Variant", p.variant());
        put(m, "Position", p.position());
        put(m, "Item Price", p.price());
        // Android's Product defaults its quantity to 1 (CommerceEventUtils.extractProductFields always puts it).
        put(m, "Quantity", p.quantity() == null ? Double.valueOf(1.0) : p.quantity());
        Double total = p.totalProductAmount();
        if (total == null && p.price() != null) {
            // Android's Product.getTotalAmount(): unit price times quantity (quantity 1 when unset).
            total = p.price() * (p.quantity() == null ? 1.0 : p.quantity());
        }
        put(m, "Total Product Amount", total);
        return m;
    }

    static Map<String, String> promotionFields(Promotion p) {
        Map<String, String> m = new LinkedHashMap<>();
        if (p == null) {
            return m;
        }
        put(m, "Id", p.id());
        put(m, "Position", p.position());
        put(m, "Name", p.name());
        put(m, "Creative", p.creative());
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null && !(value instanceof String && ((String) value).isEmpty())) {
            m.put(key, String.valueOf(value));
        }
    }

    /** Attribute values as the mobile SDKs hold them: strings; lists joined with commas, a tag as "". */
    static Map<String, String> strings(Map<String, Object> attrs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            if (e.getKey() == null) {
                continue;
            }
            Object v = e.getValue();
            out.put(e.getKey(), v == null ? "" : v instanceof List ? String.join(",", strList((List<?>) v)) : v.toString());
        }
        return out;
    }

    private static List<String> strList(List<?> l) {
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    // ---- one projection -------------------------------------------------------------------------------------

    /** One {@code pr[]} entry. */
    static final class Projection {
        final int id;
        final List<Match> matches;
        final int maxCustomParams;
        final boolean appendUnmapped;
        final boolean isDefault;
        final boolean selectorLast;
        final int outboundMessageType;
        final String projectedName;
        /** Non-static maps, required ones first (CustomMapping sorts them so). */
        final List<AttributeMap> maps;
        final List<AttributeMap> statics;

        private Projection(int id, List<Match> matches, int max, boolean append, boolean isDefault, boolean last,
                int outbound, String projectedName, List<AttributeMap> maps, List<AttributeMap> statics) {
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
            List<Match> matches = new ArrayList<>();
            if (o.get("matches") != null) {
                List<Object> ms = Fields.array(o.get("matches"), path + ".matches");
                for (int i = 0; i < ms.size(); i++) {
                    matches.add(Match.parse(ms.get(i), path + ".matches[" + i + "]"));
                }
            }
            if (matches.isEmpty()) {
                matches.add(Match.NEVER); // CustomMappingMatch(null): message type -1 matches nothing
            }
            Map<String, Object> behavior = Fields.optObject(o, "behavior", path + ".behavior");
            String bp = path + ".behavior.";
            Integer max = Fields.optInt(behavior, "max_custom_params", bp + "max_custom_params");
            Boolean append = Fields.optBool(behavior, "append_unmapped_as_is", bp + "append_unmapped_as_is");
            Boolean isDefault = Fields.optBool(behavior, "is_default", bp + "is_default");
            Object selector = behavior.get("selector");
            boolean last = selector != null && "last".equalsIgnoreCase(selector.toString());
            Map<String, Object> action = Fields.optObject(o, "action", path + ".action");
            String ap = path + ".action.";
            Integer outbound = Fields.optInt(action, "outbound_message_type", ap + "outbound_message_type");
            Object name = action.get("projected_event_name");
            List<AttributeMap> maps = new ArrayList<>();
            List<AttributeMap> statics = new ArrayList<>();
            if (action.get("attribute_maps") != null) {
                List<Object> am = Fields.array(action.get("attribute_maps"), ap + "attribute_maps");
                for (int i = 0; i < am.size(); i++) {
                    AttributeMap m = AttributeMap.parse(am.get(i), ap + "attribute_maps[" + i + "]");
                    (m.isStatic() ? statics : maps).add(m);
                }
                // Stable sort, required first, as CustomMapping does.
                maps.sort((a, b) -> Boolean.compare(b.required, a.required));
            }
            return new Projection(id, Collections.unmodifiableList(matches), max == null ? Integer.MAX_VALUE : max,
                    append != null && append, isDefault != null && isDefault, last,
                    outbound == null ? MESSAGE_EVENT : outbound, name == null ? "" : name.toString(),
                    Collections.unmodifiableList(maps), Collections.unmodifiableList(statics));
        }

        int messageType() {
            return matches.get(0).messageType;
        }

        /** @return the subject (commerce: narrowed to the matching items), or null if it does not match */
        Subject match(Subject s) {
            if (isDefault) {
                return s;
            }
            Subject current = s;
            for (Match m : matches) {
                current = m.match(current);
                if (current == null) {
                    return null;
                }
            }
            return current;
        }

        List<Result> project(Subject s) {
            if (s.messageType != MESSAGE_COMMERCE) {
                Result r = projectEvent(s);
                return r == null ? Collections.emptyList() : List.of(r);
            }
            List<Result> out = new ArrayList<>();
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
                    add(out, projectCommerce(s, products.isEmpty() ? null : products.get(products.size() - 1), null,
                            null));
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

        private static void add(List<Result> out, Result r) {
            if (r != null) {
                out.add(r);
            }
        }

        private static CommerceEvent withProduct(CommerceEvent e, Product p) {
            return e.toBuilder().replaceProductAction(e.productAction().toBuilder().products(List.of(p)).build())
                    .build();
        }

        private static CommerceEvent withPromotion(CommerceEvent e, Promotion p) {
            return e.toBuilder()
                    .replacePromotionAction(e.promotionAction().toBuilder().promotions(List.of(p)).build()).build();
        }

        private Result projectEvent(Subject s) {
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
                // A screen view projects onto a custom event of type Other (the Android SDK logs it with logEvent).
                ScreenView sv = (ScreenView) s.event;
                b = CustomEvent.builder(name).customEventType(CustomEventType.OTHER).flags(sv.customFlags())
                        .location(sv.location()).eventStartMillis(sv.eventStartMillis());
                if (sv.timestampMillis() != null) {
                    b.timestamp(sv.timestampMillis());
                }
            }
            return new Result(b.clearAttributes().attributes(mapped).build(), id);
        }

        private Result projectCommerce(Subject s, Product product, Promotion promotion, CommerceEvent narrowed) {
            Map<String, String> mapped = new LinkedHashMap<>();
            Set<String> used = new HashSet<>();
            if (!mapAttributes(s, product, promotion, mapped, used)) {
                return null;
            }
            putStatics(mapped, used);
            appendUnmapped(s.attributes, mapped, used);
            CommerceEvent ce = narrowed != null ? narrowed : s.commerce();
            if (outboundMessageType == MESSAGE_COMMERCE) {
                CommerceEvent.Builder b = ce.toBuilder().clearAttributes().attributes(mapped).sourceMessageId(null);
                b.eventName(projectedName.isEmpty() ? ce.eventName() : projectedName);
                return new Result(b.build(), id);
            }
            CustomEvent.Builder b = CustomEvent.builder(projectedName).customEventType(CustomEventType.TRANSACTION)
                    .attributes(mapped).flags(ce.customFlags()).location(ce.location())
                    .eventStartMillis(ce.eventStartMillis());
            if (ce.timestampMillis() != null) {
                b.timestamp(ce.timestampMillis());
            }
            return new Result(b.build(), id);
        }

        private void putStatics(Map<String, String> mapped, Set<String> used) {
            for (AttributeMap m : statics) {
                mapped.put(m.projectedName, m.value);
                used.add(m.value); // as CustomMapping: the static's value, not a key, is marked used
            }
        }

        private void appendUnmapped(Map<String, String> original, Map<String, String> mapped, Set<String> used) {
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

        /** @return false if a required map found nothing (the projection gives no result) */
        private boolean mapAttributes(Subject s, Product product, Promotion promotion, Map<String, String> mapped,
                Set<String> used) {
            for (AttributeMap m : maps) {
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
            return id == p.id && matches.equals(p.matches) && maxCustomParams == p.maxCustomParams
                    && appendUnmapped == p.appendUnmapped && isDefault == p.isDefault && selectorLast == p.selectorLast
                    && outboundMessageType == p.outboundMessageType && projectedName.equals(p.projectedName)
                    && maps.equals(p.maps) && statics.equals(p.statics);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, matches, projectedName, maps, statics);
        }
    }

    /** One {@code matches[]} entry (CustomMappingMatch). */
    static final class Match {
        static final Match NEVER = new Match(-1, false, 0, "", "", Set.of(), null, null, Set.of());

        final int messageType;
        final boolean hash;
        final int eventHash;
        final String eventName;
        final String attributeKey;
        final Set<String> attributeValues;
        final String property;
        final Integer propertyHash;
        final Set<String> propertyValues;

        private Match(int messageType, boolean hash, int eventHash, String eventName, String attributeKey,
                Set<String> attributeValues, String property, Integer propertyHash, Set<String> propertyValues) {
            this.messageType = messageType;
            this.hash = hash;
            this.eventHash = eventHash;
            this.eventName = eventName;
            this.attributeKey = attributeKey;
            this.attributeValues = attributeValues;
            this.property = property;
            this.propertyHash = propertyHash;
            this.propertyValues = propertyValues;
        }

        static Match parse(Object v, String path) throws KitConfigurationException {
            Map<String, Object> o = Fields.object(v, path);
            Integer type = Fields.optInt(o, "message_type", path + ".message_type");
            Object matchType = o.get("event_match_type");
            boolean hash = matchType != null && matchType.toString().startsWith("H");
            int eventHash = 0;
            String eventName = "";
            if (hash) {
                if (o.get("event") == null) {
                    throw new KitConfigurationException(path + ".event: missing; a Hash match needs the event hash");
                }
                eventHash = Fields.intValue(o.get("event"), path + ".event");
            } else if (o.get("event") != null) {
                eventName = o.get("event").toString();
            }
            Object key = o.get("attribute_key");
            Set<String> values = new HashSet<>();
            Object av = o.get("attribute_values");
            if (av instanceof List) {
                for (Object x : (List<?>) av) {
                    values.add(String.valueOf(x).toLowerCase(Locale.US));
                }
            } else if (av != null) {
                values.add(av.toString().toLowerCase(Locale.US));
            } else {
                Object one = o.get("attribute_value");
                values.add(one == null ? "" : one.toString().toLowerCase(Locale.US));
            }
            Object property = o.get("property");
            Integer propertyHash = o.get("property_name") == null ? null
                    : Fields.intValue(o.get("property_name"), path + ".property_name");
            Set<String> propertyValues = new HashSet<>();
            if (o.get("property_values") != null) {
                for (Object x : Fields.array(o.get("property_values"), path + ".property_values")) {
                    propertyValues.add(String.valueOf(x).toLowerCase(Locale.US));
                }
            }
            return new Match(type == null ? 0 : type, hash, eventHash, eventName, key == null ? "" : key.toString(),
                    Collections.unmodifiableSet(values), property == null ? EVENT_ATTRIBUTE : property.toString(),
                    propertyHash, Collections.unmodifiableSet(propertyValues));
        }

        Subject match(Subject s) {
            if (s.messageType != messageType) {
                return null;
            }
            if (s.messageType != MESSAGE_COMMERCE) {
                if (hash) {
                    return s.eventHash() == eventHash ? s : null;
                }
                String value = s.attributes.get(attributeKey);
                return s.name.equalsIgnoreCase(eventName) && value != null
                        && attributeValues.contains(value.toLowerCase(Locale.US)) ? s : null;
            }
            if (propertyHash != null) {
                return matchCommerceProperty(s);
            }
            return hash && s.eventHash() == eventHash ? s : null;
        }

        private Subject matchCommerceProperty(Subject s) {
            String prefix = String.valueOf(s.typeNumber);
            if (property.equalsIgnoreCase(EVENT_FIELD)) {
                return firstValueMatches(s.eventFields(), prefix) ? s : null;
            }
            if (property.equalsIgnoreCase(EVENT_ATTRIBUTE)) {
                return firstValueMatches(s.attributes, prefix) ? s : null;
            }
            CommerceEvent ce = s.commerce();
            if (property.equalsIgnoreCase(PRODUCT_FIELD) || property.equalsIgnoreCase(PRODUCT_ATTRIBUTE)) {
                boolean fields = property.equalsIgnoreCase(PRODUCT_FIELD);
                List<Product> all = s.products();
                List<Product> kept = new ArrayList<>();
                for (Product p : all) {
                    if (p != null && anyValueMatches(fields ? productFields(p) : strings(p.customAttributes()), prefix)) {
                        kept.add(p);
                    }
                }
                if (kept.isEmpty()) {
                    return null;
                }
                return kept.size() == all.size() ? s : s.with(ce.toBuilder()
                        .replaceProductAction(ce.productAction().toBuilder().products(kept).build()).build());
            }
            if (property.equalsIgnoreCase(PROMOTION_FIELD)) {
                List<Promotion> all = s.promotions();
                List<Promotion> kept = new ArrayList<>();
                for (Promotion p : all) {
                    if (p != null && anyValueMatches(promotionFields(p), prefix)) {
                        kept.add(p);
                    }
                }
                if (kept.isEmpty()) {
                    return null;
                }
                return kept.size() == all.size() ? s : s.with(ce.toBuilder()
                        .replacePromotionAction(ce.promotionAction().toBuilder().promotions(kept).build()).build());
            }
            return null; // an unknown property matches nothing
        }

        /** The first field whose hash matches decides (CustomMappingMatch.matchCommerceAttributes). */
        private boolean firstValueMatches(Map<String, String> fields, String prefix) {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (KitHash.hash(prefix + e.getKey()) == propertyHash) {
                    return propertyValues.contains(e.getValue().toLowerCase(Locale.US));
                }
            }
            return false;
        }

        private boolean anyValueMatches(Map<String, String> fields, String prefix) {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (KitHash.hash(prefix + e.getKey()) == propertyHash
                        && propertyValues.contains(e.getValue().toLowerCase(Locale.US))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Match)) {
                return false;
            }
            Match m = (Match) o;
            return messageType == m.messageType && hash == m.hash && eventHash == m.eventHash
                    && eventName.equals(m.eventName) && attributeKey.equals(m.attributeKey)
                    && attributeValues.equals(m.attributeValues) && Objects.equals(property, m.property)
                    && Objects.equals(propertyHash, m.propertyHash) && propertyValues.equals(m.propertyValues);
        }

        @Override
        public int hashCode() {
            return Objects.hash(messageType, eventHash, eventName, attributeKey, propertyHash);
        }
    }

    /** One {@code attribute_maps[]} entry (CustomMapping.AttributeMap). */
    static final class AttributeMap {
        final String projectedName;
        final String matchType;
        final String value;
        final int dataType;
        final boolean required;
        final String property;

        private AttributeMap(String projectedName, String matchType, String value, int dataType, boolean required,
                String property) {
            this.projectedName = projectedName;
            this.matchType = matchType;
            this.value = value;
            this.dataType = dataType;
            this.required = required;
            this.property = property;
        }

        static AttributeMap parse(Object v, String path) throws KitConfigurationException {
            Map<String, Object> o = Fields.object(v, path);
            Object name = o.get("projected_attribute_name");
            Object type = o.get("match_type");
            Object value = o.get("value");
            // optInt("data_type", 1) in the Android SDK: a name such as "String" (seen in real configurations) is 1.
            Integer dataType;
            try {
                dataType = Fields.optInt(o, "data_type", path + ".data_type");
            } catch (KitConfigurationException notANumber) {
                dataType = 1;
            }
            Boolean required = Fields.optBool(o, "is_required", path + ".is_required");
            Object property = o.get("property");
            String matchType = type == null ? "String" : type.toString();
            String val = value == null ? "" : value.toString();
            if (matchType.startsWith("H")) {
                Fields.intValue(val, path + ".value"); // a Hash map's value is the hash; fail here, not per event
            }
            return new AttributeMap(name == null ? "" : name.toString(), matchType, val,
                    dataType == null ? 1 : dataType, required != null && required,
                    property == null ? EVENT_ATTRIBUTE : property.toString());
        }

        boolean isStatic() {
            return matchType.startsWith("Sta");
        }

        Map.Entry<String, String> find(Subject s, Product product, Promotion promotion) {
            if (matchType.startsWith("S")) {
                return findByKey(s, product, promotion, value);
            }
            if (matchType.startsWith("H")) {
                return findByHash(s, product, promotion, Integer.parseInt(value.trim()));
            }
            if (matchType.startsWith("F") && s.messageType != MESSAGE_COMMERCE && s.event instanceof CustomEvent) {
                // "Field" maps the event name onto an attribute; custom events only (MPEvent in the Android SDK).
                return Map.entry(projectedName, s.name);
            }
            return null;
        }

        private Map<String, String> source(Subject s, Product product, Promotion promotion) {
            if (property.equalsIgnoreCase(EVENT_ATTRIBUTE)) {
                return s.attributes;
            }
            if (s.messageType != MESSAGE_COMMERCE) {
                return null; // custom events and screens have only attributes
            }
            if (property.equalsIgnoreCase(EVENT_FIELD)) {
                return s.eventFields();
            }
            if (property.equalsIgnoreCase(PRODUCT_ATTRIBUTE)) {
                return product == null ? null : strings(product.customAttributes());
            }
            if (property.equalsIgnoreCase(PRODUCT_FIELD)) {
                return product == null ? null : productFields(product);
            }
            if (property.equalsIgnoreCase(PROMOTION_FIELD)) {
                return promotion == null ? null : promotionFields(promotion);
            }
            return null;
        }

        private Map.Entry<String, String> findByKey(Subject s, Product product, Promotion promotion, String key) {
            Map<String, String> m = source(s, product, promotion);
            String v = m == null ? null : m.get(key);
            return v == null ? null : Map.entry(key, v);
        }

        private Map.Entry<String, String> findByHash(Subject s, Product product, Promotion promotion, int hash) {
            Map<String, String> m = source(s, product, promotion);
            if (m == null) {
                return null;
            }
            String prefix = s.attributePrefix();
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (KitHash.hash(prefix + e.getKey()) == hash) {
                    return Map.entry(e.getKey(), e.getValue());
                }
            }
            return null;
        }

        boolean matchesDataType(String v) {
            switch (dataType) {
                case 1:
                    return true;
                case 2:
                    try {
                        Integer.parseInt(v);
                        return true;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                case 3:
                    return "true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v);
                case 4:
                    try {
                        Double.parseDouble(v);
                        return true;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                default:
                    return false;
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof AttributeMap)) {
                return false;
            }
            AttributeMap m = (AttributeMap) o;
            return projectedName.equals(m.projectedName) && matchType.equals(m.matchType) && value.equals(m.value)
                    && dataType == m.dataType && required == m.required && property.equals(m.property);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectedName, matchType, value, dataType, required, property);
        }
    }
}
