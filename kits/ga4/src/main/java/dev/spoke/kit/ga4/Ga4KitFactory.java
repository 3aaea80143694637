package dev.spoke.kit.ga4;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;

/**
 * Google Analytics 4 kit: forwards custom events, screen views and commerce events to GA4 through
 * the Measurement Protocol.
 *
 * <p>Settings (the configuration's {@code as} map):
 *
 * <ul>
 *   <li>{@code measurementId} (required): the data stream's measurement id, e.g. {@code
 *       G-XXXXXXXXXX};
 *   <li>{@code apiSecret} (required): a Measurement Protocol API secret; never logged;
 *   <li>{@code endpoint}: defaults to {@code https://www.google-analytics.com/mp/collect};
 *   <li>{@code externalUserIdentityType}: which id becomes {@code user_id}: {@code None} (default),
 *       {@code mpid}, or an identity type such as {@code CustomerId}, {@code Email}, {@code
 *       Other2};
 *   <li>{@code enablePageView}: {@code True} sends screen views as {@code page_view} instead of
 *       {@code screen_view};
 *   <li>{@code hashUserId}: {@code True} sends the SHA-256 hex of the user id.
 * </ul>
 *
 * Discovered through {@code META-INF/services/dev.spoke.kit.KitFactory}.
 */
@KitModule(id = 160)
public final class Ga4KitFactory implements KitFactory {
  /** The platform's module id of its Google Analytics 4 kit. */
  public static final int MODULE_ID = 160;

  /** Creates the factory; cheap, as {@link KitFactory} requires. */
  public Ga4KitFactory() {}

  @Override
  public int moduleId() {
    return MODULE_ID;
  }

  @Override
  public String name() {
    return "Google Analytics 4";
  }

  @Override
  public String version() {
    Package p = Ga4KitFactory.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * @throws IllegalArgumentException if a required setting is missing or a setting is malformed,
   *     naming the setting and the fix
   */
  @Override
  public Kit create(KitContext context) {
    return new Ga4Kit(context, Ga4Settings.parse(context.settings()));
  }
}
