package dev.spoke.internal.kit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Reports to the platform what each kit forwarded ("forwarding statistics"), the way the
 * Web SDK does: one record per forwarded item, queued and sent in batches to {@code POST
 * <base>/v2/JS/<apiKey>/Forwarding} with the body {@code {"uuid": "...", "data": [record, ...]}}
 * every 5 seconds (mParticle/mparticle-web-sdk {@code src/forwardingStatsUploader.js}, {@code
 * src/apiClient.ts} {@code sendBatchForwardingStatsToServer} and {@code prepareForwardingStats},
 * {@code src/constants.ts} {@code forwarderStatsTimeout: 5000}). A record is {@code {mid, n, dt,
 * et, ct, sdk, dbg, eec, attrs?, proj?}} as there; {@code attrs} only in development, as the
 * Android SDK sends them ({@code
 * android-kit-base/src/main/java/com/mparticle/kits/ReportingMessage.java}), and {@code proj} the
 * projection that produced the item (Android's {@code proj[].pid}).
 *
 * <p>As in the Web SDK: 200/202 deletes a batch, another 4xx except 429 drops it, anything else
 * keeps it for the next tick. Bounded: at most {@code capacity} records wait; beyond that new
 * records are dropped and counted, like every other bounded queue in Spoke. Never blocks the
 * caller: {@link #record} only takes a short lock.
 */
public final class ForwardingStats implements AutoCloseable {
  /** The Web SDK's interval between two uploads. */
  public static final long DEFAULT_INTERVAL_MS = 5_000;

  /** Records per request. */
  static final int MAX_PER_REQUEST = 100;

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Logger LOG = LoggerFactory.getLogger(ForwardingStats.class);

  private final OkHttpClient http;
  private final HttpUrl url;
  private final int capacity;
  private final long intervalMs;
  private final ThreadFactory threadFactory;
  private final RateLimitedReporter dropReports;
  private final Object lock = new Object();
  private final ArrayDeque<Map<String, Object>> pending = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private boolean inFlight;
  private ScheduledExecutorService timer;
  private volatile boolean closed;

  /**
   * @param http the shared client
   * @param base the root before {@code /v2/JS/...} (e.g. {@code https://jssdks.mparticle.com} or
   *     the local platform)
   * @param apiKey the workspace key (part of the path, as the Web SDK sends it; no secret is sent)
   * @param capacity how many records may wait
   * @param intervalMs how often to upload; 0 = only on {@link #flush()}
   * @param threadFactory makes the daemon timer thread
   * @param clock for rate-limiting reports
   */
  public ForwardingStats(
      OkHttpClient http,
      String base,
      String apiKey,
      int capacity,
      long intervalMs,
      ThreadFactory threadFactory,
      Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    HttpUrl root = HttpUrl.parse(Objects.requireNonNull(base, "base"));
    if (root == null) {
      throw new IllegalArgumentException(
          "forwarding statistics base " + base + " is not an http(s) URL");
    }
    this.url =
        root.newBuilder()
            .addPathSegments("v2/JS")
            .addPathSegment(apiKey)
            .addPathSegment("Forwarding")
            .build();
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "forwarding statistics capacity " + capacity + " must be at least 1");
    }
    this.capacity = capacity;
    this.intervalMs = intervalMs;
    this.threadFactory = threadFactory;
    this.dropReports = new RateLimitedReporter(1, 60_000, clock);
  }

  /**
   * @return where the statistics go
   */
  public HttpUrl url() {
    return url;
  }

  /** Starts the upload timer (no-op with interval 0). */
  public synchronized void start() {
    if (intervalMs <= 0 || timer != null || closed) {
      return;
    }
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = threadFactory.newThread(r);
              th.setName("spoke-kit-stats");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    t.scheduleWithFixedDelay(this::flushQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    timer = t;
  }

  /**
   * Queues one record. Never blocks on I/O, never throws.
   *
   * @param record the record (not copied: the caller hands it over)
   */
  public void record(Map<String, Object> record) {
    if (closed) {
      dropped.incrementAndGet();
      return;
    }
    synchronized (lock) {
      if (pending.size() < capacity) {
        pending.add(record);
        return;
      }
    }
    long n = dropped.incrementAndGet();
    if (dropReports.admit() >= 0) {
      LOG.warn(
          "forwarding statistics queue of {} records is full; {} records dropped so far",
          capacity,
          n);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("sending forwarding statistics failed", e);
    }
  }

  /**
   * Sends the waiting records, 100 per request, one request at a time: after an accepted request,
   * the next full batch goes at once; a partial one waits for the next tick. Asynchronous: requests
   * run on the HTTP client's threads.
   */
  public void flush() {
    List<Map<String, Object>> batch = new ArrayList<>();
    synchronized (lock) {
      if (inFlight || pending.isEmpty()) {
        return;
      }
      while (batch.size() < MAX_PER_REQUEST && !pending.isEmpty()) {
        batch.add(pending.poll());
      }
      inFlight = true;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uuid", UUID.randomUUID().toString());
    body.put("data", batch);
    Request request =
        new Request.Builder().url(url).post(RequestBody.create(JsonTree.write(body), JSON)).build();
    http.newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                requeue(batch);
                LOG.debug(
                    "forwarding statistics not sent ({}); kept for the next try", e.toString());
              }

              @Override
              public void onResponse(Call call, Response response) {
                int code = response.code();
                response.close();
                if (code == 200 || code == 202) {
                  sent.addAndGet(batch.size());
                  done();
                  if (!closed && pending() >= MAX_PER_REQUEST) {
                    flushQuietly(); // a busy period: send the next full batch now, not a tick later
                  }
                } else if (code >= 400 && code < 500 && code != 429) {
                  rejected.addAndGet(batch.size());
                  done();
                  LOG.warn(
                      "the platform rejected {} forwarding statistics records with HTTP {}; dropped",
                      batch.size(),
                      code);
                } else {
                  requeue(batch);
                }
              }
            });
  }

  private void done() {
    synchronized (lock) {
      inFlight = false;
      lock.notifyAll();
    }
  }

  private void requeue(List<Map<String, Object>> batch) {
    synchronized (lock) {
      inFlight = false;
      lock.notifyAll();
      if (closed) {
        dropped.addAndGet(
            batch.size()); // answered after close gave up waiting: nobody will retry it
        return;
      }
      for (int i = batch.size() - 1; i >= 0; i--) {
        if (pending.size() < capacity) {
          pending.addFirst(batch.get(i));
        } else {
          dropped.incrementAndGet();
        }
      }
    }
  }

  /**
   * @return records the platform accepted
   */
  public long sent() {
    return sent.get();
  }

  /**
   * @return records dropped because the queue was full or Spoke was closing
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * @return records the platform rejected (4xx other than 429)
   */
  public long rejected() {
    return rejected.get();
  }

  /**
   * @return records waiting (including those of a request in flight)
   */
  public int pending() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /** Closes waiting at most 2 seconds for the last request. */
  @Override
  public void close() {
    close(java.time.Duration.ofSeconds(2));
  }

  /**
   * Stops the timer, sends what is waiting once more and waits for that request, at most {@code
   * timeout}; records still waiting then, and later ones, are counted as dropped.
   *
   * @param timeout the longest wait
   */
  public void close(java.time.Duration timeout) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (timer != null) {
        timer.shutdownNow();
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean more = true;
    while (more) {
      long before = sent.get() + rejected.get();
      flushQuietly();
      synchronized (lock) {
        boolean timedOut = !awaitIdle(deadline);
        // Stop at the deadline, or when the last request was not answered for good (kept for a
        // retry).
        more = !timedOut && !pending.isEmpty() && sent.get() + rejected.get() > before;
        if (!more) {
          dropped.addAndGet(pending.size());
          pending.clear();
        }
      }
    }
  }

  /**
   * With {@link #lock} held: waits until no request is in flight; false if the deadline passed
   * first.
   */
  private boolean awaitIdle(long deadline) {
    while (inFlight) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
