package dev.spoke.kit;

import dev.spoke.Environment;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;

/** What a kit may use of Spoke: deliberately narrow, so kits cannot reach the core's internals. */
public interface KitContext {

  /** This kit's module id. */
  int moduleId();

  /** This kit's settings ({@code as} of its configuration entry), unmodifiable. */
  Map<String, String> settings();

  /** A logger named after the kit. */
  Logger logger();

  /** The clock Spoke runs on (injectable in tests). */
  Clock clock();

  /**
   * Spoke's shared HTTP client, for the kit's own calls to its partner. Derive with newBuilder() to
   * change it.
   */
  OkHttpClient httpClient();

  /** The workspace environment (development or production). */
  Environment environment();

  /**
   * The current user as this kit may see it (identities and attributes filtered), if there is one.
   */
  Optional<KitUser> currentUser();

  /**
   * Tells Spoke what the kit forwarded, for metrics and reports.
   *
   * @param eventName the name of what was forwarded (an event name, "screen_view", …)
   * @param detail a short description, e.g. the partner's event name
   */
  void reportForwarded(String eventName, String detail);

  /**
   * This kit's rules that turn event attributes into user attributes at the partner ({@code eaa},
   * {@code ear}, {@code eas} of its configuration entry; see {@link
   * EventAttributeMappings#forEvent}). Spoke does not apply them: a kit whose partner has list
   * attributes may.
   *
   * @return the mappings in force now, {@link EventAttributeMappings#NONE} if none
   */
  default EventAttributeMappings eventAttributeMappings() {
    return EventAttributeMappings.NONE;
  }
}
