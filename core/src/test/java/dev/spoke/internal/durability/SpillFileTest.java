package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.internal.upload.SealedBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {
  private static SealedBatch batch(int i, String user) {
    return SealedBatch.builder()
        .sourceRequestId("id-" + i)
        .json(
            ("{\"n\":" + i + ",\"pad\":\"" + "é".repeat(i) + "\"}")
                .getBytes(StandardCharsets.UTF_8))
        .historical(i % 2 == 0)
        .eventCount(i + 1)
        .userKey(user)
        .sealSequence(1000 + i)
        .attachment(new long[] {i, i + 1, -i})
        .build();
  }

  private static String user(int i) {
    return i % 3 == 0 ? null : "customer_id=u" + i;
  }

  @Test
  void batchesComeBackFirstInFirstOutWithEveryFieldAndTheFileEmptiesWhenCaughtUp(@TempDir Path dir)
      throws Exception {
    Path p = dir.resolve("upload-spill.bin");
    SpillFile f = new SpillFile(p);
    assertThat(f.isEmpty()).isTrue();
    for (int i = 0; i < 50; i++) f.write(batch(i, user(i)));
    assertThat(f.batches()).isEqualTo(50);
    assertThat(Files.size(p)).isEqualTo(f.bytes()).isPositive();
    for (int i = 0; i < 50; i++) {
      SealedBatch want = batch(i, user(i));
      SealedBatch got = f.peek();
      assertThat(got.sourceRequestId()).isEqualTo(want.sourceRequestId());
      assertThat(got.json()).isEqualTo(want.json());
      assertThat(got.historical()).isEqualTo(want.historical());
      assertThat(got.eventCount()).isEqualTo(want.eventCount());
      assertThat(got.userKey()).isEqualTo(want.userKey());
      assertThat(got.sealSequence()).isEqualTo(want.sealSequence());
      assertThat((long[]) got.attachment()).containsExactly((long[]) want.attachment());
      f.remove();
      if (i == 20) f.write(batch(99, "late")); // writing while reading keeps the order
    }
    assertThat(f.peek().sourceRequestId()).isEqualTo("id-99");
    f.remove();
    assertThat(f.isEmpty()).isTrue();
    assertThat(f.peek()).isNull();
    assertThat(Files.size(p)).as("truncated once caught up").isZero();
    f.write(batch(7, "again"));
    assertThat(f.peek().sourceRequestId()).isEqualTo("id-7");
    f.close();
    assertThat(p).doesNotExist();
  }

  @Test
  void aStaleFileFromAnEarlierRunIsRemoved(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("upload-spill.bin");
    Files.write(p, new byte[] {1, 2, 3});
    SpillFile.deleteStale(p);
    assertThat(p).doesNotExist();
  }
}
