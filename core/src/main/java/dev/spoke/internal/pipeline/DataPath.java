package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.durability.JournalConfig;
import dev.spoke.internal.upload.RetryPolicy;
import dev.spoke.internal.upload.SealedBatch;
import dev.spoke.internal.upload.UploadListener;
import dev.spoke.internal.upload.Uploader;
import dev.spoke.internal.upload.UploaderConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one instance, built once: the optional durable journal, the uploader (the
 * pipeline's {@link dev.spoke.internal.upload.BatchSink}) and the pipeline that feeds it. Not API.
 *
 * <p>The entry point builds this once and talks to the pipeline for capture; batch results flow
 * from the uploader to the pipeline through each batch's completion and never through the entry
 * point. Sender-wide upload events go to an {@link UploadReporter}.
 */
public final class DataPath {
  private static final Logger LOG = LoggerFactory.getLogger(DataPath.class);

  private final Durability journal;
  private final Uploader uploader;
  private final Pipeline pipeline;
  private final SpokeListener listener;

  private DataPath(
      Durability journal, Uploader uploader, Pipeline pipeline, SpokeListener listener) {
    this.journal = journal;
    this.uploader = uploader;
    this.pipeline = pipeline;
    this.listener = listener;
  }

  /**
   * Opens the journal (when a directory is given), starts the uploader and builds the pipeline (not
   * started: call {@link #start}).
   *
   * @param pipeline the pipeline's settings; its {@code counters} and {@code listener} are used for
   *     the whole path, its {@code sink}, {@code journal} and {@code spillFile} are set here
   * @param upload the uploader's settings, all but the retry policy
   * @param retry the retry policy; with a journal it retries without a bound (data outlives any
   *     outage on disk)
   * @param journalDirectory where the journal lives, or null for memory only
   * @param journalConfig the journal's settings (ignored without a directory)
   * @param uploadHealth observes the uploader's sender-wide events (retries, pauses, deliveries,
   *     requests) before the listener hears of them; {@link UploadListener#NONE} for none
   */
  public static DataPath open(
      PipelineConfig.Builder pipeline,
      UploaderConfig.Builder upload,
      RetryPolicy.Builder retry,
      Path journalDirectory,
      JournalConfig journalConfig,
      UploadListener uploadHealth) {
    Objects.requireNonNull(pipeline.counters(), "counters is null");
    Objects.requireNonNull(pipeline.listener(), "listener is null");
    Durability journal =
        journalDirectory != null
            ? Durability.open(journalDirectory, journalConfig, pipeline.listener())
            : null;
    // With a journal the data outlives any outage on disk: giving up after a fixed number of
    // attempts
    // would delete journaled events because the platform was down for a few minutes. Keep retrying
    // (backoff capped, one request at a time) until the platform answers or the instance is closed.
    RetryPolicy uploadRetry =
        (journal != null ? retry.maxAttempts(Integer.MAX_VALUE) : retry).build();
    Uploader uploader =
        Uploader.start(
            upload.retryPolicy(uploadRetry).build(),
            new UploadReporter(
                pipeline.counters(),
                pipeline.listener(),
                uploadHealth != null ? uploadHealth : UploadListener.NONE));
    return new DataPath(
        journal,
        uploader,
        new Pipeline(pipeline.sink(uploader).durability(journal).build()),
        pipeline.listener());
  }

  /** The pipeline (capture side). */
  public Pipeline pipeline() {
    return pipeline;
  }

  /** Whether events are journaled (a directory was given and the journal opened). */
  public boolean durable() {
    return journal != null;
  }

  /** Starts the pipeline's worker. */
  public void start() {
    pipeline.start();
  }

  /** Bytes the journal holds on disk (0 without one). Any thread. */
  public long journalBytes() {
    return journal != null ? journal.sizeBytes() : 0L;
  }

  /** Replaces the upload credentials; a pause on rejected credentials is probed again at once. */
  public void updateCredentials(String apiKey, Supplier<char[]> secret) {
    uploader.updateCredentials(apiKey, secret);
  }

  /**
   * The close sequence after the final flush: stops the worker, reports what calls racing the close
   * counted, closes the uploader, and settles the batches it could not send (kept in the journal,
   * or counted as {@link DropReason#UNSENT_AT_CLOSE} without one).
   *
   * @return true when nothing was left unsent
   */
  public boolean stop(long deadlineNanos) {
    pipeline.stopWorker(remaining(deadlineNanos));
    pipeline
        .intake()
        .reportAggregatedDrops(); // what calls racing the close counted after the worker's last
    // report
    List<SealedBatch> unsent = uploader.close(remaining(deadlineNanos));
    if (journal == null) {
      for (SealedBatch b : unsent) {
        b.completion()
            .dropped(
                DropReason.UNSENT_AT_CLOSE,
                "close timed out before the batch was delivered (configure a dataDirectory to keep such events)");
      }
    } else if (!unsent.isEmpty()) {
      listener.onJournal(
          unsent.size()
              + " batches were not delivered before close; they stay in the journal and"
              + " are sent on the next start");
    }
    return unsent.isEmpty();
  }

  /** Closes the journal (last step of close). */
  public void closeJournal() {
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException e) {
        LOG.warn("spoke: closing the journal failed: {}", e.toString());
      }
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }
}
