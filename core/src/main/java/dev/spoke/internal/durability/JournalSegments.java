package dev.spoke.internal.durability;

import java.util.ArrayList;
import java.util.List;

/**
 * The acknowledgement index: the journal's segments in sequence order, the last being the head (the
 * segment being written), with lookups by sequence number and the acknowledged ranges they hold.
 * Not thread-safe; the journal guards it with its lock.
 */
final class JournalSegments {
  private final List<JournalSegment> segments = new ArrayList<>();

  void add(JournalSegment s) {
    segments.add(s);
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  int size() {
    return segments.size();
  }

  JournalSegment get(int i) {
    return segments.get(i);
  }

  void remove(int i) {
    segments.remove(i);
  }

  /** The segment being written. */
  JournalSegment head() {
    return segments.get(segments.size() - 1);
  }

  /** Copies of every segment, for reading without the lock. */
  List<JournalSegment> snapshot() {
    List<JournalSegment> copy = new ArrayList<>(segments.size());
    for (JournalSegment s : segments) {
      copy.add(s.copy());
    }
    return copy;
  }

  /** Records held and not acknowledged. */
  long unacknowledged() {
    long n = 0;
    for (JournalSegment s : segments) {
      n += s.count - s.acked.cardinality();
    }
    return n;
  }

  /** The segment holding {@code seq}, or null. */
  JournalSegment find(long seq) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      JournalSegment s = segments.get(mid);
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

  /**
   * Marks a range over the segments it overlaps: time in proportion to those segments (found by
   * binary search), never to the count, which a damaged file may make huge.
   */
  void markAcked(long first, long count) {
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
      JournalSegment s = segments.get(i);
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

  /** The acknowledged ranges ({@code {first, count}}) of the segments before index {@code i}. */
  List<long[]> ackedRangesBefore(int i) {
    List<long[]> ranges = new ArrayList<>();
    for (int k = 0; k < i; k++) {
      JournalSegment o = segments.get(k);
      for (int b = o.acked.nextSetBit(0); b >= 0; ) {
        int end = o.acked.nextClearBit(b);
        ranges.add(new long[] {o.firstSeq + b, end - b});
        b = o.acked.nextSetBit(end);
      }
    }
    return ranges;
  }

  /**
   * The records of {@code sorted} (ascending, duplicates allowed) that a segment holds and that are
   * not acknowledged yet, as contiguous ranges {@code {first, count}}; numbers no segment holds are
   * ignored.
   */
  List<long[]> unacknowledgedRanges(long[] sorted) {
    List<long[]> ranges = new ArrayList<>();
    long prev = Long.MIN_VALUE;
    for (long seq : sorted) {
      if (seq == prev) {
        continue;
      }
      prev = seq;
      JournalSegment s = find(seq);
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
    return ranges;
  }
}
