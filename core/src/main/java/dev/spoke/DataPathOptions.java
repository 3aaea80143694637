package dev.spoke;

import dev.spoke.internal.capture.OptOutStore;
import dev.spoke.internal.durability.JournalConfig;
import dev.spoke.internal.pipeline.DataPath;
import dev.spoke.internal.pipeline.PipelineConfig;
import dev.spoke.internal.upload.HttpClients;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.Sleeper;
import dev.spoke.internal.upload.UploadListener;
import dev.spoke.internal.upload.UploaderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Translates {@link SpokeOptions} into the settings of the data path's parts (pipeline, uploader,
 * retry policy, journal) and opens it; the one place those options meet the internals.
 */
final class DataPathOptions {
  private DataPathOptions() {}

  /**
   * The HTTP client for this instance: the host's (derived) or the shared one, with the request
   * timeout applied when it is not the default.
   */
  static OkHttpClient httpClient(SpokeOptions o) {
    OkHttpClient base =
        o.httpClient != null ? HttpClients.derive(o.httpClient) : HttpClients.shared();
    if (!o.requestTimeout.equals(Duration.ofSeconds(60))) {
      // newBuilder() keeps the shared pool and dispatcher; only the bounds change.
      long ms = o.requestTimeout.toMillis();
      base =
          base.newBuilder()
              .callTimeout(ms, TimeUnit.MILLISECONDS)
              .readTimeout(Math.min(ms, 30_000), TimeUnit.MILLISECONDS)
              .build();
    }
    return base;
  }

  /** The upload backlog's cap: more batches waiting for a sender buy nothing. */
  static final long BATCH_SHARE_CAP = 8L * 1024 * 1024;

  /**
   * How {@code maxBufferedBytes} ({@code M}) is shared by the three places queued events wait, so
   * that together they never hold more than {@code M}: open batches {@code min(M/4, 32 MB)}, the
   * upload backlog {@code min(M/8, 8 MB)} but at least two requests, and the capture queue the rest
   * (at least {@code M/4}; 88 MB of the default 128 MB). The capture queue gets the most because it
   * absorbs bursts; the worker and the uploads drain the other two at the network's pace.
   */
  static long openShare(long m) {
    return Math.min(m / 4, OPEN_SHARE_CAP);
  }

  /**
   * The open batches' cap. Open batches are sealed all at once when they reach their share, so the
   * share sets how many events a user's batch collects before its header and {@code
   * source_request_id} are paid again: 8 MB gave W1 (5,000 users) batches of 4 events, 32 MB gives
   * 13, and 25 % fewer bytes on the wire per event (bench/README.md, step 20).
   */
  static final long OPEN_SHARE_CAP = 32L * 1024 * 1024;

  static long backlogShare(long m, ServiceLimits limits) {
    return Math.max(Math.min(m / 8, BATCH_SHARE_CAP), limits.requestMaxBytes() * 2L);
  }

  static long queueShare(long m, ServiceLimits limits) {
    long q = m - openShare(m) - backlogShare(m, limits);
    if (q < m / 4) {
      // open M/4 + backlog 2R + queue M/4 <= M  <=>  M >= 4R
      long need = limits.requestMaxBytes() * 4L;
      throw new IllegalArgumentException(
          "maxBufferedBytes "
              + m
              + " is too small for the workspace's request limit of "
              + limits.requestMaxBytes()
              + " bytes (the upload backlog needs two requests' worth): use at least "
              + need);
    }
    return q;
  }

  /** The pipeline's settings from the options, all but its collaborators. */
  static PipelineConfig.Builder pipeline(SpokeOptions o, String name) {
    ServiceLimits limits = o.workspace.limits();
    return PipelineConfig.builder()
        .name(name)
        .queueCapacity(o.queueCapacity)
        .maxQueueBytes(queueShare(o.maxBufferedBytes, limits))
        .batchMaxBytes(limits.batchMaxBytes())
        .historicalAfterMillis(limits.historicalAfterMillis())
        .maxOpenBytes(openShare(o.maxBufferedBytes))
        .identityHoldMillis(o.identityHoldTimeout.toMillis())
        .uploadIntervalMillis(o.uploadInterval.toMillis());
  }

  /**
   * Opens the data path (journal when a data directory is set, uploader, pipeline); not started.
   *
   * @param pipeline the pipeline's settings with its collaborators set
   * @param apiSecret the current API secret, read at each request
   * @param sleeper the uploader's sleeper, or null for the system's
   */
  static DataPath open(
      SpokeOptions o,
      PipelineConfig.Builder pipeline,
      OkHttpClient base,
      Supplier<char[]> apiSecret,
      Sleeper sleeper,
      UploadListener uploadHealth) {
    ServiceLimits limits = o.workspace.limits();
    boolean gzip = o.gzip != null ? o.gzip : OptionRules.isLoopback(o.eventsBaseUri.getHost());
    UploaderConfig.Builder uc =
        UploaderConfig.builder()
            .baseUrl(o.eventsBaseUri.toString())
            .apiKey(o.workspace.apiKey())
            .apiSecret(apiSecret)
            .gzip(gzip)
            .maxInFlight(o.maxRequestsInFlight)
            .batchMaxBytes(limits.batchMaxBytes())
            .requestMaxBytes(limits.requestMaxBytes())
            .batchesPerRequest(limits.batchesPerRequest())
            .maxBacklogBytes(backlogShare(o.maxBufferedBytes, limits))
            .client(base)
            .clock(o.clock);
    if (sleeper != null) uc.sleeper(sleeper);
    JournalConfig jc =
        JournalConfig.builder()
            .maxTotalBytes(o.journalMaxBytes)
            .segmentBytes(Math.min(8L * 1024 * 1024, Math.max(1024L * 1024, o.journalMaxBytes / 8)))
            .fsync(o.fsyncPolicy)
            .fsyncInterval(o.journalFsyncInterval)
            .build();
    return DataPath.open(
        pipeline,
        uc,
        RetryPolicy.builder().initialBackoff(o.retryInitialBackoff).maxBackoff(o.retryMaxBackoff),
        o.dataDirectory != null ? journalDirectory(o) : null,
        jc,
        uploadHealth);
  }

  private static Path journalDirectory(SpokeOptions o) {
    return o.dataDirectory.resolve("journal-" + OptOutStore.safe(o.workspace.apiKey()));
  }
}
