package dev.spoke.internal.user;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationIssue;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.validate.IdentityValidator;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The users one instance keeps state for: one {@link UserContext} per identity set, the current
 * user of a client-style app, the session timeout, and the idle sweep that ends sessions and
 * forgets users. Lookups are lock-free; a user's own lock is held only to read or change that
 * user's session. Not API.
 */
public final class UserRegistry {
  /** How long a user with no session and no activity is kept before being forgotten. */
  public static final long USER_IDLE_MILLIS = Duration.ofMinutes(60).toMillis();

  private final Clock clock;
  private final ServiceLimits limits;
  private final boolean strict;
  private final Consumer<ValidationIssue> issues;
  private final IdentityValidator identityValidator;
  private final ConcurrentHashMap<UserIdentities, UserContext> users = new ConcurrentHashMap<>();
  private volatile UserContext current;
  private volatile long sessionTimeoutMillis;

  /**
   * @param issues where the validation issues of identities and attributes go (counted and
   *     reported)
   */
  public UserRegistry(
      Clock clock,
      ServiceLimits limits,
      boolean strict,
      long sessionTimeoutMillis,
      IdentityValidator identityValidator,
      Consumer<ValidationIssue> issues) {
    this.clock = clock;
    this.limits = limits;
    this.strict = strict;
    this.issues = issues;
    this.identityValidator = identityValidator;
    this.sessionTimeoutMillis = sessionTimeoutMillis;
    this.current = context(UserIdentities.empty());
  }

  /** The current user of a client-style app (anonymous until an identify or login). */
  public UserContext current() {
    return current;
  }

  /** Makes {@code u} the current user. */
  public void current(UserContext u) {
    this.current = u;
  }

  /**
   * The context for these identities (already cleaned), created on first use; handles for equal
   * identities share it.
   */
  public UserContext context(UserIdentities ids) {
    UserContext u = users.get(ids);
    if (u != null) {
      u.touch(clock.millis());
      return u;
    }
    return users.computeIfAbsent(ids, k -> new UserContext(k, newAttributeState(), clock.millis()));
  }

  /** A context that is not registered (a logout's anonymous user). */
  public UserContext detached(UserIdentities ids) {
    return new UserContext(ids, newAttributeState(), clock.millis());
  }

  /**
   * Registers {@code u} under its new identities (after a modify); the old entry stays until swept.
   */
  public void register(UserIdentities ids, UserContext u) {
    users.put(ids, u);
  }

  /** Users currently kept. */
  public int size() {
    return users.size();
  }

  public long sessionTimeoutMillis() {
    return sessionTimeoutMillis;
  }

  /** Applies a session timeout from the workspace configuration. */
  public void sessionTimeoutMillis(long millis) {
    this.sessionTimeoutMillis = millis;
  }

  private UserAttributeState newAttributeState() {
    return new UserAttributeState(limits, strict, issues);
  }

  private static final IdentityType[] TYPES = IdentityType.values();

  /**
   * The identities with each value made fit for the wire; the same object when nothing changed.
   *
   * <p>Runs on every {@code Spoke.user(...)} call, so it walks the identity types and reads each
   * value: no iterator or entry objects (the map's unmodifiable view wraps every entry it hands
   * out). A new object is built only when a value changes.
   */
  public UserIdentities clean(UserIdentities ids) {
    int left = ids.size();
    UserIdentities.Builder b = null;
    for (int i = 0; i < TYPES.length && left > 0; i++) {
      IdentityType t = TYPES[i];
      String value = ids.get(t);
      if (value == null) continue;
      left--;
      String v = identityValidator.clean(t, value);
      if (b == null && !Objects.equals(v, value)) {
        // First change: copy what was already accepted, then continue on the copy.
        b = UserIdentities.builder();
        for (int j = 0; j < i; j++) {
          String earlier = ids.get(TYPES[j]);
          if (earlier != null) b.put(TYPES[j], earlier);
        }
      }
      if (b != null && v != null) b.put(t, v);
    }
    return b == null ? ids : b.build();
  }

  /**
   * Runs on the worker at every upload tick: ends sessions idle past the timeout, and forgets users
   * idle for longer than {@link #USER_IDLE_MILLIS} (or the session timeout, if longer) so a server
   * tracking ever new users does not grow without bound. A forgotten user's handles keep working; a
   * new handle for the same identities starts from an empty local state (the platform keeps the
   * profile).
   *
   * @return the session-end events to batch, or null when there are none
   */
  public List<Record> expireSessions(Long now) {
    List<Record> out = null;
    long idle = Math.max(USER_IDLE_MILLIS, sessionTimeoutMillis);
    for (Map.Entry<UserIdentities, UserContext> e : users.entrySet()) {
      UserContext u = e.getValue();
      SessionEvents sc = new SessionEvents();
      boolean forget;
      synchronized (u.lock) {
        u.expireLocked(now, sessionTimeoutMillis, sc);
        forget = sc.isEmpty() && u != current && u.idleLocked(now, idle);
      }
      if (!sc.isEmpty()) {
        if (out == null) out = new ArrayList<>();
        out.addAll(sc.records(u));
      } else if (forget) {
        users.remove(e.getKey(), u);
      }
    }
    return out;
  }
}
