package dev.spoke.example.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.EventListener;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.ScreenListener;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The example kit: POSTs each custom event and screen view to the partner as one line of JSON,
 * {@code {"type":"custom_event","name":"Signed
 * Up","timestamp":1717171717000,"mpid":42,"attributes":{"plan":"pro"}}}.
 *
 * <p>What a kit receives is chosen by the listener interfaces it implements: here {@link
 * EventListener} (custom events; without {@code CommerceListener} it also gets commerce events
 * expanded into custom events) and {@link ScreenListener}. Others exist for commerce, user
 * attributes, identity, sessions, consent and opt-out.
 *
 * <p>Threads: Spoke calls a kit on that kit's own thread, one call at a time and in order, never on
 * the host app's thread. So a kit may simply make a blocking HTTP call, as long as it is bounded by
 * a timeout (a stuck call would hold up this kit's later events, though no other kit's).
 *
 * <p>Filters: by the time a call arrives, Spoke has already applied the workspace's filters for
 * this kit (event types and names, attributes, screen names, user identities and attributes,
 * consent, user buckets, opt-out). The kit forwards what it gets; it never filters again.
 */
final class LogPartnerKit implements Kit, EventListener, ScreenListener {
  private static final MediaType JSON = MediaType.parse("application/json");
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  private final KitContext context;
  private final HttpUrl url;
  private final OkHttpClient client;

  LogPartnerKit(KitContext context, HttpUrl url) {
    this.context = context;
    this.url = url;
    // Use Spoke's shared client (its connection pool and threads) and derive what differs with
    // newBuilder(): here a bound on the whole call, so a slow partner cannot stall this kit.
    this.client = context.httpClient().newBuilder().callTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public void onEvent(CustomEvent event, KitUser user) {
    post(event, event.name(), user);
  }

  @Override
  public void onScreenView(ScreenView screen, KitUser user) {
    post(screen, screen.screenName(), user);
  }

  private void post(Event event, String name, KitUser user) {
    // Events may come without a timestamp; take the time from Spoke's clock, not the system's,
    // so that tests can fix it.
    long timestamp =
        event.timestampMillis() != null ? event.timestampMillis() : context.clock().millis();
    String line =
        jsonLine(event.type().wireName(), name, timestamp, user, event.customAttributes());
    Request request = new Request.Builder().url(url).post(RequestBody.create(line, JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        // A partner failure is the partner's answer, not a bug in the kit: log it clearly and
        // carry on. (Throwing would also be caught and counted by Spoke, but say why first.)
        context
            .logger()
            .warn("log partner answered HTTP {}; event '{}' dropped", response.code(), name);
        return;
      }
    } catch (IOException e) {
      context.logger().warn("log partner unreachable ({}); event '{}' dropped", e.toString(), name);
      return;
    }
    // Tell Spoke what was forwarded, for its metrics and reports: what it was, and what the partner
    // got.
    context.reportForwarded(name, "log line");
  }

  /** Writes the one-line JSON with Jackson's streaming API (jackson-core comes with Spoke). */
  static String jsonLine(
      String type, String name, long timestamp, KitUser user, Map<String, Object> attributes) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("name", name);
      g.writeNumberField("timestamp", timestamp);
      if (user != null && user.mpid() != null) {
        g.writeNumberField("mpid", user.mpid());
      }
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, Object> a : attributes.entrySet()) {
        if (a.getKey() != null && a.getValue() != null) {
          // The platform sends attribute values as strings; so does this partner.
          g.writeStringField(a.getKey(), String.valueOf(a.getValue()));
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException impossible) {
      throw new IllegalStateException("writing to a StringWriter does not fail", impossible);
    }
    return out.toString();
  }

  @Override
  public void close() {
    // Nothing to release: the kit owns no thread and no buffer. A kit that does (see the webhook
    // kit) stops its thread and sends what it still holds here.
  }
}
