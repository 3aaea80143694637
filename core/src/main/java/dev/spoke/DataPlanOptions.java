package dev.spoke;

import dev.spoke.internal.kit.DataPlan;
import dev.spoke.internal.kit.KitConfigurationException;
import java.util.Objects;

/**
 * A data plan given by the host, to hold kits to it: the data plan version exported from the
 * platform and the four blocking switches, as the platform's Web SDK ({@code dataPlanOptions}) and
 * Android SDK ({@code MParticleOptions.DataplanOptions}) take them. When set, it replaces the plan
 * the workspace's kit configuration carries ({@code dpr}), as in those SDKs. Blocking applies
 * toward kits only: uploads to the platform are never changed by it. See docs/KITS.md, "Data
 * plans". Immutable.
 *
 * <pre>{@code
 * DataPlanOptions plan = DataPlanOptions.builder(Files.readString(Path.of("my-plan-v3.json")))
 *     .blockEvents(true).blockEventAttributes(true).blockUserAttributes(true).blockUserIdentities(false)
 *     .build();
 * }</pre>
 */
public final class DataPlanOptions {
  private final DataPlan plan;
  private final String description;

  private DataPlanOptions(Builder b, DataPlan plan) {
    this.plan = plan;
    this.description = plan.toString();
  }

  /**
   * @param versionJson the data plan version as exported from the platform: {@code
   *     {"data_plan_id":"…","version":n,"version_document":{"data_points":[…]}}}
   * @return a builder; every switch starts off
   */
  public static Builder builder(String versionJson) {
    return new Builder(versionJson);
  }

  /** Not API: the parsed plan. */
  DataPlan plan() {
    return plan;
  }

  @Override
  public String toString() {
    return "DataPlanOptions{" + description + '}';
  }

  /** Builds {@link DataPlanOptions}; {@link #build} fails fast on a document it cannot read. */
  public static final class Builder {
    private final String versionJson;
    private boolean blockEvents;
    private boolean blockEventAttributes;
    private boolean blockUserAttributes;
    private boolean blockUserIdentities;

    private Builder(String versionJson) {
      this.versionJson = versionJson;
    }

    /**
     * @param on keep unplanned custom events, screen views and commerce events from kits ({@code
     *     blok.ev})
     */
    public Builder blockEvents(boolean on) {
      this.blockEvents = on;
      return this;
    }

    /**
     * @param on remove unplanned event and product attributes from what kits get ({@code blok.ea})
     */
    public Builder blockEventAttributes(boolean on) {
      this.blockEventAttributes = on;
      return this;
    }

    /**
     * @param on keep unplanned user attributes from kits ({@code blok.ua})
     */
    public Builder blockUserAttributes(boolean on) {
      this.blockUserAttributes = on;
      return this;
    }

    /**
     * @param on keep unplanned identities from kits ({@code blok.id})
     */
    public Builder blockUserIdentities(boolean on) {
      this.blockUserIdentities = on;
      return this;
    }

    /**
     * @return the options
     * @throws IllegalArgumentException naming what is wrong when the document is empty, not JSON,
     *     not a data plan version, or has a member of the wrong type
     */
    public DataPlanOptions build() {
      if (versionJson == null || versionJson.isBlank()) {
        throw new IllegalArgumentException(
            "data plan version is empty: pass the JSON of the data plan "
                + "version exported from the platform, or do not set a data plan");
      }
      try {
        return new DataPlanOptions(
            this,
            DataPlan.parse(
                Objects.requireNonNull(versionJson),
                blockEvents,
                blockEventAttributes,
                blockUserAttributes,
                blockUserIdentities));
      } catch (KitConfigurationException e) {
        throw new IllegalArgumentException(
            "data plan version cannot be used: "
                + e.getMessage()
                + " (see docs/KITS.md, \"Data plans\")",
            e);
      }
    }
  }
}
