package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Bad {@code spoke.*} settings stop the start with a message naming the property; the secret is
 * never shown.
 */
class SpokeConfigurationValidationTest {
  private static final String SECRET = "s3cr3t-value-never-shown";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(SpokeConfiguration.class);

  private static String failure(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) sb.append(c).append('\n');
    return sb.toString();
  }

  @Test
  void aMissingKeyAndSecretAreNamedWithTheFix() {
    runner.run(
        ctx -> {
          String f = failure(ctx.getStartupFailure());
          assertThat(f)
              .contains("spoke.api-key is not set")
              .contains("spoke.secret is not set")
              .contains("SPOKE_SECRET");
        });
  }

  @Test
  void eachOutOfRangeValueIsNamed() {
    runner
        .withPropertyValues(
            "spoke.api-key=us1-abc",
            "spoke.secret=" + SECRET,
            "spoke.upload-interval=2h",
            "spoke.close-timeout=-1s",
            "spoke.endpoint=ftp://example.com",
            "spoke.user-header= ")
        .run(
            ctx -> {
              String f = failure(ctx.getStartupFailure());
              assertThat(f)
                  .contains("spoke.upload-interval must be between 10ms and 1h")
                  .contains("spoke.close-timeout must be between")
                  .contains("spoke.endpoint must be an absolute http(s) URL")
                  .contains("spoke.user-header must name a request header")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void aBadSecretIsReportedWithoutItsValue() {
    // A map source keeps the spaces (withPropertyValues would trim them), as an environment
    // variable does.
    runner
        .withPropertyValues("spoke.api-key=us1-abc")
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new MapPropertySource(
                            "environment-like", Map.of("spoke.secret", " " + SECRET + " "))))
        .run(
            ctx -> {
              String f = failure(ctx.getStartupFailure());
              assertThat(f)
                  .contains("spoke.secret has leading or trailing whitespace")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    runner
        .withPropertyValues(
            "spoke.api-key=us1-abc", "spoke.secret=" + SECRET, "spoke.data-directory=" + file)
        .run(
            ctx ->
                assertThat(failure(ctx.getStartupFailure()))
                    .contains("spoke.data-directory '" + file + "'"));
  }

  @Test
  void aSecretInAConfigurationFileIsRefusedAndNotShown() {
    runner
        .withPropertyValues("spoke.api-key=us1-abc")
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .addLast(
                        new OriginTrackedMapPropertySource(
                            "Config resource 'class path resource [application.yml]' via location 'optional:classpath:/'",
                            Map.of("spoke.secret", SECRET))))
        .run(
            ctx -> {
              Throwable t = ctx.getStartupFailure();
              assertThat(failure(t))
                  .contains("spoke.secret is set in Config resource")
                  .doesNotContain(SECRET);
              SpokeConfigurationException e = find(t);
              FailureAnalysis a = new SpokeFailureAnalyzer().analyze(t);
              assertThat(a).isNotNull();
              assertThat(a.getDescription()).contains("spoke.secret").doesNotContain(SECRET);
              assertThat(a.getAction()).contains("SPOKE_SECRET");
              assertThat(e.property()).isEqualTo("spoke.secret");
            });
  }

  @Test
  void theKeyAndSecretFromEnvironmentVariablesAreAccepted() {
    runner
        .withPropertyValues("spoke.endpoint=http://127.0.0.1:1", "spoke.kits-enabled=false")
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            "systemEnvironment",
                            Map.of("SPOKE_API_KEY", "us1-from-env", "SPOKE_SECRET", SECRET))))
        .run(
            ctx -> {
              assertThat(ctx.getStartupFailure()).isNull();
              assertThat(ctx.getBean(dev.spoke.Spoke.class).workspace().apiKey())
                  .isEqualTo("us1-from-env");
              assertThat(ctx.getBean(dev.spoke.Spoke.class).toString()).doesNotContain(SECRET);
              assertThat(ctx.getBean(SpokeProperties.class).toString())
                  .contains("secret=(set)")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void environmentVariablesInTheDocumentedFormBindDashedProperties() {
    runner
        .withInitializer(
            ctx ->
                ctx.getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new SystemEnvironmentPropertySource(
                            "systemEnvironment",
                            Map.of(
                                "SPOKE_API_KEY",
                                "us1-from-env",
                                "SPOKE_SECRET",
                                SECRET,
                                "SPOKE_UPLOAD_INTERVAL",
                                "2h",
                                "SPOKE_CLOSE_TIMEOUT",
                                "11m"))))
        .run(
            ctx ->
                assertThat(failure(ctx.getStartupFailure()))
                    .contains("spoke.upload-interval must be between")
                    .contains("spoke.close-timeout must be between")
                    .doesNotContain("spoke.api-key")
                    .doesNotContain(SECRET));
  }

  private static SpokeConfigurationException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SpokeConfigurationException e) return e;
    }
    throw new AssertionError("no SpokeConfigurationException in " + failure(t));
  }
}
