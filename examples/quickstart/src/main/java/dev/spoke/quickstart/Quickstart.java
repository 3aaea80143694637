package dev.spoke.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoke.DropReason;
import dev.spoke.Environment;
import dev.spoke.FlushResult;
import dev.spoke.IdentityScope;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeMetrics;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.Workspace;
import dev.spoke.devserver.BatchFailure;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Stats;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.example.kit.LogPartnerKitFactory;
import dev.spoke.kit.ga4.Ga4KitFactory;
import dev.spoke.kit.webhook.WebhookKitFactory;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.IdentityResult;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The README's main job: a realistic scenario run against the local platform started in-process,
 * with no account and no network.
 *
 * <p>The workspace's kit configuration enables GA4 (module 160), pointed at a {@link
 * LocalCollector}, with one event filter ({@code ec}) that blocks "Debug Ping" and one projection
 * ({@code pr}) that renames "Played Track" to "listen" with its "track" attribute as "song". The
 * app also registers two sideloaded kits of its own, with their own settings and filters: the
 * webhook kit (1000001), which does not take the "Checkout" screen, and the example kit (1000002).
 * The workspace's configuration also lists 1000002, with a filter that would block everything: an
 * entry in the sideloaded range, which Spoke ignores, as the platform's SDKs do. Spoke reports what
 * each kit forwarded to the local platform (forwarding statistics), which counts it. The scenario
 * identifies and logs in a user, sets scalar and list attributes and consent, logs custom events of
 * several types, screen views and a purchase, breaks platform limits on purpose, runs a session,
 * and closes. It then prints a summary and, on its own line, {@code received batches: <path of the
 * local platform's JSONL log>}.
 *
 * <p>Run it with {@code mvn -B -q -Pquickstart -pl examples/quickstart -am package -DskipTests}.
 * The exit status is 0 only when everything Spoke sent was accepted and the non-enabled kit did not
 * load.
 */
public final class Quickstart {
  /** The workspace's API key on the local platform. */
  public static final String API_KEY = "us1-quickstart00000000000000001";

  /** System property that keeps the local platform and its live page running after the summary. */
  static final String SERVE_PROPERTY = "spoke.quickstart.serve";

  static final String API_SECRET = "quickstart-local-secret";

  /** The custom event (type Other) the GA4 kit's {@code ec} filter blocks. */
  public static final String FILTERED_EVENT = "Debug Ping";

  /** The collector path the GA4 kit posts to. */
  public static final String GA4_PATH = "/mp/collect";

  /** The collector path the webhook kit posts to. */
  public static final String WEBHOOK_PATH = "/webhook";

  /** The collector path the example kit posts to. */
  public static final String EXAMPLE_PATH = "/example";

  /** The custom event (type Media) GA4's projection renames to {@link #PROJECTED_NAME}. */
  public static final String PROJECTED_EVENT = "Played Track";

  /** What GA4's projection calls {@link #PROJECTED_EVENT}. */
  public static final String PROJECTED_NAME = "listen";

  /** The screen the sideloaded webhook kit's own filter leaves out. */
  public static final String WEBHOOK_BLOCKED_SCREEN = "Checkout";

  /**
   * Events the validator drops in the scenario: none, every limit broken on purpose is fixed
   * locally.
   */
  static final int DELIBERATE_DROPS = 0;

  private Quickstart() {}

  /** What one run produced; {@link #problems()} is empty when the run succeeded. */
  public record Outcome(
      SpokeMetrics metrics,
      FlushResult closed,
      Stats platform,
      List<JsonNode> batches,
      List<BatchFailure> failures,
      List<LocalCollector.Request> ga4Requests,
      List<LocalCollector.Request> webhookRequests,
      List<LocalCollector.Request> exampleRequests,
      Map<ValidationRule, List<String>> validation,
      Long mpid,
      Path batchLog,
      Path dataDirectory,
      List<String> problems) {
    /** Copies the collections. */
    public Outcome {
      batches = List.copyOf(batches);
      failures = List.copyOf(failures);
      ga4Requests = List.copyOf(ga4Requests);
      webhookRequests = List.copyOf(webhookRequests);
      exampleRequests = List.copyOf(exampleRequests);
      validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
      problems = List.copyOf(problems);
    }

    /** True when everything sent was accepted, kits behaved as configured and nothing was lost. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Options: {@code --data <dir>} (default {@code target/quickstart-data}, emptied first), {@code
   * --throw-on-failure} (used when run inside Maven's JVM, where exiting would end Maven) and
   * {@code --serve} (or the system property {@code spoke.quickstart.serve=true}, which works under
   * Maven too): after the summary, keep the local platform and its live page running until the
   * process is stopped.
   */
  public static void main(String[] args) throws Exception {
    Path data = Paths.get("target", "quickstart-data");
    boolean throwOnFailure = false;
    boolean serve = Boolean.getBoolean(SERVE_PROPERTY);
    for (int i = 0; i < args.length; i++) {
      if ("--data".equals(args[i]) && i + 1 < args.length) {
        data = Paths.get(args[++i]);
      } else if ("--throw-on-failure".equals(args[i])) {
        throwOnFailure = true;
      } else if ("--serve".equals(args[i])) {
        serve = true;
      } else {
        System.err.println(
            "quickstart: unknown argument '"
                + args[i]
                + "'; use [--data <dir>] [--throw-on-failure] [--serve]");
        System.exit(2);
      }
    }
    Outcome outcome = run(data, System.out, serve);
    if (!outcome.ok()) {
      String message = "quickstart FAILED: " + String.join("; ", outcome.problems());
      if (throwOnFailure) {
        throw new IllegalStateException(message);
      }
      System.err.println(message);
      System.exit(1);
    }
  }

  /**
   * Runs the scenario: starts the local platform and the collector, tracks, closes, and prints the
   * summary to {@code out}.
   *
   * @param dataDirectory emptied, then used for the local platform's log and Spoke's journal
   * @param out where the summary goes
   * @return what happened
   */
  public static Outcome run(Path dataDirectory, PrintStream out) throws Exception {
    return run(dataDirectory, out, false);
  }

  /**
   * As {@link #run(Path, PrintStream)}; with {@code serve}, the local platform keeps serving its
   * live page after the summary until the process is stopped (this call then never returns).
   */
  public static Outcome run(Path dataDirectory, PrintStream out, boolean serve) throws Exception {
    Path data = dataDirectory.toAbsolutePath().normalize();
    deleteRecursively(data);
    Files.createDirectories(data);
    Map<ValidationRule, List<String>> validation =
        Collections.synchronizedMap(new EnumMap<>(ValidationRule.class));
    List<String> kitMessages = Collections.synchronizedList(new ArrayList<>());

    try (LocalCollector collector = LocalCollector.start();
        DevServer platform =
            DevServer.builder()
                .workspaces(WorkspacesFile.parse(workspacesJson(collector)))
                .dataDirectory(data.resolve("platform"))
                .build()
                .start()) {
      Workspace workspace =
          Workspace.builder(API_KEY, API_SECRET)
              .environment(Environment.DEVELOPMENT)
              .identityScope(IdentityScope.ACCOUNT)
              .build();
      SpokeOptions options =
          SpokeOptions.builder(workspace)
              .endpoint(platform.baseUri())
              // Kits of the app's own, with local settings and filters, whatever the workspace
              // says.
              .sideloadedKit(
                  WebhookKitFactory.sideloaded(collector.baseUri() + WEBHOOK_PATH)
                      .setting("batchSize", "20")
                      .setting("flushIntervalMs", "200")
                      .addScreenNameFilter(WEBHOOK_BLOCKED_SCREEN)
                      .build())
              .sideloadedKit(
                  LogPartnerKitFactory.sideloaded(collector.baseUri() + EXAMPLE_PATH).build())
              .dataDirectory(data.resolve("spoke"))
              .uploadInterval(Duration.ofMillis(500))
              .listener(
                  new SpokeListener() {
                    @Override
                    public void onValidation(ValidationIssue issue) {
                      validation
                          .computeIfAbsent(
                              issue.rule(), r -> Collections.synchronizedList(new ArrayList<>()))
                          .add(issue.describe());
                    }

                    @Override
                    public void onKit(int moduleId, String kitName, String message) {
                      kitMessages.add(kitName + " (" + moduleId + "): " + message);
                    }
                  })
              .build();

      Spoke spoke = Spoke.create(options);
      // Spoke fetches the workspace's kit configuration in the background and buffers what is
      // logged meanwhile; a real app just carries on. The quickstart waits (at most 10 s) so that
      // its summary shows the kits at work rather than a race with a very short scenario.
      long kitsDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (spoke.activeKits().size() < 3 && System.nanoTime() < kitsDeadline) {
        Thread.sleep(10);
      }
      Long mpid;
      FlushResult closed;
      try {
        mpid = scenario(spoke);
      } finally {
        closed = spoke.close(Duration.ofSeconds(20));
      }
      SpokeMetrics metrics = spoke.metrics();
      Outcome outcome =
          new Outcome(
              metrics,
              closed,
              platform.stats(),
              platform.batches(API_KEY),
              platform.failures(API_KEY),
              collector.requests(GA4_PATH),
              collector.requests(WEBHOOK_PATH),
              collector.requests(EXAMPLE_PATH),
              snapshot(validation),
              mpid,
              platform.batchLog().toAbsolutePath(),
              data,
              check(metrics, closed, platform, collector, kitMessages));
      print(outcome, kitMessages, platform, out);
      if (serve) {
        out.println(
            "serving the live page at " + platform.livePageUri() + " until stopped (Ctrl-C)");
        out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
      }
      return outcome;
    }
  }

  /** The scenario a real app would run; returns the logged-in user's MPID. */
  private static Long scenario(Spoke spoke) throws Exception {
    // Identity: an anonymous visitor leaves an email, then logs in with their customer id.
    spoke
        .identify(UserIdentities.builder().email("ada@example.com").build())
        .get(10, TimeUnit.SECONDS);
    IdentityResult login =
        spoke
            .login(UserIdentities.builder().customerId("ada-1815").email("ada@example.com").build())
            .get(10, TimeUnit.SECONDS);
    SpokeUser ada = spoke.currentUser();
    ada.startSession();

    // User attributes: scalars, a number, a list, a counter, a tag.
    ada.setAttribute("plan", "pro");
    ada.setAttribute("seats", 5);
    ada.setAttributeList("favorite_genres", List.of("jazz", "blues", "baroque"));
    ada.incrementAttribute("logins", 1);
    ada.setTag("beta_tester");

    // Consent: GDPR purpose granted, CCPA "do not sell" not requested.
    long now = System.currentTimeMillis();
    ada.setGdprConsent(
        "location_collection",
        ConsentDecision.builder(true)
            .document("privacy-v2")
            .timestampMillis(now)
            .location("web settings")
            .build());
    ada.setCcpaConsent(ConsentDecision.builder(false).timestampMillis(now).build());

    // Screens and custom events of several types.
    ada.logEvent(ScreenView.builder("Home").attribute("referrer", "newsletter").build());
    ada.logEvent(
        CustomEvent.builder("Opened Catalog").customEventType(CustomEventType.NAVIGATION).build());
    ada.logEvent(
        CustomEvent.builder("Searched")
            .customEventType(CustomEventType.SEARCH)
            .attribute("query", "coltrane")
            .attribute("results", 42)
            .build());
    ada.logEvent(ScreenView.builder("Catalog").build());
    ada.logEvent(
        CustomEvent.builder(PROJECTED_EVENT)
            .customEventType(CustomEventType.MEDIA)
            .attribute("track", "Giant Steps")
            .attribute("seconds", 283)
            .build());
    ada.logEvent(
        CustomEvent.builder("Changed Theme")
            .customEventType(CustomEventType.USER_PREFERENCE)
            .attribute("theme", "dark")
            .build());
    ada.logEvent(
        CustomEvent.builder("Shared Playlist")
            .customEventType(CustomEventType.SOCIAL)
            .attribute("network", "mastodon")
            .build());
    ada.logEvent(
        CustomEvent.builder(FILTERED_EVENT)
            .customEventType(CustomEventType.OTHER)
            .attribute("build", "dev")
            .build());

    // Commerce: add to cart, then a purchase with two products.
    Product record =
        Product.builder("sku-1959", "Kind of Blue (LP)")
            .brand("Columbia")
            .category("vinyl")
            .price(29.99)
            .quantity(1.0)
            .build();
    Product sleeve =
        Product.builder("sku-0042", "Archival Sleeves")
            .category("accessories")
            .price(13.99)
            .quantity(2.0)
            .build();
    ada.logEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.ADD_TO_CART).product(record).build())
            .currencyCode("EUR")
            .build());
    ada.logEvent(ScreenView.builder("Checkout").build());
    ada.logEvent(
        CommerceEvent.productAction(
                ProductAction.builder(ProductActionType.PURCHASE)
                    .transactionId("T-1001")
                    .affiliation("web store")
                    .totalAmount(57.97)
                    .taxAmount(9.26)
                    .shippingAmount(0.0)
                    .product(record)
                    .product(sleeve)
                    .build())
            .currencyCode("EUR")
            .build());

    // Limits broken on purpose: each is fixed or dropped locally and reported, never sent broken.
    ada.logEvent(
        CustomEvent.builder("Clicked " + "very ".repeat(60) + "long button")
            .build()); // name > 256: truncated
    ada.logEvent(
        CustomEvent.builder("Submitted Feedback")
            .customEventType(CustomEventType.USER_CONTENT)
            .attribute("text", "x".repeat(5000))
            .attribute("rating", 5)
            .build()); // value > 4096: attribute dropped
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add("tag-" + i);
    }
    ada.setAttributeList("all_tags", tooMany); // > 1000 entries: refused

    ada.endSession();
    return login.mpid();
  }

  /** What must hold for the run to count as a success; empty when all is well. */
  private static List<String> check(
      SpokeMetrics m,
      FlushResult closed,
      DevServer platform,
      LocalCollector collector,
      List<String> kitMessages) {
    List<String> problems = new ArrayList<>();
    Stats s = platform.stats();
    if (!closed.complete() || closed.pending() != 0) {
      problems.add("close did not deliver everything (" + closed + ")");
    }
    if (m.accepted() == 0 || m.delivered() != m.accepted()) {
      problems.add(
          "Spoke sent "
              + m.accepted()
              + " events but only "
              + m.delivered()
              + " were acknowledged");
    }
    if (s.eventsAccepted() != m.delivered()) {
      problems.add(
          "the local platform accepted "
              + s.eventsAccepted()
              + " events, Spoke counted "
              + m.delivered());
    }
    if (!s.rejected().isEmpty() || !platform.failures(API_KEY).isEmpty()) {
      problems.add(
          "the local platform rejected batches: "
              + s.rejected()
              + " "
              + platform.failures(API_KEY));
    }
    long validationDrops = m.dropped().getOrDefault(DropReason.VALIDATION, 0L);
    if (m.droppedTotal() != validationDrops || validationDrops != DELIBERATE_DROPS) {
      problems.add(
          "unexpected drops: "
              + m.dropped()
              + " (expected "
              + DELIBERATE_DROPS
              + " VALIDATION drops: every broken limit is fixed locally, none drops an event)");
    }
    Map<String, Long> example = kit(m, LogPartnerKitFactory.MODULE_ID);
    if (example == null) {
      problems.add(
          "the sideloaded example kit (" + LogPartnerKitFactory.MODULE_ID + ") was not loaded");
    } else if (collector.requests(EXAMPLE_PATH).isEmpty()) {
      problems.add("the example kit sent nothing to the local collector");
    } else if (example.getOrDefault("filtered.et", 0L) != 0) {
      problems.add(
          "the workspace's entry for the sideloaded id "
              + LogPartnerKitFactory.MODULE_ID
              + " filtered the example kit, although entries in the sideloaded range are ignored: "
              + example);
    }
    if (kit(m, Ga4KitFactory.MODULE_ID) == null) {
      problems.add("the GA4 kit (160) was not loaded although the workspace enables it");
    } else if (collector.requests(GA4_PATH).isEmpty()) {
      problems.add("the GA4 kit sent nothing to the local collector");
    } else if (collector.requests(GA4_PATH).stream()
            .noneMatch(r -> r.body().contains("\"" + PROJECTED_NAME + "\""))
        || collector.requests(GA4_PATH).stream().anyMatch(r -> r.body().contains("played_track"))) {
      problems.add(
          "the GA4 kit did not get '"
              + PROJECTED_EVENT
              + "' as its projection '"
              + PROJECTED_NAME
              + "'");
    }
    Map<String, Long> webhook = kit(m, WebhookKitFactory.MODULE_ID);
    if (webhook == null) {
      problems.add(
          "the sideloaded webhook kit (" + WebhookKitFactory.MODULE_ID + ") was not loaded");
    } else if (collector.requests(WEBHOOK_PATH).isEmpty()) {
      problems.add("the webhook kit sent nothing to the local collector");
    } else if (webhook.getOrDefault("filtered.svec", 0L) != 1) {
      problems.add(
          "the webhook kit's own screen filter did not keep '"
              + WEBHOOK_BLOCKED_SCREEN
              + "' out: "
              + webhook);
    }
    Map<Integer, Long> forwarding = s.forwarding();
    for (int id :
        new int[] {
          Ga4KitFactory.MODULE_ID, WebhookKitFactory.MODULE_ID, LogPartnerKitFactory.MODULE_ID
        }) {
      if (forwarding.getOrDefault(id, 0L) == 0) {
        problems.add(
            "the local platform counted no forwarding statistics for kit "
                + id
                + ": "
                + forwarding);
      }
    }
    for (LocalCollector.Request r : collector.requests(GA4_PATH)) {
      if (r.body().contains(FILTERED_EVENT.toLowerCase(Locale.ROOT).replace(' ', '_'))
          || r.body().contains(FILTERED_EVENT)) {
        problems.add(
            "the GA4 kit received '" + FILTERED_EVENT + "' although its ec filter blocks it");
        break;
      }
    }
    return problems;
  }

  /** The counters of a kit Spoke created, found by module id, or null when it was never created. */
  static Map<String, Long> kit(SpokeMetrics m, int moduleId) {
    for (Map<String, Long> counters : m.kits().values()) {
      if (counters.getOrDefault("moduleId", -1L) == moduleId) {
        return counters;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------------------ output

  private static void print(
      Outcome o, List<String> kitMessages, DevServer platform, PrintStream out) {
    SpokeMetrics m = o.metrics();
    Stats s = o.platform();
    out.println();
    out.println(
        "Spoke quickstart: workspace "
            + API_KEY
            + " on the local platform at "
            + platform.baseUri());
    out.println(
        "  live page "
            + platform.livePageUri()
            + " (keep it open after the run: -D"
            + SERVE_PROPERTY
            + "=true)");
    out.println("  user ada@example.com logged in as MPID " + o.mpid());
    out.println("events");
    out.printf(
        Locale.ROOT,
        "  sent %d (custom, screen, commerce, session, profile, attribute and identity changes)%n",
        m.accepted());
    out.printf(
        Locale.ROOT,
        "  accepted by the local platform %d in %d batch%s (%d rejected)%n",
        s.eventsAccepted(),
        s.batchesAccepted(),
        s.batchesAccepted() == 1 ? "" : "es",
        o.failures().size());
    out.println(
        "  dropped before sending "
            + (m.dropped().isEmpty() ? "none" : new TreeMap<>(m.dropped())));
    out.println("validation (fixed or dropped locally, reported to the listener)");
    if (o.validation().isEmpty()) {
      out.println("  none");
    }
    o.validation()
        .forEach(
            (rule, messages) ->
                out.printf(
                    Locale.ROOT,
                    "  %-34s %d x %s: %s%n",
                    rule,
                    messages.size(),
                    rule.action(),
                    shorten(messages.get(0))));
    out.println(
        "kits (GA4 enabled by the workspace's configuration; the webhook and example kits sideloaded by the app)");
    Map<String, Map<String, Long>> kits = new TreeMap<>(m.kits());
    // Entries in parentheses are about kits in general (forwarding statistics, the
    // pre-configuration buffer).
    Map<String, Long> stats = kits.getOrDefault("(forwarding statistics)", Map.of());
    kits.keySet().removeIf(name -> name.startsWith("("));
    if (kits.isEmpty()) {
      out.println("  none loaded");
    }
    kits.forEach(
        (name, c) ->
            out.printf(
                Locale.ROOT,
                "  %-30s received %d, forwarded %d, filtered %d%s%n",
                name + " (" + c.getOrDefault("moduleId", 0L) + ")",
                c.getOrDefault("received", 0L),
                c.getOrDefault("forwarded", 0L),
                c.getOrDefault("filtered", 0L),
                extra(c)));
    out.printf(
        Locale.ROOT,
        "  GA4 collector received %d requests (%d GA4 events; '%s' arrived as its projection '%s'),"
            + " webhook received %d requests, example kit %d%n",
        o.ga4Requests().size(),
        ga4EventCount(o.ga4Requests()),
        PROJECTED_EVENT,
        PROJECTED_NAME,
        o.webhookRequests().size(),
        o.exampleRequests().size());
    out.printf(
        Locale.ROOT,
        "  forwarding statistics: Spoke sent %d records, the local platform counted %d %s%n",
        stats.getOrDefault("sent", 0L),
        s.forwardingRecords(),
        s.forwarding());
    for (String k : kitMessages) {
      // Routine lifecycle reports (configuration applied, kit created or closed) are left out.
      if (!k.matches(
          ".*\\): (CONFIG_APPLIED|CONFIG_UNCHANGED|CONFIG_FROM_CACHE|KIT_CREATED|KIT_CLOSED|KIT_SETTINGS_UPDATED):.*")) {
        out.println("  note: " + k);
      }
    }
    out.println(
        "journal "
            + o.dataDirectory().resolve("spoke")
            + " (every event was on disk until the platform acknowledged it)");
    out.println(
        o.ok()
            ? "result: OK, everything sent was accepted"
            : "result: FAILED: " + String.join("; ", o.problems()));
    out.println("received batches: " + o.batchLog());
  }

  private static String extra(Map<String, Long> c) {
    StringBuilder rules = new StringBuilder();
    new TreeMap<>(c)
        .forEach(
            (k, v) -> {
              if (k.startsWith("filtered.") && v > 0) {
                rules
                    .append(rules.length() == 0 ? " (" : ", ")
                    .append(ruleName(k.substring("filtered.".length())))
                    .append(' ')
                    .append(v);
              }
            });
    if (rules.length() > 0) {
      rules.append(')');
    }
    long dropped = c.getOrDefault("dropped", 0L);
    long failed = c.getOrDefault("failed", 0L);
    return rules + (dropped + failed == 0 ? "" : ", dropped " + dropped + ", failed " + failed);
  }

  /** Filter rule names as the kit counters use them, made readable. */
  private static String ruleName(String rule) {
    return "notListening".equals(rule) ? "not handled by the kit" : rule + " filter";
  }

  private static int ga4EventCount(List<LocalCollector.Request> requests) {
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (LocalCollector.Request r : requests) {
      try {
        n += json.readTree(r.body()).path("events").size();
      } catch (IOException e) {
        // Not JSON: count the request, not its events.
      }
    }
    return n;
  }

  /**
   * The first part of a validation message: what was wrong and the limit (the full text went to the
   * listener).
   */
  private static String shorten(String s) {
    int cut = s.indexOf(" (ServiceLimits");
    String head = cut > 0 ? s.substring(0, cut) : s;
    return head.length() <= 100 ? head : head.substring(0, 97) + "...";
  }

  private static Map<ValidationRule, List<String>> snapshot(
      Map<ValidationRule, List<String>> live) {
    Map<ValidationRule, List<String>> copy = new LinkedHashMap<>();
    synchronized (live) {
      live.forEach(
          (k, v) -> {
            synchronized (v) {
              copy.put(k, List.copyOf(v));
            }
          });
    }
    return copy;
  }

  // ------------------------------------------------------------------------------------ set-up

  /** The filter hash of the platform's kit configuration (WIRE §6). */
  static int hash(String s) {
    return s == null ? 0 : s.toLowerCase(Locale.ROOT).hashCode();
  }

  /**
   * One organization, one account, one workspace enabling GA4 at the collector (with a filter and a
   * projection), and listing the sideloaded id 1000002 with a filter blocking every custom event
   * type, which Spoke must ignore.
   */
  static String workspacesJson(LocalCollector collector) {
    String base = collector.baseUri().toString();
    int blocked = hash(CustomEventType.OTHER.filterNumber() + FILTERED_EVENT);
    int media = CustomEventType.MEDIA.filterNumber();
    String projection =
        "[{\"id\":1,\"matches\":[{\"message_type\":4,\"event_match_type\":\"Hash\",\"event\":\""
            + hash(media + PROJECTED_EVENT)
            + "\"}],\"behavior\":{\"append_unmapped_as_is\":true},"
            + "\"action\":{\"projected_event_name\":\""
            + PROJECTED_NAME
            + "\",\"attribute_maps\":["
            + "{\"projected_attribute_name\":\"song\",\"match_type\":\"String\",\"value\":\"track\"}]}}]";
    StringBuilder everyType = new StringBuilder();
    for (CustomEventType t : CustomEventType.values()) {
      everyType
          .append(everyType.length() == 0 ? "" : ",")
          .append('"')
          .append(hash(String.valueOf(t.filterNumber())))
          .append("\":0");
    }
    return "{\"organizations\":[{\"id\":\"quickstart\",\"accounts\":[{\"id\":\"music-shop\",\"workspaces\":[{"
        + "\"id\":\"web\",\"apiKey\":\""
        + API_KEY
        + "\",\"apiSecret\":\""
        + API_SECRET
        + "\","
        + "\"inputKind\":\"platform\",\"identityScope\":\"account\",\"environment\":\"development\","
        + "\"stl\":1800,\"uitl\":1,"
        + "\"kits\":["
        + "{\"id\":"
        + Ga4KitFactory.MODULE_ID
        + ",\"settings\":{\"measurementId\":\"G-QUICKSTART\","
        + "\"apiSecret\":\"local-ga4-secret\",\"endpoint\":\""
        + base
        + GA4_PATH
        + "\","
        + "\"externalUserIdentityType\":\"CustomerId\"},"
        + "\"filters\":{\"ec\":{\""
        + blocked
        + "\":0}},\"pr\":"
        + projection
        + "},"
        + "{\"id\":"
        + LogPartnerKitFactory.MODULE_ID
        + ",\"filters\":{\"et\":{"
        + everyType
        + "}}}"
        + "]}]}]}]}";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
