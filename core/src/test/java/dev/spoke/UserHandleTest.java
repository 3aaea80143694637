package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * User lookups hand out the same handle for the same user (a lookup on the tracking path allocates
 * no handle), different handles for different users, and the events logged through any of them
 * reach the same user.
 */
class UserHandleTest {
  private static Workspace ws() {
    return Workspace.builder("key-1", "secret-1").build();
  }

  @Test
  void lookupsOfTheSameIdentitiesReturnTheSameHandle() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(SpokeOptions.builder(ws()).endpoint(s.root()).kitsEnabled(false).build());
      SpokeUser a = spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "42"));
      assertThat(spoke.user(UserIdentities.builder().customerId("42").build())).isSameAs(a);
      assertThat(spoke.user("42")).isSameAs(a);
      assertThat(spoke.user("43")).isNotSameAs(a);
      assertThat(
              spoke.user(UserIdentities.builder().customerId("42").email("x@example.com").build()))
          .isNotSameAs(a);
      assertThat(spoke.currentUser()).isSameAs(spoke.currentUser()).isNotSameAs(a);
      assertThat(spoke.user((UserIdentities) null)).isSameAs(spoke.user((String) null));

      a.logEvent(CustomEvent.builder("one").build());
      spoke.user("42").logEvent(CustomEvent.builder("two").build());
      spoke.user("43").logEvent(CustomEvent.builder("three").build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      assertThat(s.events("custom_event")).hasSize(3);
      assertThat(spoke.trackedUsers())
          .isEqualTo(4); // anonymous (also the empty identities), 42, 43, 42+email
    }
  }
}
