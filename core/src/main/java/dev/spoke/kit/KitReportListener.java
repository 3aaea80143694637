package dev.spoke.kit;

/**
 * Receives {@link KitReport}s. Called on Spoke threads (the configuration thread, a kit's thread,
 * or the thread that dispatched a call); must be quick and must not block. An exception thrown here
 * is caught and logged.
 */
@FunctionalInterface
public interface KitReportListener {
  /**
   * @param report what happened
   */
  void onReport(KitReport report);
}
