package dev.spoke.internal.pipeline;

import dev.spoke.event.Event;
import dev.spoke.internal.json.SessionContext;

/** One captured, validated event on its way to the worker. Immutable. Not API. */
public final class Record {
  final UserContext user;
  final Event event;
  final SessionContext session;

  public Record(UserContext user, Event event, SessionContext session) {
    this.user = user;
    this.event = event;
    this.session = session;
  }

  public UserContext user() { return user; }

  public Event event() { return event; }

  public SessionContext session() { return session; }
}
