package dev.spoke.internal.kit;

import dev.spoke.kit.KitReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. How each kit report is logged: failures with their stack trace, drops and fallbacks as
 * warnings, everything else at debug level. The host's {@code KitReportListener} gets every report
 * whatever is logged.
 */
final class KitReportLog {
  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);

  private KitReportLog() {}

  static void log(KitReport r) {
    switch (r.kind()) {
      case KIT_CALL_FAILED:
      case KIT_CREATE_FAILED:
      case FACTORY_FAILED:
      case CONFIG_INVALID:
      case KIT_ENTRY_INVALID:
        LOG.warn("{}", r.message(), r.error());
        break;
      case KIT_QUEUE_FULL:
      case REPLAY_BUFFER_FULL:
      case KIT_CLOSE_TIMED_OUT:
      case CONFIG_FETCH_FAILED:
      case KIT_UNAVAILABLE:
      case CONFIG_FROM_CACHE:
        LOG.warn("{}", r.message());
        break;
      default:
        LOG.debug("{}", r.message());
    }
  }
}
