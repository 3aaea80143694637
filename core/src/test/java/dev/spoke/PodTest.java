package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PodTest {

    @ParameterizedTest
    @CsvSource({
        "us2-abc, US2",
        "US2-abc, US2",
        "eu1-0123456789abcdef, EU1",
        "Au1-key, AU1",
        "us1-abc, US1",
        "abcdef, US1",
        "xx9-abc, US1",
        "-abc, US1",
        "us2, US1",
        "eu1-abc-def, EU1",
    })
    void readsPodFromKeyPrefix(String key, Pod expected) {
        assertThat(Pod.fromApiKey(key)).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyKeysBelongToUs1() {
        assertThat(Pod.fromApiKey(null)).isEqualTo(Pod.US1);
        assertThat(Pod.fromApiKey("")).isEqualTo(Pod.US1);
    }

    @Test
    void hostsPerPod() {
        assertThat(Pod.US1.eventsBaseUrl()).isEqualTo("https://s2s.us1.mparticle.com/v2");
        assertThat(Pod.US2.eventsBaseUrl()).isEqualTo("https://s2s.us2.mparticle.com/v2");
        assertThat(Pod.EU1.eventsBaseUrl()).isEqualTo("https://s2s.eu1.mparticle.com/v2");
        assertThat(Pod.AU1.eventsBaseUrl()).isEqualTo("https://s2s.au1.mparticle.com/v2");
        assertThat(Pod.US1.identityBaseUrl()).isEqualTo("https://identity.mparticle.com/v1");
        assertThat(Pod.US2.identityBaseUrl()).isEqualTo("https://identity.us2.mparticle.com/v1");
        assertThat(Pod.EU1.identityBaseUrl()).isEqualTo("https://identity.eu1.mparticle.com/v1");
        assertThat(Pod.AU1.identityBaseUrl()).isEqualTo("https://identity.au1.mparticle.com/v1");
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
