package dev.spoke.internal.kit;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Not API. A data plan for kits: which events, event attributes and user attributes are planned, and
 * whether unplanned ones are blocked. As on the platform, blocking applies toward kits only; uploads are
 * never changed by it. The document (all fields optional):
 *
 * <pre>{@code
 * {"blockUnplannedEvents": true, "blockUnplannedAttributes": true, "blockUnplannedUserAttributes": false,
 *  "events": [
 *    {"type": "custom_event", "customType": "navigation", "name": "Home", "attributes": ["section"]},
 *    {"type": "screen_view", "name": "Checkout"},
 *    {"type": "commerce_event", "name": "purchase", "attributes": ["coupon"]}],
 *  "userAttributes": ["tier", "$age"]}
 * }</pre>
 *
 * Names match exactly (case-sensitive). A commerce event's name is its action's wire name
 * ({@code purchase}, {@code click}, … or {@code impression}). {@code customType} absent matches any custom
 * event type; {@code attributes} absent allows any attribute of that event. Only custom events, screen
 * views and commerce events are planned; other types (sessions…) always pass. The attributes of an
 * unplanned event that is let through are left as they are, since there is no plan to hold them to.
 */
public final class DataPlan {
    private static final DataPlan NONE = new DataPlan(false, false, false, Collections.emptyMap(), Collections.emptySet());

    private final boolean blockUnplannedEvents;
    private final boolean blockUnplannedAttributes;
    private final boolean blockUnplannedUserAttributes;
    /** Key → planned attribute keys, or null when any attribute is planned. */
    private final Map<String, Set<String>> events;
    private final Set<String> userAttributes;

    private DataPlan(boolean events, boolean attributes, boolean userAttributes, Map<String, Set<String>> planned,
            Set<String> plannedUserAttributes) {
        this.blockUnplannedEvents = events;
        this.blockUnplannedAttributes = attributes;
        this.blockUnplannedUserAttributes = userAttributes;
        this.events = planned;
        this.userAttributes = plannedUserAttributes;
    }

    /** @return a plan that blocks nothing */
    public static DataPlan none() {
        return NONE;
    }

    /**
     * @param json the plan document described in the class comment
     * @return the plan
     * @throws KitConfigurationException naming the field that is wrong
     */
    public static DataPlan parse(String json) throws KitConfigurationException {
        Object tree;
        try {
            tree = JsonTree.parse(json);
        } catch (IOException e) {
            throw new KitConfigurationException("data plan is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Object> root = Fields.object(tree, "dataPlan");
        Map<String, Set<String>> planned = new HashMap<>();
        Object list = root.get("events");
        if (list != null) {
            List<Object> items = Fields.array(list, "dataPlan.events");
            for (int i = 0; i < items.size(); i++) {
                String path = "dataPlan.events[" + i + "]";
                Map<String, Object> e = Fields.object(items.get(i), path);
                String type = requiredString(e, "type", path);
                if (!type.equals("custom_event") && !type.equals("screen_view") && !type.equals("commerce_event")) {
                    throw new KitConfigurationException(path + ".type: \"" + type
                            + "\" cannot be planned; use custom_event, screen_view or commerce_event");
                }
                String name = requiredString(e, "name", path);
                String customType = null;
                if (e.get("customType") != null) {
                    customType = e.get("customType").toString().toLowerCase(Locale.ROOT);
                    if (!type.equals("custom_event")) {
                        throw new KitConfigurationException(path + ".customType: only custom_event entries have one");
                    }
                    if (!isCustomType(customType)) {
                        throw new KitConfigurationException(path + ".customType: unknown custom event type \""
                                + customType + "\"; use one of navigation, location, search, transaction, "
                                + "user_content, user_preference, social, other, media");
                    }
                }
                Set<String> attributes = null;
                if (e.get("attributes") != null) {
                    attributes = new HashSet<>();
                    for (Object a : Fields.array(e.get("attributes"), path + ".attributes")) {
                        attributes.add(String.valueOf(a));
                    }
                }
                planned.put(key(type, customType, name), attributes);
            }
        }
        Set<String> users = new HashSet<>();
        if (root.get("userAttributes") != null) {
            for (Object a : Fields.array(root.get("userAttributes"), "dataPlan.userAttributes")) {
                users.add(String.valueOf(a));
            }
        }
        return new DataPlan(bool(root, "blockUnplannedEvents"), bool(root, "blockUnplannedAttributes"),
                bool(root, "blockUnplannedUserAttributes"), planned, users);
    }

    private static boolean bool(Map<String, Object> root, String key) throws KitConfigurationException {
        Boolean b = Fields.optBool(root, key, "dataPlan." + key);
        return b != null && b;
    }

    private static String requiredString(Map<String, Object> o, String key, String path) throws KitConfigurationException {
        Object v = o.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw new KitConfigurationException(path + "." + key + ": expected a non-empty string, got " + Fields.describe(v));
        }
        return (String) v;
    }

    private static boolean isCustomType(String wire) {
        for (CustomEventType t : CustomEventType.values()) {
            if (t.wireName().equals(wire)) {
                return true;
            }
        }
        return false;
    }

    private static String key(String type, String customType, String name) {
        return type + '\u0000' + (customType == null ? "" : customType) + '\u0000' + name;
    }

    /** @return true when this plan can change nothing */
    public boolean blocksNothing() {
        return !blockUnplannedEvents && !blockUnplannedAttributes && !blockUnplannedUserAttributes;
    }

    /** The plan entry for an event: absent = unplanned; present with a null set = any attribute. */
    private Lookup lookup(Event e) {
        if (e instanceof CustomEvent) {
            CustomEvent c = (CustomEvent) e;
            String name = String.valueOf(c.name());
            String custom = c.customEventType() == null ? null : c.customEventType().wireName();
            if (custom != null && events.containsKey(key("custom_event", custom, name))) {
                return new Lookup(events.get(key("custom_event", custom, name)));
            }
            String any = key("custom_event", null, name);
            return events.containsKey(any) ? new Lookup(events.get(any)) : Lookup.UNPLANNED;
        }
        String k;
        if (e instanceof ScreenView) {
            k = key("screen_view", null, String.valueOf(((ScreenView) e).screenName()));
        } else if (e instanceof CommerceEvent) {
            k = key("commerce_event", null, commerceName((CommerceEvent) e));
        } else {
            return Lookup.NOT_PLANNABLE;
        }
        return events.containsKey(k) ? new Lookup(events.get(k)) : Lookup.UNPLANNED;
    }

    private static String commerceName(CommerceEvent c) {
        switch (c.kind()) {
            case PRODUCT_ACTION:
                return c.productAction() == null || c.productAction().action() == null
                        ? "" : c.productAction().action().wireName();
            case PROMOTION_ACTION:
                return c.promotionAction() == null || c.promotionAction().action() == null
                        ? "" : c.promotionAction().action().wireName();
            default:
                return "impression";
        }
    }

    /** @return true if the event must not reach kits */
    boolean blocksEvent(Event e) {
        return blockUnplannedEvents && lookup(e) == Lookup.UNPLANNED;
    }

    /**
     * @param e an event that passed {@link #blocksEvent}
     * @return the event's planned attribute keys when unplanned ones must be removed, else null
     */
    Set<String> allowedAttributes(Event e) {
        if (!blockUnplannedAttributes) {
            return null;
        }
        Lookup l = lookup(e);
        return l == Lookup.UNPLANNED || l == Lookup.NOT_PLANNABLE ? null : l.attributes;
    }

    /** @return true if the user attribute may reach kits */
    boolean allowsUserAttribute(String key) {
        return !blockUnplannedUserAttributes || userAttributes.contains(key);
    }

    private static final class Lookup {
        static final Lookup UNPLANNED = new Lookup(null);
        static final Lookup NOT_PLANNABLE = new Lookup(null);
        final Set<String> attributes;

        Lookup(Set<String> attributes) {
            this.attributes = attributes;
        }
    }
}
