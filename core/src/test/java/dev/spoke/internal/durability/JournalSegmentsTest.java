package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalSegmentsTest {
  private static JournalSegments twoSegments() {
    JournalSegments segments = new JournalSegments();
    JournalSegment first = new JournalSegment(Path.of("seg-a.log"), 1);
    first.count = 5; // 1..5
    JournalSegment second = new JournalSegment(Path.of("seg-b.log"), 6);
    second.count = 5; // 6..10
    segments.add(first);
    segments.add(second);
    return segments;
  }

  @Test
  void contiguousNumbersBecomeOneRangeAcrossSegmentsAndDuplicatesCountOnce() {
    JournalSegments segments = twoSegments();

    List<long[]> ranges = segments.unacknowledgedRanges(new long[] {2, 3, 3, 4, 5, 6, 9});

    assertThat(ranges).containsExactly(new long[] {2, 5}, new long[] {9, 1});
  }

  @Test
  void numbersNoSegmentHoldsAndNumbersAlreadyAcknowledgedAreLeftOut() {
    JournalSegments segments = twoSegments();
    segments.markAcked(3, 2); // 3 and 4

    List<long[]> ranges = segments.unacknowledgedRanges(new long[] {0, 2, 3, 4, 5, 11, 40});

    assertThat(ranges).containsExactly(new long[] {2, 1}, new long[] {5, 1});
    assertThat(segments.unacknowledgedRanges(new long[] {3, 4, 12})).isEmpty();
  }
}
