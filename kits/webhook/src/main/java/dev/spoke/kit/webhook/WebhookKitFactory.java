package dev.spoke.kit.webhook;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;
import dev.spoke.kit.SideloadedKit;

/**
 * Webhook kit: forwards custom events, screen views, commerce events and session starts/ends as
 * batched JSON to a URL.
 *
 * <p>Body: {@code {"events":[{"type":…, "name":…, "timestamp":…, "attributes":{…},
 * "user":{"mpid":…, "identities":{…}}}…]}}; {@code type} is the platform's event type ({@code
 * custom_event}, {@code screen_view}, {@code commerce_event}, {@code session_start}, {@code
 * session_end}); {@code name} is the event name, screen name, or for commerce the event name else
 * the action ({@code purchase}, {@code promotion_view}, {@code impression}…), absent for sessions;
 * {@code timestamp} is epoch milliseconds; attribute values keep their JSON type; {@code user} is
 * absent without a user, {@code mpid} absent while unknown, identity keys are the Events API names
 * ({@code customer_id}, {@code email}…).
 *
 * <p>A sideloaded kit: the host registers it with its own settings (and filters, if any), whatever
 * the workspace's kit configuration says, as the platform's SDKs run sideloaded kits (module ids
 * from {@link SideloadedKit#MIN_MODULE_ID}):
 *
 * <pre>{@code
 * SpokeOptions.builder(workspace).sideloadedKit(WebhookKitFactory.sideloaded("https://hooks.example.com/in")
 *     .addScreenNameFilter("Debug").build())
 * }</pre>
 *
 * It is not discovered with {@code ServiceLoader}: a workspace cannot enable it.
 *
 * <p>Settings:
 *
 * <ul>
 *   <li>{@code url} (required): where to POST;
 *   <li>{@code headers}: extra request headers, {@code "X-Token: abc; X-Other: d"}; values never
 *       logged;
 *   <li>{@code batchSize}: events per request, 1–1000, default 50;
 *   <li>{@code flushIntervalMs}: the longest an event waits for its batch, default 1000;
 *   <li>{@code maxRetries}: retries of a batch on 429, 5xx or I/O failure, 0–10, default 3.
 * </ul>
 */
@KitModule(id = 1000001)
public final class WebhookKitFactory implements KitFactory {
  /** This kit's module id, in the sideloaded range. */
  public static final int MODULE_ID = 1_000_001;

  /** Creates the factory; cheap, as {@link KitFactory} requires. */
  public WebhookKitFactory() {}

  /**
   * A sideloaded webhook kit posting to {@code url}; add settings and filters on the builder.
   *
   * @param url where to POST (required)
   * @return the builder, with {@code url} set
   * @throws IllegalArgumentException if {@code url} is null
   */
  public static SideloadedKit.Builder sideloaded(String url) {
    if (url == null) {
      throw new IllegalArgumentException(
          "webhook url is null; pass the http(s) URL to POST events to");
    }
    return SideloadedKit.builder(new WebhookKitFactory()).setting("url", url);
  }

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
