package dev.spoke;

import dev.spoke.internal.kit.DataPlan;

/** Test access to {@link DataPlanOptions}' parsed plan from other packages. */
public final class DataPlanOptionsAccess {
  private DataPlanOptionsAccess() {}

  /** Builds options with every switch off. */
  public static DataPlanOptions build(String json) {
    return DataPlanOptions.builder(json).build();
  }

  /** The plan parsed from options that block only events (or nothing). */
  public static DataPlan plan(String json, boolean blockEvents) {
    return DataPlanOptions.builder(json).blockEvents(blockEvents).build().plan();
  }
}
