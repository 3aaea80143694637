package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The option checks the builder's setters share, and the endpoints the options resolve. */
class OptionRulesTest {
  private static final Workspace EU1 = Workspace.builder("eu1-abc", "secret").build();

  @Test
  void rangeChecksNameTheSettingTheValueAndTheRange() {
    SpokeOptions.Builder b = SpokeOptions.builder(EU1);
    assertThatThrownBy(() -> b.queueCapacity(15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueCapacity 15 is out of range: use 16 to 10,000,000 (default 262,144)");
    assertThatThrownBy(() -> b.uploadInterval(Duration.ofMillis(9)))
        .hasMessageContaining("uploadInterval PT0.009S is out of range");
    assertThatThrownBy(() -> b.maxRequestsInFlight(17)).hasMessageContaining("use 1 to 16");
    assertThatThrownBy(() -> b.fsyncPolicy(null))
        .hasMessage("fsyncPolicy is null: use ALWAYS, INTERVAL or NEVER");
    assertThatThrownBy(() -> b.httpClient(null))
        .hasMessage("httpClient is null: omit the call to use Spoke's shared client");
    assertThatThrownBy(() -> b.closeOnShutdown(Duration.ofMinutes(11)))
        .hasMessage(
            "closeOnShutdown PT11M is out of range: use 1 ms to 10 min,"
                + " or null for no shutdown hook (the default)");
    assertThat(b.closeOnShutdown(null).queueCapacity(16).build().queueCapacity()).isEqualTo(16);
  }

  @Test
  void aFailedTwoValueSetterLeavesTheBuilderAsItWas() {
    SpokeOptions.Builder b =
        SpokeOptions.builder(EU1).retryBackoff(Duration.ofMillis(5), Duration.ofSeconds(1));
    assertThatThrownBy(() -> b.retryBackoff(Duration.ofMillis(50), Duration.ofMillis(10)))
        .hasMessage(
            "retryBackoff max PT0.01S is out of range: use at least initial (PT0.05S)"
                + " and at most 1 hour (default 60 s)");
    assertThat(b.build().retryInitialBackoff()).isEqualTo(Duration.ofMillis(5));

    SpokeOptions.Builder p = SpokeOptions.builder(EU1).dataPlanId("plan", 2);
    assertThatThrownBy(() -> p.dataPlanId("other", 0)).hasMessageContaining("out of range 1..1000");
    SpokeOptions o = p.build();
    assertThat(o.dataPlanId).isEqualTo("plan");
    assertThat(o.dataPlanVersion).isEqualTo(2);
  }

  @Test
  void plainHttpOnlyToLoopbackUnlessAllowed() {
    assertThat(OptionRules.transport(URI.create("https://example.com/v2"), false)).isNotNull();
    assertThat(OptionRules.transport(URI.create("http://127.0.0.1:8080/v2"), false)).isNotNull();
    assertThat(OptionRules.transport(URI.create("http://localhost/v2"), false)).isNotNull();
    assertThatThrownBy(() -> OptionRules.transport(URI.create("http://example.com/v2"), false))
        .hasMessageContaining("not loopback")
        .hasMessageContaining("allowInsecureHttp(true)");
    assertThat(OptionRules.transport(URI.create("http://example.com/v2"), true)).isNotNull();
    assertThatThrownBy(() -> OptionRules.transport(URI.create("ftp://example.com/v2"), true))
        .hasMessageContaining("must use https");
    assertThatThrownBy(
            () ->
                SpokeOptions.builder(EU1)
                    .eventsBaseUri(URI.create("http://example.com/v2"))
                    .build())
        .hasMessageContaining("not loopback");
  }

  @Test
  void endpointsComeFromThePodUnlessGiven() {
    Endpoints pod = Endpoints.resolve(EU1, null, null, null, null, false);
    SpokeOptions o = SpokeOptions.builder(EU1).build();
    assertThat(pod.events()).isEqualTo(o.eventsBaseUri());
    assertThat(pod.events().getHost()).contains("eu1");
    assertThat(pod.alias()).isEqualTo(o.aliasBaseUri());

    // An explicit IDSync base serves alias under its own /identity path.
    Endpoints local =
        Endpoints.resolve(EU1, null, URI.create("http://127.0.0.1:9/v1/"), null, null, false);
    assertThat(local.identity()).isEqualTo(URI.create("http://127.0.0.1:9/v1/"));
    assertThat(local.alias()).isEqualTo(URI.create("http://127.0.0.1:9/v1/identity"));
    assertThat(local.events()).isEqualTo(pod.events());
  }
}
