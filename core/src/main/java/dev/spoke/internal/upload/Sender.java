package dev.spoke.internal.upload;

import dev.spoke.DropReason;
import java.io.IOException;
import java.util.OptionalLong;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread ({@code spoke-upload-<n>}): takes a request from the uploader's queue, POSTs it
 * and decides what the answer means. Retries (429, 408, 5xx but 501/505, I/O failures) back off
 * with full jitter, honouring {@code Retry-After} (capped) as a minimum, holding the uploader-wide
 * gate so no other request starts meanwhile; 401/403 pause uploads and probe on a doubling schedule
 * (or at once after new credentials); 413 splits the request in halves (a lone batch that still
 * gets 413 is dropped); 400 splits the same way so only the batch the server refuses is dropped;
 * other client errors drop the request's batches with the server's message. Not API.
 */
final class Sender implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

  private final Uploader u;

  /**
   * This thread's one reused body buffer and compressor; its native state is freed when the thread
   * ends. Sender thread only.
   */
  private final BodyEncoder encoder = new BodyEncoder();

  Sender(Uploader u) {
    this.u = u;
  }

  Thread thread;
  // Guarded by the uploader's lock: lets close/updateCredentials wake or cancel this sender.
  boolean sleeping;
  Call call;
  UploadRequest current;

  @Override
  public void run() {
    try {
      loop();
    } finally {
      encoder.close();
    }
  }

  private void loop() {
    while (true) {
      UploadRequest w = null;
      u.lock.lock();
      try {
        while (!u.closed) {
          if (u.gateOwner == null && u.queue.hasWork()) {
            w = u.queue.take();
            if (w != null) {
              break;
            }
          }
          try {
            u.changed.await();
          } catch (InterruptedException e) {
            // only close interrupts; the loop condition decides
          }
        }
        if (u.closed) {
          return;
        }
        current = w;
      } finally {
        u.lock.unlock();
      }
      try {
        process(w);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        // Never let a bug kill the sender silently: drop what we held and go on.
        LOG.error("spoke upload: unexpected failure, dropping {} batches", w.batches.size(), e);
        u.releaseGate(this);
        u.resolutions.dropped(w.batches, DropReason.REJECTED, "internal error: " + e);
      } finally {
        u.lock.lock();
        try {
          current = null;
          u.queue.finished(w);
          u.changed.signalAll(); // the users it held may have batches waiting
        } finally {
          u.lock.unlock();
        }
      }
    }
  }

  private void process(UploadRequest w) {
    boolean wasPaused = false;
    int probes = 0;
    while (true) {
      UploadAnswer o = send(w);
      if (o == null) { // closed while sending: keep the data unresolved
        u.requeueFront(w);
        return;
      }
      RetryPolicy.Action a =
          o.error != null ? RetryPolicy.Action.RETRY : RetryPolicy.classify(o.status);
      if (wasPaused && a != RetryPolicy.Action.PAUSE) {
        wasPaused = false;
        u.lock.lock();
        try {
          u.paused = false;
        } finally {
          u.lock.unlock();
        }
        Resolutions.safely(u.listener::resumed);
      }
      switch (a) {
        case ACCEPT:
          u.releaseGate(this);
          int accepted = w.batches.size();
          Resolutions.safely(() -> u.listener.delivered(o.status, accepted));
          u.resolutions.accepted(w.batches);
          return;
        case DROP:
          if (o.status == 400 && w.batches.size() > 1) {
            // One user's malformed batch must not cost the others theirs. The platform answers a
            // bulk request as a whole: 400 = malformed JSON or a missing required field, never
            // retried (Events API description, docs.mparticle.com/developers/apis/http/ and its
            // published mparticle.events.oas.yaml). So halve it (as for 413) until the 400 names
            // single batches; only those are dropped, with the server's message.
            splitAndSend(w);
            return;
          }
          u.releaseGate(this);
          u.resolutions.dropped(
              w.batches,
              o.status == 400 ? DropReason.BAD_REQUEST : DropReason.REJECTED,
              o.describe());
          return;
        case SPLIT:
          if (w.batches.size() == 1) {
            u.releaseGate(this);
            u.resolutions.dropped(
                w.batches,
                DropReason.PAYLOAD_TOO_LARGE,
                "HTTP 413 for a single batch of " + w.batches.get(0).sizeBytes() + " bytes");
            return;
          }
          splitAndSend(w);
          return;
        case RETRY:
          w.failures++;
          if (w.failures >= u.config.retryPolicy.maxAttempts()) {
            u.releaseGate(this);
            u.resolutions.dropped(
                w.batches,
                DropReason.RETRIES_EXHAUSTED,
                "gave up after "
                    + w.failures
                    + " attempts, last: "
                    + (o.error != null ? o.error.toString() : "HTTP " + o.status));
            return;
          }
          if (!u.acquireGate(this, false)) {
            u.requeueFront(w); // another request is already backing off: wait behind it
            return;
          }
          long delay = u.backoff.delayMillis(w.failures - 1);
          OptionalLong ra =
              RetryAfter.parseMillis(
                  o.retryAfter, u.config.clock, u.config.retryPolicy.maxRetryAfter().toMillis());
          if (ra.isPresent()) {
            delay = Math.max(delay, ra.getAsLong());
          }
          final long d = delay;
          final int attempt = w.failures;
          Resolutions.safely(() -> u.listener.retrying(o.status, o.error, attempt, d));
          if (!sleep(delay)) {
            u.requeueFront(w);
            return;
          }
          break;
        case PAUSE:
          if (!u.acquireGate(this, true)) {
            u.requeueFront(w);
            return;
          }
          if (!wasPaused) {
            wasPaused = true;
            probes = 0;
            String msg =
                "Events API answered HTTP "
                    + o.status
                    + " for workspace key '"
                    + o.apiKey
                    + "': uploads are paused and the data is kept. Check the key and "
                    + "secret and call Spoke.updateSecret(secret); until then a probe retries "
                    + "every "
                    + u.config.retryPolicy.probeDelayMillis(0) / 1000
                    + " s and up.";
            Resolutions.safely(() -> u.listener.paused(o.status, msg));
          }
          if (u.credentialsVersion() != o.credentialsVersion) {
            break; // credentials changed while we were sending: probe with the new ones now
          }
          if (!sleep(u.config.retryPolicy.probeDelayMillis(probes++))) {
            u.requeueFront(w);
            return;
          }
          break;
        default:
          throw new AssertionError(a);
      }
    }
  }

  /** Sends the two halves of a request one after the other, each resolved on its own. */
  private void splitAndSend(UploadRequest w) {
    UploadRequest[] halves = w.halves();
    process(halves[0]);
    process(halves[1]);
  }

  /** Sleeps via the injected sleeper; false when closed meanwhile. */
  private boolean sleep(long millis) {
    u.lock.lock();
    try {
      if (u.closed) {
        return false;
      }
      sleeping = true;
    } finally {
      u.lock.unlock();
    }
    try {
      u.config.sleeper.sleep(millis);
    } catch (InterruptedException e) {
      // woken by close or by new credentials; the flags below decide
    }
    u.lock.lock();
    try {
      sleeping = false;
      Thread
          .interrupted(); // interrupts only arrive while sleeping is set, under the uploader's lock
      return !u.closed;
    } finally {
      u.lock.unlock();
    }
  }

  /** One POST; null when the uploader closed before or during it. */
  private UploadAnswer send(UploadRequest w) {
    Credentials c;
    long version;
    u.lock.lock();
    try {
      c = u.credentials;
      version = u.credentialsVersion;
    } finally {
      u.lock.unlock();
    }
    // Signed by the AuthInterceptor. With gzip on, the GzipInterceptor makes the body from the
    // batches with this thread's encoder; else it is written here into the encoder's buffer.
    Request.Builder rb =
        new Request.Builder()
            .url(w.historical ? u.historicalUrl : u.bulkUrl)
            .tag(Credentials.class, c)
            .tag(UploadRequest.class, w);
    if (u.config.gzip) {
      rb.tag(BodyEncoder.class, encoder).post(UploadBody.TO_COMPRESS);
    } else {
      rb.post(UploadBody.plain(w.batches, encoder));
      w.wireBytes = encoder.length();
    }
    Request request = rb.build();
    Call call = u.client.newCall(request);
    u.lock.lock();
    try {
      if (u.closed) {
        return null;
      }
      this.call = call;
    } finally {
      u.lock.unlock();
    }
    UploadAnswer o = new UploadAnswer(c.apiKey, version);
    long t0 = System.nanoTime();
    try (Response r = call.execute()) {
      o.status = r.code();
      o.retryAfter = r.header("Retry-After");
      o.location = r.header("Location");
      o.body = UploadAnswer.readBody(r, u.config.maxResponseBodyBytes);
    } catch (IOException e) {
      o.error = e;
    } catch (RuntimeException e) {
      if (o.status == 0) {
        throw e;
      }
      // Closing a body with a malformed Content-Length can throw; the status already arrived.
      LOG.debug(
          "spoke upload: closing the HTTP {} response failed; the status stands", o.status, e);
    } finally {
      u.lock.lock();
      try {
        this.call = null;
      } finally {
        u.lock.unlock();
      }
    }
    long nanos = System.nanoTime() - t0;
    int batchCount = w.batches.size();
    long wireBytes = w.wireBytes;
    Resolutions.safely(
        () -> u.listener.requestCompleted(o.status, wireBytes, batchCount, nanos, o.error));
    if (o.error != null) {
      u.lock.lock();
      try {
        if (u.closed) {
          return null;
        }
      } finally {
        u.lock.unlock();
      }
    } else {
      long n = w.wireBytes;
      Resolutions.safely(() -> u.listener.bytesSent(n));
    }
    return o;
  }
}
