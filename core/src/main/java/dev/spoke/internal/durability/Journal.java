package dev.spoke.internal.durability;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

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
  static final int HEADER = 8;
  static final int MAX_FRAME = 64 * 1024 * 1024;

  /**
   * No sequence number a writer reaches (one record per nanosecond for a century is below 2^62).
   */
  static final long MAX_SEQ = 1L << 62;

  /** Acknowledgement ranges per frame, as {@link #writeAcks} writes them. */
  private static final int ACKS_PER_FRAME = 4096;

  private static final byte DATA = 1;
  private static final byte ACK = 2;
  private static final int DATA_OVERHEAD = HEADER + 1 + 8;

  /** Receives replayed records. */
  @FunctionalInterface
  public interface RecordConsumer {
    void accept(long seq, byte[] payload);
  }

  private final Path dir;
  private final JournalConfig config;
  private final JournalListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final FileChannel lockChannel;
  private final FileLock dirLock;
  private final ScheduledExecutorService syncer;
  // Guarded by lock.
  private final List<Segment> segments = new ArrayList<>();
  private FileChannel head;
  private long nextSeq;
  private long totalBytes;
  private boolean dirty;
  private long lastSyncMillis;
  private long syncCount;
  private boolean closed;
  private ByteBuffer buffer = ByteBuffer.allocate(4096);

  private static final class Segment {
    final Path path;
    final long firstSeq;
    long count;
    long size;
    final BitSet acked = new BitSet();

    Segment(Path path, long firstSeq) {
      this.path = path;
      this.firstSeq = firstSeq;
    }

    boolean contains(long seq) {
      return seq >= firstSeq && seq < firstSeq + count;
    }

    boolean allAcked() {
      return acked.cardinality() == count;
    }
  }

  private Journal(
      Path dir,
      JournalConfig config,
      JournalListener listener,
      FileChannel lockChannel,
      FileLock dirLock) {
    this.dir = dir;
    this.config = config;
    this.listener = listener;
    this.lockChannel = lockChannel;
    this.dirLock = dirLock;
    if (config.fsync == FsyncPolicy.INTERVAL && config.backgroundSync) {
      this.syncer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "spoke-journal-sync");
                t.setDaemon(true);
                return t;
              });
    } else {
      this.syncer = null;
    }
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
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException(
          "journal directory "
              + dir
              + " cannot be created ("
              + e
              + "): choose a writable directory",
          e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IOException(
          "journal directory " + dir + " is not a writable directory: choose a writable directory");
    }
    FileChannel lc;
    try {
      lc =
          FileChannel.open(
              dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException(
          "journal directory " + dir + " is not writable (" + e + "): choose a writable directory",
          e);
    }
    FileLock fl;
    try {
      fl = lc.tryLock();
    } catch (OverlappingFileLockException e) {
      fl = null;
    }
    if (fl == null) {
      lc.close();
      throw new IOException(
          "journal directory "
              + dir
              + " is already in use by another journal: give each instance its own directory");
    }
    Journal j = new Journal(dir, config, l, lc, fl);
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
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "seg-*.log")) {
      for (Path p : ds) {
        if (parseSeq(p) >= 0) {
          files.add(p);
        }
      }
    }
    files.sort((a, b) -> Long.compare(parseSeq(a), parseSeq(b)));
    AckRanges acks = new AckRanges();
    for (Path p : files) {
      Segment s = new Segment(p, parseSeq(p));
      if (!segments.isEmpty()) {
        Segment prev = segments.get(segments.size() - 1);
        if (s.firstSeq < prev.firstSeq + prev.count) {
          // Two files claiming the same sequence numbers cannot both be the writer's: keep the
          // older.
          report(
              p,
              0,
              "segment starts at sequence "
                  + s.firstSeq
                  + ", inside "
                  + prev.path.getFileName()
                  + " (up to "
                  + (prev.firstSeq + prev.count - 1)
                  + "); set aside as "
                  + p.getFileName()
                  + ".corrupt");
          Files.move(
              p,
              p.resolveSibling(p.getFileName() + ".corrupt"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          continue;
        }
      }
      scan(s, acks);
      segments.add(s);
      totalBytes += s.size;
    }
    for (int i = 0; i < acks.size; i++) {
      markAcked(acks.first[i], acks.count[i]);
    }
    if (segments.isEmpty()) {
      createHead(1);
    } else {
      Segment last = segments.get(segments.size() - 1);
      head = FileChannel.open(last.path, StandardOpenOption.WRITE);
      nextSeq = last.firstSeq + last.count;
    }
    lastSyncMillis = config.clockMillis.getAsLong();
    compact();
  }

  static long parseSeq(Path p) {
    String n = p.getFileName().toString();
    if (!n.startsWith("seg-") || !n.endsWith(".log") || n.length() != 4 + 20 + 4) {
      return -1;
    }
    try {
      long seq = Long.parseLong(n.substring(4, 24));
      // The writer starts at 1 and counts up; far from overflow is all it can ever reach.
      return seq >= 1 && seq <= MAX_SEQ ? seq : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String fileName(long firstSeq) {
    return String.format("seg-%020d.log", firstSeq);
  }

  /**
   * Acknowledgement ranges read at open, in two growable arrays (16 bytes a range, no object each).
   */
  private static final class AckRanges {
    long[] first = new long[64];
    long[] count = new long[64];
    int size;

    void add(long f, long c) {
      if (size == first.length) {
        first = Arrays.copyOf(first, size * 2);
        count = Arrays.copyOf(count, size * 2);
      }
      first[size] = f;
      count[size++] = c;
    }
  }

  /**
   * Reads a segment's valid frames; truncates at the first damage of the framing and reports it. A
   * well-framed frame whose contents the writer could not have written is reported and skipped.
   */
  private void scan(Segment s, AckRanges acks) throws IOException {
    long fileSize = Files.size(s.path);
    long offset = 0;
    String damage = null;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(s.path), 1 << 16)) {
      byte[] header = new byte[HEADER];
      while (offset < fileSize) {
        if (!readFully(in, header)) {
          damage = "short frame header";
          break;
        }
        ByteBuffer hb = ByteBuffer.wrap(header);
        int len = hb.getInt();
        int crc = hb.getInt();
        if (len < 1 || len > MAX_FRAME || offset + HEADER + len > fileSize) {
          damage = len < 1 || len > MAX_FRAME ? "bad frame length " + len : "short frame";
          break;
        }
        byte[] body = new byte[len];
        if (!readFully(in, body)) {
          damage = "short frame";
          break;
        }
        if (crc32c(body, 0, len) != crc) {
          damage = "checksum mismatch";
          break;
        }
        String bad = checkContents(s, body, len, acks);
        if (bad != null) {
          report(s.path, offset, bad + "; frame skipped");
        }
        offset += HEADER + len;
      }
    }
    s.size = offset;
    if (damage != null) {
      report(s.path, offset, damage);
      try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
        ch.truncate(offset);
        ch.force(true);
      }
    }
  }

  /**
   * Checks a checksummed frame against what the writer could have written and applies it (counts a
   * data record, collects an acknowledgement's ranges).
   *
   * @return why the frame is refused, or null when it was applied
   */
  private static String checkContents(Segment s, byte[] body, int len, AckRanges acks) {
    ByteBuffer bb = ByteBuffer.wrap(body);
    byte type = bb.get();
    long next = s.firstSeq + s.count;
    if (type == DATA && len >= 9) {
      long seq = bb.getLong();
      if (seq != next) {
        return "record numbered " + seq + " where " + next + " was expected";
      }
      s.count++;
      return null;
    }
    if (type == ACK) {
      int ranges = (len - 1) / 12;
      if ((len - 1) % 12 != 0 || ranges < 1 || ranges > ACKS_PER_FRAME) {
        return "acknowledgement of "
            + len
            + " bytes (a whole number of 1 to "
            + ACKS_PER_FRAME
            + " ranges expected)";
      }
      // An acknowledgement is written after the records it covers: all lie before this point.
      for (int i = 0; i < ranges; i++) {
        long first = bb.getLong(1 + 12 * i);
        int count = bb.getInt(1 + 12 * i + 8);
        if (first < 1 || count < 1 || first > next - count) {
          return "acknowledgement of "
              + count
              + " records from "
              + first
              + " where only records before "
              + next
              + " exist";
        }
      }
      for (int i = 0; i < ranges; i++) {
        acks.add(bb.getLong(1 + 12 * i), bb.getInt(1 + 12 * i + 8));
      }
      return null;
    }
    return "unknown frame type " + type;
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        return false;
      }
      n += r;
    }
    return true;
  }

  static int crc32c(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  // ---------------------------------------------------------------- writes

  /**
   * Appends a record and returns its sequence number. Blocks for the write (and, with {@link
   * FsyncPolicy#ALWAYS}, the device flush). Throws {@link JournalFullException} when the size bound
   * is reached (the record is not written), {@link IOException} when the write fails (the journal
   * is left as before the call), {@link IllegalStateException} after close.
   */
  public long append(byte[] payload) throws IOException {
    if (payload.length > MAX_FRAME - 9) {
      throw new IllegalArgumentException(
          "payload of "
              + payload.length
              + " bytes exceeds the journal's frame limit of "
              + (MAX_FRAME - 9));
    }
    int frameLen = DATA_OVERHEAD + payload.length;
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
      Segment h = headSegment();
      if (h.size > 0 && h.size + frameLen > config.segmentBytes) {
        roll();
        h = headSegment();
      }
      long seq = nextSeq;
      ByteBuffer b = frame(1 + 8 + payload.length);
      b.put(DATA).putLong(seq).put(payload);
      write(h, b);
      h.count++;
      nextSeq++;
      afterWrite();
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
      List<long[]> ranges = new ArrayList<>();
      long prev = Long.MIN_VALUE;
      for (long seq : sorted) {
        if (seq == prev) {
          continue;
        }
        prev = seq;
        Segment s = find(seq);
        if (s == null || s.acked.get((int) (seq - s.firstSeq))) {
          continue;
        }
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[0] + last[1] == seq && last[1] < Integer.MAX_VALUE) {
          last[1]++;
        } else {
          ranges.add(new long[] {seq, 1});
        }
      }
      if (ranges.isEmpty()) {
        return;
      }
      writeAcks(ranges);
      for (long[] r : ranges) {
        markAcked(r[0], r[1]);
      }
      afterWrite();
      compact();
    } finally {
      lock.unlock();
    }
  }

  private void writeAcks(List<long[]> ranges) throws IOException {
    // One frame per chunk keeps every frame far below MAX_FRAME.
    final int perFrame = ACKS_PER_FRAME;
    for (int i = 0; i < ranges.size(); i += perFrame) {
      List<long[]> part = ranges.subList(i, Math.min(ranges.size(), i + perFrame));
      ByteBuffer b = frame(1 + 12 * part.size());
      b.put(ACK);
      for (long[] r : part) {
        b.putLong(r[0]).putInt((int) r[1]);
      }
      write(headSegment(), b);
    }
  }

  /**
   * Marks a range over the segments it overlaps: time in proportion to those segments (found by
   * binary search), never to the count, which a damaged file may make huge.
   */
  private void markAcked(long first, long count) {
    long end = first + count;
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo < hi) { // the last segment starting at or before first (or the first segment)
      int mid = (lo + hi + 1) >>> 1;
      if (segments.get(mid).firstSeq <= first) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    for (int i = lo; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.firstSeq >= end) {
        break;
      }
      long from = Math.max(first, s.firstSeq);
      long to = Math.min(end, s.firstSeq + s.count);
      if (from < to) {
        s.acked.set((int) (from - s.firstSeq), (int) (to - s.firstSeq));
      }
    }
  }

  private Segment find(long seq) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Segment s = segments.get(mid);
      if (seq < s.firstSeq) {
        hi = mid - 1;
      } else if (seq >= s.firstSeq + s.count) {
        lo = mid + 1;
      } else {
        return s;
      }
    }
    return null;
  }

  /** Deletes fully acknowledged segments other than the head, carrying older acks forward. */
  private void compact() throws IOException {
    for (int i = 0; i < segments.size() - 1; ) {
      Segment s = segments.get(i);
      if (!s.allAcked()) {
        i++;
        continue;
      }
      List<long[]> older = new ArrayList<>();
      for (int k = 0; k < i; k++) {
        Segment o = segments.get(k);
        for (int b = o.acked.nextSetBit(0); b >= 0; ) {
          int end = o.acked.nextClearBit(b);
          older.add(new long[] {o.firstSeq + b, end - b});
          b = o.acked.nextSetBit(end);
        }
      }
      if (!older.isEmpty()) {
        writeAcks(older);
        force(); // the carried acks must be durable before the file holding them goes
      }
      Files.deleteIfExists(s.path);
      segments.remove(i);
      totalBytes -= s.size;
      safeListener(() -> listener.segmentDeleted(s.path));
    }
  }

  private ByteBuffer frame(int bodyLen) {
    int need = HEADER + bodyLen;
    if (buffer.capacity() < need) {
      buffer = ByteBuffer.allocate(Math.max(need, buffer.capacity() * 2));
    }
    buffer.clear();
    buffer.position(HEADER);
    return buffer;
  }

  /** Writes the frame in the buffer (body from HEADER to position) at the end of the head. */
  private void write(Segment h, ByteBuffer b) throws IOException {
    int end = b.position();
    int bodyLen = end - HEADER;
    b.putInt(0, bodyLen);
    b.putInt(4, crc32c(b.array(), HEADER, bodyLen));
    b.position(0).limit(end);
    long pos = h.size;
    try {
      while (b.hasRemaining()) {
        head.write(b, pos + b.position());
      }
    } catch (IOException e) {
      try {
        head.truncate(pos); // leave no partial frame behind
      } catch (IOException ignored) {
        // the next open truncates the torn frame instead
      }
      throw e;
    }
    h.size += end;
    totalBytes += end;
    dirty = true;
  }

  private void afterWrite() throws IOException {
    switch (config.fsync) {
      case ALWAYS:
        force();
        break;
      case INTERVAL:
        if (config.clockMillis.getAsLong() - lastSyncMillis >= config.fsyncIntervalMillis) {
          force();
        }
        break;
      default:
        break;
    }
  }

  private void force() throws IOException {
    if (dirty) {
      head.force(false);
      dirty = false;
      syncCount++;
    }
    lastSyncMillis = config.clockMillis.getAsLong();
  }

  private void roll() throws IOException {
    force();
    head.close();
    createHead(nextSeq);
  }

  private void createHead(long firstSeq) throws IOException {
    Path p = dir.resolve(fileName(firstSeq));
    head = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    head.truncate(0);
    segments.add(new Segment(p, firstSeq));
    nextSeq = firstSeq;
    // Make the new file's directory entry durable, so a synced record cannot vanish with it.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open directories; the file's own sync still covers its data.
    }
  }

  private Segment headSegment() {
    return segments.get(segments.size() - 1);
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
    List<Segment> snapshot = new ArrayList<>();
    lock.lock();
    try {
      ensureOpen();
      for (Segment s : segments) {
        Segment c = new Segment(s.path, s.firstSeq);
        c.count = s.count;
        c.size = s.size;
        c.acked.or(s.acked);
        snapshot.add(c);
      }
    } finally {
      lock.unlock();
    }
    for (Segment s : snapshot) {
      if (s.count == 0 || s.allAcked()) {
        continue;
      }
      try (InputStream in = new BufferedInputStream(Files.newInputStream(s.path), 1 << 16)) {
        long offset = 0;
        long expected = s.firstSeq; // the scan's rule again: only the frames it counted are records
        byte[] header = new byte[HEADER];
        while (offset < s.size) {
          if (!readFully(in, header)) {
            throw new EOFException("journal segment " + s.path + " shrank at " + offset);
          }
          ByteBuffer hb = ByteBuffer.wrap(header);
          int len = hb.getInt();
          int crc = hb.getInt();
          if (len < 1 || len > MAX_FRAME) {
            throw new IOException("journal segment " + s.path + " changed at " + offset);
          }
          byte[] body = new byte[len];
          if (!readFully(in, body) || crc32c(body, 0, len) != crc) {
            throw new IOException("journal segment " + s.path + " changed at " + offset);
          }
          offset += HEADER + len;
          if (body[0] != DATA || len < 9) {
            continue;
          }
          long seq = ByteBuffer.wrap(body, 1, 8).getLong();
          if (seq != expected || seq >= s.firstSeq + s.count) {
            continue; // skipped and reported by the scan
          }
          expected++;
          if (!s.acked.get((int) (seq - s.firstSeq))) {
            consumer.accept(seq, Arrays.copyOfRange(body, 9, len));
          }
        }
      } catch (NoSuchFileException e) {
        // deleted after the snapshot: all its records were acknowledged meanwhile
      }
    }
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
      long n = 0;
      for (Segment s : segments) {
        n += s.count - s.acked.cardinality();
      }
      return n;
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
      force();
    } finally {
      lock.unlock();
    }
  }

  /** Device flushes performed so far (for tests and metrics). */
  public long syncCount() {
    lock.lock();
    try {
      return syncCount;
    } finally {
      lock.unlock();
    }
  }

  private void backgroundSync() {
    lock.lock();
    try {
      if (!closed && dirty) {
        force();
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
        force();
      } finally {
        head.close();
        try {
          dirLock.release();
        } finally {
          lockChannel.close();
        }
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
      if (head != null) {
        head.close();
      }
      dirLock.release();
      lockChannel.close();
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
