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
 * Not API. A parsed kit configuration ({@code GET /v4/<key>/config}, WIRE.md section 6): the
 * enabled kits and the top-level SDK settings. Immutable; keeps the raw JSON so the exact document
 * can be cached.
 *
 * <p>Parsing is tolerant of unknown fields and of numbers or booleans sent as strings, and strict
 * where a wrong value would silently misroute data (a kit id, a filter hash, a rule). Strictness is
 * per kit: an {@code eks} entry that cannot be read (a field of the wrong type, half a bracket,
 * consent rules without {@code i}, a filter key that is not an integer, a module id used twice)
 * leaves that kit out of the configuration and is listed in {@link #rejectedEntries()} with the
 * field and the reason; every other kit applies. Only a document that is not a JSON object, or
 * whose {@code eks} is not an array, or whose top-level settings cannot be read, is rejected whole
 * (the previous or cached configuration then stays in force).
 */
public final class KitConfiguration {
  private static final KitConfiguration EMPTY = of(Collections.emptyList());

  private final List<KitEntry> kits;
  private final List<RejectedEntry> rejected;
  private final Integer sessionTimeoutSeconds;
  private final Integer uploadIntervalSeconds;
  private final Boolean keepCollectingAfterOptOut;
  private final Integer rampPercent;
  private final Map<String, String> flags;
  private final String rawJson;

  /**
   * {@code dpr}: the data plan and its blocking switches (see {@link DataPlan#fromConfiguration}).
   */
  private final DataPlan dataPlan;

  private KitConfiguration(
      List<KitEntry> kits,
      List<RejectedEntry> rejected,
      Integer stl,
      Integer uitl,
      Boolean oo,
      Integer rp,
      Map<String, String> flags,
      String rawJson,
      DataPlan dataPlan) {
    this.kits = Collections.unmodifiableList(new ArrayList<>(kits));
    this.rejected = Collections.unmodifiableList(new ArrayList<>(rejected));
    this.sessionTimeoutSeconds = stl;
    this.uploadIntervalSeconds = uitl;
    this.keepCollectingAfterOptOut = oo;
    this.rampPercent = rp;
    this.flags = flags;
    this.rawJson = rawJson;
    this.dataPlan = dataPlan;
  }

  /**
   * @return a configuration that enables no kit
   */
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
    return new KitConfiguration(
        kits,
        Collections.emptyList(),
        null,
        null,
        null,
        null,
        Collections.emptyMap(),
        "{}",
        DataPlan.none());
  }

  /**
   * @param json the response body of the configuration endpoint
   * @return the parsed configuration
   * @throws KitConfigurationException if the document is not a JSON object, {@code eks} is not an
   *     array, or a top-level setting is wrong (a bad kit entry only disables that kit: see {@link
   *     #rejectedEntries()})
   */
  public static KitConfiguration parse(String json) throws KitConfigurationException {
    Objects.requireNonNull(json, "json");
    Object tree;
    try {
      tree = JsonTree.parse(json);
    } catch (IOException e) {
      throw new KitConfigurationException(
          "kit configuration is not valid JSON: " + e.getMessage(), e);
    }
    Map<String, Object> root = Fields.object(tree, "(root)");
    List<KitEntry> kits = new ArrayList<>();
    List<RejectedEntry> rejected = new ArrayList<>();
    Object eks = root.get("eks");
    if (eks != null) {
      List<Object> items = Fields.array(eks, "eks");
      // A module id given twice: neither entry can be trusted to be the one meant, so the kit is
      // off.
      Map<Integer, List<String>> paths = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        Integer id = readableId(items.get(i));
        if (id != null) {
          paths.computeIfAbsent(id, k -> new ArrayList<>()).add("eks[" + i + "]");
        }
      }
      for (Map.Entry<Integer, List<String>> e : paths.entrySet()) {
        if (e.getValue().size() > 1) {
          rejected.add(
              new RejectedEntry(
                  e.getKey(),
                  e.getValue().get(1) + ".id",
                  "module id "
                      + e.getKey()
                      + " is configured more than once ("
                      + String.join(", ", e.getValue())
                      + "); the kit stays off until the workspace sends one entry for it"));
        }
      }
      for (int i = 0; i < items.size(); i++) {
        String path = "eks[" + i + "]";
        Integer id = readableId(items.get(i));
        if (id != null && paths.get(id).size() > 1) {
          continue;
        }
        try {
          kits.add(KitEntry.parse(items.get(i), path));
        } catch (KitConfigurationException ex) {
          rejected.add(new RejectedEntry(id == null ? -1 : id, path, ex.getMessage()));
        }
      }
    }
    Map<String, String> flags = Fields.stringMap(root.get("flags"), "flags");
    return new KitConfiguration(
        kits,
        rejected,
        Fields.optInt(root, "stl", "stl"),
        Fields.optInt(root, "uitl", "uitl"),
        Fields.optBool(root, "oo", "oo"),
        Fields.optInt(root, "rp", "rp"),
        flags,
        json,
        DataPlan.fromConfiguration(root.get("dpr")));
  }

  /**
   * @return {@code dpr}: the data plan the workspace's configuration asks kits to be held to, or
   *     none
   */
  public DataPlan dataPlan() {
    return dataPlan;
  }

  /**
   * @param kits the kits to enable instead
   * @return this configuration (same top-level settings, data plan and raw document) with other
   *     kits
   */
  public KitConfiguration withKits(List<KitEntry> kits) {
    return new KitConfiguration(
        kits,
        rejected,
        sessionTimeoutSeconds,
        uploadIntervalSeconds,
        keepCollectingAfterOptOut,
        rampPercent,
        flags,
        rawJson,
        dataPlan);
  }

  /**
   * @return the module id of an {@code eks} item if it can be read, else null
   */
  private static Integer readableId(Object item) {
    if (!(item instanceof Map) || ((Map<?, ?>) item).get("id") == null) {
      return null;
    }
    try {
      return Fields.intValue(((Map<?, ?>) item).get("id"), "id");
    } catch (KitConfigurationException e) {
      return null;
    }
  }

  /**
   * @return the {@code eks} entries left out because they could not be read, in document order
   */
  public List<RejectedEntry> rejectedEntries() {
    return rejected;
  }

  /**
   * @return the enabled kits ({@code eks}), in document order, unmodifiable
   */
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

  /**
   * @return {@code stl}: the session timeout in seconds, or null if not sent
   */
  public Integer sessionTimeoutSeconds() {
    return sessionTimeoutSeconds;
  }

  /**
   * @return {@code uitl}: the upload interval in seconds, or null if not sent
   */
  public Integer uploadIntervalSeconds() {
    return uploadIntervalSeconds;
  }

  /**
   * @return {@code oo}: whether to keep collecting after an opt-out, or null if not sent
   */
  public Boolean keepCollectingAfterOptOut() {
    return keepCollectingAfterOptOut;
  }

  /**
   * @return {@code rp}: the ramp percentage, or null if not sent
   */
  public Integer rampPercent() {
    return rampPercent;
  }

  /**
   * @return {@code flags}, as strings, unmodifiable
   */
  public Map<String, String> flags() {
    return flags;
  }

  /**
   * @return the document as received ({@code "{}"} for configurations built in code)
   */
  public String rawJson() {
    return rawJson;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitConfiguration)) {
      return false;
    }
    KitConfiguration c = (KitConfiguration) o;
    return kits.equals(c.kits)
        && rejected.equals(c.rejected)
        && Objects.equals(sessionTimeoutSeconds, c.sessionTimeoutSeconds)
        && Objects.equals(uploadIntervalSeconds, c.uploadIntervalSeconds)
        && Objects.equals(keepCollectingAfterOptOut, c.keepCollectingAfterOptOut)
        && Objects.equals(rampPercent, c.rampPercent)
        && flags.equals(c.flags)
        && dataPlan.equals(c.dataPlan);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kits, sessionTimeoutSeconds, uploadIntervalSeconds, keepCollectingAfterOptOut, rampPercent);
  }

  @Override
  public String toString() {
    List<Integer> ids = new ArrayList<>();
    for (KitEntry k : kits) {
      ids.add(k.moduleId());
    }
    return "KitConfiguration{kits="
        + ids
        + (rejected.isEmpty() ? "" : ", rejected=" + rejected)
        + ", stl="
        + sessionTimeoutSeconds
        + ", uitl="
        + uploadIntervalSeconds
        + ", oo="
        + keepCollectingAfterOptOut
        + ", rp="
        + rampPercent
        + (dataPlan.equals(DataPlan.none()) ? "" : ", dpr=" + dataPlan)
        + '}';
  }

  /**
   * One {@code eks} entry that could not be read: its kit is off and reported, the rest applies.
   */
  public static final class RejectedEntry {
    private final int moduleId;
    private final String field;
    private final String message;

    RejectedEntry(int moduleId, String field, String message) {
      this.moduleId = moduleId;
      this.field = field;
      this.message = message;
    }

    /**
     * @return the kit's module id, or -1 when the entry has no readable id
     */
    public int moduleId() {
      return moduleId;
    }

    /**
     * @return where in the document, e.g. {@code eks[2]} or {@code eks[2].id}
     */
    public String field() {
      return field;
    }

    /**
     * @return what is wrong, naming the field and the value found
     */
    public String message() {
      return message;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RejectedEntry
          && ((RejectedEntry) o).moduleId == moduleId
          && ((RejectedEntry) o).message.equals(message);
    }

    @Override
    public int hashCode() {
      return 31 * moduleId + message.hashCode();
    }

    @Override
    public String toString() {
      return moduleId + ": " + message;
    }
  }
}
