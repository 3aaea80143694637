package dev.spoke.springboot;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Spoke's settings, bound from {@code spoke.*} (application.yml, environment variables, command
 * line) and validated when the application starts: a bad value stops the start with a message that
 * names the property and the fix.
 *
 * <p>The secret is bound like any other property but belongs in the environment ({@code
 * SPOKE_SECRET}); {@link SpokeConfiguration} refuses to start when it comes from a configuration
 * file. It is never shown: not by {@link #toString()}, not in a validation message.
 *
 * <p>Validation is done by the class itself (Spring Boot calls {@link #validate} after binding
 * because the bound object is a {@link Validator}), so the messages can say what to do, and a
 * secret is never echoed the way a field error's rejected value would be.
 */
@ConfigurationProperties("spoke")
public class SpokeProperties implements Validator {

  /**
   * The workspace's API key ({@code us1-…}, {@code eu1-…}: the prefix names the data-hosting pod).
   */
  private String apiKey;

  /** The workspace's API secret. Set it in the environment as SPOKE_SECRET, never in a file. */
  private String secret;

  /**
   * One root for the Events API ({@code /v2}), IDSync ({@code /v1}) and the kit configuration
   * ({@code /v4}), e.g. the local platform; unset, the platform's hosts for the key's pod are used.
   */
  private URI endpoint;

  /**
   * A directory Spoke owns: turns on the durable journal (events survive a crash or restart).
   * Unset: memory only.
   */
  private Path dataDirectory;

  /**
   * Compress uploads with gzip. Unset: Spoke's default (on for the local platform, off for the
   * platform's hosts).
   */
  private Boolean gzip;

  /**
   * How often open batches are uploaded (10 ms to 1 h; the workspace configuration's {@code uitl}
   * overrides it).
   */
  private Duration uploadInterval = Duration.ofSeconds(5);

  /** Whether to fetch the workspace's kit configuration and run the kits it enables. */
  private boolean kitsEnabled = true;

  /**
   * How long a normal shutdown waits for the last events to be delivered (with a data directory,
   * the rest stays on disk).
   */
  private Duration closeTimeout = Duration.ofSeconds(10);

  /** The request header naming the calling user when the request has no authenticated principal. */
  private String userHeader = "X-User-Id";

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public URI getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(URI endpoint) {
    this.endpoint = endpoint;
  }

  public Path getDataDirectory() {
    return dataDirectory;
  }

  public void setDataDirectory(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  public Boolean getGzip() {
    return gzip;
  }

  public void setGzip(Boolean gzip) {
    this.gzip = gzip;
  }

  public Duration getUploadInterval() {
    return uploadInterval;
  }

  public void setUploadInterval(Duration uploadInterval) {
    this.uploadInterval = uploadInterval;
  }

  public boolean isKitsEnabled() {
    return kitsEnabled;
  }

  public void setKitsEnabled(boolean kitsEnabled) {
    this.kitsEnabled = kitsEnabled;
  }

  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  public String getUserHeader() {
    return userHeader;
  }

  public void setUserHeader(String userHeader) {
    this.userHeader = userHeader;
  }

  @Override
  public boolean supports(Class<?> clazz) {
    return SpokeProperties.class.isAssignableFrom(clazz);
  }

  @Override
  public void validate(Object target, Errors errors) {
    SpokeProperties p = (SpokeProperties) target;
    if (p.apiKey == null || p.apiKey.isBlank()) {
      errors.rejectValue(
          "apiKey",
          "spoke.required",
          "spoke.api-key is not set: set it to the workspace's API key (e.g. us1-…) in application.yml or as SPOKE_API_KEY");
    } else if (!p.apiKey.equals(p.apiKey.strip())
        || p.apiKey.chars().anyMatch(Character::isWhitespace)) {
      errors.rejectValue(
          "apiKey",
          "spoke.whitespace",
          "spoke.api-key contains whitespace: copy the key exactly as the workspace's settings show it");
    }
    // Global errors, not field errors: a field error would print the rejected value, the secret.
    if (p.secret == null || p.secret.isBlank()) {
      errors.reject(
          "spoke.secret.required",
          "spoke.secret is not set: export SPOKE_SECRET=<the workspace's API secret> in the app's environment"
              + " (never in application.yml)");
    } else if (!p.secret.equals(p.secret.strip())) {
      errors.reject(
          "spoke.secret.whitespace",
          "spoke.secret has leading or trailing whitespace (value not shown): check how SPOKE_SECRET is set");
    }
    if (p.endpoint != null) {
      String scheme =
          p.endpoint.getScheme() == null ? "" : p.endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || p.endpoint.getHost() == null) {
        errors.rejectValue(
            "endpoint",
            "spoke.endpoint",
            "spoke.endpoint must be an absolute http(s) URL such as http://127.0.0.1:8081 (the local platform),"
                + " or unset for the platform's hosts");
      }
    }
    if (p.uploadInterval == null
        || p.uploadInterval.toMillis() < 10
        || p.uploadInterval.compareTo(Duration.ofHours(1)) > 0) {
      errors.rejectValue(
          "uploadInterval",
          "spoke.range",
          "spoke.upload-interval must be between 10ms and 1h (default 5s)");
    }
    if (p.closeTimeout == null
        || p.closeTimeout.isNegative()
        || p.closeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      errors.rejectValue(
          "closeTimeout",
          "spoke.range",
          "spoke.close-timeout must be between 0s and 10m (default 10s)");
    }
    if (p.userHeader == null || p.userHeader.isBlank()) {
      errors.rejectValue(
          "userHeader",
          "spoke.required",
          "spoke.user-header must name a request header (default X-User-Id)");
    }
    if (p.dataDirectory != null) {
      String problem = writableDirectoryProblem(p.dataDirectory);
      if (problem != null) {
        errors.rejectValue(
            "dataDirectory",
            "spoke.data-directory",
            "spoke.data-directory "
                + problem
                + ": point it at a directory the app may write, or unset it to keep events in memory only");
      }
    }
  }

  /** Null when the directory exists (or can be created) and is writable, else what is wrong. */
  static String writableDirectoryProblem(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (Exception e) {
      return "'"
          + dir
          + "' cannot be created ("
          + e.getClass().getSimpleName()
          + ": "
          + e.getMessage()
          + ")";
    }
    if (!Files.isDirectory(dir)) return "'" + dir + "' is not a directory";
    if (!Files.isWritable(dir)) return "'" + dir + "' is not writable";
    return null;
  }

  /** Every setting but the secret, which shows only as set or not. */
  @Override
  public String toString() {
    return "SpokeProperties{apiKey="
        + apiKey
        + ", secret="
        + (secret == null || secret.isBlank() ? "(not set)" : "(set)")
        + ", endpoint="
        + endpoint
        + ", dataDirectory="
        + dataDirectory
        + ", gzip="
        + gzip
        + ", uploadInterval="
        + uploadInterval
        + ", kitsEnabled="
        + kitsEnabled
        + ", closeTimeout="
        + closeTimeout
        + ", userHeader="
        + userHeader
        + '}';
  }
}
