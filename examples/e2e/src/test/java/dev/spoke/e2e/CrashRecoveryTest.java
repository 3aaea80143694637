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
 * SIGKILL of an app using the durable journal, at random points.
 *
 * <p>What "accepted" means here. With the default {@code durableOnReturn(true)}, {@code logEvent}
 * returns once the event is written to the journal, so every event whose call returned must be on
 * the server exactly once after the restart, whenever the kill came. With {@code
 * durableOnReturn(false)} the worker journals each event a moment after the call: an event logged
 * before a flush that completed ({@code F n}) must be on the server exactly once, and events logged
 * after the last completed flush that were still in the in-memory queue at the kill are lost; such
 * losses are counted and can never exceed the events logged after the last completed flush.
 *
 * <p>A batch sent but whose 202 never reached the app (killed between send and acknowledgement) is
 * sent again after the restart under the same source_request_id; the devserver's dedup removes it,
 * so the stored events have no duplicates.
 */
class CrashRecoveryTest {
  private static final long SEED = 0x5EED_C4A5L;

  @Test
  void sigkillAtRandomPointsLosesNothingWhoseCallReturnedAndDuplicatesNothing(@TempDir Path dir)
      throws Exception {
    trials(dir, "CrashRecoveryTest", 10, true, 1);
  }

  @Test
  void withoutDurableOnReturnOnlyEventsStillInTheQueueCanBeLost(@TempDir Path dir)
      throws Exception {
    trials(dir, "CrashRecoveryTest.workerJournals", 5, false, 100);
  }

  private static void trials(
      Path dir, String name, int trialCount, boolean durableOnReturn, long firstBase)
      throws Exception {
    E2e.Figures figures = new E2e.Figures(name);
    Random random = new Random(SEED + firstBase);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long printedTotal = 0;
    long afterFlushTotal = 0;
    long inQueueLosses = 0;
    long redeliveredByDedup = 0;
    long replayed = 0;
    List<String> perTrial = new ArrayList<>();
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      for (int trial = 0; trial < trialCount; trial++) {
        long first = (firstBase + trial) * 1_000_000L;
        Path data = dir.resolve("app-" + trial);
        int killAfterLines = 20 + random.nextInt(1_500);
        Process p =
            new ProcessBuilder(
                    java,
                    "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashChild.class.getName(),
                    server.baseUri().toString(),
                    data.toString(),
                    Long.toString(first),
                    "150",
                    Boolean.toString(durableOnReturn))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastLogged = first - 1;
        long lastFlushed = first - 1;
        try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          int lines = 0;
          boolean killed = false;
          while ((line = in.readLine()) != null) {
            if (line.startsWith("L ")) lastLogged = Long.parseLong(line.substring(2));
            if (line.startsWith("F ")) lastFlushed = Long.parseLong(line.substring(2));
            if (!killed && ++lines >= killAfterLines) {
              // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
              // the pipe.
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
        assertThat(again.metrics().droppedTotal())
            .as("trial %d: nothing replayed was dropped", trial)
            .isZero();
        assertThat(r.complete()).as("trial %d: replay flushed: %s", trial, r).isTrue();

        Map<Long, Integer> stored = E2e.storedSeqs(server);
        long printed = lastLogged - first + 1;
        long lost = 0;
        for (long n = first; n <= lastLogged; n++) {
          int c = stored.getOrDefault(n, 0);
          assertThat(c).as("trial %d: event %d stored copies", trial, n).isLessThanOrEqualTo(1);
          if (n <= lastFlushed) {
            assertThat(c)
                .as("trial %d: event %d was flushed before the kill", trial, n)
                .isEqualTo(1);
          } else if (c == 0) {
            lost++;
          }
        }
        long afterFlush = lastLogged - lastFlushed;
        if (durableOnReturn) {
          assertThat(lost)
              .as(
                  "trial %d: events whose logEvent returned before the kill, missing after the restart",
                  trial)
              .isZero();
        } else {
          assertThat(lost)
              .as("trial %d: losses bounded by events logged after the last completed flush", trial)
              .isLessThanOrEqualTo(afterFlush);
        }
        printedTotal += printed;
        afterFlushTotal += afterFlush;
        inQueueLosses += lost;
        long dedup = server.stats().duplicates() - dupsBefore;
        redeliveredByDedup += dedup;
        perTrial.add(printed + "/" + afterFlush + "/" + lost + "/" + dedup);
      }
      Map<Long, Integer> all = E2e.storedSeqs(server);
      figures
          .put("trials", trialCount)
          .put("durable_on_return", durableOnReturn)
          .put("events_printed", printedTotal)
          .put("logged_after_last_completed_flush", afterFlushTotal)
          .put("lost_flushed_or_journaled", 0)
          .put("replayed_from_journal_after_restart", replayed)
          .put("lost_at_kill", inQueueLosses)
          .put("duplicates_after_dedup", E2e.duplicates(all))
          .put("resends_removed_by_server_dedup", redeliveredByDedup)
          .put("per_trial_printed/afterFlush/lost/dedup", perTrial)
          .print();
      assertThat(E2e.duplicates(all)).isZero();
    }
  }
}
