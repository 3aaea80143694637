package dev.spoke.internal.identity;

import dev.spoke.user.IdentityCall;
import dev.spoke.user.IdentityException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import okhttp3.Call;

/**
 * Not API. The IDSync calls not answered yet: hands each to the executor and keeps it until its
 * future completes, so that {@link #close} can fail every one still queued, waiting to retry or in
 * flight (and cancel its request on the wire) and no future is left pending forever.
 */
final class IdSyncCalls {
  /** One outstanding call: its future and, while a request is on the wire, the HTTP call. */
  static final class Pending {
    final CompletableFuture<?> future;
    final IdentityCall call;
    volatile Call http;

    Pending(CompletableFuture<?> future, IdentityCall call) {
      this.future = future;
      this.call = call;
    }
  }

  private final Executor executor;
  private final IdSyncExchange exchange;
  private final IdSyncAnswers answers;

  /** Calls whose future is not complete yet; {@link #close} fails them. */
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  IdSyncCalls(Executor executor, IdSyncExchange exchange, IdSyncAnswers answers) {
    this.executor = executor;
    this.exchange = exchange;
    this.answers = answers;
  }

  /**
   * Runs {@code out} on the executor, completing {@code future}; fails it on the calling thread
   * when the instance is closed or the executor rejects the task.
   */
  <T> void submit(CompletableFuture<T> future, IdSyncExchange.Outgoing<T> out) {
    IdentityCall call = out.call();
    if (closed) {
      answers.fail(future, call, "was not sent: the instance is closed", 0, null, null);
      return;
    }
    Pending p = new Pending(future, call);
    pending.add(p);
    future.whenComplete((r, e) -> pending.remove(p));
    if (closed) { // close ran between the check and the registration: it may have missed p
      answers.fail(future, call, "was not sent: the instance is closed", 0, null, null);
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              exchange.run(p, future, out);
            } catch (Throwable e) {
              // Keep the promise: a future left pending would hang the caller forever. Catch
              // everything: OkHttp's Kotlin code can throw a checked InterruptedException when
              // close interrupts this thread.
              answers.fail(future, call, "failed unexpectedly: " + e, 0, null, e);
              if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
              if (e instanceof Error) {
                throw (Error) e;
              }
            }
          });
    } catch (RuntimeException rejected) {
      answers.fail(
          future,
          call,
          "could not be scheduled: the executor rejected it (" + rejected + ")",
          0,
          null,
          rejected);
    }
  }

  /**
   * Fails every call not yet answered with an {@link IdentityException} saying the instance closed,
   * cancels requests on the wire, and makes later calls fail at once. Idempotent; never blocks.
   */
  void close() {
    closed = true;
    for (Pending p : pending) {
      answers.fail(
          p.future,
          p.call,
          "was abandoned: the instance was closed before IDSync answered",
          0,
          null,
          null);
      Call http = p.http;
      if (http != null) {
        http.cancel();
      }
    }
    pending.clear();
  }
}
