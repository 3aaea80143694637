package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
  private static final String SECRET = "TopSecretValue123";

  @Test
  void defaults() {
    Workspace w = Workspace.builder("eu1-key123", SECRET).build();
    assertThat(w.apiKey()).isEqualTo("eu1-key123");
    assertThat(w.secret().reveal()).isEqualTo(SECRET);
    assertThat(w.pod()).isEqualTo(Pod.EU1);
    assertThat(w.inputKind()).isEqualTo(InputKind.PLATFORM);
    assertThat(w.identityScope()).isEqualTo(IdentityScope.WORKSPACE);
    assertThat(w.environment()).isEqualTo(Environment.PRODUCTION);
    assertThat(w.account()).isNotNull();
    assertThat(w.organization()).isSameAs(w.account().organization());
    assertThat(w.limits()).isEqualTo(ServiceLimits.defaults());
    assertThat(w.name()).isNull();
  }

  @Test
  void explicitValuesAndLimitsFromOrganization() {
    ServiceLimits limits = ServiceLimits.builder().attributesPerEvent(10).build();
    Organization org = Organization.builder("org-1").name("Acme").limits(limits).build();
    Account acct = Account.builder("acct-1").name("Acme EU").organization(org).build();
    Workspace w =
        Workspace.builder()
            .apiKey("plainkey")
            .apiSecret(SECRET)
            .pod(Pod.AU1)
            .inputKind(InputKind.CUSTOM_FEED)
            .identityScope(IdentityScope.ORGANIZATION)
            .environment(Environment.DEVELOPMENT)
            .account(acct)
            .name("web")
            .build();
    assertThat(w.pod()).isEqualTo(Pod.AU1);
    assertThat(w.inputKind()).isEqualTo(InputKind.CUSTOM_FEED);
    assertThat(w.identityScope()).isEqualTo(IdentityScope.ORGANIZATION);
    assertThat(w.environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(w.account()).isEqualTo(acct);
    assertThat(w.organization()).isEqualTo(org);
    assertThat(w.limits().attributesPerEvent()).isEqualTo(10);
    assertThat(w.toBuilder().build()).isEqualTo(w).hasSameHashCodeAs(w);
    assertThat(w.toBuilder().environment(Environment.PRODUCTION).build()).isNotEqualTo(w);
    assertThat(w.toBuilder().apiSecret("other").build()).isNotEqualTo(w);
  }

  @Test
  void toStringShowsKeyPodEnvironmentButNeverTheSecret() {
    Workspace w = Workspace.builder("us2-key", SECRET).environment(Environment.DEVELOPMENT).build();
    assertThat(w.toString())
        .contains("us2-key")
        .contains("US2")
        .contains("DEVELOPMENT")
        .doesNotContain(SECRET);
    assertThat(w.account().toString()).doesNotContain(SECRET);
  }

  @Test
  void failsFastWithParameterValueAndFix() {
    assertThatThrownBy(() -> Workspace.builder(null, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey")
        .hasMessageContaining("null");
    assertThatThrownBy(() -> Workspace.builder("  ", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey")
        .hasMessageContaining("\"  \"")
        .hasMessageContaining("pass");
    assertThatThrownBy(() -> Workspace.builder("key", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiSecret");
    assertThatThrownBy(() -> Workspace.builder().apiSecret(SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> Workspace.builder().apiKey("key").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiSecret");
    assertThatThrownBy(() -> Workspace.builder("key", SECRET).environment(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment");
    assertThatThrownBy(() -> Workspace.builder("key", SECRET).inputKind(null))
        .hasMessageContaining("inputKind");
    assertThatThrownBy(() -> Workspace.builder("key", SECRET).identityScope(null))
        .hasMessageContaining("identityScope");
    assertThatThrownBy(() -> Workspace.builder("key", SECRET).secret(null))
        .hasMessageContaining("apiSecret");
    assertThatThrownBy(() -> Organization.builder("")).hasMessageContaining("organization id");
    assertThatThrownBy(() -> Organization.builder("o").limits(null)).hasMessageContaining("limits");
    assertThatThrownBy(() -> Account.builder(null)).hasMessageContaining("account id");
  }

  @Test
  void implicitParentsAreDistinctPerWorkspaceAndAccount() {
    Workspace a = Workspace.builder("key-a", SECRET).build();
    Workspace b = Workspace.builder("key-b", SECRET).build();
    assertThat(a.account()).isNotEqualTo(b.account());
    assertThat(a.organization()).isNotEqualTo(b.organization());
    Account x = Account.builder("x").build();
    assertThat(x.organization().limits()).isEqualTo(ServiceLimits.defaults());
    assertThat(x.organization()).isNotEqualTo(Account.builder("y").build().organization());
    assertThat(x.toBuilder().build()).isEqualTo(x);
    Organization o = Organization.builder("o").name("n").build();
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
  }
}
