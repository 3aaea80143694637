package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeUser;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input classes of the second hostile-input round, one scenario each, through the
 * public API. Each scenario reports inputs tried, exceptions escaped into the host, hangs, the
 * accounting (accepted = delivered + dropped + pending) and server rejections, and asserts the
 * zeros (docs/RELIABILITY.md).
 */
class HostileInputSuiteTest {
  private static final Duration CLOSE = Duration.ofSeconds(10);

  /** Characters that break naive JSON writers and strict parsers. */
  private static final char[] HOSTILE = {
    '\uD800', '\uDBFF', '\uDC00', '\u0000', '\u0007', '\u001F', '\u007F', '\u2028', '\uFEFF', '"',
    '\\', 'é', '\uD83D'
  };

  /** What one scenario tried and what came of it. */
  private static final class Tally {
    final String scenario;
    final AtomicLong inputs = new AtomicLong();
    final AtomicLong escaped = new AtomicLong();
    final List<Throwable> escapes = new CopyOnWriteArrayList<>();
    long hangs;
    final Map<DropReason, Long> reported =
        Collections.synchronizedMap(new EnumMap<>(DropReason.class));

    final E2e.Figures figures;

    Tally(String scenario) {
      this.scenario = scenario;
      this.figures = new E2e.Figures("HostileInputSuiteTest." + scenario);
    }

    /** One input through the public API; anything thrown is an escape. */
    void call(Runnable r) {
      inputs.incrementAndGet();
      try {
        r.run();
      } catch (Throwable t) {
        escaped.incrementAndGet();
        escapes.add(t);
      }
    }

    SpokeListener listener() {
      return new SpokeListener() {
        @Override
        public void onDrop(DropReason reason, long count, String detail) {
          reported.merge(reason, count, Long::sum);
        }
      };
    }

    /** Prints the figures and asserts the zeros and the accounting. */
    void finish(Spoke spoke, FlushResult closed) {
      SpokeMetrics m = spoke.metrics();
      long rejections =
          m.dropped().getOrDefault(DropReason.BAD_REQUEST, 0L)
              + m.dropped().getOrDefault(DropReason.REJECTED, 0L)
              + m.dropped().getOrDefault(DropReason.PAYLOAD_TOO_LARGE, 0L);
      figures
          .put("inputs", inputs.get())
          .put("escaped", escaped.get())
          .put("hangs", hangs)
          .put("accepted", m.accepted())
          .put("delivered", m.delivered())
          .put("dropped", m.droppedTotal())
          .put("pending", m.pending())
          .put("server_rejections", rejections)
          .put("drops", m.dropped())
          .put("close_complete", closed.complete())
          .print();
      assertThat(escapes).as(scenario + ": exceptions escaped").isEmpty();
      assertThat(hangs).as(scenario + ": hangs").isZero();
      // Drops counted before acceptance (validation, closed, opted out) are not part of "accepted".
      long afterAccept = 0;
      for (Map.Entry<DropReason, Long> e : m.dropped().entrySet()) {
        DropReason r = e.getKey();
        if (r != DropReason.VALIDATION
            && r != DropReason.CLOSED
            && r != DropReason.OPTED_OUT
            && r != DropReason.QUEUE_FULL) {
          afterAccept += e.getValue();
        }
      }
      assertThat(m.accepted())
          .as(scenario + ": accepted = delivered + dropped + pending")
          .isEqualTo(m.delivered() + afterAccept + m.pending());
      assertThat(Map.copyOf(reported))
          .as(scenario + ": every counted drop reported")
          .isEqualTo(m.dropped());
    }
  }

  /** Options against a MockWebServer standing in for both the Events API and IDSync. */
  private static dev.spoke.SpokeOptions.Builder options(MockWebServer mock) {
    return dev.spoke.SpokeOptions.builder(E2e.workspace())
        .endpoint(mock.url("/").uri())
        .kitsEnabled(false)
        .gzip(false)
        .uploadInterval(Duration.ofMillis(50))
        .retryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  private static String hostile(Random rnd, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++)
      sb.append(
          rnd.nextInt(3) == 0
              ? (char) ('a' + rnd.nextInt(26))
              : HOSTILE[rnd.nextInt(HOSTILE.length)]);
    return sb.toString();
  }

  @Test
  void wireStrings(@TempDir Path dir) {
    Tally t = new Tally("wireStrings");
    Random rnd = new Random(13);
    try (DevServer server = E2e.server(dir)) {
      Spoke spoke = Spoke.create(E2e.options(server).listener(t.listener()).build());
      for (int u = 0; u < 40; u++) {
        boolean bad = u % 4 == 0;
        String h = bad ? hostile(rnd, 1 + rnd.nextInt(12)) : "";
        SpokeUser user = spoke.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "c" + u + h));
        t.call(
            () ->
                user.setGdprConsent(
                    "purpose" + h,
                    ConsentDecision.builder(true)
                        .document("doc" + h)
                        .location(h + "loc")
                        .hardwareId("hw" + h)
                        .build()));
        t.call(() -> user.setAttribute("plan" + h, "gold" + h));
        for (int i = 0; i < 10; i++) {
          long seq = u * 100L + i;
          t.call(
              () ->
                  user.logEvent(
                      CustomEvent.builder("event" + h)
                          .attribute("k" + h, "v" + h)
                          .attribute(E2e.SEQ, Long.toString(seq))
                          .build()));
        }
      }
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(server.stats().rejected()).as("devserver rejections").isEmpty();
      assertThat(E2e.storedSeqs(server)).hasSize(400);
    }
  }

  @Test
  void bulkBadRequestIsolatesTheOffendingBatch() throws Exception {
    Tally t = new Tally("bulkBadRequest");
    try (MockWebServer mock = new MockWebServer()) {
      AtomicLong innocentEvents = new AtomicLong();
      mock.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              String body = r.getBody().readUtf8();
              if (body.contains("poison")) {
                return new MockResponse()
                    .setResponseCode(400)
                    .setBody(
                        "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"poison batch\"}]}");
              }
              innocentEvents.addAndGet(body.split("\"custom_event\"", -1).length - 1);
              return new MockResponse().setResponseCode(202);
            }
          });
      mock.start();
      Spoke spoke = Spoke.create(options(mock).listener(t.listener()).build());
      spoke.user("poisoner").logEvent(CustomEvent.builder("poison").build());
      for (int u = 0; u < 30; u++) {
        SpokeUser user = spoke.user("innocent-" + u);
        for (int i = 0; i < 5; i++)
          t.call(() -> user.logEvent(CustomEvent.builder("fine").build()));
      }
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(innocentEvents.get()).as("every innocent event delivered").isEqualTo(150);
      assertThat(spoke.metrics().dropped().getOrDefault(DropReason.BAD_REQUEST, 0L))
          .as("only the poisoner's batch dropped")
          .isBetween(1L, 2L);
    }
  }

  @Test
  void malformedSuccessAnswers() throws Exception {
    Tally t = new Tally("malformedSuccess");
    try (MockWebServer mock = new MockWebServer()) {
      String[] lengths = {"-5", "abc", "99999999999999999999", "-1"};
      AtomicLong n = new AtomicLong();
      mock.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              return new MockResponse()
                  .setResponseCode(202)
                  .setBody("{}")
                  .setHeader(
                      "Content-Length", lengths[(int) (n.getAndIncrement() % lengths.length)])
                  .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
            }
          });
      mock.start();
      Spoke spoke = Spoke.create(options(mock).listener(t.listener()).build());
      for (int i = 0; i < 200; i++) {
        t.call(() -> spoke.logEvent(CustomEvent.builder("e").build()));
        if (i % 50 == 49) spoke.flush(CLOSE);
      }
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(spoke.metrics().droppedTotal()).isZero();
    }
  }

  @Test
  void identityFuturesAtClose() throws Exception {
    Tally t = new Tally("identityAtClose");
    CountDownLatch release = new CountDownLatch(1);
    try (MockWebServer mock = new MockWebServer()) {
      mock.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
              if (r.getPath().startsWith("/v1/")) {
                release.await(30, TimeUnit.SECONDS); // IDSync never answers during the test
                return new MockResponse().setResponseCode(503);
              }
              return new MockResponse().setResponseCode(202);
            }
          });
      mock.start();
      Spoke spoke = Spoke.create(options(mock).listener(t.listener()).build());
      List<CompletableFuture<IdentityResult>> futures = new ArrayList<>();
      Random rnd = new Random(5);
      try {
        for (int i = 0; i < 40; i++) {
          int op = rnd.nextInt(5);
          t.call(
              () -> {
                switch (op) {
                  case 0:
                    futures.add(spoke.identify(UserIdentities.of(IdentityType.EMAIL, "u@x.io")));
                    break;
                  case 1:
                    futures.add(spoke.login(UserIdentities.of(IdentityType.CUSTOMER_ID, "c")));
                    break;
                  case 2:
                    futures.add(spoke.logout());
                    break;
                  case 3:
                    futures.add(spoke.modify(UserIdentities.of(IdentityType.OTHER, "o")));
                    break;
                  default:
                    spoke.logEvent(CustomEvent.builder("e").build());
                    break;
                }
              });
        }
        FlushResult r = spoke.close(Duration.ofMillis(500));
        t.hangs = futures.stream().filter(f -> !f.isDone()).count();
        t.finish(spoke, r);
        assertThat(futures).isNotEmpty().allSatisfy(f -> assertThat(f).isCompletedExceptionally());
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void maximalUserAttributes(@TempDir Path dir) {
    Tally t = new Tally("maximalUserAttributes");
    try (DevServer server = E2e.server(dir)) {
      Spoke spoke = Spoke.create(E2e.options(server).listener(t.listener()).build());
      List<String> maximal = Collections.nCopies(1000, "v".repeat(512));
      for (int u = 0; u < 10; u++) {
        SpokeUser user = spoke.user("big-" + u);
        for (int a = 0; a < 3; a++) {
          String name = "list" + a;
          t.call(() -> user.setAttributeList(name, maximal));
        }
        for (int a = 0; a < 30; a++) {
          String name = "s" + a;
          t.call(() -> user.setAttribute(name, "x".repeat(4096)));
        }
        for (int i = 0; i < 20; i++) {
          long seq = u * 100L + i;
          t.call(() -> user.logEvent(E2e.numbered(seq)));
        }
      }
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(spoke.metrics().dropped()).doesNotContainKey(DropReason.RECORD_TOO_LARGE);
      assertThat(E2e.storedSeqs(server)).hasSize(200);
    }
  }

  @Test
  void checksummedGarbageInTheJournal(@TempDir Path dir) throws Exception {
    Tally t = new Tally("journalGarbage");
    Path data = dir.resolve("data");
    Path journal = data.resolve("journal-" + E2e.API_KEY.replaceAll("[^A-Za-z0-9_.-]", "_"));
    Files.createDirectories(journal);
    // Record 1 claims a 2 GB header fragment, record 2 a seal of 2^31 - 1 events, then an
    // acknowledgement of
    // 2^31 - 1 records: every frame's checksum is right.
    byte[] ev =
        ByteBuffer.allocate(1 + 4 + 8).put((byte) 1).putInt(Integer.MAX_VALUE).putLong(1).array();
    byte[] seal =
        ByteBuffer.allocate(1 + 4 + 2 + 8 + 4)
            .put((byte) 2)
            .putInt(2)
            .put((byte) 'i')
            .put((byte) 'd')
            .putLong(1)
            .putInt(Integer.MAX_VALUE)
            .array();
    ByteBuffer seg = ByteBuffer.allocate(1024);
    frame(seg, ByteBuffer.allocate(9 + ev.length).put((byte) 1).putLong(1).put(ev).array());
    frame(seg, ByteBuffer.allocate(9 + seal.length).put((byte) 1).putLong(2).put(seal).array());
    frame(seg, ByteBuffer.allocate(13).put((byte) 2).putLong(1).putInt(Integer.MAX_VALUE).array());
    Files.write(
        journal.resolve(String.format("seg-%020d.log", 1)),
        java.util.Arrays.copyOf(seg.array(), seg.position()));
    List<String> journalNotes = new CopyOnWriteArrayList<>();
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      SpokeListener base = t.listener();
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .dataDirectory(data)
                  .listener(
                      new SpokeListener() {
                        @Override
                        public void onDrop(DropReason reason, long count, String detail) {
                          base.onDrop(reason, count, detail);
                        }

                        @Override
                        public void onJournal(String message) {
                          journalNotes.add(message);
                        }
                      })
                  .build());
      for (int i = 0; i < 100; i++) {
        long seq = i;
        t.call(() -> spoke.logEvent(E2e.numbered(seq)));
      }
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(E2e.storedSeqs(server)).hasSize(100);
      assertThat(journalNotes)
          .anySatisfy(n -> assertThat(n).contains("skipped 2 unreadable records"));
    }
  }

  private static void frame(ByteBuffer out, byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    out.putInt(body.length).putInt((int) crc.getValue()).put(body);
  }

  @Test
  void closedAndOptedOutDropsAreReported(@TempDir Path dir) {
    Tally t = new Tally("closedAndOptedOut");
    try (DevServer server = E2e.server(dir)) {
      Spoke spoke = Spoke.create(E2e.options(server).listener(t.listener()).build());
      for (int i = 0; i < 50; i++) t.call(() -> spoke.logEvent(CustomEvent.builder("in").build()));
      t.call(() -> spoke.setOptOut(true));
      for (int i = 0; i < 50; i++)
        t.call(() -> spoke.logEvent(CustomEvent.builder("opted out").build()));
      t.call(() -> spoke.currentUser().setAttribute("a", "b"));
      FlushResult r = spoke.close(CLOSE);
      for (int i = 0; i < 50; i++)
        t.call(() -> spoke.logEvent(CustomEvent.builder("closed").build()));
      t.finish(spoke, r);
      assertThat(spoke.metrics().dropped())
          .containsEntry(DropReason.OPTED_OUT, 51L)
          .containsEntry(DropReason.CLOSED, 50L);
    }
  }

  @Test
  void kitThrowingErrors(@TempDir Path dir) {
    Tally t = new Tally("kitErrors");
    int overflowing = 990_101;
    int healthy = 990_103;
    AtomicLong healthyCalls = new AtomicLong();
    try (DevServer server = E2e.server(dir)) {
      server.kits(
          E2e.API_KEY,
          List.of(
              WorkspacesFile.Kit.of(overflowing, Map.of()),
              WorkspacesFile.Kit.of(healthy, Map.of())));
      Spoke spoke =
          Spoke.create(
              E2e.options(server)
                  .kitsEnabled(true)
                  .kitDiscovery(false)
                  .listener(t.listener())
                  .kit(
                      E2e.kitFactory(
                          overflowing,
                          "overflowing",
                          () -> (Kit & EventListener) (event, user) -> recurse(0)))
                  .kit(
                      E2e.kitFactory(
                          healthy,
                          "healthy",
                          () ->
                              (Kit & EventListener)
                                  (event, user) -> healthyCalls.incrementAndGet()))
                  .build());
      for (int i = 0; i < 300; i++) {
        long seq = i;
        t.call(() -> spoke.logEvent(E2e.numbered(seq)));
      }
      spoke.flush(CLOSE);
      E2e.await("healthy kit got every event", CLOSE, () -> healthyCalls.get() == 300);
      E2e.await("overflowing kit disabled", CLOSE, () -> !spoke.activeKits().contains(overflowing));
      Map<String, Long> k = spoke.metrics().kits().get("overflowing");
      FlushResult r = spoke.close(CLOSE);
      t.finish(spoke, r);
      assertThat(spoke.activeKits()).doesNotContain(overflowing);
      assertThat(E2e.storedSeqs(server)).hasSize(300);
      assertThat(k).as("overflowing kit counters " + k).containsEntry("failed", 1L);
    }
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }
}
