package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Attributes within every per-attribute limit never make a user's events undeliverable. */
class UserHeaderDeliveryTest {

  @Test
  void aUserWithMaximalListsStillGetsEveryEventDelivered() throws Exception {
    List<ValidationIssue> issues = new CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-uh", "secret-uh").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .uploadInterval(Duration.ofMillis(20))
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onValidation(ValidationIssue issue) {
                          issues.add(issue);
                        }
                      })
                  .build());
      SpokeUser u = spoke.user("big-header");
      List<String> maximal = Collections.nCopies(1000, "v".repeat(512));
      u.setAttributeList("first", maximal);
      u.setAttributeList("second", maximal);
      u.setAttribute("plan", "gold");
      for (int i = 0; i < 5; i++) {
        u.logEvent(CustomEvent.builder("after-" + i).build());
      }
      FlushResult r = spoke.close(Duration.ofSeconds(10));
      assertThat(r.dropped()).doesNotContainKey(DropReason.RECORD_TOO_LARGE);
      assertThat(s.events("custom_event")).hasSize(5);
      assertThat(issues).extracting(ValidationIssue::key).contains("first", "second");
    }
  }
}
