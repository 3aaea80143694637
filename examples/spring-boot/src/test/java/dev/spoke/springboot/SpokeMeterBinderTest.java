package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.ValidationRule;
import dev.spoke.Workspace;
import dev.spoke.event.CustomEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The naming scheme, bound to a plain registry: every documented meter exists with its tags. */
class SpokeMeterBinderTest {

  @Test
  void everyDocumentedMeterIsRegisteredWithTheWorkspaceTag() {
    // Nothing listens on port 1: uploads fail (network), which registers a failure counter for
    // status 0.
    Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder("us1-binder", "binder-secret").build())
                .endpoint(URI.create("http://127.0.0.1:1"))
                .kitsEnabled(false)
                .uploadInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build());
    try {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      // Micrometer holds the binder weakly (as for any meter's state object): keep it, as the
      // Spring bean is kept.
      SpokeMeterBinder binder = new SpokeMeterBinder(spoke);
      binder.bindTo(registry);
      Set<String> names =
          registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
      assertThat(names)
          .contains(
              "spoke.events.accepted",
              "spoke.events.delivered",
              "spoke.events.dropped",
              "spoke.events.pending",
              "spoke.queue.depth",
              "spoke.batches.sent",
              "spoke.upload.bytes",
              "spoke.upload.retries",
              "spoke.upload.state",
              "spoke.journal.size",
              "spoke.spill.batches",
              "spoke.spill.size",
              "spoke.validation.issues");
      for (Meter m : registry.getMeters()) {
        assertThat(m.getId().getTag("workspace")).as(m.getId().getName()).isEqualTo("us1-binder");
      }
      assertThat(registry.find("spoke.events.dropped").meters())
          .hasSize(DropReason.values().length);
      assertThat(registry.find("spoke.validation.issues").meters())
          .hasSize(ValidationRule.values().length);
      assertThat(registry.find("spoke.upload.state").meters()).hasSize(3);
      assertThat(registry.get("spoke.upload.bytes").functionCounter().getId().getBaseUnit())
          .isEqualTo("bytes");

      spoke.user("u").logEvent(CustomEvent.builder("e").build());
      LocalPlatform.await(
          "a network failure shows as status 0",
          () -> {
            registry
                .get("spoke.events.accepted")
                .functionCounter()
                .count(); // a read refreshes the snapshot
            FunctionCounter c =
                registry.find("spoke.upload.failures").tag("status", "0").functionCounter();
            return c != null && c.count() > 0;
          },
          () -> spoke.metrics() + " " + spoke.uploadStatus());
      assertThat(registry.get("spoke.events.accepted").functionCounter().count())
          .isEqualTo(2.0); // session start + event
      assertThat(registry.get("spoke.upload.state").tag("state", "failing").gauge().value())
          .isEqualTo(1.0);
      assertThat(binder).isNotNull();
    } finally {
      spoke.close(Duration.ofMillis(200));
    }
  }
}
