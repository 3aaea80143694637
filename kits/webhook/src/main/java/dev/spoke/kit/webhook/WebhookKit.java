package dev.spoke.kit.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import dev.spoke.kit.SessionListener;
import dev.spoke.user.IdentityType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Forwards events as batched JSON to a URL: {@code
 * {"events":[{"type","name","timestamp","attributes","user":{"mpid","identities"}}…]}}.
 *
 * <p>Threads: the kit's Spoke thread only serialises the event and queues it (bounded at {@code
 * maxPending}, the oldest dropped and counted when full). Sends run on the kit's own daemon thread
 * ({@code spoke-kit-webhook-<moduleId>}): a batch leaves when {@code batchSize} events are waiting,
 * or when the oldest has waited {@code flushIntervalMs} by the context's clock, and everything left
 * is sent on {@link #close()}. 429, 5xx and I/O failures are retried up to {@code maxRetries} times
 * with exponential backoff and jitter ({@code Retry-After} honoured, capped); other answers are
 * final: a 4xx drops the batch with a warning. Nothing here throws into Spoke for a partner
 * failure; every drop is logged with its count.
 */
final class WebhookKit
    implements Kit, EventListener, ScreenListener, CommerceListener, SessionListener {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_PENDING = 10_000;
  static final long BASE_BACKOFF_MS = 200;
  static final long MAX_BACKOFF_MS = 10_000;
  static final long MAX_RETRY_AFTER_MS = 30_000;

  /** How long close() waits for the last sends before it gives up on them. */
  static final long CLOSE_TIMEOUT_MS = 30_000;

  private static final JsonFactory JSON = new JsonFactory();
  private static final MediaType JSON_TYPE = MediaType.parse("application/json");

  /** One queued event, already serialised. */
  private static final class Pending {
    final byte[] json;
    final String name;
    final long queuedAtMillis;

    Pending(byte[] json, String name, long queuedAtMillis) {
      this.json = json;
      this.name = name;
      this.queuedAtMillis = queuedAtMillis;
    }
  }

  private final KitContext context;
  private final Logger log;
  private final OkHttpClient client;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final int maxPending;
  private final Runner runner;

  private final Object lock = new Object();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock
  private long droppedFull; // guarded by lock
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile boolean closed;
  private volatile WebhookSettings settings;

  /** The production kit: its own daemon thread, real sleeps, random jitter. */
  static WebhookKit create(KitContext context, WebhookSettings settings) {
    return new WebhookKit(
        context,
        settings,
        Sleeper.THREAD,
        Math::random,
        DEFAULT_MAX_PENDING,
        kit ->
            new Runner.OwnThread(
                "spoke-kit-webhook-" + context.moduleId(),
                kit::tick,
                kit::tickMillis,
                context.logger()));
  }

  /**
   * @param runnerFactory makes the runner for this kit; called last, once every other field is set,
   *     because a thread it starts calls back into the kit
   */
  WebhookKit(
      KitContext context,
      WebhookSettings settings,
      Sleeper sleeper,
      DoubleSupplier random,
      int maxPending,
      Function<WebhookKit, Runner> runnerFactory) {
    this.context = context;
    this.log = context.logger();
    this.settings = settings;
    this.client = context.httpClient().newBuilder().callTimeout(CALL_TIMEOUT).build();
    this.sleeper = sleeper;
    this.random = random;
    this.maxPending = maxPending;
    this.runner = runnerFactory.apply(this);
  }

  @Override
  public void onEvent(CustomEvent event, KitUser user) {
    enqueue(event, event.name(), user);
  }

  @Override
  public void onScreenView(ScreenView screen, KitUser user) {
    enqueue(screen, screen.screenName(), user);
  }

  @Override
  public void onCommerceEvent(CommerceEvent event, KitUser user) {
    enqueue(event, commerceName(event), user);
  }

  @Override
  public void onSessionStart(SessionStart start, KitUser user) {
    enqueue(start, null, user);
  }

  @Override
  public void onSessionEnd(SessionEnd end, KitUser user) {
    enqueue(end, null, user);
  }

  @Override
  public void onSettingsUpdated(Map<String, String> newSettings) {
    try {
      settings = WebhookSettings.parse(newSettings);
    } catch (IllegalArgumentException e) {
      log.error("webhook kit keeps its previous settings: {}", e.getMessage());
    }
  }

  /**
   * Sends everything still queued, then stops the kit's thread (waiting at most {@link
   * #CLOSE_TIMEOUT_MS}).
   */
  @Override
  public void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    runner.execute(this::sendAll);
    if (!runner.close(CLOSE_TIMEOUT_MS)) {
      log.error(
          "webhook kit did not finish its last sends within {} ms; the rest is dropped",
          CLOSE_TIMEOUT_MS);
    }
  }

  /**
   * The commerce event's name, else what it is: the product action, promotion_view/click, or
   * impression.
   */
  private static String commerceName(CommerceEvent e) {
    if (e.eventName() != null) {
      return e.eventName();
    }
    switch (e.kind()) {
      case PRODUCT_ACTION:
        return e.productAction() == null || e.productAction().action() == null
            ? null
            : e.productAction().action().wireName();
      case PROMOTION_ACTION:
        return e.promotionAction() == null || e.promotionAction().action() == null
            ? null
            : "promotion_" + e.promotionAction().action().wireName();
      default:
        return "impression";
    }
  }

  private void enqueue(Event event, String name, KitUser user) {
    if (closed) {
      log.debug("webhook kit is closed; {} not sent", event.type().wireName());
      return;
    }
    long now = context.clock().millis();
    Pending p =
        new Pending(
            serialise(event, name, user, now), name == null ? event.type().wireName() : name, now);
    boolean full;
    long dropped = 0;
    synchronized (lock) {
      if (pending.size() >= maxPending) {
        pending.pollFirst();
        dropped = ++droppedFull;
      }
      pending.addLast(p);
      full = pending.size() >= settings.batchSize;
    }
    if (dropped == 1 || dropped % 1000 == 0 && dropped > 0) {
      log.warn(
          "webhook kit queue is full ({} events): dropped the oldest, {} so far",
          maxPending,
          dropped);
    }
    if (full && drainScheduled.compareAndSet(false, true)) {
      runner.execute(this::sendFullBatches);
    }
  }

  /** Called by the kit's thread when idle: sends what has waited {@code flushIntervalMs}. */
  void tick() {
    long now = context.clock().millis();
    boolean due;
    synchronized (lock) {
      due =
          !pending.isEmpty()
              && now - pending.peekFirst().queuedAtMillis >= settings.flushIntervalMs;
    }
    if (due) {
      sendAll();
    }
  }

  long tickMillis() {
    // Ticks read the (possibly injected) clock, so they must come often enough to notice it moving.
    return Math.max(5, Math.min(250, settings.flushIntervalMs / 4));
  }

  private void sendFullBatches() {
    drainScheduled.set(false);
    List<Pending> batch;
    while ((batch = take(true)) != null) {
      send(batch);
    }
  }

  private void sendAll() {
    List<Pending> batch;
    while ((batch = take(false)) != null) {
      send(batch);
    }
  }

  private List<Pending> take(boolean onlyFull) {
    synchronized (lock) {
      int size = settings.batchSize;
      if (pending.isEmpty() || (onlyFull && pending.size() < size)) {
        return null;
      }
      List<Pending> batch = new ArrayList<>(Math.min(size, pending.size()));
      while (batch.size() < size && !pending.isEmpty()) {
        batch.add(pending.pollFirst());
      }
      return batch;
    }
  }

  private void send(List<Pending> batch) {
    WebhookSettings s = settings;
    Request request =
        new Request.Builder()
            .url(s.url)
            .headers(s.headers)
            .post(RequestBody.create(body(batch), JSON_TYPE))
            .build();
    String last = null;
    for (int attempt = 0; ; attempt++) {
      long retryAfterMs = -1;
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (response.isSuccessful()) {
          for (Pending p : batch) {
            context.reportForwarded(p.name, "webhook");
          }
          return;
        }
        if (code != 429 && code < 500) {
          log.warn(
              "webhook {} answered HTTP {}: dropped {} events (not retried)",
              s.url.host(),
              code,
              batch.size());
          return;
        }
        last = "HTTP " + code;
        retryAfterMs = retryAfterMillis(response.header("Retry-After"));
      } catch (IOException e) {
        last = e.toString();
      }
      if (attempt >= s.maxRetries) {
        log.error(
            "webhook {} failed {} time(s), last with {}: dropped {} events",
            s.url.host(),
            attempt + 1,
            last,
            batch.size());
        return;
      }
      try {
        sleeper.sleep(retryAfterMs >= 0 ? retryAfterMs : backoffMillis(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.error(
            "webhook kit was stopped while retrying ({}): dropped {} events", last, batch.size());
        return;
      }
    }
  }

  /** Full jitter over the upper half: between half and all of {@code BASE·2^attempt}, capped. */
  long backoffMillis(int attempt) {
    long cap = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt, 20));
    return (long) (cap * (0.5 + 0.5 * random.getAsDouble()));
  }

  /**
   * @return the wait asked for by an integer-seconds Retry-After, capped; -1 if absent or
   *     unreadable
   */
  static long retryAfterMillis(String header) {
    if (header == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? -1 : Math.min(MAX_RETRY_AFTER_MS, seconds * 1000);
    } catch (NumberFormatException | ArithmeticException e) {
      return -1; // an HTTP date: fall back to our own backoff
    }
  }

  private static byte[] body(List<Pending> batch) {
    int size = 16;
    for (Pending p : batch) {
      size += p.json.length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes("{\"events\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(batch.get(i).json);
    }
    out.writeBytes("]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] serialise(Event event, String name, KitUser user, long nowMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", event.type().wireName());
      if (name != null) {
        g.writeStringField("name", name);
      }
      g.writeNumberField(
          "timestamp", event.timestampMillis() != null ? event.timestampMillis() : nowMillis);
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, Object> a : event.customAttributes().entrySet()) {
        if (a.getKey() != null) {
          g.writeFieldName(a.getKey());
          writeScalar(g, a.getValue());
        }
      }
      g.writeEndObject();
      if (user != null) {
        g.writeObjectFieldStart("user");
        if (user.mpid() != null) {
          g.writeNumberField("mpid", user.mpid());
        }
        g.writeObjectFieldStart("identities");
        for (Map.Entry<IdentityType, String> id : user.identities().asMap().entrySet()) {
          g.writeStringField(id.getKey().eventsApiKey(), id.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a byte array does not fail
    }
    return out.toByteArray();
  }

  private static void writeScalar(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof Number && Double.isFinite(((Number) v).doubleValue())) {
      g.writeNumber(((Number) v).doubleValue());
    } else {
      g.writeString(
          String.valueOf(v)); // strings, and NaN/Infinity which JSON cannot carry as numbers
    }
  }
}
