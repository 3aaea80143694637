package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void neverPrintsTheValue() {
    Secret s = Secret.of("s3cr3t-value");
    assertThat(s.toString()).isEqualTo("Secret[****]").doesNotContain("s3cr3t");
    assertThat(s.reveal()).isEqualTo("s3cr3t-value");
  }

  @Test
  void equalsByValue() {
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
    assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abcd"));
    assertThat(Secret.of("abc")).isNotEqualTo("abc");
  }

  @Test
  void rejectsMissingSecretWithoutShowingIt() {
    assertThatThrownBy(() -> Secret.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiSecret");
    assertThatThrownBy(() -> Secret.of("   \t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiSecret")
        .hasMessageContaining("blank");
  }
}
