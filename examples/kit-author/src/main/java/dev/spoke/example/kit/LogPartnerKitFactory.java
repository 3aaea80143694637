package dev.spoke.example.kit;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;
import dev.spoke.kit.SideloadedKit;
import okhttp3.HttpUrl;

/**
 * The entry point of an example kit for a made-up "log" partner that takes one JSON line per event.
 * Copy this module to start a real kit.
 *
 * <p>This example is a <em>sideloaded</em> kit, as the platform's SDKs call a kit the host app
 * registers itself, with its own settings and filters, and that no workspace configures: its module
 * id is in the sideloaded range (at least {@link SideloadedKit#MIN_MODULE_ID}) and the host
 * registers it with {@link #sideloaded}. A kit the platform knows (an integration with an id the
 * platform assigned) is instead named in {@code META-INF/services/dev.spoke.kit.KitFactory} and
 * enabled by the workspace's kit configuration; see README.md. Either way the constructor does
 * nothing (no I/O, no threads): Spoke may construct a factory just to read its id.
 */
@KitModule(id = 1000002)
public final class LogPartnerKitFactory implements KitFactory {

  /**
   * This kit's module id, in the sideloaded range. A kit the platform knows uses the id the
   * platform assigned to it instead (the {@code id} of its entry in the workspace's kit
   * configuration).
   */
  public static final int MODULE_ID = 1_000_002;

  /**
   * The example kit as a sideloaded kit sending to {@code url}.
   *
   * @param url the log partner's intake
   * @return the builder (add filters or settings before {@code build()})
   */
  public static SideloadedKit.Builder sideloaded(String url) {
    if (url == null) {
      throw new IllegalArgumentException(
          "example kit url is null; pass the http(s) URL of the log partner's intake");
    }
    return SideloadedKit.builder(new LogPartnerKitFactory()).setting("url", url);
  }

  /** Cheap on purpose: see the class comment. */
  public LogPartnerKitFactory() {}

  @Override
  public int moduleId() {
    return MODULE_ID;
  }

  @Override
  public String name() {
    return "Example log partner";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  /**
   * Reads and checks the settings, then builds the kit.
   *
   * <p>Check settings here and throw with a message naming the setting and the fix: Spoke then
   * excludes this kit, reports the message and carries on with the other kits. Never put a secret
   * setting (an API key) in that message.
   */
  @Override
  public Kit create(KitContext context) {
    // Settings are what the host gave the sideloaded kit (for a configured kit: the "as" map of its
    // entry in the workspace's kit configuration): all strings.
    String url = context.settings().get("url");
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "example kit setting 'url' is '"
              + url
              + "'; set it to the http(s) URL of the log partner's intake");
    }
    return new LogPartnerKit(context, parsed);
  }
}
