package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What the live page shows and {@code GET /stats} answers: the latest accepted batches (per user on
 * the page), the latest rejections with their reasons, the counters and each workspace's kit
 * configuration, pushed to the page as server-sent events. Not API.
 *
 * <p>Subscribers are written to by one daemon thread of their own ({@code spoke-devserver-live}):
 * an open page holds a connection but never a handler thread, so pages cannot starve the Events API
 * of threads.
 */
final class LiveFeed implements AutoCloseable {

  /** Accepted batches kept for a page that opens later (and for {@code /live/state}). */
  static final int RECENT_BATCHES = 200;

  /** Rejections kept, with their messages, for the page and {@code GET /stats}. */
  static final int RECENT_REJECTIONS = 100;

  /**
   * Pages connected at once; more are answered 503 (each holds a connection and a socket buffer).
   */
  static final int MAX_SUBSCRIBERS = 32;

  /** Events listed per batch summary; a bigger batch says how many more it had. */
  static final int EVENTS_PER_BATCH = 50;

  /** Messages kept per rejection (a schema failure can have hundreds). */
  static final int MESSAGES_PER_REJECTION = 20;

  private static final long STATS_EVERY_MS = 500;
  private static final long HEARTBEAT_EVERY_MS = 15_000;

  /**
   * Changes waiting for the live thread; past this many (pages far behind), new ones are not
   * queued.
   */
  static final int MAX_PENDING = 10_000;

  private final ObjectMapper json;
  private final Clock clock;
  private final Supplier<Stats> stats;
  private final Supplier<ArrayNode> workspaces;
  private final AtomicLong ids = new AtomicLong();
  private final Deque<ObjectNode> batches = new ArrayDeque<>();
  private final Deque<ObjectNode> rejections = new ArrayDeque<>();
  private final AtomicBoolean statsChanged = new AtomicBoolean();
  private final Map<String, LongAdder> partnerRequests = new ConcurrentSkipListMap<>();

  /** Touched only on the live thread. */
  private final List<HttpExchange> subscribers = new ArrayList<>();

  /**
   * Written on the live thread: with no page open, changes are not even queued (benchmarks pay
   * nothing).
   */
  private volatile int subscriberCount;

  private final AtomicInteger pending = new AtomicInteger();
  private final ScheduledExecutorService live;

  /** System.nanoTime of the last write (the server clock may be fixed in tests). */
  private long lastWriteNanos = System.nanoTime();

  LiveFeed(ObjectMapper json, Clock clock, Supplier<Stats> stats, Supplier<ArrayNode> workspaces) {
    this.json = json;
    this.clock = clock;
    this.stats = stats;
    this.workspaces = workspaces;
    ScheduledThreadPoolExecutor exec =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "spoke-devserver-live");
              t.setDaemon(true);
              return t;
            });
    exec.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.live = exec;
    live.scheduleWithFixedDelay(this::tick, STATS_EVERY_MS, STATS_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------------------------------------ inputs

  /** A batch was stored: its summary goes to the page, under its user. */
  void accepted(WorkspacesFile.Workspace ws, String path, Long mpid, JsonNode batch) {
    ObjectNode n = json.createObjectNode();
    n.put("id", ids.incrementAndGet());
    n.put("time", clock.millis());
    n.put("apiKey", ws.apiKey());
    n.put("workspace", ws.id());
    n.put("path", path);
    // As a string: the page's JavaScript numbers cannot hold every int64.
    n.put("mpid", mpid == null ? null : Long.toString(mpid));
    n.put("sourceRequestId", text(batch.get("source_request_id")));
    n.put("environment", text(batch.get("environment")));
    JsonNode ids = batch.get("user_identities");
    n.set("identities", ids != null && ids.isObject() ? ids.deepCopy() : json.createObjectNode());
    JsonNode attrs = batch.get("user_attributes");
    n.put("userAttributes", attrs != null && attrs.isObject() ? attrs.size() : 0);
    JsonNode events = batch.path("events");
    ArrayNode list = n.putArray("events");
    int count = events.isArray() ? events.size() : 0;
    for (int i = 0; i < Math.min(count, EVENTS_PER_BATCH); i++) {
      JsonNode e = events.get(i);
      ObjectNode s = list.addObject();
      s.put("type", text(e.get("event_type")));
      s.put("name", eventName(e));
      JsonNode ts = e.path("data").get("timestamp_unixtime_ms");
      if (ts != null && ts.isIntegralNumber()) {
        s.put("time", ts.asLong());
      }
    }
    n.put("eventCount", count);
    remember(batches, n, RECENT_BATCHES);
    publish("batch", n);
  }

  /**
   * A batch (index ≥ 0) or a whole request (index -1) was refused.
   *
   * @param apiKey the workspace's key, or null when the request was refused before its key was
   *     known
   */
  void rejected(
      String apiKey,
      String workspace,
      String path,
      int index,
      RejectReason reason,
      List<String> messages,
      String sourceRequestId,
      Long mpid) {
    ObjectNode n = json.createObjectNode();
    n.put("id", ids.incrementAndGet());
    n.put("time", clock.millis());
    n.put("apiKey", apiKey);
    n.put("workspace", workspace);
    n.put("path", path);
    n.put("index", index);
    n.put("reason", reason.name());
    ArrayNode m = n.putArray("messages");
    messages.stream().limit(MESSAGES_PER_REJECTION).forEach(m::add);
    if (messages.size() > MESSAGES_PER_REJECTION) {
      m.add("… and " + (messages.size() - MESSAGES_PER_REJECTION) + " more");
    }
    n.put("sourceRequestId", sourceRequestId);
    n.put("mpid", mpid == null ? null : Long.toString(mpid));
    remember(rejections, n, RECENT_REJECTIONS);
    publish("rejection", n);
  }

  /** A kit called the partner sink ({@code /sink/<partner>/…}). */
  void partnerRequest(String partner) {
    partnerRequests
        .computeIfAbsent(partner.isEmpty() ? "?" : partner, p -> new LongAdder())
        .increment();
    countersChanged();
  }

  /** Counters changed; the page gets them at most every {@value #STATS_EVERY_MS} ms. */
  void countersChanged() {
    statsChanged.set(true);
  }

  /** A workspace's kits changed; pages re-render the configuration. */
  void configChanged() {
    publish("config", workspaces.get());
  }

  // ------------------------------------------------------------------------------------------------ outputs

  /**
   * {@code GET /stats}: the counters, rejections by reason and the latest rejections with their
   * messages.
   */
  ObjectNode statsJson() {
    Stats s = stats.get();
    ObjectNode n = json.createObjectNode();
    n.put("requests", s.requests());
    n.put("batchesAccepted", s.batchesAccepted());
    n.put("eventsAccepted", s.eventsAccepted());
    n.put("duplicates", s.duplicates());
    n.put("timestampsReset", s.timestampsReset());
    n.put("bytesReceived", s.bytesReceived());
    n.put("bytesDecoded", s.bytesDecoded());
    long total = 0;
    ObjectNode byReason = json.createObjectNode();
    for (var e : s.rejected().entrySet()) {
      byReason.put(e.getKey().name(), e.getValue());
      total += e.getValue();
    }
    n.put("rejected", total);
    n.set("rejectedByReason", byReason);
    ObjectNode statuses = n.putObject("statuses");
    s.statuses().forEach((k, v) -> statuses.put(Integer.toString(k), v));
    ObjectNode faults = n.putObject("faults");
    s.faults().forEach(faults::put);
    ObjectNode partners = n.putObject("partnerRequests");
    partnerRequests.forEach((k, v) -> partners.put(k, v.sum()));
    // Forwarding statistics: what SDKs reported their kits forwarded, by kit module id.
    n.put("forwardingRecords", s.forwardingRecords());
    n.put("forwardingRejected", s.forwardingRejected());
    ObjectNode forwarding = n.putObject("forwardingByKit");
    s.forwarding().forEach((k, v) -> forwarding.put(Integer.toString(k), v));
    n.set("recentRejections", newestFirst(rejections));
    return n;
  }

  /**
   * Everything a page needs to start: counters, configuration, the latest batches and rejections.
   */
  ObjectNode state() {
    ObjectNode n = json.createObjectNode();
    n.set("stats", statsJson());
    n.set("workspaces", workspaces.get());
    n.set("batches", newestFirst(batches));
    n.set("rejections", newestFirst(rejections));
    return n;
  }

  /**
   * {@code GET /live/stream}: answers the headers on the calling (handler) thread, then hands the
   * open exchange to the live thread, which sends the current state and every later change. The
   * caller must not close it.
   */
  void subscribe(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    try {
      live.execute(
          () -> {
            try {
              if (subscribers.size() >= MAX_SUBSCRIBERS) {
                byte[] busy =
                    ("too many live pages open (" + MAX_SUBSCRIBERS + "); close one")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                ex.sendResponseHeaders(503, busy.length);
                ex.getResponseBody().write(busy);
                ex.close();
                return;
              }
              // Counted before the state is taken: a change racing with it is then queued behind
              // this task
              // rather than skipped (the page ignores an id it already has).
              subscriberCount = subscribers.size() + 1;
              ex.sendResponseHeaders(200, 0);
              OutputStream out = ex.getResponseBody();
              out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
              out.write(frame("state", state()));
              out.flush();
              subscribers.add(ex);
              subscriberCount = subscribers.size();
            } catch (IOException | RuntimeException e) {
              subscriberCount = subscribers.size();
              ex.close();
            }
          });
    } catch (RejectedExecutionException closed) {
      ex.close();
    }
  }

  // ------------------------------------------------------------------------------------------------ plumbing

  private void publish(String event, JsonNode data) {
    countersChanged();
    // A page that connects later gets the rings in its "state" event, so nothing is lost by not
    // queueing here.
    if (subscriberCount == 0 || pending.get() >= MAX_PENDING) {
      return;
    }
    pending.incrementAndGet();
    try {
      live.execute(
          () -> {
            pending.decrementAndGet();
            broadcast(frame(event, data));
          });
    } catch (RejectedExecutionException closed) {
      pending.decrementAndGet();
    }
  }

  private void tick() {
    if (statsChanged.getAndSet(false) && !subscribers.isEmpty()) {
      broadcast(frame("stats", statsJson()));
    } else if (System.nanoTime() - lastWriteNanos
            >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_EVERY_MS)
        && !subscribers.isEmpty()) {
      // A comment line: keeps proxies from timing the stream out and finds pages that went away.
      broadcast(": ping\n\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** On the live thread. A page whose connection fails is dropped. */
  private void broadcast(byte[] frame) {
    lastWriteNanos = System.nanoTime();
    for (var it = subscribers.iterator(); it.hasNext(); ) {
      HttpExchange ex = it.next();
      try {
        OutputStream out = ex.getResponseBody();
        out.write(frame);
        out.flush();
      } catch (IOException | RuntimeException gone) {
        it.remove();
        ex.close();
      }
    }
    subscriberCount = subscribers.size();
  }

  private byte[] frame(String event, JsonNode data) {
    try {
      // JSON from Jackson has no raw newlines, so one data line carries it.
      return ("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a live event", e);
    }
  }

  private static void remember(Deque<ObjectNode> ring, ObjectNode n, int max) {
    synchronized (ring) {
      if (ring.size() == max) {
        ring.removeFirst();
      }
      ring.addLast(n);
    }
  }

  private ArrayNode newestFirst(Deque<ObjectNode> ring) {
    ArrayNode a = json.createArrayNode();
    synchronized (ring) {
      ring.descendingIterator().forEachRemaining(a::add);
    }
    return a;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /**
   * What the page shows next to the event type: its name, screen, action or the field that says
   * most.
   */
  static String eventName(JsonNode e) {
    JsonNode d = e.path("data");
    String type = e.path("event_type").asText("");
    return switch (type) {
      case "custom_event" -> d.path("event_name").asText(null);
      case "screen_view" -> d.path("screen_name").asText(null);
      case "commerce_event" ->
          d.has("product_action")
              ? d.path("product_action").path("action").asText(null)
              : d.has("promotion_action")
                  ? "promotion " + d.path("promotion_action").path("action").asText("")
                  : d.has("product_impressions") ? "impression" : d.path("event_name").asText(null);
      case "user_attribute_change" -> d.path("user_attribute_name").asText(null);
      case "user_identity_change" ->
          d.path("new")
              .path("identity_type")
              .asText(d.path("old").path("identity_type").asText(null));
      case "profile" -> d.path("profile_event_type").asText(null);
      case "breadcrumb" -> d.path("label").asText(null);
      case "network_performance" -> d.path("url").asText(null);
      case "crash_report" -> d.path("class_name").asText(d.path("message").asText(null));
      case "application_state_transition" -> d.path("application_transition_type").asText(null);
      case "opt_out" ->
          d.has("is_opted_out") ? "opted out: " + d.path("is_opted_out").asText() : null;
      default -> null;
    };
  }

  @Override
  public void close() {
    live.shutdownNow();
    try {
      live.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The live thread has stopped: the list is ours now.
    for (HttpExchange ex : subscribers) {
      ex.close();
    }
    subscribers.clear();
    subscriberCount = 0;
  }
}
