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
  /** A kit notification that must reach kits in order with the events around it (no event then). */
  final Runnable signal;

  public Record(UserContext user, Event event, SessionContext session) {
    this.user = user;
    this.event = event;
    this.session = session;
    this.consent = user != null ? user.consent() : null;
    this.signal = null;
  }

  private Record(Runnable signal) {
    this.user = null;
    this.event = null;
    this.session = null;
    this.consent = null;
    this.signal = signal;
  }

  /** A kit notification carried through the queue so kits see it in order with events. */
  public static Record signal(Runnable action) {
    return new Record(action);
  }

  public UserContext user() { return user; }

  public Event event() { return event; }

  public SessionContext session() { return session; }

  public ConsentState consent() { return consent; }
}
