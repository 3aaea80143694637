package dev.spoke.internal.user;

import dev.spoke.event.Event;
import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;
import dev.spoke.internal.Ids;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the session start/end events one call on a user's session state must emit, in order.
 * Filled under the user's lock; read after it is released. Not API.
 */
public final class SessionEvents implements UserContext.SessionSink {
  private List<Event> events;
  private List<SessionContext> sessions;

  @Override
  public void start(UserContext user, SessionContext s, long ts) {
    add(SessionStart.builder().timestamp(ts).sourceMessageId(Ids.uuid()).build(), s);
  }

  @Override
  public void end(UserContext user, SessionContext s, long ts, long durationMillis) {
    add(SessionEnd.builder(durationMillis).timestamp(ts).sourceMessageId(Ids.uuid()).build(), s);
  }

  private void add(Event e, SessionContext s) {
    if (events == null) {
      events = new ArrayList<>(2);
      sessions = new ArrayList<>(2);
    }
    events.add(e);
    sessions.add(s);
  }

  /** Whether nothing was collected. */
  public boolean isEmpty() {
    return events == null;
  }

  /** How many events were collected. */
  public int size() {
    return events == null ? 0 : events.size();
  }

  /** The i-th collected event. */
  public Event event(int i) {
    return events.get(i);
  }

  /** The session context of the i-th collected event. */
  public SessionContext session(int i) {
    return sessions.get(i);
  }

  /** The collected events as records for the worker to serialize (used on the worker thread). */
  List<Record> records(UserContext u) {
    List<Record> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) out.add(new Record(u, events.get(i), sessions.get(i)));
    return out;
  }
}
