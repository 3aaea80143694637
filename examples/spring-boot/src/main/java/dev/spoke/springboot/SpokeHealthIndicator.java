package dev.spoke.springboot;

import dev.spoke.Spoke;
import dev.spoke.SpokeMetrics;
import dev.spoke.UploadStatus;
import java.net.URI;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Spoke's part of {@code /actuator/health} (component {@code spoke}):
 *
 * <ul>
 *   <li>{@code UP} while uploads get through (or nothing has needed sending yet);
 *   <li>{@code DEGRADED} while uploads fail (429, 5xx, network) and are being retried: the data is
 *       kept and goes out once the platform answers; the reason and since when are in the details;
 *   <li>{@code DOWN} while uploads are paused because the platform refused the credentials
 *       (401/403): nothing will be delivered until an operator fixes {@code SPOKE_SECRET} (or the
 *       key); the data is kept meanwhile.
 * </ul>
 *
 * <p>Details are what an operator needs (workspace key, endpoint, state, HTTP status, reason, since
 * when, consecutive failures, last delivery, pending events, queue depth, journal and spill sizes,
 * drops), never the secret. {@code DEGRADED} is a custom status: application.yml orders it between
 * {@code DOWN} and {@code UP} and maps it to HTTP 200, so a retrying uploader does not take the app
 * out of a load balancer. Keep this indicator out of liveness probes: restarting the app fixes
 * neither an outage nor a wrong secret.
 */
public class SpokeHealthIndicator implements HealthIndicator {
  /** Uploads are failing and being retried; the data is kept. */
  public static final Status DEGRADED =
      new Status("DEGRADED", "Spoke uploads are failing and being retried");

  private final Spoke spoke;
  private final URI endpoint;

  public SpokeHealthIndicator(Spoke spoke, URI endpoint) {
    this.spoke = spoke;
    this.endpoint = endpoint;
  }

  @Override
  public Health health() {
    UploadStatus status = spoke.uploadStatus();
    SpokeMetrics m = spoke.metrics();
    Health.Builder h;
    switch (status.state()) {
      case PAUSED:
        h = Health.down();
        break;
      case FAILING:
        h = Health.status(DEGRADED);
        break;
      default:
        h = Health.up();
    }
    h.withDetail("workspace", spoke.workspace().apiKey())
        .withDetail(
            "endpoint",
            endpoint != null
                ? endpoint.toString()
                : "the platform's hosts for pod " + spoke.workspace().pod())
        .withDetail("uploads", status.state().name().toLowerCase(java.util.Locale.ROOT))
        .withDetail("since", status.since().toString());
    if (status.state() != UploadStatus.State.OK) {
      h.withDetail("httpStatus", status.httpStatus())
          .withDetail("reason", status.reason())
          .withDetail("consecutiveFailures", status.consecutiveFailures());
    }
    h.withDetail(
            "lastDelivery",
            status.lastDelivery() != null ? status.lastDelivery().toString() : "none yet")
        .withDetail("delivered", m.delivered())
        .withDetail("pending", m.pending())
        .withDetail("queueDepth", m.queueDepth())
        .withDetail("dropped", m.dropped())
        .withDetail("journalBytes", m.journalBytes())
        .withDetail("spilledBatches", m.spilledBatches());
    return h.build();
  }
}
