package dev.spoke.internal.pipeline;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.internal.durability.Durability;
import dev.spoke.internal.json.EventSerializer;
import dev.spoke.internal.upload.BatchSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The {@link Pipeline}'s construction parameters: an immutable value built by {@link Builder}. */
public final class PipelineConfig {
  final String name;
  final int queueCapacity;
  final long maxQueueBytes;
  final EventSerializer serializer;
  final HeaderSource headers;
  final BatchSink sink;
  final KitHub kits;
  final Counters counters;
  final SpokeListener listener;
  final Clock clock;
  final int batchMaxBytes;
  final long historicalAfterMillis;
  final long maxOpenBytes;
  final long identityHoldMillis;
  final long uploadIntervalMillis;
  final Function<Long, List<Record>> sessionSweeper;
  final Durability durability;
  final long journalMaxAgeMillis;

  private PipelineConfig(Builder b) {
    this.name = b.name;
    this.queueCapacity = b.queueCapacity;
    this.maxQueueBytes = b.maxQueueBytes;
    this.serializer = b.serializer;
    this.headers = b.headers;
    this.sink = b.sink;
    this.kits = b.kits;
    this.counters = b.counters;
    this.listener = b.listener;
    this.clock = b.clock;
    this.batchMaxBytes = b.batchMaxBytes;
    this.historicalAfterMillis = b.historicalAfterMillis;
    this.maxOpenBytes = b.maxOpenBytes;
    this.identityHoldMillis = b.identityHoldMillis;
    this.uploadIntervalMillis = b.uploadIntervalMillis;
    this.sessionSweeper = b.sessionSweeper;
    this.durability = b.durability;
    this.journalMaxAgeMillis = b.journalMaxAgeMillis;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the parameters; every one has a default but the serializer, headers and counters. */
  public static final class Builder {
    private String name = "default";
    private int queueCapacity = 262_144;
    private long maxQueueBytes = 48L * 1024 * 1024;
    private EventSerializer serializer;
    private HeaderSource headers;
    private BatchSink sink;
    private KitHub kits = KitHub.NONE;
    private Counters counters;
    private SpokeListener listener;
    private Clock clock;
    private int batchMaxBytes = 128 * 1024;
    private long historicalAfterMillis = Duration.ofDays(30).toMillis();
    private long maxOpenBytes = 8L * 1024 * 1024;
    private long identityHoldMillis = 30_000;
    private long uploadIntervalMillis = 5_000;
    private Function<Long, List<Record>> sessionSweeper;
    private Durability durability;
    private long journalMaxAgeMillis = Duration.ofDays(60).toMillis();

    private Builder() {}

    /** Names the worker thread ({@code spoke-worker-<name>}) and log lines. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Most bytes the records waiting in the capture queue may hold ({@link Record#heldBytes()}); an
     * offer past it is dropped as {@link DropReason#QUEUE_FULL}.
     */
    public Builder maxQueueBytes(long maxQueueBytes) {
      this.maxQueueBytes = maxQueueBytes;
      return this;
    }

    public Builder serializer(EventSerializer serializer) {
      this.serializer = serializer;
      return this;
    }

    public Builder headers(HeaderSource headers) {
      this.headers = headers;
      return this;
    }

    /** Where sealed batches go (the uploader). */
    public Builder sink(BatchSink sink) {
      this.sink = sink;
      return this;
    }

    public Builder kits(KitHub kits) {
      this.kits = kits;
      return this;
    }

    public Builder counters(Counters counters) {
      this.counters = counters;
      return this;
    }

    public Builder listener(SpokeListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder batchMaxBytes(int batchMaxBytes) {
      this.batchMaxBytes = batchMaxBytes;
      return this;
    }

    public Builder historicalAfterMillis(long historicalAfterMillis) {
      this.historicalAfterMillis = historicalAfterMillis;
      return this;
    }

    public Builder maxOpenBytes(long maxOpenBytes) {
      this.maxOpenBytes = maxOpenBytes;
      return this;
    }

    public Builder identityHoldMillis(long identityHoldMillis) {
      this.identityHoldMillis = identityHoldMillis;
      return this;
    }

    public Builder uploadIntervalMillis(long uploadIntervalMillis) {
      this.uploadIntervalMillis = uploadIntervalMillis;
      return this;
    }

    public Builder sessionSweeper(Function<Long, List<Record>> sessionSweeper) {
      this.sessionSweeper = sessionSweeper;
      return this;
    }

    /** The durable journal and its spill file, or null for memory only. */
    public Builder durability(Durability durability) {
      this.durability = durability;
      return this;
    }

    /** Journaled events older than this are dropped on replay ({@link DropReason#EXPIRED}). */
    public Builder journalMaxAgeMillis(long journalMaxAgeMillis) {
      this.journalMaxAgeMillis = journalMaxAgeMillis;
      return this;
    }

    Counters counters() {
      return counters;
    }

    SpokeListener listener() {
      return listener;
    }

    public PipelineConfig build() {
      return new PipelineConfig(this);
    }
  }
}
