package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.devserver.DevServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of an app using the durable journal, at random points, ten times.
 *
 * <p>What "accepted" means here. {@code logEvent} returns once the event is in the in-memory capture
 * queue; the worker thread appends it to the journal a moment later. So:
 * <ul>
 *   <li>an event logged before a flush that completed ({@code F n}) was delivered and acknowledged:
 *       it must be on the server exactly once;
 *   <li>an event logged after the last completed flush was journaled only if the worker reached it
 *       before the kill. Those still in the queue are lost with the process; such losses are
 *       counted separately and can never exceed the events logged after the last completed flush.
 * </ul>
 * A batch sent but whose 202 never reached the app (killed between send and acknowledgement) is sent
 * again after the restart under the same source_request_id; the devserver's dedup removes it, so
 * the stored events have no duplicates.
 */
class CrashRecoveryTest {
  private static final int TRIALS = 10;
  private static final long SEED = 0x5EED_C4A5L;

  @Test
  void sigkillAtRandomPointsLosesNothingJournaledAndDuplicatesNothing(@TempDir Path dir) throws Exception {
    E2e.Figures figures = new E2e.Figures("CrashRecoveryTest");
    Random random = new Random(SEED);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long printedTotal = 0;
    long afterFlushTotal = 0;
    long inQueueLosses = 0;
    long redeliveredByDedup = 0;
    long replayed = 0;
    List<String> perTrial = new ArrayList<>();
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      for (int trial = 0; trial < TRIALS; trial++) {
        long first = (trial + 1) * 1_000_000L;
        Path data = dir.resolve("app-" + trial);
        int killAfterLines = 20 + random.nextInt(1_500);
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
            server.baseUri().toString(), data.toString(), Long.toString(first), "150")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastLogged = first - 1;
        long lastFlushed = first - 1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          int lines = 0;
          boolean killed = false;
          while ((line = in.readLine()) != null) {
            if (line.startsWith("L ")) lastLogged = Long.parseLong(line.substring(2));
            if (line.startsWith("F ")) lastFlushed = Long.parseLong(line.substring(2));
            if (!killed && ++lines >= killAfterLines) {
              // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe.
              p.toHandle().destroyForcibly();
              killed = true;
            }
          }
        } finally {
          p.destroyForcibly();
          assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        long dupsBefore = server.stats().duplicates();

        // The app starts again on the same directory: the journal is replayed and sent.
        Spoke again = Spoke.create(E2e.options(server).dataDirectory(data).build());
        FlushResult r = again.flush(Duration.ofSeconds(30));
        again.close(Duration.ofSeconds(5));
        replayed += again.metrics().accepted();
        assertThat(again.metrics().droppedTotal()).as("trial %d: nothing replayed was dropped", trial).isZero();
        assertThat(r.complete()).as("trial %d: replay flushed: %s", trial, r).isTrue();

        Map<Long, Integer> stored = E2e.storedSeqs(server);
        long printed = lastLogged - first + 1;
        long lost = 0;
        for (long n = first; n <= lastLogged; n++) {
          int c = stored.getOrDefault(n, 0);
          assertThat(c).as("trial %d: event %d stored copies", trial, n).isLessThanOrEqualTo(1);
          if (n <= lastFlushed) {
            assertThat(c).as("trial %d: event %d was flushed before the kill", trial, n).isEqualTo(1);
          } else if (c == 0) {
            lost++;
          }
        }
        long afterFlush = lastLogged - lastFlushed;
        assertThat(lost).as("trial %d: losses bounded by events logged after the last completed flush", trial)
            .isLessThanOrEqualTo(afterFlush);
        printedTotal += printed;
        afterFlushTotal += afterFlush;
        inQueueLosses += lost;
        long dedup = server.stats().duplicates() - dupsBefore;
        redeliveredByDedup += dedup;
        perTrial.add(printed + "/" + afterFlush + "/" + lost + "/" + dedup);
      }
      Map<Long, Integer> all = E2e.storedSeqs(server);
      figures.put("trials", TRIALS).put("events_printed", printedTotal)
          .put("logged_after_last_completed_flush", afterFlushTotal)
          .put("lost_flushed_or_journaled", 0)
          .put("replayed_from_journal_after_restart", replayed)
          .put("lost_in_memory_queue_at_kill", inQueueLosses)
          .put("duplicates_after_dedup", E2e.duplicates(all))
          .put("resends_removed_by_server_dedup", redeliveredByDedup)
          .put("per_trial_printed/afterFlush/lost/dedup", perTrial).print();
      assertThat(E2e.duplicates(all)).isZero();
    }
  }
}
