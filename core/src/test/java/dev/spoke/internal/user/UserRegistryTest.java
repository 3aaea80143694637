package dev.spoke.internal.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.event.EventType;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry and its idle sweep on a hand-moved clock: no threads, no sleeping. */
class UserRegistryTest {
  private static final long TIMEOUT = 60_000;

  private final MovableClock clock = new MovableClock();
  private final List<ValidationIssue> issues = new ArrayList<>();
  private final UserRegistry users =
      new UserRegistry(
          clock,
          ServiceLimits.defaults(),
          false,
          TIMEOUT,
          new IdentityValidator(ServiceLimits.defaults(), false, issues::add),
          issues::add);

  private static UserIdentities customer(String id) {
    return UserIdentities.of(IdentityType.CUSTOMER_ID, id);
  }

  @Test
  void equalIdentitiesShareOneContextAndTheCurrentUserStartsAnonymous() {
    assertThat(users.context(customer("1"))).isSameAs(users.context(customer("1")));
    assertThat(users.current().identities().isEmpty()).isTrue();
    assertThat(users.size()).isEqualTo(2); // the anonymous current user and customer 1
    assertThat(users.detached(UserIdentities.empty())).isNotSameAs(users.current());
    assertThat(users.size()).as("a detached context is not kept").isEqualTo(2);
  }

  @Test
  void cleanReturnsTheSameIdentitiesWhenNothingNeedsFixingAndACleanCopyOtherwise() {
    UserIdentities fine =
        UserIdentities.builder()
            .customerId("c1")
            .email("a@example.com")
            .put(IdentityType.OTHER, "o")
            .build();
    assertThat(users.clean(fine)).isSameAs(fine);
    assertThat(issues).isEmpty();

    // A blank value in the middle is dropped; the values before and after it are kept.
    UserIdentities blankEmail =
        UserIdentities.builder().customerId("c1").email("   ").put(IdentityType.OTHER, "o").build();
    UserIdentities cleaned = users.clean(blankEmail);
    assertThat(cleaned)
        .isEqualTo(UserIdentities.builder().customerId("c1").put(IdentityType.OTHER, "o").build());
    assertThat(cleaned.get(IdentityType.EMAIL)).isNull();
    assertThat(issues).hasSize(1);
    assertThat(users.clean(UserIdentities.empty())).isSameAs(UserIdentities.empty());
  }

  @Test
  void equalIdentitiesBuiltSeparatelyFindTheSameContextAndDifferentOnesDoNot() {
    UserIdentities a = UserIdentities.builder().customerId("7").email("x@example.com").build();
    UserIdentities b = UserIdentities.builder().email("x@example.com").customerId("7").build();
    assertThat(a).isNotSameAs(b).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(users.context(users.clean(b))).isSameAs(users.context(users.clean(a)));
    UserIdentities other = UserIdentities.builder().customerId("7").email("y@example.com").build();
    assertThat(other).isNotEqualTo(a);
    assertThat(users.context(other)).isNotSameAs(users.context(a));
    assertThat(customer("7")).isNotEqualTo(a).isNotEqualTo(UserIdentities.empty());
  }

  @Test
  void eventsOfOneSessionShareItsFieldsAndNumberThemselvesWithoutASinkUntilTheSessionChanges() {
    UserContext u = users.context(customer("s"));
    long t = clock.millis();
    SessionEvents started = new SessionEvents();
    SessionContext first;
    synchronized (u.lock) {
      assertThat(u.sessionChangesLocked(t, TIMEOUT)).isTrue(); // no session yet
      assertThat(u.eventNumForEventLocked(t, TIMEOUT, started)).isEqualTo(2); // start event is 1
      first = u.currentSessionLocked();
      assertThat(u.sessionChangesLocked(t + 10, TIMEOUT)).isFalse();
      assertThat(u.eventNumForEventLocked(t + 10, TIMEOUT, null)).isEqualTo(3);
      assertThat(u.currentSessionLocked()).isSameAs(first);
      assertThat(u.sessionForEventLocked(t + 20, TIMEOUT, null))
          .isEqualTo(new SessionContext(first.sessionId(), first.sessionUuid(), t, 4));
    }
    assertThat(started.size()).isEqualTo(1);
    assertThat(started.session(0)).isSameAs(first);
    assertThat(first.eventNum()).isEqualTo(1);

    // Past the timeout: the session ends (numbered next), a new one starts and numbering restarts.
    long later = t + 20 + TIMEOUT + 1;
    SessionEvents changed = new SessionEvents();
    synchronized (u.lock) {
      assertThat(u.sessionChangesLocked(later, TIMEOUT)).isTrue();
      assertThat(u.eventNumForEventLocked(later, TIMEOUT, changed)).isEqualTo(2);
      assertThat(u.currentSessionLocked()).isNotSameAs(first);
      assertThat(u.currentSessionLocked().sessionStartMillis()).isEqualTo(later);
    }
    assertThat(changed.size()).isEqualTo(2);
    assertThat(changed.event(0).type()).isEqualTo(EventType.SESSION_END);
    assertThat(changed.session(0).sessionId()).isEqualTo(first.sessionId());
    assertThat(changed.session(0).eventNum()).isEqualTo(5);
    assertThat(changed.event(1).type()).isEqualTo(EventType.SESSION_START);
  }

  @Test
  void theSweepEndsIdleSessionsThenForgetsIdleUsersButNeverTheCurrentOne() {
    UserContext u = users.context(customer("1"));
    SessionEvents started = new SessionEvents();
    synchronized (u.lock) {
      u.sessionForEventLocked(clock.millis(), TIMEOUT, started);
    }
    assertThat(started.size()).isEqualTo(1);

    clock.advance(TIMEOUT + 1);
    List<Record> ended = users.expireSessions(clock.millis());
    assertThat(ended)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.user()).isSameAs(u);
              assertThat(r.event().type()).isEqualTo(EventType.SESSION_END);
            });
    assertThat(users.size()).as("ending a session is activity enough for this sweep").isEqualTo(2);

    clock.advance(UserRegistry.USER_IDLE_MILLIS + 1);
    assertThat(users.expireSessions(clock.millis())).isNull();
    assertThat(users.size()).as("customer 1 forgotten, the current user kept").isEqualTo(1);
    assertThat(users.context(customer("1")))
        .as("a new handle starts from empty state")
        .isNotSameAs(u);
  }

  @Test
  void aLongerSessionTimeoutKeepsUsersLonger() {
    users.sessionTimeoutMillis(3 * UserRegistry.USER_IDLE_MILLIS);
    users.context(customer("2"));
    clock.advance(2 * UserRegistry.USER_IDLE_MILLIS);
    users.expireSessions(clock.millis());
    assertThat(users.size()).isEqualTo(2);
    clock.advance(2 * UserRegistry.USER_IDLE_MILLIS);
    users.expireSessions(clock.millis());
    assertThat(users.size()).isEqualTo(1);
  }

  @Test
  void identitiesAreCleanedOnlyWhenSomethingNeedsIt() {
    UserIdentities fine = customer("42");
    assertThat(users.clean(fine)).isSameAs(fine);
    UserIdentities dirty =
        UserIdentities.builder()
            .put(IdentityType.EMAIL, "a@b.c")
            .put(IdentityType.CUSTOMER_ID, "4\u00002")
            .build();
    UserIdentities cleaned = users.clean(dirty);
    assertThat(cleaned.get(IdentityType.EMAIL)).isEqualTo("a@b.c");
    assertThat(cleaned.get(IdentityType.CUSTOMER_ID)).isEqualTo("42");
    assertThat(issues).isNotEmpty();
  }

  private static final class MovableClock extends Clock {
    private long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    void advance(long ms) {
      millis += ms;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
