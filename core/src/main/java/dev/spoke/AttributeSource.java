package dev.spoke;

import java.util.Objects;

/**
 * Where a user attribute came from, in the platform's priority order, highest first (WIRE.md
 * section 4): once a key was ingested from one source, the same key from a lower-priority source is
 * not ingested.
 */
public enum AttributeSource {
  /** Calculated attributes, computed by the platform. */
  CALCULATED,
  /** Account-level attributes. */
  ACCOUNT_LEVEL,
  /** Custom feed input. */
  CUSTOM_FEED,
  /** SDK (platform) input. */
  SDK,
  /** Custom CSV imports. */
  CUSTOM_CSV,
  /** Partner data feeds. */
  PARTNER_FEED;

  /**
   * @param existing the source the key was first ingested from, or null if it was never ingested
   * @return true if a value from this source may overwrite it: this source has the same or a higher
   *     priority
   */
  public boolean mayOverwrite(AttributeSource existing) {
    return existing == null || ordinal() <= existing.ordinal();
  }

  /**
   * @param kind how a workspace's input is registered, not null
   * @return the attribute source of data sent through such a workspace
   */
  public static AttributeSource forInputKind(InputKind kind) {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case CUSTOM_FEED:
        return CUSTOM_FEED;
      case PLATFORM:
      default:
        return SDK;
    }
  }
}
