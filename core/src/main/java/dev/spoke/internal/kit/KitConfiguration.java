package dev.spoke.internal.kit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Not API. A parsed kit configuration ({@code GET /v4/<key>/config}, WIRE.md section 6): the enabled
 * kits and the top-level SDK settings. Immutable; keeps the raw JSON so the exact document can be cached.
 *
 * <p>Parsing is tolerant of unknown fields and of numbers or booleans sent as strings, and strict where a
 * wrong value would silently misroute data (a kit id, a filter hash, a rule): those fail with a
 * {@link KitConfigurationException} naming the field, and the whole document is rejected so that the
 * previous (or cached) configuration stays in force.
 */
public final class KitConfiguration {
    private static final KitConfiguration EMPTY = new KitConfiguration(
            Collections.emptyList(), null, null, null, null, Collections.emptyMap(), "{}");

    private final List<KitEntry> kits;
    private final Integer sessionTimeoutSeconds;
    private final Integer uploadIntervalSeconds;
    private final Boolean keepCollectingAfterOptOut;
    private final Integer rampPercent;
    private final Map<String, String> flags;
    private final String rawJson;
    /** {@code dpr}: the data plan and its blocking switches (see {@link DataPlan#fromConfiguration}). */
    private final DataPlan dataPlan;

    private KitConfiguration(List<KitEntry> kits, Integer stl, Integer uitl, Boolean oo, Integer rp,
            Map<String, String> flags, String rawJson) {
        this(kits, stl, uitl, oo, rp, flags, rawJson, DataPlan.none());
    }

    private KitConfiguration(List<KitEntry> kits, Integer stl, Integer uitl, Boolean oo, Integer rp,
            Map<String, String> flags, String rawJson, DataPlan dataPlan) {
        this.kits = Collections.unmodifiableList(new ArrayList<>(kits));
        this.sessionTimeoutSeconds = stl;
        this.uploadIntervalSeconds = uitl;
        this.keepCollectingAfterOptOut = oo;
        this.rampPercent = rp;
        this.flags = flags;
        this.rawJson = rawJson;
        this.dataPlan = dataPlan;
    }

    /** @return a configuration that enables no kit */
    public static KitConfiguration empty() {
        return EMPTY;
    }

    /**
     * A configuration built in code (tests, or a host that pins its kits without a config endpoint).
     *
     * @param kits the enabled kits
     * @return the configuration
     */
    public static KitConfiguration of(List<KitEntry> kits) {
        return new KitConfiguration(kits, null, null, null, null, Collections.emptyMap(), "{}");
    }

    /**
     * @param json the response body of the configuration endpoint
     * @return the parsed configuration
     * @throws KitConfigurationException if the document is not JSON or a field that matters is wrong
     */
    public static KitConfiguration parse(String json) throws KitConfigurationException {
        Objects.requireNonNull(json, "json");
        Object tree;
        try {
            tree = JsonTree.parse(json);
        } catch (IOException e) {
            throw new KitConfigurationException("kit configuration is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Object> root = Fields.object(tree, "(root)");
        List<KitEntry> kits = new ArrayList<>();
        Map<Integer, String> seen = new LinkedHashMap<>();
        Object eks = root.get("eks");
        if (eks != null) {
            List<Object> items = Fields.array(eks, "eks");
            for (int i = 0; i < items.size(); i++) {
                String path = "eks[" + i + "]";
                KitEntry entry = KitEntry.parse(items.get(i), path);
                String previous = seen.putIfAbsent(entry.moduleId(), path);
                if (previous != null) {
                    throw new KitConfigurationException(path + ".id: module id " + entry.moduleId()
                            + " is already configured by " + previous);
                }
                kits.add(entry);
            }
        }
        Map<String, String> flags = Fields.stringMap(root.get("flags"), "flags");
        return new KitConfiguration(kits,
                Fields.optInt(root, "stl", "stl"),
                Fields.optInt(root, "uitl", "uitl"),
                Fields.optBool(root, "oo", "oo"),
                Fields.optInt(root, "rp", "rp"),
                flags, json, DataPlan.fromConfiguration(root.get("dpr")));
    }

    /** @return {@code dpr}: the data plan the workspace's configuration asks kits to be held to, or none */
    public DataPlan dataPlan() {
        return dataPlan;
    }

    /** @return the enabled kits ({@code eks}), in document order, unmodifiable */
    public List<KitEntry> kits() {
        return kits;
    }

    /**
     * @param moduleId a kit module id
     * @return that kit's entry, if enabled
     */
    public Optional<KitEntry> kit(int moduleId) {
        for (KitEntry k : kits) {
            if (k.moduleId() == moduleId) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** @return {@code stl}: the session timeout in seconds, or null if not sent */
    public Integer sessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    /** @return {@code uitl}: the upload interval in seconds, or null if not sent */
    public Integer uploadIntervalSeconds() {
        return uploadIntervalSeconds;
    }

    /** @return {@code oo}: whether to keep collecting after an opt-out, or null if not sent */
    public Boolean keepCollectingAfterOptOut() {
        return keepCollectingAfterOptOut;
    }

    /** @return {@code rp}: the ramp percentage, or null if not sent */
    public Integer rampPercent() {
        return rampPercent;
    }

    /** @return {@code flags}, as strings, unmodifiable */
    public Map<String, String> flags() {
        return flags;
    }

    /** @return the document as received ({@code "{}"} for configurations built in code) */
    public String rawJson() {
        return rawJson;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KitConfiguration)) {
            return false;
        }
        KitConfiguration c = (KitConfiguration) o;
        return kits.equals(c.kits) && Objects.equals(sessionTimeoutSeconds, c.sessionTimeoutSeconds)
                && Objects.equals(uploadIntervalSeconds, c.uploadIntervalSeconds)
                && Objects.equals(keepCollectingAfterOptOut, c.keepCollectingAfterOptOut)
                && Objects.equals(rampPercent, c.rampPercent) && flags.equals(c.flags)
                && dataPlan.equals(c.dataPlan);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kits, sessionTimeoutSeconds, uploadIntervalSeconds, keepCollectingAfterOptOut, rampPercent);
    }

    @Override
    public String toString() {
        List<Integer> ids = new ArrayList<>();
        for (KitEntry k : kits) {
            ids.add(k.moduleId());
        }
        return "KitConfiguration{kits=" + ids + ", stl=" + sessionTimeoutSeconds + ", uitl=" + uploadIntervalSeconds
                + ", oo=" + keepCollectingAfterOptOut + ", rp=" + rampPercent
                + (dataPlan.equals(DataPlan.none()) ? "" : ", dpr=" + dataPlan) + '}';
    }
}
