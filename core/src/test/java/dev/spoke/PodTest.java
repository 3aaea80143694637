package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodTest {

  @ParameterizedTest
  @CsvSource({
    "us2-abc, us2",
    "US2-abc, us2",
    "eu1-0123456789abcdef, eu1",
    "Au1-key, au1",
    "us1-abc, us1",
    "st1-abc, st1",
    "abcdef, us1",
    "us2, us1",
    "eu1-abc-def, eu1",
  })
  void readsPodFromKeyPrefix(String key, String expected) {
    assertThat(Pod.fromApiKey(key).id()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"xx9-abc", "key-1", "-abc", "eu2-abc"})
  void anUnknownPrefixIsAClearErrorNotUs1(String key) {
    assertThatThrownBy(() -> Pod.fromApiKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("Workspace.Builder.pod(Pod.of(");
  }

  @Test
  void aWorkspaceWithAnUnknownPrefixNeedsAPodOrEndpoints() {
    Workspace w = Workspace.builder("eu2-abc", "s").build();
    assertThat(w.pod()).isNull();
    assertThatThrownBy(() -> SpokeOptions.builder(w).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eu2-abc")
        .hasMessageContaining("not a pod the platform lists");
    SpokeOptions explicit = SpokeOptions.builder(w.toBuilder().pod(Pod.of("eu2")).build()).build();
    assertThat(explicit.eventsBaseUri()).hasToString("https://s2s.eu2.mparticle.com/v2");
    assertThat(explicit.identityBaseUri()).hasToString("https://identity.eu2.mparticle.com/v1");
    SpokeOptions local =
        SpokeOptions.builder(w).endpoint(java.net.URI.create("http://127.0.0.1:1")).build();
    assertThat(local.eventsBaseUri()).hasToString("http://127.0.0.1:1/v2");
  }

  @Test
  void keysWithoutPrefixBelongToUs1AndNullIsRefused() {
    assertThat(Pod.fromApiKey("")).isEqualTo(Pod.US1);
    assertThat(Pod.fromApiKey("0123456789abcdef0123456789abcdef")).isEqualTo(Pod.US1);
    assertThatThrownBy(() -> Pod.fromApiKey(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostsAreDerivedFromThePodIdAsTheWebSdkDoes() {
    // mparticle-web-sdk src/store.ts processDirectBaseUrls: the prefix goes after the first host
    // label.
    assertThat(Pod.US1.eventsBaseUrl()).isEqualTo("https://s2s.us1.mparticle.com/v2");
    assertThat(Pod.US2.eventsBaseUrl()).isEqualTo("https://s2s.us2.mparticle.com/v2");
    assertThat(Pod.EU1.eventsBaseUrl()).isEqualTo("https://s2s.eu1.mparticle.com/v2");
    assertThat(Pod.AU1.eventsBaseUrl()).isEqualTo("https://s2s.au1.mparticle.com/v2");
    assertThat(Pod.US1.identityBaseUrl()).isEqualTo("https://identity.us1.mparticle.com/v1");
    assertThat(Pod.US2.identityBaseUrl()).isEqualTo("https://identity.us2.mparticle.com/v1");
    assertThat(Pod.EU1.identityBaseUrl()).isEqualTo("https://identity.eu1.mparticle.com/v1");
    assertThat(Pod.AU1.identityBaseUrl()).isEqualTo("https://identity.au1.mparticle.com/v1");
    assertThat(Pod.ST1.identityBaseUrl()).isEqualTo("https://identity.st1.mparticle.com/v1");
    assertThat(Pod.of("XY3").eventsBaseUrl()).isEqualTo("https://s2s.xy3.mparticle.com/v2");
    assertThat(Pod.of("eu1")).isSameAs(Pod.EU1);
    assertThat(Pod.EU1).hasToString("EU1");
    assertThatThrownBy(() -> Pod.of("evil.com/")).isInstanceOf(IllegalArgumentException.class);
    for (Pod pod : Pod.values()) {
      assertThat(pod.configBaseUrl()).isEqualTo("https://config2.mparticle.com");
    }
  }

  @Test
  void environmentWireValues() {
    assertThat(Environment.DEVELOPMENT.wireName()).isEqualTo("development");
    assertThat(Environment.PRODUCTION.wireName()).isEqualTo("production");
    assertThat(Environment.DEVELOPMENT.configHeaderValue()).isEqualTo(1);
    assertThat(Environment.PRODUCTION.configHeaderValue()).isEqualTo(2);
  }
}
