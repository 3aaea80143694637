package dev.spoke.kit.webhook;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;

/**
 * Webhook kit: forwards custom events, screen views, commerce events and session starts/ends as
 * batched JSON to a URL.
 *
 * <p>Body: {@code {"events":[{"type":…, "name":…, "timestamp":…, "attributes":{…},
 * "user":{"mpid":…, "identities":{…}}}…]}}; {@code type} is the platform's event type
 * ({@code custom_event}, {@code screen_view}, {@code commerce_event}, {@code session_start},
 * {@code session_end}); {@code name} is the event name, screen name, or for commerce the event name
 * else the action ({@code purchase}, {@code promotion_view}, {@code impression}…), absent for
 * sessions; {@code timestamp} is epoch milliseconds; attribute values keep their JSON type;
 * {@code user} is absent without a user, {@code mpid} absent while unknown, identity keys are the
 * Events API names ({@code customer_id}, {@code email}…).
 *
 * <p>Settings (the configuration's {@code as} map):
 * <ul>
 *   <li>{@code url} (required): where to POST;
 *   <li>{@code headers}: extra request headers, {@code "X-Token: abc; X-Other: d"}; values never logged;
 *   <li>{@code batchSize}: events per request, 1–1000, default 50;
 *   <li>{@code flushIntervalMs}: the longest an event waits for its batch, default 1000;
 *   <li>{@code maxRetries}: retries of a batch on 429, 5xx or I/O failure, 0–10, default 3.
 * </ul>
 */
@KitModule(id = 100001)
public final class WebhookKitFactory implements KitFactory {
    /** This kit's module id. */
    public static final int MODULE_ID = 100001;

    /** Creates the factory; cheap, as {@link KitFactory} requires. */
    public WebhookKitFactory() {}

    @Override
    public int moduleId() {
        return MODULE_ID;
    }

    @Override
    public String name() {
        return "Webhook";
    }

    @Override
    public String version() {
        Package p = WebhookKitFactory.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Starts the kit and its daemon sender thread.
     *
     * @throws IllegalArgumentException if {@code url} is missing or a setting is malformed, naming it
     */
    @Override
    public Kit create(KitContext context) {
        return WebhookKit.create(context, WebhookSettings.parse(context.settings()));
    }
}
