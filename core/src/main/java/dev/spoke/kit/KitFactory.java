package dev.spoke.kit;

/**
 * Creates one partner forwarder ("kit"). Spoke discovers factories with {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/dev.spoke.kit.KitFactory} file in the kit's
 * jar) or takes them from {@code SpokeOptions.Builder#kit(KitFactory)}, and calls {@link #create}
 * only when the workspace's configuration enables {@link #moduleId()}, or when the host registers
 * the factory as a {@link SideloadedKit} (which runs whatever the configuration says). A factory
 * must therefore be cheap to construct: no I/O, no threads, nothing allocated until {@code create}.
 */
public interface KitFactory {

  /** The platform's integer module id of this kit (the {@code id} of an {@code eks} entry). */
  int moduleId();

  /** A human-readable name, used in logs and reports. */
  String name();

  /** The kit's own version, used in logs and reports. */
  String version();

  /**
   * Creates the kit. Called on a Spoke thread, at most once per enablement. A thrown exception
   * excludes this kit (reported with its message) and the other kits carry on.
   *
   * @param context the kit's narrow view of Spoke: settings, logger, clock, HTTP client, current
   *     user
   */
  Kit create(KitContext context) throws Exception;
}
