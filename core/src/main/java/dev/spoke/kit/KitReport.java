package dev.spoke.kit;

import java.util.Objects;

/**
 * Something worth telling the host about the kits: a configuration fetched or served from cache, a
 * kit created, excluded, failing or dropping calls. Delivered to a {@link KitReportListener}.
 * Immutable. Messages never carry kit settings values (they may hold partner credentials).
 */
public final class KitReport {

  /** What happened. */
  public enum Kind {
    /** A configuration was fetched (200) and applied. */
    CONFIG_APPLIED,
    /** The server answered 304: the configuration in force is still current. */
    CONFIG_UNCHANGED,
    /** The server could not be reached or failed; the configuration cached on disk was applied. */
    CONFIG_FROM_CACHE,
    /** The configuration could not be fetched and there was nothing usable cached. */
    CONFIG_FETCH_FAILED,
    /**
     * A configuration document was rejected (the message names the field); the previous one stays.
     */
    CONFIG_INVALID,
    /**
     * One kit's entry in the configuration could not be read (the message names the kit id and the
     * field); that kit is off, every other kit applies. Reported once per problem while the
     * configuration carries it.
     */
    KIT_ENTRY_INVALID,
    /** A kit factory could not be loaded or disagrees with its {@link KitModule} id. */
    FACTORY_FAILED,
    /**
     * An enabled module id has no kit on the classpath (reported once per id, naming the artifact
     * to add).
     */
    KIT_UNAVAILABLE,
    /** A kit was created. */
    KIT_CREATED,
    /** A kit's {@code create} threw; the kit is excluded and the others carry on. */
    KIT_CREATE_FAILED,
    /** A kit got new settings. */
    KIT_SETTINGS_UPDATED,
    /** A kit was closed (disabled by the configuration, or Spoke closing). */
    KIT_CLOSED,
    /** A kit's {@code close} did not finish within the timeout; its thread was abandoned. */
    KIT_CLOSE_TIMED_OUT,
    /** A kit call threw (rate-limited: the first few, then a periodic summary). */
    KIT_CALL_FAILED,
    /** A kit's queue was full and a call was dropped (rate-limited like failures). */
    KIT_QUEUE_FULL,
    /**
     * The buffer holding calls made before the configuration arrived was full; a call was dropped.
     */
    REPLAY_BUFFER_FULL,
    /**
     * A data plan (the host's, or the configuration's {@code dpr}) now applies to kits; names its
     * switches.
     */
    DATA_PLAN_APPLIED,
    /**
     * The data plan kept an unplanned event, attribute or identity from a kit. Reported the first
     * time each distinct item is blocked for a kit (every block is counted in {@link
     * KitStats#dataPlanBlocked()}).
     */
    DATA_PLAN_BLOCKED
  }

  private final Kind kind;
  private final int moduleId;
  private final String kitName;
  private final String message;
  private final Throwable error;

  /**
   * @param kind what happened
   * @param moduleId the kit's module id, or -1 when the report is not about one kit
   * @param kitName the kit's name, or null
   * @param message a human-readable description
   * @param error the exception, or null
   */
  public KitReport(Kind kind, int moduleId, String kitName, String message, Throwable error) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.moduleId = moduleId;
    this.kitName = kitName;
    this.message = Objects.requireNonNull(message, "message");
    this.error = error;
  }

  /**
   * @return what happened
   */
  public Kind kind() {
    return kind;
  }

  /**
   * @return the kit's module id, or -1
   */
  public int moduleId() {
    return moduleId;
  }

  /**
   * @return the kit's name, or null
   */
  public String kitName() {
    return kitName;
  }

  /**
   * @return a human-readable description
   */
  public String message() {
    return message;
  }

  /**
   * @return the exception, or null
   */
  public Throwable error() {
    return error;
  }

  @Override
  public String toString() {
    return "KitReport{"
        + kind
        + (moduleId >= 0 ? ", kit=" + moduleId : "")
        + ", "
        + message
        + (error != null ? ", error=" + error : "")
        + '}';
  }
}
