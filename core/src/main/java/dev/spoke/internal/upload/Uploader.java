package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Sends sealed batches to the Events API bulk endpoints, one instance per workspace: the sending
 * side's {@link BatchSink}. Not API.
 *
 * <p>Parts, one concern each: the {@link UploadQueue} (backlog, per-user ordering, packing) guarded
 * by this class's lock; {@code maxInFlight} {@link Sender} threads ({@code spoke-upload-<n>}, owned
 * by this uploader and stopped by {@link #close}) that POST requests and decide retry, pause and
 * split; {@link AuthInterceptor} and {@link GzipInterceptor} on the HTTP client; {@link
 * UploadAnswer} reading responses; {@link Resolutions} completing batches. Every batch is completed
 * as delivered or dropped through its {@link BatchCompletion}; sender-wide events (retries, pauses,
 * bytes) go to an {@link UploadListener}. A request's body is written at each attempt into the
 * sender's reused {@link BodyEncoder} buffer (compressed there when gzip is on); a retry sends
 * identical bytes.
 *
 * <p>This class holds what the senders share: the lock, the gate (while one request backs off or
 * probes paused credentials, no other request starts: no retry storm), the credentials and the
 * close sequence. A 2xx is accepted whatever its headers or body look like.
 *
 * <p>All public methods are thread-safe.
 */
public final class Uploader implements BatchSink {
  final UploaderConfig config;
  final UploadListener listener;
  private final RequestPacker packer;
  final Backoff backoff;
  final HttpUrl bulkUrl;
  final HttpUrl historicalUrl;
  private final List<Sender> senders = new ArrayList<>();

  /**
   * The client with this uploader's interceptors (auth, gzip); shares the pool of the one
   * configured.
   */
  final OkHttpClient client;

  final ReentrantLock lock = new ReentrantLock();
  final Condition changed = lock.newCondition();

  // Everything below is guarded by lock.
  /** The backlog: per-user ordering and request packing. */
  final UploadQueue queue;

  /** Completes batches and releases their room in the backlog. */
  final Resolutions resolutions;

  private boolean accepting = true;
  boolean closed;
  Sender gateOwner;
  boolean paused;
  Credentials credentials;
  long credentialsVersion;

  private Uploader(UploaderConfig config, UploadListener listener) {
    this.config = config;
    this.listener = listener;
    this.packer =
        new RequestPacker(config.batchMaxBytes, config.requestMaxBytes, config.batchesPerRequest);
    this.queue = new UploadQueue(packer);
    this.resolutions = new Resolutions(lock, changed, queue);
    this.backoff = new Backoff(config.retryPolicy, config.jitter);
    OkHttpClient.Builder cb = config.client.newBuilder().addInterceptor(new AuthInterceptor());
    if (config.gzip) {
      cb.addInterceptor(new GzipInterceptor());
    }
    this.client = cb.build();
    this.bulkUrl = config.baseUrl.newBuilder().addPathSegment("bulkevents").build();
    this.historicalUrl =
        config
            .baseUrl
            .newBuilder()
            .addPathSegment("bulkevents")
            .addPathSegment("historical")
            .build();
    this.credentials = new Credentials(config.apiKey, config.apiSecret);
  }

  /**
   * Creates the uploader and starts its sender threads.
   *
   * @param listener sender-wide events: retries, pauses, deliveries, requests, bytes (use {@link
   *     UploadListener#NONE} for none); per-batch results go to each batch's completion
   */
  public static Uploader start(UploaderConfig config, UploadListener listener) {
    Objects.requireNonNull(config, "config is null");
    Uploader u = new Uploader(config, listener != null ? listener : UploadListener.NONE);
    for (int i = 1; i <= config.maxInFlight; i++) {
      Sender s = new Sender(u);
      Thread t = config.threadFactory != null ? config.threadFactory.newThread(s) : new Thread(s);
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
      while (!ok.isEmpty()
          && queue.pendingBytes() > 0
          && queue.pendingBytes() + add > config.maxBacklogBytes) {
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
        resolutions.dropped(b, DropReason.RECORD_TOO_LARGE, packer.rejectReason(b));
      }
    }
    return true;
  }

  /**
   * Replaces the credentials; if uploads are paused on 401/403, the held request is probed at once
   * with the new ones. Non-blocking. Fails fast on an empty key or null secret.
   */
  public void updateCredentials(String apiKey, String apiSecret) {
    Objects.requireNonNull(apiSecret, "apiSecret is null: pass the workspace's API secret");
    updateCredentials(apiKey, apiSecret::toCharArray);
  }

  /** As {@link #updateCredentials(String, String)} with a secret supplier. */
  public void updateCredentials(String apiKey, Supplier<char[]> apiSecret) {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException(
          "apiKey is " + (apiKey == null ? "null" : "empty") + ": pass the workspace's API key");
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
   * Stops accepting, waits up to {@code timeout} for pending batches to resolve, then cancels what
   * is in flight, stops the sender threads and returns the batches left unresolved (never reported
   * as accepted or dropped; a journal keeps them for the next start). Blocks the caller for at most
   * about the timeout. Idempotent: later calls return an empty list.
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

  long credentialsVersion() {
    lock.lock();
    try {
      return credentialsVersion;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the uploader-wide gate (or keeps it). False when another sender holds it. */
  boolean acquireGate(Sender s, boolean pause) {
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

  void releaseGate(Sender s) {
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

  void requeueFront(UploadRequest w) {
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
}
