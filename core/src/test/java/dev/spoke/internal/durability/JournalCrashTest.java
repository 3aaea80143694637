package dev.spoke.internal.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing child JVM with SIGKILL at random points and checks what survives. */
class JournalCrashTest {
  @TempDir Path dir;

  @Test
  void everyReturnedAppendSurvivesAndNoAckedRecordReappears() throws Exception {
    Random rnd = new Random();
    long seed = rnd.nextLong();
    Set<Long> appended = new HashSet<>();
    Set<Long> acked = new HashSet<>();
    Set<Long> ackStarted = new HashSet<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int trials = 8;
    for (int trial = 0; trial < trials; trial++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xshare:auto",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              JournalCrashChild.class.getName(),
              dir.toString(),
              Long.toString(seed + trial));
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      int killAfter = 20 + rnd.nextInt(2000);
      int lines = 0;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean killed = false;
        while ((line = r.readLine()) != null) {
          lines++;
          record(line, appended, ackStarted, acked);
          if (!killed && lines >= killAfter) {
            // SIGKILL on Linux. Through the handle, so our end of the pipe stays open and we
            // still read every line the child printed before it died.
            p.toHandle().destroyForcibly();
            killed = true;
          }
        }
        assertThat(killed).as("child of trial %d ran until killed (seed %d)", trial, seed).isTrue();
      }
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

      Set<Long> replayed = new HashSet<>();
      try (Journal j =
          Journal.open(
              dir,
              JournalConfig.builder()
                  .segmentBytes(16 * 1024)
                  .maxTotalBytes(64L * 1024 * 1024)
                  .fsync(FsyncPolicy.NEVER)
                  .backgroundSync(false)
                  .build(),
              JournalListener.NONE)) {
        j.replay((seq, payload) -> replayed.add(seq));
      }
      Set<Long> lost = new HashSet<>(appended);
      lost.removeAll(replayed);
      lost.removeAll(ackStarted); // an ack that began may have been written before the kill
      assertThat(lost)
          .as("appended, never acked, not replayed (trial %d, seed %d)", trial, seed)
          .isEmpty();
      Set<Long> back = new HashSet<>(replayed);
      back.retainAll(acked);
      assertThat(back).as("acknowledged yet replayed (trial %d, seed %d)", trial, seed).isEmpty();
    }
    assertThat(appended.size()).isGreaterThan(trials * 10);
    assertThat(acked).isNotEmpty();
    assertThat(ackStarted).containsAll(acked);
    assertThat(new File(dir.toFile(), "journal.lock")).exists();
  }

  private static void record(
      String line, Set<Long> appended, Set<Long> ackStarted, Set<Long> acked) {
    if (line.startsWith("A ")) {
      appended.add(Long.parseLong(line.substring(2).trim()));
    } else if (line.startsWith("I ")) {
      ackStarted.add(Long.parseLong(line.substring(2).trim()));
    } else if (line.startsWith("K ")) {
      acked.add(Long.parseLong(line.substring(2).trim()));
    }
  }
}
