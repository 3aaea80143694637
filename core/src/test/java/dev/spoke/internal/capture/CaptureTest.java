package dev.spoke.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.ServiceLimits;
import dev.spoke.SpokeListener;
import dev.spoke.ValidationIssue;
import dev.spoke.event.CustomEvent;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Pipeline;
import dev.spoke.internal.pipeline.PipelineConfig;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.user.UserRegistry;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.internal.validate.Validator;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capture path on the calling thread, with no worker, no uploader and no sleeping: the pipeline
 * is built but never started, so what a tracking call queued is read from its queue depth.
 */
class CaptureTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final Counters counters = new Counters();
  private final List<String> drops = new ArrayList<>();
  private final List<ValidationIssue> issues = new ArrayList<>();
  private final SpokeListener listener =
      new SpokeListener() {
        @Override
        public void onDrop(DropReason reason, long count, String detail) {
          drops.add(reason + " " + count + " " + detail);
        }
      };
  private Pipeline pipeline;
  private UserRegistry users;
  private OptOutStore optOut;
  private BatchHeaders headers;
  private Capture capture;

  private void start(int queueCapacity) {
    ServiceLimits limits = ServiceLimits.defaults();
    headers =
        new BatchHeaders(
            new HeaderSerializer()
                .instanceFragment(
                    dev.spoke.Environment.DEVELOPMENT, null, null, "0.0.0", null, null, null));
    users =
        new UserRegistry(
            clock,
            limits,
            false,
            60_000,
            new IdentityValidator(limits, false, issues::add),
            issues::add);
    optOut = new OptOutStore(null);
    PipelineConfig pc =
        PipelineConfig.builder()
            .queueCapacity(queueCapacity)
            .serializer(new EventSerializer())
            .headers(headers)
            .counters(counters)
            .listener(listener)
            .clock(clock)
            .build();
    pipeline = new Pipeline(pc); // never started: records stay in the queue
    capture =
        new Capture(
            pipeline.intake(),
            new Validator(limits, false, clock, issues::add),
            counters,
            listener,
            clock,
            KitHub.NONE,
            users,
            optOut,
            headers,
            false);
  }

  private UserContext user() {
    return users.context(UserIdentities.of(IdentityType.CUSTOMER_ID, "42"));
  }

  @Test
  void anAcceptedEventIsQueuedAfterTheSessionStartItOpens() {
    start(16);
    capture.track(user(), CustomEvent.builder("Signed Up").build());

    assertThat(pipeline.queueDepth()).isEqualTo(2);
    assertThat(counters.accepted.sum()).isEqualTo(2);
    assertThat(counters.droppedTotal()).isZero();
    assertThat(drops).isEmpty();

    capture.track(user(), CustomEvent.builder("Upgraded").build());
    assertThat(pipeline.queueDepth()).as("same session: no second session start").isEqualTo(3);
  }

  @Test
  void aNullEventIsCountedOnceAsAValidationDropAndReported() {
    start(16);
    capture.track(user(), null);

    assertThat(pipeline.queueDepth()).isZero();
    assertThat(counters.dropped(DropReason.VALIDATION)).isEqualTo(1);
    assertThat(counters.droppedTotal()).isEqualTo(1);
    assertThat(drops).singleElement().asString().startsWith("VALIDATION 1 logEvent(null)");
    assertThat(issues).as("the drop report names the fix; no validation issue on top").isEmpty();
  }

  @Test
  void afterCloseACallIsCountedAsClosedAndReportedAtOnce() {
    start(16);
    pipeline.intake().stopAccepting();
    capture.track(user(), CustomEvent.builder("late").build());

    assertThat(pipeline.queueDepth()).isZero();
    assertThat(counters.dropped(DropReason.CLOSED)).isEqualTo(1);
    assertThat(counters.droppedTotal()).isEqualTo(1);
    assertThat(drops).singleElement().asString().startsWith("CLOSED 1 an event was dropped");
  }

  @Test
  void aFullQueueDropsBeforeValidating() {
    start(2);
    capture.track(user(), CustomEvent.builder("fills the queue").build()); // session start + event
    assertThat(pipeline.queueDepth()).isEqualTo(2);

    capture.track(user(), null); // would be a validation drop, but the queue is full first
    assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.VALIDATION)).isZero();
    assertThat(issues).as("no validation ran").isEmpty();
    assertThat(counters.droppedTotal()).isEqualTo(1);
  }

  @Test
  void optedOutCallsAreCountedUnlessTheWorkspaceKeepsCollecting() {
    start(16);
    capture.optOut(true);
    assertThat(pipeline.queueDepth())
        .as("session start + opt_out event + the kits' signal")
        .isEqualTo(3);
    assertThat(counters.accepted.sum()).as("a signal is not an event").isEqualTo(2);
    assertThat(optOut.isOptedOut()).isTrue();

    capture.track(user(), CustomEvent.builder("refused").build());
    assertThat(counters.dropped(DropReason.OPTED_OUT)).isEqualTo(1);
    assertThat(pipeline.queueDepth()).isEqualTo(3);

    capture.optOut(true); // no change: no second opt_out event
    assertThat(pipeline.queueDepth()).isEqualTo(3);

    optOut.keepCollectingAfterOptOut(true);
    capture.track(user(), CustomEvent.builder("kept").build());
    assertThat(pipeline.queueDepth()).as("session start (another user) + event").isEqualTo(5);
    assertThat(counters.droppedTotal()).isEqualTo(1);
  }

  @Test
  void sessionCallsQueueTheEventsTheyEmit() {
    start(16);
    UserContext u = user();
    capture.session(u, true);
    assertThat(pipeline.queueDepth()).isEqualTo(1);
    capture.session(u, true); // ends the running session, starts another
    assertThat(pipeline.queueDepth()).isEqualTo(3);
    capture.session(u, false);
    assertThat(pipeline.queueDepth()).isEqualTo(4);
    capture.session(u, false); // nothing to end
    assertThat(pipeline.queueDepth()).isEqualTo(4);
    assertThat(counters.accepted.sum()).isEqualTo(4);
  }

  @Test
  void aHeaderCachedByATrackingThreadStillCarriesPendingDeletions() {
    start(16);
    UserContext u = user();
    synchronized (u.lock) {
      u.attributeState().set("plan", "pro");
      u.touchedLocked();
      u.attributeState().remove("plan");
      u.touchedLocked();
    }
    byte[] journaled =
        headers.userFragment(u); // what a durableOnReturn call caches for this version
    assertThat(new String(journaled, StandardCharsets.UTF_8))
        .doesNotContain("deleted_user_attributes");

    String sealed = new String(headers.header(u, clock.millis()), StandardCharsets.UTF_8);
    assertThat(sealed).contains("\"deleted_user_attributes\":[\"plan\"]");
    String next = new String(headers.header(u, clock.millis()), StandardCharsets.UTF_8);
    assertThat(next).as("a deletion is sent once").doesNotContain("deleted_user_attributes");
    assertThat(headers.estimate(u)).isEqualTo(next.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void eventsSpokeEmitsItselfSkipTheGateButNotValidation() {
    start(16);
    optOut.set(true);
    capture.capture(user(), CustomEvent.builder("profile change").build());
    assertThat(pipeline.queueDepth()).isEqualTo(2);
    capture.capture(user(), null);
    assertThat(counters.dropped(DropReason.VALIDATION)).isEqualTo(1);
    assertThat(counters.dropped(DropReason.OPTED_OUT)).isZero();
  }
}
