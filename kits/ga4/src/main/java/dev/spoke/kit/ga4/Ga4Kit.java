package dev.spoke.kit.ga4;

import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.CommerceListener;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Sends events to GA4's Measurement Protocol: {@code POST
 * {endpoint}?measurement_id=…&api_secret=…}.
 *
 * <p>Each kit call is one request on the kit's own Spoke thread (a blocking call bounded by {@link
 * #CALL_TIMEOUT}); the GA4 events one call produces (several impression lists or promotions) travel
 * together, {@link Ga4Payload#MAX_EVENTS_PER_REQUEST} per request. A failed request (I/O error or
 * non-2xx answer) is logged as a warning and not retried: GA4 analytics tolerate a lost hit better
 * than a duplicated one, and the kit never throws for a partner failure.
 */
final class Ga4Kit implements Kit, EventListener, ScreenListener, CommerceListener {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final MediaType JSON = MediaType.parse("application/json");

  private final KitContext context;
  private final Logger log;
  private final OkHttpClient client;
  private final String anonymousClientId = UUID.randomUUID().toString();
  private volatile Ga4Settings settings;

  Ga4Kit(KitContext context, Ga4Settings settings) {
    this.context = context;
    this.log = context.logger();
    this.settings = settings;
    this.client = context.httpClient().newBuilder().callTimeout(CALL_TIMEOUT).build();
  }

  @Override
  public void onEvent(CustomEvent event, KitUser user) {
    send(Ga4Mapper.custom(event), user, event.timestampMillis(), event.name());
  }

  @Override
  public void onScreenView(ScreenView screen, KitUser user) {
    send(
        Ga4Mapper.screen(screen, settings.pageViews),
        user,
        screen.timestampMillis(),
        screen.screenName());
  }

  @Override
  public void onCommerceEvent(CommerceEvent event, KitUser user) {
    send(Ga4Mapper.commerce(event), user, event.timestampMillis(), "commerce event");
  }

  @Override
  public void onSettingsUpdated(Map<String, String> newSettings) {
    try {
      settings = Ga4Settings.parse(newSettings);
    } catch (IllegalArgumentException e) {
      log.error("GA4 kit keeps its previous settings: {}", e.getMessage());
    }
  }

  private void send(List<Ga4Event> events, KitUser user, Long timestampMillis, String what) {
    if (events.isEmpty()) {
      log.debug("GA4 kit has no GA4 event for {}; nothing sent", what);
      return;
    }
    Ga4Settings s = settings;
    long micros = micros(timestampMillis != null ? timestampMillis : context.clock().millis());
    String clientId = Ga4Payload.clientId(user, anonymousClientId);
    String userId = Ga4Payload.userId(s, user);
    Map<String, String> userProperties = Ga4Payload.userProperties(user);
    for (int from = 0; from < events.size(); from += Ga4Payload.MAX_EVENTS_PER_REQUEST) {
      List<Ga4Event> chunk =
          events.subList(from, Math.min(events.size(), from + Ga4Payload.MAX_EVENTS_PER_REQUEST));
      post(s, Ga4Payload.body(clientId, userId, micros, userProperties, chunk), chunk);
    }
  }

  private void post(Ga4Settings s, byte[] body, List<Ga4Event> events) {
    HttpUrl url =
        s.endpoint
            .newBuilder()
            .addQueryParameter("measurement_id", s.measurementId)
            .addQueryParameter("api_secret", s.apiSecret)
            .build();
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        // Never log the URL: its query carries the API secret.
        log.warn(
            "GA4 answered HTTP {} to {} event(s) {}; they are dropped",
            response.code(),
            events.size(),
            names(events));
        return;
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "GA4 request for {} event(s) {} failed; they are dropped: {}",
          events.size(),
          names(events),
          redact(String.valueOf(e), s.apiSecret));
      return;
    }
    for (Ga4Event e : events) {
      context.reportForwarded(e.sourceName, e.name);
    }
  }

  private long micros(long millis) {
    try {
      return Math.multiplyExact(millis, 1000L);
    } catch (ArithmeticException absurd) {
      return Math.multiplyExact(context.clock().millis(), 1000L); // a timestamp no clock can reach
    }
  }

  private static String names(List<Ga4Event> events) {
    StringBuilder b = new StringBuilder("[");
    for (Ga4Event e : events) {
      b.append(b.length() > 1 ? ", " : "").append(e.name);
    }
    return b.append(']').toString();
  }

  static String redact(String text, String secret) {
    return text.replace(secret, "***");
  }
}
