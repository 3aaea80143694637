package dev.spoke;

import dev.spoke.event.Event;
import dev.spoke.internal.capture.AttributeOp;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point: one instance per workspace, created from {@link SpokeOptions}, closed when the
 * host app is done with it.
 *
 * <pre>{@code
 * try (Spoke spoke = Spoke.create(SpokeOptions.builder(workspace).build())) {
 *   spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "42"))
 *        .logEvent(CustomEvent.builder("Signed Up").attribute("plan", "pro").build());
 * }
 * }</pre>
 *
 * <p>Tracking calls ({@link #logEvent}, the {@link SpokeUser} methods) validate and capture on the
 * calling thread and hand the record to a bounded queue; they never block and, outside strict mode,
 * never throw. A worker thread batches and uploads; kits run on their own threads. Instances share
 * nothing mutable: two instances for two workspaces in one JVM are independent.
 */
public final class Spoke implements AutoCloseable {
  /** This library's version, sent as {@code sdk_version}. */
  public static final String SDK_VERSION = "0.1.0";

  private final SpokeWiring parts;

  private Spoke(SpokeOptions o, KitHub kitHub, Sleeper sleeper) {
    this.parts = new SpokeWiring(o, kitHub, sleeper, this::close);
  }

  /** The shutdown hook of {@code closeOnShutdown}, or null; for tests. */
  Thread shutdownHook() {
    return parts.lifecycle.shutdownHook();
  }

  /**
   * Creates and starts an instance. Fails fast (IllegalArgumentException / IllegalStateException)
   * on bad configuration.
   */
  public static Spoke create(SpokeOptions options) {
    Objects.requireNonNull(
        options, "options is null: build them with SpokeOptions.builder(workspace)");
    return new Spoke(options, null, null);
  }

  /** For tests in this package: an injected kit hub and sleeper. */
  static Spoke create(SpokeOptions options, KitHub kits, Sleeper sleeper) {
    return new Spoke(options, kits, sleeper);
  }

  // ------------------------------------------------------------------------------ users and
  // tracking

  /**
   * The current user of a client-style app (anonymous until {@link #identify} or {@link #login}).
   */
  public SpokeUser currentUser() {
    return handle(parts.users.current());
  }

  /**
   * A server-style handle for one user, named by their identities. Handles for equal identities
   * share state.
   */
  public SpokeUser user(UserIdentities identities) {
    UserIdentities ids =
        identities == null ? UserIdentities.empty() : parts.users.clean(identities);
    return handle(parts.users.context(ids));
  }

  /**
   * The user's handle: the one handed out before when there is one (lookups are on the tracking
   * path of server apps, once per event; a handle holds nothing but the user and this instance).
   */
  private SpokeUser handle(UserContext u) {
    Object h = u.handle();
    if (h instanceof SpokeUser) {
      return (SpokeUser) h;
    }
    SpokeUser made = new SpokeUser(this, u);
    u.handle(made);
    return made;
  }

  /** Shorthand for {@code user(UserIdentities.of(IdentityType.CUSTOMER_ID, customerId))}. */
  public SpokeUser user(String customerId) {
    return user(
        customerId == null
            ? UserIdentities.empty()
            : UserIdentities.of(IdentityType.CUSTOMER_ID, customerId));
  }

  /** Logs an event for the current user. */
  public void logEvent(Event event) {
    parts.capture.track(parts.users.current(), event);
  }

  void track(UserContext u, Event event) {
    parts.capture.track(u, event);
  }

  void startSession(UserContext u) {
    parts.capture.session(u, true);
  }

  void endSession(UserContext u) {
    parts.capture.session(u, false);
  }

  void attributeOp(UserContext u, AttributeOp op, String name, Object value) {
    parts.userChanges.attribute(u, op, name, value);
  }

  void consent(UserContext u, ConsentState state) {
    parts.userChanges.consent(u, state);
  }

  /** The most journaled bytes the start-up replay held in memory at once (for tests). */
  long replayPeakHeldBytes() {
    return parts.pipeline.replayPeakHeldBytes();
  }

  /** Users Spoke currently keeps state for (for tests and metrics). */
  int trackedUsers() {
    return parts.users.size();
  }

  // ------------------------------------------------------------------------------ identity

  /**
   * IDSync identify for the current user with these identities; becomes the current user. Completes
   * on a Spoke thread.
   */
  public CompletableFuture<IdentityResult> identify(UserIdentities identities) {
    return parts.identity.switchUser(IdentityCall.IDENTIFY, identities);
  }

  /**
   * IDSync login: the current user becomes the user of these identities. Completes on a Spoke
   * thread.
   */
  public CompletableFuture<IdentityResult> login(UserIdentities identities) {
    return parts.identity.switchUser(IdentityCall.LOGIN, identities);
  }

  /** IDSync logout: the current user becomes anonymous. Completes on a Spoke thread. */
  public CompletableFuture<IdentityResult> logout() {
    return parts.identity.switchUser(IdentityCall.LOGOUT, UserIdentities.empty());
  }

  /**
   * IDSync modify: changes the current user's identities (same MPID). Completes on a Spoke thread.
   */
  public CompletableFuture<IdentityResult> modify(UserIdentities newIdentities) {
    return parts.identity.modify(newIdentities);
  }

  /**
   * IDSync alias: copies the source user's data collected in the request's window to the
   * destination user, as the platform's SDKs' {@code aliasUsers} does (docs/WIRE.md section 5). A
   * request that breaks the SDKs' rules (both MPIDs set and different, both times set, start not
   * after end) is not sent: the future fails with an {@link dev.spoke.user.IdentityException}
   * naming the problem. Never throws; completes on a Spoke thread; 429/5xx are retried as for the
   * other IDSync calls.
   *
   * @param request the alias request
   * @return completes (with null) once the platform accepted the request
   */
  public CompletableFuture<Void> aliasUsers(AliasRequest request) {
    return parts.identity.alias(request);
  }

  CompletableFuture<IdentityResult> identifyUser(UserContext u) {
    return parts.identity.identify(u);
  }

  // ------------------------------------------------------------------------------ credentials,
  // kits, opt-out

  /**
   * Replaces the workspace's API secret (for example after a rotation). Uploads paused by a 401/403
   * resume at once with the new secret; IDSync uses it from its next request.
   *
   * @throws IllegalArgumentException if the secret is null or blank
   */
  public void updateSecret(String apiSecret) {
    parts.updateSecret(apiSecret);
  }

  /**
   * Module ids of the kits currently running (enabled by the workspace configuration and created).
   */
  public List<Integer> activeKits() {
    return parts.kits.activeKits();
  }

  /**
   * Fetches the kit configuration again now, instead of waiting for the periodic refresh (every 10
   * minutes).
   */
  public void refreshConfiguration() {
    parts.kits.refreshConfiguration();
  }

  /**
   * Opts the user out of (or back into) tracking: logs an {@code opt_out} event, stops collection,
   * tells kits, persists it.
   */
  public void setOptOut(boolean out) {
    parts.capture.optOut(out);
  }

  /** Whether the user is opted out of tracking (see {@link #setOptOut(boolean)}). */
  public boolean isOptedOut() {
    return parts.optOut.isOptedOut();
  }

  // ------------------------------------------------------------------------------ flush, close,
  // metrics

  /**
   * Uploads everything accepted so far and waits until it is delivered or dropped, or the timeout
   * passes. Safe to call from any thread; never throws.
   */
  public FlushResult flush(Duration timeout) {
    return parts.lifecycle.flush(timeout);
  }

  /** {@link #close(Duration)} with a 10 s timeout. */
  @Override
  public void close() {
    close(Lifecycle.DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Flushes, then stops every Spoke thread of this instance. Idempotent: later calls return the
   * first result. Events still unsent at the timeout stay in the journal when one is configured;
   * otherwise they are counted as {@link DropReason#UNSENT_AT_CLOSE}. Tracking calls after close
   * are counted as {@link DropReason#CLOSED}.
   */
  public FlushResult close(Duration timeout) {
    return parts.lifecycle.close(timeout);
  }

  /** A snapshot of this instance's counters. */
  public SpokeMetrics metrics() {
    return parts.metrics();
  }

  /**
   * Whether uploads are getting through right now (OK, failing and retrying, or paused on rejected
   * credentials), with the reason and since when: for health checks. Never blocks; never holds the
   * secret.
   */
  public UploadStatus uploadStatus() {
    return parts.uploadStatus.current();
  }

  public Workspace workspace() {
    return parts.workspace;
  }

  @Override
  public String toString() {
    return "Spoke{" + parts.workspace + '}';
  }
}
