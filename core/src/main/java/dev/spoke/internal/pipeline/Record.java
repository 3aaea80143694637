package dev.spoke.internal.pipeline;

import dev.spoke.event.Event;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.user.ConsentState;

/** One captured, validated event on its way to the worker. Immutable. Not API. */
public final class Record {
  final UserContext user;
  final Event event;
  final SessionContext session;
  /** The user's consent when the event was captured: kits are filtered by it, not by a later change. */
  final ConsentState consent;

  public Record(UserContext user, Event event, SessionContext session) {
    this.user = user;
    this.event = event;
    this.session = session;
    this.consent = user != null ? user.consent() : null;
  }

  public UserContext user() { return user; }

  public Event event() { return event; }

  public SessionContext session() { return session; }

  public ConsentState consent() { return consent; }
}
