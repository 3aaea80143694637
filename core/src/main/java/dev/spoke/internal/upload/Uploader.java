package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sealed batches to the Events API bulk endpoints, one instance per workspace. Not API.
 *
 * <p>Threads: {@code maxInFlight} daemon sender threads named {@code spoke-upload-<n>}, owned by
 * this uploader and stopped by {@link #close}. Each sender packs the oldest pending batches of
 * one kind (regular or historical, never mixed) into a request within the limits, POSTs it
 * synchronously and completes every batch in it as delivered or dropped (see {@link
 * BatchCompletion}); sender-wide events (retries, pauses, bytes) go to an {@link UploadListener}. A request's body is built once and resent unchanged on every retry.
 *
 * <p>Retries (429, 408, 5xx but 501/505, I/O failures) back off with full jitter, honouring
 * {@code Retry-After} (capped) as a minimum. While one request backs off, no other request is
 * started (no retry storm): at most one request is in flight. 401/403 pause uploads: the data is
 * kept, {@link UploadListener#paused} names the key (never the secret), and the same request is
 * probed on a doubling schedule, or at once after {@link #updateCredentials}. 413 splits a request
 * in halves; a lone batch that still gets 413 is dropped. 400 splits the same way, so only the
 * batch the server refuses is dropped, with its message; other client errors drop the request's
 * batches with the server's message. A 2xx is accepted whatever its headers or body look like.
 *
 * <p>All public methods are thread-safe.
 */
public final class Uploader implements BatchSink {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final UploaderConfig config;
  private final UploadListener listener;
  private final RequestPacker packer;
  private final Backoff backoff;
  private final HttpUrl bulkUrl;
  private final HttpUrl historicalUrl;
  private final List<Sender> senders = new ArrayList<>();

  /** The client with this uploader's interceptors (auth, gzip); shares the pool of the one configured. */
  private final OkHttpClient client;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Everything below is guarded by lock.
  /** The backlog: per-user ordering and request packing. */
  private final UploadQueue queue;
  private boolean accepting = true;
  private boolean closed;
  private Sender gateOwner;
  private boolean paused;
  private Credentials credentials;
  private long credentialsVersion;

  private Uploader(UploaderConfig config, UploadListener listener) {
    this.config = config;
    this.listener = listener;
    this.packer = new RequestPacker(
        config.batchMaxBytes, config.requestMaxBytes, config.batchesPerRequest);
    this.queue = new UploadQueue(packer);
    this.backoff = new Backoff(config.retryPolicy, config.jitter);
    OkHttpClient.Builder cb = config.client.newBuilder().addInterceptor(new AuthInterceptor());
    if (config.gzip) {
      cb.addInterceptor(new GzipInterceptor());
    }
    this.client = cb.build();
    this.bulkUrl = config.baseUrl.newBuilder().addPathSegment("bulkevents").build();
    this.historicalUrl = config.baseUrl.newBuilder()
        .addPathSegment("bulkevents").addPathSegment("historical").build();
    this.credentials = new Credentials(config.apiKey, config.apiSecret);
  }

  /**
   * Creates the uploader and starts its sender threads.
   *
   * @param listener outcome callbacks (use {@link UploadListener#NONE} for none)
   */
  public static Uploader start(UploaderConfig config, UploadListener listener) {
    Objects.requireNonNull(config, "config is null");
    Uploader u = new Uploader(config, listener != null ? listener : UploadListener.NONE);
    for (int i = 1; i <= config.maxInFlight; i++) {
      Sender s = u.new Sender();
      Thread t = config.threadFactory != null ? config.threadFactory.newThread(s)
          : new Thread(s);
      t.setName("spoke-upload-" + i);
      t.setDaemon(true);
      s.thread = t;
      u.senders.add(s);
    }
    for (Sender s : u.senders) {
      s.thread.start();
    }
    return u;
  }

  // ---------------------------------------------------------------- submission

  /**
   * Queues batches for upload, in order. Returns at once unless the backlog (bytes of batches
   * submitted but not yet resolved) would exceed {@code maxBacklogBytes}: then it BLOCKS the
   * calling thread until there is room. That backpressure is deliberate: the pipeline's worker
   * stops draining and the caller-facing queue drops by its own policy, so memory stays bounded
   * during an outage. Batches that can never be sent are reported as dropped ({@link
   * DropReason#RECORD_TOO_LARGE}) on this thread.
   *
   * @return false if the uploader is closing/closed or the thread was interrupted while waiting
   *     (then none of the batches were taken and the interrupt flag is set again)
   */
  @Override
  public boolean submit(List<SealedBatch> batches) {
    return enqueue(batches, true);
  }

  /** Whether submissions are still taken (false once {@link #close} began). */
  @Override
  public boolean isAccepting() {
    lock.lock();
    try {
      return accepting;
    } finally {
      lock.unlock();
    }
  }

  /** Like {@link #submit} but never blocks: false (nothing taken) when the backlog is full. */
  @Override
  public boolean trySubmit(List<SealedBatch> batches) {
    return enqueue(batches, false);
  }

  private boolean enqueue(List<SealedBatch> batches, boolean block) {
    List<SealedBatch> ok = new ArrayList<>(batches.size());
    List<SealedBatch> tooLarge = null;
    long add = 0;
    for (SealedBatch b : batches) {
      if (packer.rejectReason(b) != null) {
        if (tooLarge == null) {
          tooLarge = new ArrayList<>();
        }
        tooLarge.add(b);
      } else {
        ok.add(b);
        add += b.sizeBytes();
      }
    }
    lock.lock();
    try {
      if (!accepting) {
        return false;
      }
      // An empty backlog always admits, so one oversized submission cannot wait forever.
      while (!ok.isEmpty() && queue.pendingBytes() > 0 && queue.pendingBytes() + add > config.maxBacklogBytes) {
        if (!block) {
          return false;
        }
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (!accepting) {
          return false;
        }
      }
      queue.add(ok);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (tooLarge != null) {
      for (SealedBatch b : tooLarge) {
        notifyDropped(b, DropReason.RECORD_TOO_LARGE, packer.rejectReason(b));
      }
    }
    return true;
  }

  /**
   * Replaces the credentials; if uploads are paused on 401/403, the held request is probed at
   * once with the new ones. Non-blocking. Fails fast on an empty key or null secret.
   */
  public void updateCredentials(String apiKey, String apiSecret) {
    Objects.requireNonNull(apiSecret, "apiSecret is null: pass the workspace's API secret");
    updateCredentials(apiKey, apiSecret::toCharArray);
  }

  /** As {@link #updateCredentials(String, String)} with a secret supplier. */
  public void updateCredentials(String apiKey, Supplier<char[]> apiSecret) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey is " + (apiKey == null ? "null" : "empty")
          + ": pass the workspace's API key");
    }
    Objects.requireNonNull(apiSecret, "apiSecret is null: pass the workspace's API secret");
    lock.lock();
    try {
      credentials = new Credentials(apiKey, apiSecret);
      credentialsVersion++;
      if (paused && gateOwner != null && gateOwner.sleeping) {
        gateOwner.thread.interrupt(); // cut the probe wait short
      }
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- queries

  /** Batches submitted and not yet accepted or dropped (queued or in flight). Non-blocking. */
  public int pendingBatches() {
    lock.lock();
    try {
      return queue.pendingBatches();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of the batches counted by {@link #pendingBatches()}. Non-blocking. */
  public long pendingBytes() {
    lock.lock();
    try {
      return queue.pendingBytes();
    } finally {
      lock.unlock();
    }
  }

  /** True while uploads are paused on rejected credentials. Non-blocking. */
  public boolean isPaused() {
    lock.lock();
    try {
      return paused;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks the caller until every submitted batch is resolved or the timeout passes.
   *
   * @return true when nothing is pending
   */
  public boolean awaitIdle(Duration timeout) {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (queue.pendingBatches() > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting, waits up to {@code timeout} for pending batches to resolve, then cancels
   * what is in flight, stops the sender threads and returns the batches left unresolved (never
   * reported as accepted or dropped; a journal keeps them for the next start). Blocks the caller
   * for at most about the timeout. Idempotent: later calls return an empty list.
   */
  public List<SealedBatch> close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      if (!accepting) {
        return Collections.emptyList();
      }
      accepting = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    lock.lock();
    try {
      closed = true;
      for (Sender s : senders) {
        if (s.sleeping) {
          s.thread.interrupt();
        }
        if (s.call != null) {
          s.call.cancel();
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Sender s : senders) {
      try {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        s.thread.join(Math.max(200, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<SealedBatch> unresolved = new ArrayList<>();
    lock.lock();
    try {
      unresolved.addAll(queue.drainHandedBack());
      for (Sender s : senders) {
        if (s.current != null) { // a sender that did not stop in time
          unresolved.addAll(s.current.batches);
        }
      }
      unresolved.addAll(queue.drainWaiting());
    } finally {
      lock.unlock();
    }
    return unresolved;
  }

  // ---------------------------------------------------------------- sending

  private final class Sender implements Runnable {
    Thread thread;
    // Guarded by lock: lets close/updateCredentials wake or cancel this sender.
    boolean sleeping;
    Call call;
    UploadRequest current;

    @Override
    public void run() {
      while (true) {
        UploadRequest w = null;
        lock.lock();
        try {
          while (!closed) {
            if (gateOwner == null && queue.hasWork()) {
              w = queue.take();
              if (w != null) {
                break;
              }
            }
            try {
              changed.await();
            } catch (InterruptedException e) {
              // only close interrupts; the loop condition decides
            }
          }
          if (closed) {
            return;
          }
          current = w;
        } finally {
          lock.unlock();
        }
        try {
          process(this, w);
        } catch (RuntimeException | LinkageError | AssertionError e) {
          // Never let a bug kill the sender silently: drop what we held and go on.
          LOG.error("spoke upload: unexpected failure, dropping {} batches", w.batches.size(), e);
          releaseGate(this);
          resolveDropped(w.batches, DropReason.REJECTED, "internal error: " + e);
        } finally {
          lock.lock();
          try {
            current = null;
            queue.finished(w);
            changed.signalAll();   // the users it held may have batches waiting
          } finally {
            lock.unlock();
          }
        }
      }
    }
  }

  private void process(Sender s, UploadRequest w) {
    boolean wasPaused = false;
    int probes = 0;
    while (true) {
      Outcome o = send(s, w);
      if (o == null) { // closed while sending: keep the data unresolved
        requeueFront(w);
        return;
      }
      RetryPolicy.Action a = o.error != null ? RetryPolicy.Action.RETRY
          : RetryPolicy.classify(o.status);
      if (wasPaused && a != RetryPolicy.Action.PAUSE) {
        wasPaused = false;
        lock.lock();
        try {
          paused = false;
        } finally {
          lock.unlock();
        }
        safely(listener::resumed);
      }
      switch (a) {
        case ACCEPT:
          releaseGate(s);
          resolveAccepted(w.batches, o.status);
          return;
        case DROP:
          if (o.status == 400 && w.batches.size() > 1) {
            // One user's malformed batch must not cost the others theirs. The platform answers a
            // bulk request as a whole: 400 = malformed JSON or a missing required field, never
            // retried (Events API description, docs.mparticle.com/developers/apis/http/ and its
            // published mparticle.events.oas.yaml). So halve it (as for 413) until the 400 names
            // single batches; only those are dropped, with the server's message.
            splitAndSend(s, w);
            return;
          }
          releaseGate(s);
          resolveDropped(w.batches, o.status == 400 ? DropReason.BAD_REQUEST
              : DropReason.REJECTED, describe(o));
          return;
        case SPLIT:
          if (w.batches.size() == 1) {
            releaseGate(s);
            resolveDropped(w.batches, DropReason.PAYLOAD_TOO_LARGE,
                "HTTP 413 for a single batch of " + w.batches.get(0).sizeBytes() + " bytes");
            return;
          }
          splitAndSend(s, w);
          return;
        case RETRY:
          w.failures++;
          if (w.failures >= config.retryPolicy.maxAttempts()) {
            releaseGate(s);
            resolveDropped(w.batches, DropReason.RETRIES_EXHAUSTED, "gave up after "
                + w.failures + " attempts, last: " + (o.error != null ? o.error.toString()
                : "HTTP " + o.status));
            return;
          }
          if (!acquireGate(s, false)) {
            requeueFront(w); // another request is already backing off: wait behind it
            return;
          }
          long delay = backoff.delayMillis(w.failures - 1);
          OptionalLong ra = RetryAfter.parseMillis(o.retryAfter, config.clock,
              config.retryPolicy.maxRetryAfter().toMillis());
          if (ra.isPresent()) {
            delay = Math.max(delay, ra.getAsLong());
          }
          final long d = delay;
          final int attempt = w.failures;
          safely(() -> listener.retrying(o.status, o.error, attempt, d));
          if (!sleep(s, delay)) {
            requeueFront(w);
            return;
          }
          break;
        case PAUSE:
          if (!acquireGate(s, true)) {
            requeueFront(w);
            return;
          }
          if (!wasPaused) {
            wasPaused = true;
            probes = 0;
            String msg = "Events API answered HTTP " + o.status + " for workspace key '"
                + o.apiKey + "': uploads are paused and the data is kept. Check the key and "
                + "secret and call Spoke.updateSecret(secret); until then a probe retries "
                + "every " + config.retryPolicy.probeDelayMillis(0) / 1000 + " s and up.";
            safely(() -> listener.paused(o.status, msg));
          }
          if (credentialsVersion() != o.credentialsVersion) {
            break; // credentials changed while we were sending: probe with the new ones now
          }
          if (!sleep(s, config.retryPolicy.probeDelayMillis(probes++))) {
            requeueFront(w);
            return;
          }
          break;
        default:
          throw new AssertionError(a);
      }
    }
  }

  /** Sends the two halves of a request one after the other, each resolved on its own. */
  private void splitAndSend(Sender s, UploadRequest w) {
    UploadRequest[] halves = w.halves();
    process(s, halves[0]);
    process(s, halves[1]);
  }

  private long credentialsVersion() {
    lock.lock();
    try {
      return credentialsVersion;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the uploader-wide gate (or keeps it). False when another sender holds it. */
  private boolean acquireGate(Sender s, boolean pause) {
    lock.lock();
    try {
      if (gateOwner != null && gateOwner != s) {
        return false;
      }
      gateOwner = s;
      if (pause) {
        paused = true;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void releaseGate(Sender s) {
    lock.lock();
    try {
      if (gateOwner == s) {
        gateOwner = null;
        paused = false;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void requeueFront(UploadRequest w) {
    lock.lock();
    try {
      queue.requeueFront(w);
      if (gateOwner != null && gateOwner.current == w) {
        gateOwner = null;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Sleeps via the injected sleeper; false when closed meanwhile. */
  private boolean sleep(Sender s, long millis) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      s.sleeping = true;
    } finally {
      lock.unlock();
    }
    try {
      config.sleeper.sleep(millis);
    } catch (InterruptedException e) {
      // woken by close or by new credentials; the flags below decide
    }
    lock.lock();
    try {
      s.sleeping = false;
      Thread.interrupted(); // interrupts only arrive while sleeping is set, under this lock
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  /** One POST; null when the uploader closed before or during it. */
  private Outcome send(Sender s, UploadRequest w) {
    Credentials c;
    long version;
    lock.lock();
    try {
      c = credentials;
      version = credentialsVersion;
    } finally {
      lock.unlock();
    }
    // Signed by the AuthInterceptor, compressed by the GzipInterceptor (when on).
    Request request = new Request.Builder()
        .url(w.historical ? historicalUrl : bulkUrl)
        .tag(Credentials.class, c)
        .tag(UploadRequest.class, w)
        .post(RequestBody.create(w.body(), JSON))
        .build();
    Call call = client.newCall(request);
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      s.call = call;
    } finally {
      lock.unlock();
    }
    Outcome o = new Outcome(c.apiKey, version);
    try (Response r = call.execute()) {
      o.status = r.code();
      o.retryAfter = r.header("Retry-After");
      o.location = r.header("Location");
      o.body = readBody(r, config.maxResponseBodyBytes);
    } catch (IOException e) {
      o.error = e;
    } catch (RuntimeException e) {
      if (o.status == 0) {
        throw e;
      }
      // Closing a body with a malformed Content-Length can throw; the status already arrived.
      LOG.debug("spoke upload: closing the HTTP {} response failed; the status stands", o.status, e);
    } finally {
      lock.lock();
      try {
        s.call = null;
      } finally {
        lock.unlock();
      }
    }
    if (o.error != null) {
      lock.lock();
      try {
        if (closed) {
          return null;
        }
      } finally {
        lock.unlock();
      }
    } else {
      long n = w.wireBytes();
      safely(() -> listener.bytesSent(n));
    }
    return o;
  }

  /**
   * The response body, capped; or, when the status is a success, an empty body if reading it
   * fails: a 2xx means the platform took the request, and a malformed {@code Content-Length} or
   * a truncated body after it must not turn that into a retry or a rejection. A failure reading an
   * error body is an I/O failure as before (the request is retried).
   */
  private static byte[] readBody(Response r, int cap) throws IOException {
    try {
      return readCapped(r.body(), cap);
    } catch (IOException | RuntimeException e) {
      if (r.isSuccessful()) {
        LOG.debug("spoke upload: unreadable body of HTTP {} ignored; the request was accepted",
            r.code(), e);
        return new byte[0];
      }
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      // OkHttp throws IllegalArgumentException for a negative Content-Length: the status stands.
      return new byte[0];
    }
  }

  private static byte[] readCapped(ResponseBody body, int cap) throws IOException {
    if (body == null || cap == 0) {
      return new byte[0];
    }
    byte[] buf = new byte[Math.min(cap, 8192)];
    int n = 0;
    try (InputStream in = body.byteStream()) {
      while (n < cap) {
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(cap, buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    }
    return Arrays.copyOf(buf, n);
  }

  private static String describe(Outcome o) {
    StringBuilder sb = new StringBuilder("HTTP ").append(o.status);
    if (o.status >= 300 && o.status < 400) {
      sb.append(": redirect not followed");
      if (o.location != null) {
        sb.append(" (Location: ").append(ErrorBodies.truncate(o.location)).append(')');
      }
    }
    String msg = ErrorBodies.describe(o.body);
    if (!msg.isEmpty()) {
      sb.append(": ").append(msg);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- resolution

  // Completions (and so their observers) run before the batches stop counting as pending, so
  // awaitIdle returning true means every outcome has been reported (a journal acknowledged, say).
  private void resolveAccepted(List<SealedBatch> batches, int status) {
    for (SealedBatch b : batches) {
      safely(() -> b.completion().delivered());
    }
    settle(batches);
  }

  private void resolveDropped(List<SealedBatch> batches, DropReason reason, String detail) {
    for (SealedBatch b : batches) {
      notifyDropped(b, reason, detail);
    }
    settle(batches);
  }

  private void settle(List<SealedBatch> batches) {
    lock.lock();
    try {
      queue.settle(batches);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void notifyDropped(SealedBatch b, DropReason reason, String detail) {
    safely(() -> b.completion().dropped(reason, detail));
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.warn("spoke upload: listener threw; ignored", e);
    }
  }

  // ---------------------------------------------------------------- small types

  private static final class Outcome {
    final String apiKey;
    final long credentialsVersion;
    int status;
    IOException error;
    String retryAfter;
    String location;
    byte[] body;

    Outcome(String apiKey, long credentialsVersion) {
      this.apiKey = apiKey;
      this.credentialsVersion = credentialsVersion;
    }
  }
}
