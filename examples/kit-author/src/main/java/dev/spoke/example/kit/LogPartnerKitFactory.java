package dev.spoke.example.kit;

import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import dev.spoke.kit.KitModule;
import okhttp3.HttpUrl;

/**
 * The entry point of an example kit for a made-up "log" partner that takes one JSON line per event.
 * Copy this module to start a real kit.
 *
 * <p>Spoke finds this class through the file
 * {@code src/main/resources/META-INF/services/dev.spoke.kit.KitFactory}, which names it. Spoke may
 * construct the factory even when the workspace has not enabled the kit (to read its module id), so
 * the constructor does nothing: no I/O, no threads. {@link #create} runs only when the workspace's
 * kit configuration lists {@link #MODULE_ID}.
 */
@KitModule(id = 100002)
public final class LogPartnerKitFactory implements KitFactory {

    /**
     * The module id the platform gives this kit: the {@code id} of its entry in the workspace's kit
     * configuration. A real partner uses the id the platform assigned to it.
     */
    public static final int MODULE_ID = 100002;

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
        // Settings are the "as" map of this kit's entry in the workspace's kit configuration: all strings.
        String url = context.settings().get("url");
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException("example kit setting 'url' is '" + url
                    + "'; set it to the http(s) URL of the log partner's intake");
        }
        return new LogPartnerKit(context, parsed);
    }
}
