package dev.spoke.springboot;

import dev.spoke.DropReason;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spoke as Spring beans: one {@link Spoke} instance built from {@link SpokeProperties}, closed with
 * {@code spoke.close-timeout} when the application stops, its metrics bound to Micrometer and its
 * upload state reported to the Actuator's health endpoint. Copy this class (and the classes it
 * names) into your app.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpokeProperties.class)
public class SpokeConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SpokeConfiguration.class);
  private static final ConfigurationPropertyName SECRET =
      ConfigurationPropertyName.of("spoke.secret");

  /**
   * The instance. Its {@code close()} is also the bean's destroy method, a backstop for a context
   * that fails after creating it: {@link SpokeLifecycle} normally closes it first, with the
   * configured timeout, and {@code close} is idempotent.
   */
  @Bean(destroyMethod = "close")
  public Spoke spoke(
      SpokeProperties properties,
      ConfigurableEnvironment environment,
      ObjectProvider<SpokeOptionsCustomizer> customizers,
      ObjectProvider<SpokeListener> listener) {
    requireSecretOutsideFiles(environment);
    try {
      Workspace workspace =
          Workspace.builder(properties.getApiKey(), properties.getSecret()).build();
      SpokeOptions.Builder options =
          SpokeOptions.builder(workspace)
              .uploadInterval(properties.getUploadInterval())
              .kitsEnabled(properties.isKitsEnabled())
              .listener(listener.getIfAvailable(LoggingListener::new));
      if (properties.getEndpoint() != null) options.endpoint(properties.getEndpoint());
      if (properties.getDataDirectory() != null)
        options.dataDirectory(properties.getDataDirectory());
      if (properties.getGzip() != null) options.gzip(properties.getGzip());
      customizers.orderedStream().forEach(c -> c.customize(options));
      Spoke spoke = Spoke.create(options.build());
      LOG.info("Spoke started for workspace {} ({})", workspace.apiKey(), properties);
      return spoke;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Core's messages name the option and the fix and never the secret.
      throw new SpokeConfigurationException(
          "spoke.*",
          e.getMessage(),
          "Fix the spoke.* property behind the option named above (see examples/README.md for the mapping).");
    }
  }

  /**
   * Closes Spoke after the web server has stopped taking requests (a lower phase stops later than
   * the web server's graceful shutdown), so the events of the last requests are delivered, or kept
   * in the journal when a data directory is set.
   */
  @Bean
  public SpokeLifecycle spokeLifecycle(Spoke spoke, SpokeProperties properties) {
    return new SpokeLifecycle(spoke, properties);
  }

  @Bean
  public SpokeMeterBinder spokeMeterBinder(Spoke spoke) {
    return new SpokeMeterBinder(spoke);
  }

  @Bean
  public SpokeHealthIndicator spokeHealthIndicator(Spoke spoke, SpokeProperties properties) {
    return new SpokeHealthIndicator(spoke, properties.getEndpoint());
  }

  /**
   * A secret in a file ends up in version control, images and support bundles. Environment
   * variables, the command line and config trees ({@code spring.config.import=configtree:…}) are
   * fine.
   */
  static void requireSecretOutsideFiles(ConfigurableEnvironment environment) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty p = source.getConfigurationProperty(SECRET);
      if (p == null) continue;
      if (source.getUnderlyingSource() instanceof OriginTrackedMapPropertySource file) {
        throw new SpokeConfigurationException(
            "spoke.secret",
            "spoke.secret is set in " + file.getName() + " (value not shown)",
            "Remove spoke.secret from that file and set the environment variable SPOKE_SECRET instead"
                + " (or mount it as a config tree); rotate the secret if the file was ever shared.");
      }
      return; // the first source that has it wins, as for binding
    }
  }

  /** Stops Spoke with the configured timeout and logs what happened to the last events. */
  public static final class SpokeLifecycle implements SmartLifecycle {
    private final Spoke spoke;
    private final SpokeProperties properties;
    private volatile boolean running;

    SpokeLifecycle(Spoke spoke, SpokeProperties properties) {
      this.spoke = spoke;
      this.properties = properties;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      FlushResult r = spoke.close(properties.getCloseTimeout());
      if (r.complete()) {
        LOG.info(
            "Spoke closed: every event resolved ({} delivered, dropped {})",
            r.delivered(),
            r.dropped());
      } else {
        LOG.warn(
            "Spoke closed after {}: {} events still pending ({}; dropped {})",
            properties.getCloseTimeout(),
            r.pending(),
            properties.getDataDirectory() != null
                ? "kept in the journal for the next start"
                : "lost: set spoke.data-directory to keep them",
            r.dropped());
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /** Below the web server's phases, so it stops after them. */
    @Override
    public int getPhase() {
      return 0;
    }
  }

  /** Logs what the host should hear about when no {@link SpokeListener} bean is defined. */
  static final class LoggingListener implements SpokeListener {
    @Override
    public void onDrop(DropReason reason, long count, String detail) {
      LOG.warn("Spoke dropped {} events ({}): {}", count, reason, detail);
    }

    @Override
    public void onUploadsResumed() {
      LOG.info("Spoke uploads resumed");
    }

    @Override
    public void onJournal(String message) {
      LOG.warn("Spoke journal: {}", message);
    }

    @Override
    public void onKit(int moduleId, String kitName, String message) {
      LOG.info("Spoke kit {} ({}): {}", kitName, moduleId, message);
    }
  }
}
