package dev.spoke.internal.kit;

import static dev.spoke.internal.kit.RecordingKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CustomEvent;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad {@code eks} entry costs only its own kit, from the very first start, and is reported
 * once.
 */
class KitEntryLeniencyTest {
  static final String ONE_BAD =
      "{\"eks\":[{\"id\":1},{\"id\":2,\"bk\":{\"lo\":10}},{\"id\":3,\"hs\":{\"et\":{\"1\":0}}}]}";
  static final KitUser USER =
      new KitUser(256L, UserIdentities.empty(), Map.of(), ConsentState.empty(), true);

  @TempDir Path dir;

  MockWebServer server;
  final OkHttpClient http = new OkHttpClient.Builder().callTimeout(5, TimeUnit.SECONDS).build();
  final FakeClock clock = new FakeClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final List<KitReport> reports = new CopyOnWriteArrayList<>();
  final List<KitManager> managers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    managers.forEach(m -> m.close(Duration.ofSeconds(2)));
    server.shutdown();
  }

  KitManager manager(RecordingKit.Factory... factories) {
    KitConfigClient client =
        KitConfigClient.builder("us1-abc")
            .configBase(server.url("/").toString())
            .environment(Environment.DEVELOPMENT)
            .httpClient(http)
            .cacheDir(dir)
            .clock(clock)
            .scheduler(scheduler)
            .build();
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(http)
            .discoverKits(false)
            .configClient(client)
            .reportListener(reports::add);
    for (RecordingKit.Factory f : factories) {
      b.kit(f);
    }
    KitManager m = b.build();
    managers.add(m);
    return m;
  }

  List<KitReport> invalid() {
    return reports.stream().filter(r -> r.kind() == KitReport.Kind.KIT_ENTRY_INVALID).toList();
  }

  @Test
  void aFirstStartWithNoCacheAndOneBadEntryStartsEveryGoodKit() throws Exception {
    server.enqueue(new MockResponse().setBody(ONE_BAD));
    RecordingKit.Factory one = new RecordingKit.Factory(1, "one");
    RecordingKit.Factory two = new RecordingKit.Factory(2, "two");
    RecordingKit.Factory three = new RecordingKit.Factory(3, "three");
    KitManager m = manager(one, two, three);
    m.start();
    m.onEvent(CustomEvent.builder("hello").build(), USER);
    scheduler.runDue();

    assertThat(m.activeKits()).containsExactly(1, 3);
    await(
        () -> one.kit().calls.size() == 1 && three.kit().calls.size() == 1,
        "good kits got the buffered event");
    assertThat(two.created).as("the kit with the bad entry is never created").isEmpty();
    assertThat(invalid())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.moduleId()).isEqualTo(2);
              assertThat(r.message()).contains("kit 2").contains("eks[1].bk").contains("lo and hi");
            });
    assertThat(reports).extracting(KitReport::kind).doesNotContain(KitReport.Kind.CONFIG_INVALID);
  }

  @Test
  void theSameBadEntryIsReportedOnceAcrossRefreshesAndAgainAfterItWasFixed() throws Exception {
    server.enqueue(new MockResponse().setBody(ONE_BAD));
    server.enqueue(new MockResponse().setBody(ONE_BAD));
    server.enqueue(
        new MockResponse()
            .setBody("{\"eks\":[{\"id\":1},{\"id\":2,\"bk\":{\"lo\":10,\"hi\":90}}]}"));
    server.enqueue(new MockResponse().setBody(ONE_BAD));
    RecordingKit.Factory one = new RecordingKit.Factory(1, "one");
    RecordingKit.Factory two = new RecordingKit.Factory(2, "two");
    KitManager m = manager(one, two);
    m.start();
    scheduler.runDue();
    m.refreshConfiguration();
    scheduler.runDue();
    assertThat(invalid()).hasSize(1);

    m.refreshConfiguration();
    scheduler.runDue();
    assertThat(m.activeKits()).as("fixed: the kit starts").containsExactly(1, 2);

    m.refreshConfiguration();
    scheduler.runDue();
    assertThat(m.activeKits()).as("broken again: only that kit goes off").containsExactly(1);
    assertThat(invalid()).hasSize(2);
  }

  @Test
  void aRestartFromTheCacheAppliesTheGoodEntriesToo() throws Exception {
    server.enqueue(new MockResponse().setBody(ONE_BAD).setHeader("ETag", "\"v1\""));
    KitManager first =
        manager(new RecordingKit.Factory(1, "one"), new RecordingKit.Factory(3, "three"));
    first.start();
    scheduler.runDue();
    first.close(Duration.ofSeconds(2));

    server.enqueue(new MockResponse().setResponseCode(503));
    reports.clear();
    KitManager second =
        manager(new RecordingKit.Factory(1, "one"), new RecordingKit.Factory(3, "three"));
    second.start();
    scheduler.runDue();
    assertThat(reports).extracting(KitReport::kind).contains(KitReport.Kind.CONFIG_FROM_CACHE);
    assertThat(second.activeKits()).containsExactly(1, 3);
    assertThat(invalid()).singleElement().extracting(KitReport::moduleId).isEqualTo(2);
  }
}
