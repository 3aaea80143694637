package dev.spoke.internal.pipeline;

import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.validate.UserAttributeState;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.util.List;
import java.util.Map;

/**
 * Everything Spoke keeps about one user: identities, MPID, attributes, consent, session. One
 * context per identity set; a login to other identities makes a new context, so events logged
 * before the login keep the old user. Not API.
 *
 * <p>Fields written by tracking calls are guarded by {@link #lock} (held briefly, never across
 * I/O); the MPID and consent are volatile so the worker reads them without the lock.
 */
public final class UserContext {
  public final Object lock = new Object();
  private volatile UserIdentities identities;

  /** Canonical key (identity pairs), used for reporting and the journal. */
  public final String key;

  private volatile Long mpid;
  private volatile String identityContext;
  private volatile boolean loggedIn;
  private volatile ConsentState consent = ConsentState.empty();

  /** Number of IDSync calls in flight whose result will set this user's MPID. */
  private volatile int identityPending;

  private volatile long identityPendingSinceMillis;

  /** Bumped on every change that alters the batch header (guarded by lock for writers). */
  private volatile int version;

  final UserAttributeState attributes;

  // Session state, guarded by lock.
  long sessionId;
  String sessionUuid;
  long sessionStartMillis;
  long lastActivityMillis;
  long eventNum;

  /** The running session's fields, made once per session (guarded by lock). */
  private SessionContext session;

  /**
   * When a handle for this user was last handed out (written without the lock, read by the sweep):
   * a user someone just asked for is not idle, even before its first event.
   */
  private volatile long handedOutMillis;

  boolean sessionActive;

  public UserContext(UserIdentities identities, UserAttributeState attributes, long createdMillis) {
    this.identities = identities;
    this.attributes = attributes;
    this.key = keyOf(identities);
    this.lastActivityMillis = createdMillis;
    this.handedOutMillis = createdMillis;
  }

  /**
   * Records that a handle for this user was just handed out, so the idle sweep does not forget a
   * user that is about to be used. Writes at most about once a second per user (the tracking path
   * calls it).
   */
  public void touch(long now) {
    if (now - handedOutMillis > 1000) handedOutMillis = now;
  }

  static String keyOf(UserIdentities ids) {
    if (ids.isEmpty()) return "anonymous";
    StringBuilder sb = new StringBuilder();
    ids.asMap()
        .forEach(
            (t, v) -> {
              if (sb.length() > 0) sb.append('|');
              sb.append(t.eventsApiKey()).append('=').append(v);
            });
    return sb.toString();
  }

  public Long mpid() {
    return mpid;
  }

  public UserIdentities identities() {
    return identities;
  }

  /** Replaces the identities after a successful IDSync modify. */
  public void identities(UserIdentities ids) {
    synchronized (lock) {
      this.identities = ids;
      version++;
    }
  }

  public boolean loggedIn() {
    return loggedIn;
  }

  public String identityContext() {
    return identityContext;
  }

  public ConsentState consent() {
    return consent;
  }

  public int version() {
    return version;
  }

  public UserAttributeState attributeState() {
    return attributes;
  }

  /** Sets the IDSync outcome for this user. */
  public void resolved(long mpid, boolean loggedIn, String context) {
    synchronized (lock) {
      this.mpid = mpid;
      this.loggedIn = loggedIn;
      if (context != null) this.identityContext = context;
      version++;
    }
  }

  public void setConsent(ConsentState consent) {
    synchronized (lock) {
      this.consent = consent;
      version++;
    }
  }

  /** Marks a header change (attributes changed); call with the lock held. */
  public void touchedLocked() {
    version++;
  }

  public void identityStarted(long nowMillis) {
    synchronized (lock) {
      if (identityPending == 0) identityPendingSinceMillis = nowMillis;
      identityPending++;
    }
  }

  public void identityFinished() {
    synchronized (lock) {
      if (identityPending > 0) identityPending--;
    }
  }

  /** Whether batches of this user should wait for an IDSync result (and how long it has waited). */
  public boolean holdForIdentity(long nowMillis, long holdMillis) {
    return identityPending > 0 && nowMillis - identityPendingSinceMillis < holdMillis;
  }

  /** Attributes for the batch header: a copy. */
  public Map<String, Object> attributesSnapshot() {
    synchronized (lock) {
      return attributes.snapshot();
    }
  }

  /**
   * Names removed since the last call, for {@code deleted_user_attributes}; bumps the version when
   * non-empty.
   */
  public List<String> drainDeleted() {
    synchronized (lock) {
      java.util.Set<String> d = attributes.drainDeleted();
      if (d.isEmpty()) return List.of();
      version++;
      return new java.util.ArrayList<>(d);
    }
  }

  /**
   * Notes activity and returns the session context for one event, starting a new session when none
   * is active or the last one timed out. Session start/end events to emit go to {@code out}. Call
   * with the lock held.
   */
  public SessionContext sessionForEventLocked(long now, long timeoutMillis, SessionSink out) {
    long n = eventNumForEventLocked(now, timeoutMillis, out);
    return session.withEventNum(n);
  }

  /**
   * Whether an event at {@code now} would end or start a session (so the caller must pass a sink to
   * {@link #eventNumForEventLocked}). Call with the lock held.
   */
  public boolean sessionChangesLocked(long now, long timeoutMillis) {
    return !sessionActive || now - lastActivityMillis > timeoutMillis;
  }

  /**
   * As {@link #sessionForEventLocked} without making a session object per event: returns the
   * event's number in the session, whose fields {@link #currentSessionLocked()} then gives (the
   * same object for every event of the session). {@code out} may be null when {@link
   * #sessionChangesLocked} said no. Call with the lock held.
   */
  public long eventNumForEventLocked(long now, long timeoutMillis, SessionSink out) {
    expireLocked(now, timeoutMillis, out);
    if (!sessionActive) {
      startSessionLocked(now, out);
    }
    lastActivityMillis = Math.max(lastActivityMillis, now);
    return ++eventNum;
  }

  /**
   * The running session (its {@code event_num} is that of its start event: pass each event's own
   * number beside it), or null when none has started. Call with the lock held.
   */
  public SessionContext currentSessionLocked() {
    return session;
  }

  /** Ends the session if it has been idle longer than the timeout. Call with the lock held. */
  public void expireLocked(long now, long timeoutMillis, SessionSink out) {
    if (sessionActive && now - lastActivityMillis > timeoutMillis) {
      endSessionAtLocked(lastActivityMillis, out);
    }
  }

  /** Ends the current session (if any) and starts a new one. Call with the lock held. */
  public void restartSessionLocked(long now, SessionSink out) {
    if (sessionActive) endSessionAtLocked(Math.max(now, lastActivityMillis), out);
    startSessionLocked(now, out);
  }

  /** Ends the current session now, if there is one. Call with the lock held. */
  public void endSessionLocked(long now, SessionSink out) {
    if (sessionActive) endSessionAtLocked(Math.max(now, lastActivityMillis), out);
  }

  /**
   * Whether this user can be forgotten: no session running, no IDSync call in flight, and no
   * activity for {@code idleMillis}. Call with the lock held.
   */
  public boolean idleLocked(long now, long idleMillis) {
    return !sessionActive
        && identityPending == 0
        && now - lastActivityMillis > idleMillis
        && now - handedOutMillis > idleMillis;
  }

  /** Whether a session is running (for tests and sweeps). */
  public boolean sessionActive() {
    synchronized (lock) {
      return sessionActive;
    }
  }

  private void endSessionAtLocked(long end, SessionSink out) {
    sessionActive = false;
    out.end(
        this,
        new SessionContext(sessionId, sessionUuid, sessionStartMillis, ++eventNum),
        end,
        end - sessionStartMillis);
  }

  private void startSessionLocked(long now, SessionSink out) {
    sessionActive = true;
    sessionId = java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1;
    sessionUuid = dev.spoke.internal.Ids.uuid();
    sessionStartMillis = now;
    lastActivityMillis = now;
    eventNum = 0;
    session = new SessionContext(sessionId, sessionUuid, sessionStartMillis, ++eventNum);
    out.start(this, session, now);
  }

  /** Receives the session events a call must emit. */
  public interface SessionSink {
    void start(UserContext user, SessionContext session, long timestampMillis);

    void end(UserContext user, SessionContext session, long timestampMillis, long durationMillis);
  }

  /**
   * The user's header fragment last built (no pending deletions) and the state version it reflects.
   * Batches are framed from the instance fragment and this one, so no joined header is kept per
   * user. Replaced whole, never changed, so any thread may read or replace it without a lock (a
   * lost race only rebuilds once more).
   */
  public record HeaderCache(int version, byte[] userFragment) {}

  private volatile HeaderCache headerCache;

  /** The header parts last built, of whatever version, or null. Any thread. */
  public HeaderCache headerCache() {
    return headerCache;
  }

  /** Replaces the cached header parts. Any thread. */
  public void headerCache(HeaderCache cache) {
    this.headerCache = cache;
  }

  /**
   * The API handle last handed out for this user, reused by every lookup of the same user so a
   * lookup allocates nothing (a handle is immutable: this context and its instance). Any thread; a
   * lost race makes one extra handle.
   */
  private volatile Object handle;

  /** The handle last handed out for this user, or null. */
  public Object handle() {
    return handle;
  }

  /** Keeps the handle to hand out for this user. */
  public void handle(Object h) {
    this.handle = h;
  }

  @Override
  public String toString() {
    return "UserContext{" + key + ", mpid=" + mpid + '}';
  }
}
