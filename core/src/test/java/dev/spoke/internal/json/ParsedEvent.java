package dev.spoke.internal.json;

import dev.spoke.event.Event;
import java.util.Objects;

/** Not API. One event read back by {@link BatchReader}: the model event and its session fields. */
public final class ParsedEvent {
  private final Event event;
  private final SessionContext session;

  /**
   * @param event the event
   * @param session its session fields, or null when the event carried none
   */
  public ParsedEvent(Event event, SessionContext session) {
    this.event = Objects.requireNonNull(event, "event");
    this.session = session;
  }

  /**
   * @return the event, with custom attribute values as the strings the wire carried
   */
  public Event event() {
    return event;
  }

  /**
   * @return the session fields, or null
   */
  public SessionContext session() {
    return session;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ParsedEvent)) {
      return false;
    }
    ParsedEvent that = (ParsedEvent) o;
    return event.equals(that.event) && Objects.equals(session, that.session);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, session);
  }

  @Override
  public String toString() {
    return "ParsedEvent[event=" + event + ", session=" + session + "]";
  }
}
