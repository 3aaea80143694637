package dev.spoke.internal.identity;

import dev.spoke.SpokeValidationException;
import dev.spoke.event.IdentityChange;
import dev.spoke.event.ProfileEvent;
import dev.spoke.event.UserIdentityChange;
import dev.spoke.internal.capture.Capture;
import dev.spoke.internal.pipeline.Intake;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.user.UserRegistry;
import dev.spoke.user.AliasRequest;
import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity flow of one instance: identify, login, logout, modify and alias through IDSync, and
 * what each result changes locally (the current user, the user's MPID and identities, the profile
 * and identity-change events, the kits' identity callbacks). Futures complete on a Spoke thread and
 * none outlives {@link #close()}. The host only ever gets a copy of an internal future. Not API.
 */
public final class IdentityFlow {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityFlow.class);

  private final IdSyncClient idsync;
  private final ExecutorService executor;
  private final UserRegistry users;
  private final Capture capture;
  private final Intake intake;
  private final KitHub kits;
  private final Clock clock;
  private final String apiKey;
  private final String aliasBaseUri;

  /**
   * Futures handed to the host and not yet done; failed by {@link #close()} (see {@link #guard}).
   */
  private final Map<CompletableFuture<?>, IdentityCall> hostFutures = new ConcurrentHashMap<>();

  private volatile boolean closing;

  /**
   * @param executor the threads {@code idsync} runs on, stopped at {@link #close()}
   * @param aliasBaseUri where alias requests go (the platform serves them apart from IDSync)
   */
  public IdentityFlow(
      IdSyncClient idsync,
      ExecutorService executor,
      UserRegistry users,
      Capture capture,
      Intake intake,
      KitHub kits,
      Clock clock,
      String apiKey,
      String aliasBaseUri) {
    this.idsync = idsync;
    this.executor = executor;
    this.users = users;
    this.capture = capture;
    this.intake = intake;
    this.kits = kits;
    this.clock = clock;
    this.apiKey = apiKey;
    this.aliasBaseUri = aliasBaseUri;
  }

  /**
   * The threads IDSync calls and their retries run on: at most two daemon {@code spoke-identity-…}
   * threads that time out when idle, and a bounded queue (a call beyond it fails its future at
   * once).
   */
  public static ExecutorService executor(String apiKey) {
    ThreadPoolExecutor ex =
        new ThreadPoolExecutor(
            1,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1024),
            r -> {
              Thread t = new Thread(r, "spoke-identity-" + apiKey.hashCode());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    ex.allowCoreThreadTimeOut(true);
    return ex;
  }

  /** identify, login or logout: the current user becomes the user the call names. */
  public CompletableFuture<IdentityResult> switchUser(
      IdentityCall call, UserIdentities identities) {
    try {
      UserIdentities ids = users.clean(identities == null ? UserIdentities.empty() : identities);
      UserContext before = users.current();
      UserContext next =
          call == IdentityCall.LOGOUT ? users.detached(UserIdentities.empty()) : users.context(ids);
      next.identityStarted(clock.millis());
      users.current(next);
      CompletableFuture<IdentityResult> f;
      switch (call) {
        case LOGIN:
          f = idsync.login(ids, before.mpid(), before.identityContext());
          break;
        case LOGOUT:
          f = idsync.logout(ids, before.mpid(), before.identityContext());
          break;
        default:
          f = idsync.identify(ids, before.mpid(), before.identityContext());
          break;
      }
      return guard(
          call,
          f.whenComplete(
              (r, err) -> {
                next.identityFinished();
                if (err != null) {
                  reportFailure(call, err);
                  return;
                }
                next.resolved(r.mpid(), r.loggedIn(), r.context());
                if (call == IdentityCall.LOGIN || call == IdentityCall.LOGOUT) {
                  capture.capture(
                      next,
                      ProfileEvent.builder(
                              call == IdentityCall.LOGIN
                                  ? ProfileEvent.ProfileEventType.LOGIN
                                  : ProfileEvent.ProfileEventType.LOGOUT)
                          .previousMpid(before.mpid())
                          .currentMpid(r.mpid())
                          .build());
                }
                if (call == IdentityCall.LOGIN) emitIdentityChanges(next, before.identities(), ids);
                intake.offerSignal(Record.signal(() -> kits.onIdentity(next, call)));
              }));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      return CompletableFuture.failedFuture(e);
    }
  }

  /** IDSync modify of the current user's identities (same MPID). */
  public CompletableFuture<IdentityResult> modify(UserIdentities newIdentities) {
    UserContext u = users.current();
    UserIdentities next =
        users.clean(newIdentities == null ? UserIdentities.empty() : newIdentities);
    Long mpid = u.mpid();
    if (mpid == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "modify needs a known MPID: call identify or login first and wait for it to complete"));
    }
    UserIdentities old = u.identities();
    u.identityStarted(clock.millis());
    return guard(
        IdentityCall.MODIFY,
        idsync
            .modify(mpid, old, next)
            .whenComplete(
                (r, err) -> {
                  u.identityFinished();
                  if (err == null) {
                    u.identities(next);
                    users.register(next, u);
                    emitIdentityChanges(u, old, next);
                    intake.offerSignal(
                        Record.signal(() -> kits.onIdentity(u, IdentityCall.MODIFY)));
                  } else {
                    reportFailure(IdentityCall.MODIFY, err);
                  }
                }));
  }

  /**
   * IDSync alias; a request breaking the SDKs' rules fails the future without being sent. Never
   * throws.
   */
  public CompletableFuture<Void> alias(AliasRequest request) {
    try {
      return guard(
          IdentityCall.ALIAS,
          idsync
              .alias(aliasBaseUri, request)
              .whenComplete(
                  (r, err) -> {
                    if (err != null) reportFailure(IdentityCall.ALIAS, err);
                  }));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** IDSync identify for one server-style user (the current user does not change). */
  public CompletableFuture<IdentityResult> identify(UserContext u) {
    u.identityStarted(clock.millis());
    return guard(
        IdentityCall.IDENTIFY,
        idsync
            .identify(u.identities(), u.mpid(), u.identityContext())
            .whenComplete(
                (r, err) -> {
                  u.identityFinished();
                  if (err == null) {
                    u.resolved(r.mpid(), r.loggedIn(), r.context());
                    intake.offerSignal(
                        Record.signal(() -> kits.onIdentity(u, IdentityCall.IDENTIFY)));
                  } else {
                    reportFailure(IdentityCall.IDENTIFY, err);
                  }
                }));
  }

  /**
   * Fails every unanswered identity future naming the close and cancels their HTTP calls, fails the
   * host's futures whose answer is still being applied, and stops the threads.
   */
  public void close() {
    closing = true;
    idsync.close(); // no identity future outlives close: unanswered ones fail naming the reason
    hostFutures.forEach((f, call) -> failHostFuture(call, f)); // answers still being applied
    executor.shutdownNow();
  }

  private void emitIdentityChanges(UserContext u, UserIdentities before, UserIdentities after) {
    long now = clock.millis();
    for (IdentityType t : IdentityType.values()) {
      String o = before.get(t);
      String n = after.get(t);
      if (Objects.equals(o, n)) continue;
      IdentityChange newSide =
          IdentityChange.builder(t)
              .identity(n)
              .timestampMillis(now)
              .createdThisBatch(o == null)
              .build();
      IdentityChange oldSide =
          IdentityChange.builder(t)
              .identity(o)
              .timestampMillis(now)
              .createdThisBatch(false)
              .build();
      capture.capture(u, UserIdentityChange.builder(newSide, oldSide).build());
    }
  }

  private void reportFailure(IdentityCall call, Throwable err) {
    Throwable cause =
        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    LOG.warn("spoke: IDSync {} failed for workspace {}: {}", call, apiKey, cause.getMessage());
  }

  /**
   * The host gets a future it cannot use to complete our internal one. It is tracked until done so
   * that close can fail it: an answer that arrived just before close may still be applied by an
   * IDSync thread (its profile events captured) when close returns, and the host's future must not
   * wait for that.
   */
  private <T> CompletableFuture<T> guard(IdentityCall call, CompletableFuture<T> f) {
    CompletableFuture<T> host = f.thenApply(x -> x);
    if (!host.isDone()) {
      hostFutures.put(host, call);
      host.whenComplete((r, e) -> hostFutures.remove(host));
      if (closing) failHostFuture(call, host);
    }
    return host;
  }

  private void failHostFuture(IdentityCall call, CompletableFuture<?> f) {
    f.completeExceptionally(
        new IdentityException(
            call,
            "IDSync "
                + call
                + " for workspace key '"
                + apiKey
                + "' was abandoned: the instance was closed before its answer was applied",
            0,
            List.of(),
            null));
  }
}
