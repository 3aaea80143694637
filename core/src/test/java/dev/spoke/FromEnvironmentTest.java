package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Options from SPOKE_* variables and spoke.* properties, injected as maps (the real environment is
 * never touched).
 */
class FromEnvironmentTest {

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  private static final Map<String, String> KEYS =
      env("SPOKE_API_KEY", "eu1-envkey", "SPOKE_API_SECRET", "env-secret-1");

  private static Map<String, String> keysAnd(String... kv) {
    Map<String, String> m = new HashMap<>(KEYS);
    m.putAll(env(kv));
    return m;
  }

  @Test
  void everySettingIsRead() {
    SpokeOptions o =
        SpokeOptions.fromEnvironment(
                keysAnd(
                    "SPOKE_ENVIRONMENT", "production",
                    "SPOKE_ENDPOINT", "http://127.0.0.1:9999/",
                    "SPOKE_DATA_DIRECTORY", "/tmp/spoke-env",
                    "SPOKE_GZIP", "false",
                    "SPOKE_QUEUE_CAPACITY", "1024",
                    "SPOKE_MAX_BUFFERED_BYTES", "2097152",
                    "SPOKE_JOURNAL_MAX_BYTES", "4194304",
                    "SPOKE_UPLOAD_INTERVAL", "250ms",
                    "SPOKE_CLOSE_ON_SHUTDOWN", "7s"),
                Map.of())
            .build();
    assertThat(o.workspace().apiKey()).isEqualTo("eu1-envkey");
    assertThat(o.workspace().pod()).isEqualTo(Pod.EU1);
    assertThat(o.workspace().environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(o.eventsBaseUri()).isEqualTo(URI.create("http://127.0.0.1:9999/v2"));
    assertThat(o.dataDirectory()).isEqualTo(Path.of("/tmp/spoke-env"));
    assertThat(o.gzip()).isFalse();
    assertThat(o.queueCapacity()).isEqualTo(1024);
    assertThat(o.maxBufferedBytes).isEqualTo(2_097_152L);
    assertThat(o.journalMaxBytes).isEqualTo(4_194_304L);
    assertThat(o.uploadInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.closeOnShutdown()).isEqualTo(Duration.ofSeconds(7));
    assertThat(o.toString()).doesNotContain("env-secret-1");
  }

  @Test
  void systemPropertiesWinOverVariablesAndCodeWinsOverBoth() {
    SpokeOptions.Builder b =
        SpokeOptions.fromEnvironment(
            keysAnd(
                "SPOKE_QUEUE_CAPACITY", "1024", "SPOKE_UPLOAD_INTERVAL", "2s", "SPOKE_POD", "au1"),
            env(
                "spoke.queueCapacity",
                "2048",
                "spoke.uploadInterval",
                "PT3S",
                "spoke.apiKey",
                "us2-fromprop"));
    SpokeOptions fromEnv = b.build();
    assertThat(fromEnv.queueCapacity()).isEqualTo(2048);
    assertThat(fromEnv.uploadInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fromEnv.workspace().apiKey()).isEqualTo("us2-fromprop");
    assertThat(fromEnv.workspace().pod())
        .isEqualTo(Pod.AU1); // an explicit pod wins over the key's prefix

    SpokeOptions code = b.queueCapacity(4096).build();
    assertThat(code.queueCapacity()).isEqualTo(4096);
    assertThat(code.uploadInterval()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void defaultsFromEnvironmentNeverOverrideWhatTheCodeSet() {
    Workspace ws = Workspace.builder("us1-code", "code-secret").build();
    Map<String, String> e =
        keysAnd(
            "SPOKE_QUEUE_CAPACITY",
            "1024",
            "SPOKE_GZIP",
            "true",
            "SPOKE_DATA_DIRECTORY",
            "/tmp/from-env");
    // Set before and after the call: the code wins either way.
    SpokeOptions o =
        SpokeOptions.builder(ws)
            .queueCapacity(64)
            .defaultsFromEnvironment(e, Map.of())
            .dataDirectory(Path.of("/tmp/from-code"))
            .build();
    assertThat(o.workspace().apiKey())
        .isEqualTo("us1-code"); // the code's workspace, not SPOKE_API_KEY
    assertThat(o.queueCapacity()).isEqualTo(64);
    assertThat(o.dataDirectory()).isEqualTo(Path.of("/tmp/from-code"));
    assertThat(o.gzip()).isTrue(); // not set by the code: from the environment
    assertThat(o.closeOnShutdown()).isNull(); // off by default
  }

  @Test
  void badValuesNameTheVariableAndTheValue() {
    assertThatThrownBy(
            () -> SpokeOptions.fromEnvironment(keysAnd("SPOKE_QUEUE_CAPACITY", "lots"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable SPOKE_QUEUE_CAPACITY has the bad value 'lots'")
        .hasMessageContaining("use a whole number");
    assertThatThrownBy(() -> SpokeOptions.fromEnvironment(KEYS, env("spoke.queueCapacity", "3")))
        .hasMessageContaining("system property spoke.queueCapacity has the bad value '3'")
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () ->
                SpokeOptions.fromEnvironment(
                    keysAnd("SPOKE_UPLOAD_INTERVAL", "5 parsecs"), Map.of()))
        .hasMessageContaining("SPOKE_UPLOAD_INTERVAL has the bad value '5 parsecs'")
        .hasMessageContaining("5s, 500ms");
    assertThatThrownBy(() -> SpokeOptions.fromEnvironment(keysAnd("SPOKE_GZIP", "maybe"), Map.of()))
        .hasMessageContaining("SPOKE_GZIP has the bad value 'maybe'")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> SpokeOptions.fromEnvironment(keysAnd("SPOKE_POD", "mars"), Map.of()))
        .hasMessageContaining("SPOKE_POD has the bad value 'mars'")
        .hasMessageContaining("us1, us2, eu1 or au1");
    assertThatThrownBy(
            () -> SpokeOptions.fromEnvironment(keysAnd("SPOKE_ENDPOINT", "ftp://x"), Map.of()))
        .hasMessageContaining("SPOKE_ENDPOINT has the bad value 'ftp://x'");
    assertThatThrownBy(
            () ->
                SpokeOptions.builder(Workspace.builder("us1-k", "s").build())
                    .defaultsFromEnvironment(env("SPOKE_JOURNAL_MAX_BYTES", "12"), Map.of()))
        .hasMessageContaining("SPOKE_JOURNAL_MAX_BYTES has the bad value '12'");
  }

  @Test
  void aMissingKeyOrSecretNamesWhatToSetAndNeverShowsTheSecret() {
    assertThatThrownBy(
            () -> SpokeOptions.fromEnvironment(env("SPOKE_API_SECRET", "hidden-1"), Map.of()))
        .hasMessageContaining("SPOKE_API_KEY (or system property spoke.apiKey) is not set")
        .hasMessageNotContaining("hidden-1");
    assertThatThrownBy(() -> SpokeOptions.fromEnvironment(env("SPOKE_API_KEY", "us1-k"), Map.of()))
        .hasMessageContaining("SPOKE_API_SECRET (or system property spoke.apiSecret) is not set");
  }
}
