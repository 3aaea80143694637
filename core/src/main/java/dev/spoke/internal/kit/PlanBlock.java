package dev.spoke.internal.kit;

import java.util.Objects;

/**
 * Not API. One thing the data plan kept from a kit: an unplanned event, or an unplanned attribute
 * or identity removed from what the kit was given.
 *
 * @param kind what was blocked
 * @param key the event's match key, the attribute key, or the identity's IDSync name
 * @param event the match key of the event it belonged to, or null (user attributes and identities)
 */
record PlanBlock(Kind kind, String key, String event) {
  /** What was blocked; {@link #counterName()} names it in {@code KitStats#dataPlanBlocked()}. */
  public enum Kind {
    /** An unplanned event ({@code blok.ev}). */
    EVENT("event"),
    /** An unplanned event attribute ({@code blok.ea}). */
    EVENT_ATTRIBUTE("eventAttribute"),
    /** An unplanned product attribute ({@code blok.ea}). */
    PRODUCT_ATTRIBUTE("productAttribute"),
    /** An unplanned user attribute ({@code blok.ua}). */
    USER_ATTRIBUTE("userAttribute"),
    /** An unplanned identity ({@code blok.id}). */
    IDENTITY("identity");

    private final String counterName;

    Kind(String counterName) {
      this.counterName = counterName;
    }

    /**
     * @return the name this kind is counted under
     */
    public String counterName() {
      return counterName;
    }
  }

  /** Validates. */
  public PlanBlock {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
  }

  /**
   * @return a sentence for the host's listener
   */
  public String describe() {
    switch (kind) {
      case EVENT:
        return "unplanned event " + key;
      case EVENT_ATTRIBUTE:
        return "unplanned attribute '" + key + "' of event " + event;
      case PRODUCT_ATTRIBUTE:
        return "unplanned product attribute '" + key + "' of event " + event;
      case USER_ATTRIBUTE:
        return "unplanned user attribute '" + key + "'";
      default:
        return "unplanned identity " + key;
    }
  }
}
