package dev.spoke;

import java.util.Locale;

/** The platform's data-hosting pods; each pod has its own Events API and IDSync hosts. */
public enum Pod {
    /** United States 1 (the default for keys without a pod prefix). */
    US1("us1"),
    /** United States 2. */
    US2("us2"),
    /** European Union 1. */
    EU1("eu1"),
    /** Australia 1. */
    AU1("au1");

    private final String id;

    Pod(String id) {
        this.id = id;
    }

    /** @return the lower-case pod id as it appears in host names and key prefixes, e.g. {@code "us2"} */
    public String id() {
        return id;
    }

    /** @return the Events API base URL, e.g. {@code https://s2s.us1.mparticle.com/v2} */
    public String eventsBaseUrl() {
        return "https://s2s." + id + ".mparticle.com/v2";
    }

    /** @return the IDSync base URL; US1 uses the unprefixed host {@code https://identity.mparticle.com/v1} */
    public String identityBaseUrl() {
        return this == US1
                ? "https://identity.mparticle.com/v1"
                : "https://identity." + id + ".mparticle.com/v1";
    }

    /** @return the kit configuration base URL (one global host for every pod) */
    public String configBaseUrl() {
        return "https://config2.mparticle.com";
    }

    /**
     * Reads the pod from an API key's prefix: the text before the first {@code '-'},
     * case-insensitive ({@code "us2-abc"} is {@link #US2}). A key without {@code '-'}, with an
     * unknown prefix, or null belongs to {@link #US1}.
     *
     * @param apiKey a workspace API key, may be null
     * @return the pod, never null
     */
    public static Pod fromApiKey(String apiKey) {
        if (apiKey == null) {
            return US1;
        }
        int dash = apiKey.indexOf('-');
        if (dash < 0) {
            return US1;
        }
        String prefix = apiKey.substring(0, dash).trim().toLowerCase(Locale.ROOT);
        for (Pod pod : values()) {
            if (pod.id.equals(prefix)) {
                return pod;
            }
        }
        return US1;
    }
}
