package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeUser;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's disk misbehaves: the directory cannot be used, the journal reaches its bound, or
 * its files are damaged. The host never sees an exception; the listener hears a clear message;
 * Spoke falls back as documented (memory only; refuse and count; skip the damaged tail).
 */
class DiskFaultsTest {
  private static final class Notes implements SpokeListener {
    final List<String> journal = new CopyOnWriteArrayList<>();
    final AtomicLong journalFull = new AtomicLong();

    @Override
    public void onJournal(String message) {
      journal.add(message);
    }

    @Override
    public void onDrop(DropReason reason, long count, String detail) {
      if (reason == DropReason.JOURNAL_FULL) journalFull.addAndGet(count);
    }
  }

  @Test
  void unusableDirectoryFallsBackToMemoryWithAClearReport(@TempDir Path dir) throws IOException {
    E2e.Figures figures = new E2e.Figures("DiskFaultsTest.unusableDirectory");
    // A regular file where the directory should be: unusable whoever runs the test (root ignores
    // modes).
    Path notADir = Files.writeString(dir.resolve("data"), "not a directory");
    Notes notes = new Notes();
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      Spoke spoke =
          Spoke.create(E2e.options(server).dataDirectory(notADir).listener(notes).build());
      SpokeUser u = spoke.user("disk-1");
      for (int i = 0; i < 500; i++) u.logEvent(E2e.numbered(i));
      FlushResult r = spoke.flush(Duration.ofSeconds(20));
      spoke.close();
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      figures
          .put("events", 500)
          .put("delivered", stored.size())
          .put("report", quote(notes.journal))
          .print();
      assertThat(r.complete()).isTrue();
      assertThat(stored).hasSize(500);
      assertThat(notes.journal)
          .anySatisfy(m -> assertThat(m).contains(notADir.toString()).contains("memory only"));
    }
  }

  @Test
  void fullJournalRefusesCountsAndReportsNewEvents(@TempDir Path dir) {
    E2e.Figures figures = new E2e.Figures("DiskFaultsTest.journalFull");
    Notes notes = new Notes();
    int events = 8_000;
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      server.faults(Faults.builder().outage(true).build());
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .dataDirectory(dir.resolve("app"))
                  .journalMaxBytes(1024 * 1024)
                  .listener(notes)
                  .build());
      SpokeUser u = spoke.user("disk-2");
      for (int i = 0; i < events; i++) u.logEvent(E2e.numbered(i));
      E2e.await(
          "journal-full drops",
          Duration.ofSeconds(20),
          () -> notes.journalFull.get() > 0 && spoke.metrics().queueDepth() == 0);
      server.faults(Faults.none());
      FlushResult r = spoke.flush(Duration.ofSeconds(30));
      spoke.close();
      long full = spoke.metrics().dropped().getOrDefault(DropReason.JOURNAL_FULL, 0L);
      Map<Long, Integer> stored = E2e.storedSeqs(server);
      figures
          .put("events", events)
          .put("journal_max_bytes", 1024 * 1024)
          .put("dropped_journal_full", full)
          .put("reported_journal_full", notes.journalFull.get())
          .put("delivered", stored.size())
          .put("unaccounted", events + 1 - full - server.eventCount(E2e.API_KEY))
          .print();
      assertThat(r.complete()).isTrue();
      assertThat(full).isPositive().isEqualTo(notes.journalFull.get());
      assertThat(spoke.metrics().dropped().keySet()).containsOnly(DropReason.JOURNAL_FULL);
      // Everything not refused was delivered: nothing vanished without a count.
      assertThat(server.eventCount(E2e.API_KEY) + full).isEqualTo(events + 1);
    }
  }

  @Test
  void corruptedOrTruncatedSegmentsAreReportedAndTheReadablePartIsSent(@TempDir Path dir)
      throws IOException {
    E2e.Figures figures = new E2e.Figures("DiskFaultsTest.corruption");
    Random random = new Random(42);
    StringBuilder perCase = new StringBuilder();
    for (String damage : List.of("random-bytes", "truncated", "garbage-file")) {
      Path app = dir.resolve("app-" + damage);
      int events = 400;
      try (DevServer server = E2e.server(dir.resolve("server-" + damage))) {
        // Journal events while the platform is down, then stop the app with them unsent.
        server.faults(Faults.builder().outage(true).build());
        Spoke first = Spoke.create(E2e.options(server).dataDirectory(app).build());
        SpokeUser u = first.user("disk-3");
        for (int i = 0; i < events; i++) u.logEvent(E2e.numbered(i));
        first.flush(Duration.ofMillis(300));
        first.close(Duration.ofMillis(300));
        Path segment;
        try (Stream<Path> s = Files.walk(app)) {
          segment =
              s.filter(p -> p.getFileName().toString().startsWith("seg-"))
                  .sorted()
                  .findFirst()
                  .orElseThrow();
        }
        long size = Files.size(segment);
        switch (damage) {
          case "random-bytes":
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
              byte[] junk = new byte[64];
              random.nextBytes(junk);
              f.seek(size / 2);
              f.write(junk);
            }
            break;
          case "truncated":
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
              f.setLength(size * 2 / 3);
            }
            break;
          default:
            Files.write(
                segment.resolveSibling("seg-00000000000000099999.log"),
                "garbage".getBytes(StandardCharsets.UTF_8));
        }

        server.faults(Faults.none());
        Notes notes = new Notes();
        Spoke again = Spoke.create(E2e.options(server).dataDirectory(app).listener(notes).build());
        FlushResult r = again.flush(Duration.ofSeconds(20));
        again.logEvent(E2e.numbered(1_000_000)); // the instance still works after the damage
        FlushResult r2 = again.flush(Duration.ofSeconds(20));
        again.close();
        Map<Long, Integer> stored = E2e.storedSeqs(server);
        long recovered = stored.keySet().stream().filter(n -> n < events).count();
        perCase
            .append(damage)
            .append(":recovered=")
            .append(recovered)
            .append("/")
            .append(events)
            .append(",reports=")
            .append(notes.journal.size())
            .append(' ');
        assertThat(r.complete()).isTrue();
        assertThat(r2.complete()).isTrue();
        assertThat(stored).containsKey(1_000_000L);
        assertThat(E2e.duplicates(stored)).isZero();
        if (!damage.equals("garbage-file")) {
          assertThat(notes.journal)
              .as(damage)
              .anySatisfy(m -> assertThat(m).contains("journal damage").contains("offset"));
          // The readable prefix before the damage is still sent.
          assertThat(recovered).as(damage).isPositive().isLessThan(events);
        } else {
          assertThat(recovered).isEqualTo(events);
        }
      }
    }
    figures.put("cases", perCase.toString().trim()).print();
  }

  private static String quote(List<String> messages) {
    return messages.isEmpty() ? "none" : "\"" + messages.get(0) + "\"";
  }
}
