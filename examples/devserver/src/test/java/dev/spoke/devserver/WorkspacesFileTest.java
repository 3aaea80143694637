package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkspacesFileTest {

  @Test
  void exampleFileParses() {
    WorkspacesFile example = WorkspacesFile.example();
    assertThat(example.workspaces()).hasSize(3);
    WorkspacesFile.Workspace web =
        example.workspace("us1-devkey0000000000000000000001").orElseThrow();
    assertThat(web.identityScope()).isEqualTo(WorkspacesFile.IdentityScope.ACCOUNT);
    assertThat(web.kits()).extracting(WorkspacesFile.Kit::id).containsExactly(160, 1_000_001);
    assertThat(web.kits().get(0).filters().get("ec")).containsEntry("-2018143797", 0);
    assertThat(example.workspace("eu1-prodkey000000000000000000003").orElseThrow().pod())
        .isEqualTo("eu1");
  }

  @Test
  void defaultsAndPodFromKey() {
    WorkspacesFile f = WorkspacesFile.parse(TestSupport.WORKSPACES);
    WorkspacesFile.Workspace w5 = f.workspace("us2-k5").orElseThrow();
    assertThat(w5.pod()).isEqualTo("us2");
    assertThat(w5.inputKind()).isEqualTo(WorkspacesFile.InputKind.PLATFORM);
    assertThat(w5.environment()).isEqualTo("development");
    assertThat(f.workspace("k3").orElseThrow().pod()).isEqualTo("us1");
    assertThat(f.workspace("k1").orElseThrow().scopeKey())
        .isEqualTo(f.workspace("k2").orElseThrow().scopeKey());
    assertThat(f.workspace("k3").orElseThrow().scopeKey())
        .isNotEqualTo(f.workspace("k4").orElseThrow().scopeKey());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    WorkspacesFile f = WorkspacesFile.parse(TestSupport.WORKSPACES);
    assertThat(f.workspace("k1").orElseThrow().toString()).doesNotContain("s1").contains("k1");
  }

  @Test
  void badFilesFailFastNamingTheField() {
    assertThatThrownBy(() -> WorkspacesFile.parse("{")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> WorkspacesFile.parse("{\"organizations\":[]}"))
        .hasMessageContaining("organizations");
    String noSecret =
        "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\",\"workspaces\":"
            + "[{\"id\":\"w\",\"apiKey\":\"k\"}]}]}]}";
    assertThatThrownBy(() -> WorkspacesFile.parse(noSecret)).hasMessageContaining("apiSecret");
    String badScope =
        noSecret.replace(
            "\"apiKey\":\"k\"",
            "\"apiKey\":\"k\",\"apiSecret\":\"s\",\"identityScope\":\"galaxy\"");
    assertThatThrownBy(() -> WorkspacesFile.parse(badScope))
        .hasMessageContaining("identityScope 'galaxy'");
    String dup =
        "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\",\"workspaces\":"
            + "[{\"id\":\"w\",\"apiKey\":\"k\",\"apiSecret\":\"s\"},{\"id\":\"w2\",\"apiKey\":\"k\",\"apiSecret\":\"t\"}]}]}]}";
    assertThatThrownBy(() -> WorkspacesFile.parse(dup)).hasMessageContaining("apiKey 'k'");
    String badFilter =
        noSecret.replace(
            "\"apiKey\":\"k\"",
            "\"apiKey\":\"k\",\"apiSecret\":\"s\",\"kits\":[{\"id\":1,\"filters\":{\"et\":{\"5\":2}}}]");
    assertThatThrownBy(() -> WorkspacesFile.parse(badFilter)).hasMessageContaining("filter et[5]");
  }

  @Test
  void builderRequiresWorkspaces() {
    assertThatThrownBy(() -> DevServer.builder().build()).hasMessageContaining("workspaces");
    assertThatThrownBy(() -> DevServer.builder().port(70000)).hasMessageContaining("port is 70000");
  }

  @Test
  void theServerPlaceholderKeepsProjectionsAndEventAttributeMappings() {
    WorkspacesFile f =
        WorkspacesFile.parse(
                "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\","
                    + "\"workspaces\":[{\"id\":\"w\",\"apiKey\":\"k\",\"apiSecret\":\"s\",\"identityScope\":\"workspace\","
                    + "\"kits\":[{\"id\":160,\"settings\":{\"endpoint\":\"{devserver}/sink/x\"},"
                    + "\"filters\":{\"eaa\":{\"12\":\"favorites\"}},\"pr\":[{\"id\":3}]}]}]}]}]}")
            .withServer("http://127.0.0.1:1");
    WorkspacesFile.Kit kit = f.workspace("k").orElseThrow().kits().get(0);
    assertThat(kit.settings()).containsEntry("endpoint", "http://127.0.0.1:1/sink/x");
    assertThat(kit.attributeMappings()).containsKey("eaa");
    assertThat(kit.projections().get(0).get("id").asInt()).isEqualTo(3);
  }
}
