package dev.spoke.internal.kit;

import dev.spoke.Environment;
import dev.spoke.kit.EventAttributeMappings;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The narrow view a kit gets of Spoke. */
final class RuntimeKitContext implements KitContext {
  private static final Logger LOG = LoggerFactory.getLogger(KitManager.class);
  private final ActiveKit k;
  private final Logger logger;
  private final Clock clock;
  private final OkHttpClient http;
  private final Environment environment;
  private final ForwardingStats forwardingStats;
  private final String sdkVersion;
  private final Supplier<KitUser> lastUser;

  RuntimeKitContext(
      ActiveKit k,
      Clock clock,
      OkHttpClient http,
      Environment environment,
      ForwardingStats forwardingStats,
      String sdkVersion,
      Supplier<KitUser> lastUser) {
    this.k = k;
    this.clock = clock;
    this.http = http;
    this.environment = environment;
    this.forwardingStats = forwardingStats;
    this.sdkVersion = sdkVersion;
    this.lastUser = lastUser;
    this.logger = LoggerFactory.getLogger("dev.spoke.kit." + k.name);
  }

  @Override
  public int moduleId() {
    return k.moduleId;
  }

  @Override
  public Map<String, String> settings() {
    return k.settings;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public OkHttpClient httpClient() {
    return http;
  }

  @Override
  public Environment environment() {
    return environment;
  }

  @Override
  public EventAttributeMappings eventAttributeMappings() {
    return k.filters.entry().eventAttributeMappings();
  }

  @Override
  public Optional<KitUser> currentUser() {
    KitUser u = lastUser.get();
    return u == null ? Optional.empty() : Optional.of(k.filters.userView(u));
  }

  @Override
  public void reportForwarded(String eventName, String detail) {
    k.counters.forwarded.incrementAndGet();
    // On the kit's thread, during a call: that call's event. Later, from the kit's own thread:
    // the latest
    // delivery of an event by the name the kit reports (its partner answered after the call
    // returned).
    Delivery d = Thread.currentThread() == k.worker.thread() ? k.delivering : null;
    if (d == null && eventName != null) {
      d = k.recent.get(eventName);
    }
    if (forwardingStats != null && d != null) {
      try {
        forwardingStats.record(d.record(k.moduleId, eventName, sdkVersion, environment, clock));
      } catch (RuntimeException e) {
        LOG.warn("could not record forwarding statistics for kit {}", k.name, e);
      }
    }
    if (logger.isTraceEnabled()) {
      logger.trace("forwarded {}: {}", eventName, detail);
    }
  }

  @Override
  public String toString() {
    return "KitContext{" + k.name + " (" + k.moduleId + ")}";
  }
}
