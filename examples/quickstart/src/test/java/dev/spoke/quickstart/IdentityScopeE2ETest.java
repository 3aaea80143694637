package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDK → local platform: the MPID of one email across two workspaces of one account is shared when
 * the workspaces' identity scope is {@code account}, and distinct when it is {@code workspace}.
 */
class IdentityScopeE2ETest {
  private static final String SHARED_1 = "us1-scopeaccount00000000000001";
  private static final String SHARED_2 = "us1-scopeaccount00000000000002";
  private static final String OWN_1 = "us1-scopeworkspace000000000001";
  private static final String OWN_2 = "us1-scopeworkspace000000000002";

  @TempDir Path dir;

  private static String workspace(String id, String key, String scope) {
    return "{\"id\":\""
        + id
        + "\",\"apiKey\":\""
        + key
        + "\",\"apiSecret\":\"s-"
        + id
        + "\",\"identityScope\":\""
        + scope
        + "\"}";
  }

  private static final String WORKSPACES =
      "{\"organizations\":[{\"id\":\"acme\",\"accounts\":["
          + "{\"id\":\"shared\",\"workspaces\":["
          + workspace("web", SHARED_1, "account")
          + ","
          + workspace("ios", SHARED_2, "account")
          + "]},"
          + "{\"id\":\"separate\",\"workspaces\":["
          + workspace("web2", OWN_1, "workspace")
          + ","
          + workspace("ios2", OWN_2, "workspace")
          + "]}]}]}";

  /**
   * Logs in the email through a fresh Spoke for the workspace, tracks one event, and returns the
   * MPID.
   */
  private static long loginAndTrack(DevServer platform, String key, String secret, String email)
      throws Exception {
    Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder(key, secret).build())
                .endpoint(platform.baseUri())
                .kitsEnabled(false)
                .uploadInterval(Duration.ofMillis(50))
                .build());
    try {
      long mpid =
          spoke
              .login(UserIdentities.builder().email(email).build())
              .get(10, TimeUnit.SECONDS)
              .mpid();
      spoke.currentUser().setAttribute("seen_in", key);
      spoke.logEvent(CustomEvent.builder("signed in").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      return mpid;
    } finally {
      spoke.close();
    }
  }

  @Test
  void accountScopeSharesTheMpidAcrossWorkspacesAndWorkspaceScopeDoesNot() throws Exception {
    try (DevServer platform =
        DevServer.builder()
            .workspaces(WorkspacesFile.parse(WORKSPACES))
            .dataDirectory(dir)
            .seed(11)
            .build()
            .start()) {
      long a1 = loginAndTrack(platform, SHARED_1, "s-web", "grace@example.com");
      long a2 = loginAndTrack(platform, SHARED_2, "s-ios", "grace@example.com");
      long w1 = loginAndTrack(platform, OWN_1, "s-web2", "grace@example.com");
      long w2 = loginAndTrack(platform, OWN_2, "s-ios2", "grace@example.com");

      assertThat(a2).as("account scope: one person, one MPID in both workspaces").isEqualTo(a1);
      assertThat(w2).as("workspace scope: each workspace has its own MPID").isNotEqualTo(w1);
      assertThat(Set.of(a1, w1, w2)).as("no MPID leaks across accounts").hasSize(3);

      // A different email is a different person, even in the account scope.
      long other = loginAndTrack(platform, SHARED_2, "s-ios", "ada@example.com");
      assertThat(other).isNotEqualTo(a1);

      // The platform sees it the same way, and the events carry those MPIDs.
      assertThat(platform.mpidOf(SHARED_1, "email", "grace@example.com")).contains(a1);
      assertThat(platform.mpidOf(SHARED_2, "email", "grace@example.com")).contains(a1);
      assertThat(platform.mpidOf(OWN_1, "email", "grace@example.com")).contains(w1);
      assertThat(platform.mpidOf(OWN_2, "email", "grace@example.com")).contains(w2);
      assertThat(mpids(platform, SHARED_1)).containsExactly(a1);
      assertThat(mpids(platform, SHARED_2)).containsExactlyInAnyOrder(a1, other);
      assertThat(mpids(platform, OWN_1)).containsExactly(w1);
      assertThat(mpids(platform, OWN_2)).containsExactly(w2);

      // The shared profile holds what both workspaces wrote; the separate ones do not mix.
      assertThat(platform.profile(SHARED_1, a1)).containsEntry("seen_in", SHARED_2);
      assertThat(platform.profile(OWN_1, w1)).containsEntry("seen_in", OWN_1);
      assertThat(platform.profile(OWN_2, w2)).containsEntry("seen_in", OWN_2);
      assertThat(platform.failures()).isEmpty();
    }
  }

  private static Set<Long> mpids(DevServer platform, String key) {
    Set<Long> out = new HashSet<>();
    for (JsonNode b : platform.batches(key)) {
      if (b.path("events").size() > 0) {
        out.add(b.path("mpid").asLong());
      }
    }
    return out;
  }
}
