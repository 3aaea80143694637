package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.Workspace;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.ScreenView;
import dev.spoke.user.UserIdentities;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real headless Chromium: batches sent by Spoke appear under their users as they
 * arrive, a batch the platform refuses inside a 202 bulk answer shows its reason, the kits of the
 * example workspace start and their partner calls are counted. Saves {@code target/live-page.png}
 * for review.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; other paths with {@code -Dspoke.chromium=} / {@code
 * -Dspoke.chromedriver=}). Without them the test is skipped, unless {@code
 * -Dspoke.browserTests=required} (as CI runs it), when it fails. Selenium is given the driver
 * binary, so it never tries to download one.
 */
class LivePageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String KEY = "us1-devkey0000000000000000000001";
  private static final String SECRET = "dev-secret-1";

  private DevServer server;
  private ChromeDriverService service;
  private ChromeDriver browser;
  private final List<Spoke> spokes = new ArrayList<>();

  @TempDir Path temp;

  @BeforeEach
  void start() throws IOException {
    File chromium = new File(System.getProperty("spoke.chromium", "/usr/bin/chromium"));
    File driver = new File(System.getProperty("spoke.chromedriver", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !driver.canExecute()) {
      String message =
          "LivePageBrowserTest needs "
              + chromium
              + " and "
              + driver
              + " (Debian: apt-get install"
              + " chromium chromium-driver; other paths: -Dspoke.chromium=… -Dspoke.chromedriver=…)";
      if ("required".equals(System.getProperty("spoke.browserTests"))) {
        throw new AssertionError(message + "; -Dspoke.browserTests=required makes that a failure");
      }
      // Also on the console: surefire's summary only counts skipped tests.
      System.err.println("LivePageBrowserTest SKIPPED: " + message);
      Assumptions.abort(message + "; skipped");
    }
    server =
        DevServer.builder()
            .workspaces(WorkspacesFile.example())
            .dataDirectory(temp.resolve("platform"))
            .seed(11)
            .build()
            .start();

    // Selenium Manager is only consulted when no driver is given; both paths are given here.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, driver.getPath());
    service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    spokes.forEach(s -> s.close(Duration.ofSeconds(5)));
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  private Spoke spoke(Clock clock, List<String> kitReports) {
    Workspace ws = Workspace.builder(KEY, SECRET).environment(Environment.DEVELOPMENT).build();
    Spoke s =
        Spoke.create(
            SpokeOptions.builder(ws)
                .endpoint(server.baseUri())
                .clock(clock)
                .uploadInterval(Duration.ofMillis(200))
                // The webhook kit is sideloaded: the app registers it with its own settings.
                .sideloadedKit(
                    dev.spoke.kit.webhook.WebhookKitFactory.sideloaded(
                            server.baseUri() + "/sink/webhook")
                        .setting("flushIntervalMs", "200")
                        .build())
                .listener(
                    new SpokeListener() {
                      @Override
                      public void onKit(int moduleId, String kitName, String message) {
                        kitReports.add(moduleId + " " + message);
                      }
                    })
                .build());
    spokes.add(s);
    return s;
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
  }

  private List<WebElement> all(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  @Test
  void batchesAppearPerUserAsTheyArriveAndARejectedBatchShowsItsReason() throws Exception {
    browser.get(server.livePageUri().toString());
    // The page is open before anything is sent: what follows arrives over the live stream, not a
    // reload.
    waiting()
        .until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    assertThat(all(".user")).isEmpty();
    assertThat(browser.findElement(By.id("workspaces")).getText())
        .contains("kit 160", "kit 1000001");

    List<String> kitReports = Collections.synchronizedList(new ArrayList<>());
    Spoke spoke = spoke(Clock.systemUTC(), kitReports);
    SpokeUser ada =
        spoke.user(
            UserIdentities.builder().customerId("ada-1815").email("ada@example.com").build());
    SpokeUser alan = spoke.user(UserIdentities.builder().customerId("alan-1912").build());
    long adaMpid = ada.identify().get(10, TimeUnit.SECONDS).mpid();
    long alanMpid = alan.identify().get(10, TimeUnit.SECONDS).mpid();
    ada.logEvent(ScreenView.builder("Home").build());
    ada.logEvent(
        CustomEvent.builder("Opened Catalog").customEventType(CustomEventType.NAVIGATION).build());
    alan.logEvent(
        CustomEvent.builder("Started Trial").customEventType(CustomEventType.TRANSACTION).build());
    FlushResult flushed = spoke.flush(Duration.ofSeconds(15));
    assertThat(flushed.complete()).as("flush %s", flushed).isTrue();

    waiting().until(d -> all(".user").size() == 2);
    WebElement adaCard = browser.findElement(By.cssSelector(".user[data-mpid='" + adaMpid + "']"));
    waiting().until(d -> adaCard.getText().contains("Opened Catalog"));
    assertThat(adaCard.getText())
        .contains("MPID " + adaMpid, "screen_view", "Home", "custom_event", "customer_id=ada-1815");
    WebElement alanCard =
        browser.findElement(By.cssSelector(".user[data-mpid='" + alanMpid + "']"));
    waiting().until(d -> alanCard.getText().contains("Started Trial"));
    assertThat(alanCard.getText()).doesNotContain("Opened Catalog");

    // A client whose clock is 40 days behind sends to /v2/bulkevents: the platform answers 202 and
    // refuses
    // the batch as too old. Spoke cannot know; the page shows it with the reason.
    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofDays(-40));
    Spoke lateSpoke = spoke(late, new ArrayList<>());
    lateSpoke.user("late-1").logEvent(CustomEvent.builder("From The Past").build());
    lateSpoke.flush(Duration.ofSeconds(15));
    waiting().until(d -> !all(".rejection[data-reason='TOO_OLD']").isEmpty());
    WebElement rejection = all(".rejection[data-reason='TOO_OLD']").get(0);
    assertThat(rejection.getText())
        .contains("TOO_OLD", "/v2/bulkevents", "older than 30 days", "source_request_id");
    assertThat(server.stats().rejected(RejectReason.TOO_OLD)).isEqualTo(1);

    // Counters follow the platform's own, pushed without a reload (at most every 500 ms, so waited
    // for).
    waiting()
        .until(
            d ->
                d.findElement(By.id("c-rejected")).getText().equals("1")
                    && d.findElement(By.id("c-batchesAccepted"))
                        .getText()
                        .equals(Long.toString(server.stats().batchesAccepted())));
    assertThat(Long.parseLong(browser.findElement(By.id("c-eventsAccepted")).getText()))
        .isGreaterThanOrEqualTo(3);
    waiting().until(d -> !all("#reasons tr[data-reason='TOO_OLD']").isEmpty());
    assertThat(browser.findElement(By.cssSelector("#reasons tr[data-reason='TOO_OLD']")).getText())
        .contains("TOO_OLD", "1");

    // The example workspace's kits start (no failing kit) and forward to the server's partner sink.
    waiting().until(d -> spoke.activeKits().containsAll(List.of(160, 1_000_001)));
    assertThat(kitReports).noneMatch(r -> r.contains("could not be created"));
    waiting().until(d -> !all("#partners tr[data-partner='ga4']").isEmpty());

    Path shot = Paths.get("target", "live-page.png");
    Files.createDirectories(shot.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isPositive();
  }
}
