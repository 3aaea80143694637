package dev.spoke.bench.spoke;

import dev.spoke.Environment;
import dev.spoke.Spoke;
import dev.spoke.bench.Driver;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.json.UserSnapshot;
import dev.spoke.internal.upload.BatchFraming;
import dev.spoke.internal.upload.BodyEncoder;
import dev.spoke.internal.upload.RequestPacker;
import dev.spoke.internal.upload.SealedBatch;
import dev.spoke.internal.upload.UploadBody;
import dev.spoke.internal.upload.UploadQueue;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;

/**
 * W2, the physical limit: the W1 events serialized with core's own streaming serializer into
 * Events-API batches (one user per batch, 128 KB), packed into bulk requests (256 KB, 100 batches)
 * and gzipped as the uploader does, on one thread, with no network and no queue. The event objects
 * are built before the clock starts; serializing, framing, packing and gzip are timed. The first
 * pass runs on a cold JVM like W1; the median of the later passes is the warm figure.
 *
 * <p>Args: {@code n=N users=U iterations=K}. Prints one {@code RESULT {...}} line, then waits for
 * stdin to close (so the parent can read /proc).
 */
public final class W2Main {
  private static final int BATCH_MAX = 128 * 1024;
  private static final int REQUEST_MAX = 256 * 1024;
  private static final int BATCHES_PER_REQUEST = 100;

  private W2Main() {}

  /** Sizes of one pass. */
  private record Pass(
      long nanos,
      long gzipNanos,
      long cpuNanos,
      long gzipCpuNanos,
      long rawBytes,
      long gzipBytes,
      int batches,
      int requests) {}

  /** This thread's CPU time: on a shared machine a steadier measure than the wall clock. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws IOException {
    int n = 200_000;
    int users = 5_000;
    int iterations = 5;
    int gzipLevel = BodyEncoder.DEFAULT_LEVEL;
    for (String a : args) {
      String v = a.substring(a.indexOf('=') + 1);
      if (a.startsWith("n=")) {
        n = Integer.parseInt(v);
      } else if (a.startsWith("users=")) {
        users = Integer.parseInt(v);
      } else if (a.startsWith("iterations=")) {
        iterations = Integer.parseInt(v);
      } else if (a.startsWith("gzipLevel=")) {
        gzipLevel = Integer.parseInt(v);
      }
    }
    CustomEvent[] events = new CustomEvent[n];
    for (int i = 0; i < n; i++) {
      events[i] =
          CustomEvent.builder("Product Viewed")
              .customEventType(CustomEventType.OTHER)
              .attribute("sku", Driver.sku(i))
              .attribute("price", Driver.price(i))
              .attribute("qty", Driver.qty(i))
              .attribute("category", "shoes")
              .attribute("campaign", "winter-sale")
              .build();
    }
    Pass[] passes = new Pass[Math.max(1, iterations)];
    for (int k = 0; k < passes.length; k++) {
      passes[k] = pass(events, users, gzipLevel);
    }
    Pass first = passes[0];
    Pass[] later = Arrays.copyOfRange(passes, passes.length > 1 ? 1 : 0, passes.length);
    Arrays.sort(later, (a, b) -> Long.compare(a.nanos(), b.nanos()));
    Pass median = later[later.length / 2];
    double warmSec = median.nanos() / 1e9;
    double firstSec = first.nanos() / 1e9;
    StringBuilder r = new StringBuilder();
    r.append("{\"events\":")
        .append(n)
        .append(",\"users\":")
        .append(users)
        .append(",\"passes\":")
        .append(passes.length)
        .append(",\"batches\":")
        .append(first.batches())
        .append(",\"requests\":")
        .append(first.requests())
        .append(",\"rawBytes\":")
        .append(first.rawBytes())
        .append(",\"gzipBytes\":")
        .append(first.gzipBytes())
        .append(",\"rawBytesPerEvent\":")
        .append(first.rawBytes() / (double) n)
        .append(",\"gzipBytesPerEvent\":")
        .append(first.gzipBytes() / (double) n)
        .append(",\"firstPassSec\":")
        .append(firstSec)
        .append(",\"firstPassEventsPerSec\":")
        .append(n / firstSec)
        .append(",\"warmMedianSec\":")
        .append(warmSec)
        .append(",\"eventsPerSec\":")
        .append(n / warmSec)
        .append(",\"gzipShareOfWarm\":")
        .append(median.gzipNanos() / (double) median.nanos())
        .append(",\"mbPerSec\":")
        .append(first.rawBytes() / 1048576.0 / warmSec)
        .append(",\"gzipMbPerSec\":")
        .append(first.gzipBytes() / 1048576.0 / warmSec)
        .append(",\"warmMedianCpuSec\":")
        .append(median.cpuNanos() / 1e9)
        .append(",\"cpuMicrosPerEvent\":")
        .append(median.cpuNanos() / 1e3 / n)
        .append(",\"gzipCpuMicrosPerEvent\":")
        .append(median.gzipCpuNanos() / 1e3 / n)
        .append(",\"gzipLevel\":")
        .append(gzipLevel)
        .append(",\"sdkVersion\":\"")
        .append(Spoke.SDK_VERSION)
        .append("\"}");
    System.out.println("RESULT " + r);
    System.out.flush();
    System.in.transferTo(OutputStream.nullOutputStream());
  }

  private static Pass pass(CustomEvent[] events, int users, int gzipLevel) throws IOException {
    long t0 = System.nanoTime();
    long c0 = cpu();
    EventSerializer ser = new EventSerializer();
    HeaderSerializer headers = new HeaderSerializer();
    byte[] instance =
        headers.instanceFragment(
            Environment.PRODUCTION, null, null, Spoke.SDK_VERSION, null, null, null);
    // One open batch per user, as the worker holds them between uploads.
    Map<Integer, List<byte[]>> open = new LinkedHashMap<>();
    long[] eventNum = new long[users];
    long sessionStart = System.currentTimeMillis();
    for (int i = 0; i < events.length; i++) {
      int u = i % users;
      SessionContext session = new SessionContext(1_000 + u, null, sessionStart, ++eventNum[u]);
      open.computeIfAbsent(u, x -> new ArrayList<>()).add(ser.serialize(events[i], session));
    }
    long now = System.currentTimeMillis();
    List<SealedBatch> sealed = new ArrayList<>();
    for (Map.Entry<Integer, List<byte[]>> e : open.entrySet()) {
      byte[] user =
          headers.userFragment(
              UserSnapshot.builder()
                  .identities(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + e.getKey()))
                  .build());
      frame(instance, user, "user-" + e.getKey(), e.getValue(), now, sealed);
    }
    // Packed by the uploader's own queue (per-user ordering and packing), as production packs them.
    UploadQueue queue =
        new UploadQueue(new RequestPacker(BATCH_MAX, REQUEST_MAX, BATCHES_PER_REQUEST));
    queue.add(sealed);
    long raw = 0;
    long gz = 0;
    int requests = 0;
    long gzipNanos = 0;
    long gzipCpu = 0;
    // The request bodies as a sender thread writes them: its one reused encoder, the same
    // UploadBody written to a sink (here one that discards), no intermediate body.
    BodyEncoder encoder = new BodyEncoder(gzipLevel);
    BufferedSink sink = Okio.buffer(Okio.blackhole());
    for (List<SealedBatch> req = queue.takeBatches(); req != null; req = queue.takeBatches()) {
      raw += RequestPacker.bodySize(req);
      long g0 = System.nanoTime();
      long gc0 = cpu();
      RequestBody body = UploadBody.gzip(req, encoder);
      body.writeTo(sink);
      gz += encoder.length();
      gzipNanos += System.nanoTime() - g0;
      gzipCpu += cpu() - gc0;
      requests++;
      queue.finishedBatches(req);
      queue.settle(req);
    }
    sink.flush();
    encoder.close();
    return new Pass(
        System.nanoTime() - t0, gzipNanos, cpu() - c0, gzipCpu, raw, gz, sealed.size(), requests);
  }

  /** Splits one user's events into batches under the byte limit, as the pipeline does. */
  private static void frame(
      byte[] instance,
      byte[] user,
      String userKey,
      List<byte[]> events,
      long ts,
      List<SealedBatch> out) {
    int headerLength = BatchFraming.headerFieldsLength(instance, user);
    int i = 0;
    while (i < events.size()) {
      String srid = UUID.randomUUID().toString();
      int size = BatchFraming.overheadBytes(headerLength, srid, 0);
      int j = i;
      while (j < events.size()) {
        int add = events.get(j).length + (j > i ? 1 : 0);
        if (size + add > BATCH_MAX && j > i) {
          break;
        }
        size += add;
        j++;
      }
      // Kept as its parts, as the pipeline seals it: the encoder frames it into the body.
      out.add(
          SealedBatch.builder()
              .sourceRequestId(srid)
              .framed(instance, user, events.subList(i, j).toArray(new byte[0][]), 0, j - i)
              .eventCount(j - i)
              .userKey(userKey)
              .build());
      i = j;
    }
  }
}
