package dev.spoke.internal.durability;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A durable append-only log of opaque records in a directory of segment files. Not API.
 *
 * <p>Files are {@code seg-<20-digit first sequence>.log}. Each frame is {@code [int length][int
 * crc32c][body]}, big-endian, the CRC covering the body. A body is a data record ({@code 1, long
 * seq, payload}) or an acknowledgement ({@code 2, (long firstSeq, int count)…}). Sequence numbers
 * are monotonic and contiguous within a segment. Acknowledgements are journaled, so acknowledged
 * records are not replayed after a restart; a segment whose records are all acknowledged and which
 * is not the head (the segment being written) is deleted. Before a segment is deleted while an
 * older one still lives, the acknowledgements of the older ones are written again into the head,
 * because the deleted file may have held them.
 *
 * <p>On {@link #open} every segment is scanned: a short frame, a bad length or a checksum mismatch
 * ends the readable part of that file; the rest is truncated and reported to the listener with file
 * and offset (a damaged middle segment keeps its readable prefix; later segments are kept). A frame
 * whose checksum is right is still not trusted: its contents are checked against what {@link
 * #append} and {@link #acknowledge} could have written (a data record's sequence number is the next
 * one of its segment; an acknowledgement covers only records written before it, with a positive
 * count), and a frame that fails is reported and skipped, the frames after it kept. A segment whose
 * file name claims sequence numbers another segment already holds is reported and set aside
 * (renamed {@code *.corrupt}). So whatever the files hold, opening costs time and memory in
 * proportion to their size, and replay never sees a record the scan did not accept.
 *
 * <p>Size bound policy: when the files would exceed {@code maxTotalBytes}, {@link #append} refuses
 * the record with {@link JournalFullException} (nothing older is evicted; the caller counts the
 * refusal). Acknowledgements are always written, since they free space.
 *
 * <p>Threading: safe for one writer thread plus acknowledgements from other threads (one lock;
 * calls block while another holds it, including during an fsync). {@link #replay} reads without
 * holding the lock.
 */
final class Journal implements AutoCloseable {
  static final int HEADER = JournalFrames.HEADER;

  /** Receives replayed records. */
  @FunctionalInterface
  public interface RecordConsumer {
    void accept(long seq, byte[] payload);
  }

  private final Path dir;
  private final JournalDirectory directory;
  private final JournalConfig config;
  private final JournalListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledExecutorService syncer;
  // Guarded by lock.
  private final JournalSegments segments = new JournalSegments();
  private final SegmentWriter writer;
  private long nextSeq;
  private long totalBytes;
  private boolean closed;

  private Journal(JournalDirectory directory, JournalConfig config, JournalListener listener) {
    this.dir = directory.dir;
    this.directory = directory;
    this.config = config;
    this.listener = listener;
    this.writer = new SegmentWriter(config);
    this.syncer = SegmentWriter.syncThread(config);
  }

  /**
   * Opens (creating if needed) the journal in {@code dir}, scanning and repairing its segments.
   * Blocks while it reads the files. Fails with an {@link IOException} naming the directory when it
   * cannot be created, written or locked (another journal has it open).
   */
  public static Journal open(Path dir, JournalConfig config, JournalListener listener)
      throws IOException {
    Objects.requireNonNull(dir, "dir is null: pass the journal directory");
    Objects.requireNonNull(config, "config is null: use JournalConfig.defaults()");
    JournalListener l = listener != null ? listener : JournalListener.NONE;
    Journal j = new Journal(JournalDirectory.lock(dir), config, l);
    try {
      j.load();
    } catch (IOException | RuntimeException e) {
      j.closeQuietly();
      throw e;
    }
    if (j.syncer != null) {
      long iv = config.fsyncIntervalMillis;
      j.syncer.scheduleWithFixedDelay(j::backgroundSync, iv, iv, TimeUnit.MILLISECONDS);
    }
    return j;
  }

  // ---------------------------------------------------------------- open

  private void load() throws IOException {
    totalBytes = JournalLoad.segments(dir, segments, this::report);
    if (segments.isEmpty()) {
      createHead(1);
    } else {
      JournalSegment last = segments.head();
      writer.reopen(last.path);
      nextSeq = last.firstSeq + last.count;
    }
    writer.resetSyncClock();
    compact();
  }

  static long parseSeq(Path p) {
    return JournalSegment.parseSeq(p);
  }

  static String fileName(long firstSeq) {
    return JournalSegment.fileName(firstSeq);
  }

  static int crc32c(byte[] b, int off, int len) {
    return JournalFrames.crc32c(b, off, len);
  }

  // ---------------------------------------------------------------- writes

  /**
   * Appends a record and returns its sequence number. Blocks for the write (and, with {@link
   * FsyncPolicy#ALWAYS}, the device flush). Throws {@link JournalFullException} when the size bound
   * is reached (the record is not written), {@link IOException} when the write fails (the journal
   * is left as before the call), {@link IllegalStateException} after close.
   */
  public long append(byte[] payload) throws IOException {
    if (payload.length > JournalFrames.MAX_FRAME - 9) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " bytes exceeds the journal's frame limit of "
              + (JournalFrames.MAX_FRAME - 9));
    }
    int frameLen = JournalFrames.DATA_OVERHEAD + payload.length;
    lock.lock();
    try {
      ensureOpen();
      if (totalBytes + frameLen > config.maxTotalBytes) {
        throw new JournalFullException(
            "journal in "
                + dir
                + " holds "
                + totalBytes
                + " of at most "
                + config.maxTotalBytes
                + " bytes: record of "
                + payload.length
                + " bytes refused until acknowledged records free space");
      }
      JournalSegment h = headSegment();
      if (h.size > 0 && h.size + frameLen > config.segmentBytes) {
        roll();
        h = headSegment();
      }
      long seq = nextSeq;
      totalBytes += writer.writeData(h, seq, payload);
      h.count++;
      nextSeq++;
      writer.afterWrite();
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks records as delivered so they are never replayed; unknown or already acknowledged numbers
   * are ignored. Deletes segments that become fully acknowledged. Blocks for the write (and an
   * fsync under {@link FsyncPolicy#ALWAYS}). Safe to call from any thread.
   */
  public void acknowledge(long... seqs) throws IOException {
    if (seqs.length == 0) {
      return;
    }
    long[] sorted = seqs.clone();
    Arrays.sort(sorted);
    lock.lock();
    try {
      ensureOpen();
      List<long[]> ranges = segments.unacknowledgedRanges(sorted);
      if (ranges.isEmpty()) {
        return;
      }
      writeAcks(ranges);
      for (long[] r : ranges) {
        segments.markAcked(r[0], r[1]);
      }
      writer.afterWrite();
      compact();
    } finally {
      lock.unlock();
    }
  }

  private void writeAcks(List<long[]> ranges) throws IOException {
    JournalSegment h = headSegment();
    long before = h.size;
    try {
      writer.writeAcks(h, ranges);
    } finally {
      totalBytes += h.size - before; // frames written before a failed one still take their room
    }
  }

  /** Deletes fully acknowledged segments other than the head, carrying older acks forward. */
  private void compact() throws IOException {
    for (int i = 0; i < segments.size() - 1; ) {
      JournalSegment s = segments.get(i);
      if (!s.allAcked()) {
        i++;
        continue;
      }
      List<long[]> older = segments.ackedRangesBefore(i);
      if (!older.isEmpty()) {
        writeAcks(older);
        writer.force(); // the carried acks must be durable before the file holding them goes
      }
      Files.deleteIfExists(s.path);
      segments.remove(i);
      totalBytes -= s.size;
      safeListener(() -> listener.segmentDeleted(s.path));
    }
  }

  private void roll() throws IOException {
    writer.force();
    writer.close();
    createHead(nextSeq);
  }

  private void createHead(long firstSeq) throws IOException {
    Path p = dir.resolve(fileName(firstSeq));
    writer.create(p);
    segments.add(new JournalSegment(p, firstSeq));
    nextSeq = firstSeq;
    directory.syncEntries();
  }

  private JournalSegment headSegment() {
    return segments.head();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("journal in " + dir + " is closed");
    }
  }

  // ---------------------------------------------------------------- reads and queries

  /**
   * Calls {@code consumer} for every record not acknowledged when the replay starts, in sequence
   * order, on the calling thread. Reads the files without holding the journal's lock, so appends
   * may continue (records appended meanwhile are not included; records acknowledged meanwhile may
   * still be delivered). Exceptions from the consumer propagate and end the replay.
   */
  public void replay(RecordConsumer consumer) throws IOException {
    List<JournalSegment> snapshot;
    lock.lock();
    try {
      ensureOpen();
      snapshot = segments.snapshot();
    } finally {
      lock.unlock();
    }
    JournalReader.read(snapshot, consumer);
  }

  /** Bytes held in segment files. Non-blocking apart from the lock. */
  public long sizeBytes() {
    lock.lock();
    try {
      return totalBytes;
    } finally {
      lock.unlock();
    }
  }

  /** Records appended and not acknowledged. */
  public long unacknowledgedCount() {
    lock.lock();
    try {
      return segments.unacknowledged();
    } finally {
      lock.unlock();
    }
  }

  /** The sequence number the next append will get. */
  public long nextSequence() {
    lock.lock();
    try {
      return nextSeq;
    } finally {
      lock.unlock();
    }
  }

  /** Number of segment files. */
  public int segmentCount() {
    lock.lock();
    try {
      return segments.size();
    } finally {
      lock.unlock();
    }
  }

  /** Forces written data to the device now, whatever the policy. */
  public void sync() throws IOException {
    lock.lock();
    try {
      ensureOpen();
      writer.force();
    } finally {
      lock.unlock();
    }
  }

  /** Device flushes performed so far (for tests and metrics). */
  public long syncCount() {
    lock.lock();
    try {
      return writer.syncCount();
    } finally {
      lock.unlock();
    }
  }

  private void backgroundSync() {
    lock.lock();
    try {
      if (!closed && writer.dirty()) {
        writer.force();
      }
    } catch (IOException e) {
      safeListener(() -> listener.syncFailed(e));
    } finally {
      lock.unlock();
    }
  }

  /** Syncs and closes the files and stops the sync thread. Idempotent. */
  @Override
  public void close() throws IOException {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        writer.force();
      } finally {
        writer.close();
        directory.release();
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    try {
      if (syncer != null) {
        syncer.shutdownNow();
      }
      if (writer.isOpen()) {
        writer.close();
      }
      directory.release();
    } catch (IOException ignored) {
      // already failing; the caller gets the original exception
    }
  }

  private void report(Path file, long offset, String reason) {
    safeListener(() -> listener.corruption(file, offset, reason));
  }

  private static void safeListener(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // a listener must never break the journal
    }
  }

  @Override
  public String toString() {
    return "Journal{dir=" + dir + ", " + config + '}';
  }
}
