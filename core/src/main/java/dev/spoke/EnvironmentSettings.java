package dev.spoke;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads Spoke's settings from environment variables ({@code SPOKE_…}) and system properties ({@code
 * spoke.…}); a system property wins over the environment variable of the same setting, and a value
 * the code sets on the builder wins over both. Every bad value fails with a message naming the
 * variable or property, the value (never for the secret) and the expected form.
 */
final class EnvironmentSettings {

  /** One setting: its system property, its environment variable, and how to apply it. */
  static final class Setting {
    final String property;
    final String variable;
    final String form;

    Setting(String property, String form) {
      this.property = "spoke." + property;
      this.variable =
          "SPOKE_" + property.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      this.form = form;
    }
  }

  static final Setting API_KEY =
      new Setting("apiKey", "the workspace's API key, e.g. us1-0123abcd…");
  static final Setting API_SECRET = new Setting("apiSecret", "the workspace's API secret");
  static final Setting POD = new Setting("pod", "a pod id such as us1, us2, eu1 or au1");
  static final Setting ENVIRONMENT = new Setting("environment", "development or production");
  static final Setting ENDPOINT =
      new Setting("endpoint", "an absolute URI such as http://127.0.0.1:8080");
  static final Setting DATA_DIRECTORY = new Setting("dataDirectory", "a directory path");
  static final Setting GZIP = new Setting("gzip", "true or false");
  static final Setting QUEUE_CAPACITY =
      new Setting("queueCapacity", "a whole number of events, e.g. 262144");
  static final Setting MAX_BUFFERED_BYTES =
      new Setting("maxBufferedBytes", "a number of bytes, e.g. 16777216");
  static final Setting JOURNAL_MAX_BYTES =
      new Setting("journalMaxBytes", "a number of bytes, e.g. 536870912");
  static final Setting UPLOAD_INTERVAL =
      new Setting("uploadInterval", "a duration such as 5s, 500ms, 2m or PT5S");
  static final Setting CLOSE_ON_SHUTDOWN =
      new Setting("closeOnShutdown", "a close timeout such as 10s, or off");

  /** Every setting, in the order of the documentation. */
  static final List<Setting> ALL =
      List.of(
          API_KEY,
          API_SECRET,
          POD,
          ENVIRONMENT,
          ENDPOINT,
          DATA_DIRECTORY,
          GZIP,
          QUEUE_CAPACITY,
          MAX_BUFFERED_BYTES,
          JOURNAL_MAX_BYTES,
          UPLOAD_INTERVAL,
          CLOSE_ON_SHUTDOWN);

  private final Map<String, String> env;
  private final Map<String, String> properties;

  EnvironmentSettings(Map<String, String> env, Map<String, String> properties) {
    this.env = Map.copyOf(env);
    this.properties = Map.copyOf(properties);
  }

  /**
   * @return the raw value (system property first), or null when neither is set or it is blank
   */
  String raw(Setting s) {
    String v = properties.get(s.property);
    if (v == null || v.isBlank()) v = env.get(s.variable);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Which name the value came from, for messages. */
  String source(Setting s) {
    String v = properties.get(s.property);
    return v != null && !v.isBlank()
        ? "system property " + s.property
        : "environment variable " + s.variable;
  }

  /**
   * The workspace named by the settings: key and secret are required, pod and environment optional.
   */
  Workspace workspace() {
    String key = raw(API_KEY);
    String secret = raw(API_SECRET);
    if (key == null || secret == null) {
      Setting missing = key == null ? API_KEY : API_SECRET;
      throw new IllegalArgumentException(
          "SpokeOptions.fromEnvironment(): "
              + missing.variable
              + " (or system property "
              + missing.property
              + ") is not set: set it to "
              + missing.form);
    }
    Workspace.Builder b = Workspace.builder(key, secret);
    Pod pod = parse(POD, Pod::of);
    if (pod != null) b.pod(pod);
    Environment e = parse(ENVIRONMENT, v -> Environment.valueOf(v.toUpperCase(Locale.ROOT)));
    if (e != null) b.environment(e);
    return b.build();
  }

  /** Applies each setting the code did not set on the builder. */
  void applyTo(SpokeOptions.Builder b) {
    if (!b.codeSet("endpoint")) apply(ENDPOINT, v -> b.endpoint(httpUri(v)));
    if (!b.codeSet("dataDirectory")) apply(DATA_DIRECTORY, v -> b.dataDirectory(Path.of(v)));
    if (!b.codeSet("gzip")) apply(GZIP, v -> b.gzip(bool(v)));
    if (!b.codeSet("queueCapacity"))
      apply(QUEUE_CAPACITY, v -> b.queueCapacity(Math.toIntExact(Long.parseLong(v))));
    if (!b.codeSet("maxBufferedBytes"))
      apply(MAX_BUFFERED_BYTES, v -> b.maxBufferedBytes(Long.parseLong(v)));
    if (!b.codeSet("journalMaxBytes"))
      apply(JOURNAL_MAX_BYTES, v -> b.journalMaxBytes(Long.parseLong(v)));
    if (!b.codeSet("uploadInterval")) apply(UPLOAD_INTERVAL, v -> b.uploadInterval(duration(v)));
    if (!b.codeSet("closeOnShutdown")) {
      apply(
          CLOSE_ON_SHUTDOWN,
          v ->
              v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false")
                  ? b.closeOnShutdown(null)
                  : b.closeOnShutdown(duration(v)));
    }
  }

  private void apply(Setting s, Function<String, SpokeOptions.Builder> setter) {
    parse(s, setter);
  }

  private <T> T parse(Setting s, Function<String, T> f) {
    String v = raw(s);
    if (v == null) return null;
    try {
      return f.apply(v);
    } catch (IllegalArgumentException
        | ArithmeticException
        | DateTimeParseException
        | IndexOutOfBoundsException e) {
      // NumberFormatException and InvalidPathException are IllegalArgumentExceptions; builder range
      // checks
      // explain themselves.
      String why =
          e instanceof NumberFormatException
                  || e instanceof ArithmeticException
                  || e.getMessage() == null
              ? ""
              : " (" + e.getMessage() + ")";
      throw new IllegalArgumentException(
          source(s) + " has the bad value '" + v + "'" + why + ": use " + s.form, e);
    }
  }

  static URI httpUri(String v) {
    URI u = URI.create(v);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http"))
      throw new IllegalArgumentException("not http or https");
    return u;
  }

  static boolean bool(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return true;
      case "false":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException("not a boolean");
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}). */
  static Duration duration(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (s.startsWith("pt") || s.startsWith("p")) return Duration.parse(v.toUpperCase(Locale.ROOT));
    long n;
    if (s.endsWith("ms")) {
      n = Long.parseLong(s.substring(0, s.length() - 2).trim());
      return Duration.ofMillis(n);
    }
    char unit = s.charAt(s.length() - 1);
    String digits = s.substring(0, s.length() - 1).trim();
    switch (unit) {
      case 's':
        return Duration.ofSeconds(Long.parseLong(digits));
      case 'm':
        return Duration.ofMinutes(Long.parseLong(digits));
      case 'h':
        return Duration.ofHours(Long.parseLong(digits));
      default:
        throw new IllegalArgumentException("not a duration");
    }
  }
}
