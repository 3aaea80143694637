package dev.spoke.internal.capture;

import dev.spoke.DropReason;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeValidationException;
import dev.spoke.event.Event;
import dev.spoke.event.OptOut;
import dev.spoke.internal.Ids;
import dev.spoke.internal.json.SessionContext;
import dev.spoke.internal.pipeline.Counters;
import dev.spoke.internal.pipeline.Intake;
import dev.spoke.internal.pipeline.KitHub;
import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.SerializerPool;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.internal.user.SessionEvents;
import dev.spoke.internal.user.UserRegistry;
import dev.spoke.internal.validate.Validator;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture path of a tracking call, on the caller's thread: closed / opted-out check,
 * validation, session bookkeeping, serialization, offer to the pipeline. This is the one place
 * where an event the host handed over and that never reaches the queue is counted as dropped and
 * reported. Never blocks; throws only in strict mode ({@link SpokeValidationException}). Not API.
 */
public final class Capture {
  private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

  private final Intake intake;
  private final Validator validator;
  private final Counters counters;
  private final SpokeListener listener;
  private final Clock clock;
  private final KitHub kits;
  private final UserRegistry users;
  private final OptOutStore optOut;
  private final BatchHeaders headers;

  /**
   * Whether events are journaled before the tracking call returns (durable mode with
   * durableOnReturn).
   */
  private final boolean journalOnReturn;

  private final SerializerPool serializers = new SerializerPool();

  /**
   * @param listener the host's listener, already guarded against what it throws
   * @param journalOnReturn whether each event is journaled on the calling thread
   */
  public Capture(
      Intake intake,
      Validator validator,
      Counters counters,
      SpokeListener listener,
      Clock clock,
      KitHub kits,
      UserRegistry users,
      OptOutStore optOut,
      BatchHeaders headers,
      boolean journalOnReturn) {
    this.intake = intake;
    this.validator = validator;
    this.counters = counters;
    this.listener = listener;
    this.clock = clock;
    this.kits = kits;
    this.users = users;
    this.optOut = optOut;
    this.headers = headers;
    this.journalOnReturn = journalOnReturn;
  }

  /**
   * Whether a tracking call may go on: false (the call counted as dropped, {@code CLOSED} or {@code
   * OPTED_OUT}) once the instance is closed or while the user is opted out.
   *
   * @param what names the call in the report, e.g. "an event"
   */
  public boolean admits(String what) {
    if (intake.isClosed()) {
      intake.dropClosed(what);
      return false;
    }
    if (optOut.blocksCollection()) {
      intake.dropOptedOut();
      return false;
    }
    return true;
  }

  /**
   * A host's {@code logEvent}: never throws outside strict mode; whatever fails is counted and
   * reported.
   */
  public void track(UserContext u, Event event) {
    try {
      if (!admits("an event")) return;
      if (intake.dropIfFull()) {
        return; // as cheap as possible when overloaded: no validation, no serialization
      }
      capture(u, event);
    } catch (SpokeValidationException e) {
      throw e;
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError) throw (VirtualMachineError) t;
      drop("an event could not be captured and was dropped: " + t);
      LOG.warn("spoke: an event could not be captured and was dropped", t);
    }
  }

  /**
   * Validates the event, does the user's session bookkeeping (queueing the session start/end events
   * it emits first) and queues it. For events Spoke itself emits as well as the host's.
   *
   * <p>An event that needs no fix is neither copied nor completed: its missing timestamp and id are
   * handed to the serializer, which writes them, and its attribute numbers are written as the
   * wire's strings there. Only when kits may want the event is a completed copy (as kits have
   * always seen it) made.
   */
  public void capture(UserContext u, Event event) {
    if (event == null) {
      drop("logEvent(null): pass an event built with one of the dev.spoke.event builders");
      return;
    }
    long now = clock.millis();
    Event valid = validator.validateInPlace(event, now);
    if (valid == null) {
      drop("a " + event.type().wireName() + " event broke a platform limit and was dropped");
      return;
    }
    Long own = valid.timestampMillis();
    long timestamp = own != null ? own : now;
    long at = Math.max(now, timestamp);
    long timeout = users.sessionTimeoutMillis();
    SessionContext session;
    long eventNum;
    SessionEvents sc = null;
    synchronized (u.lock) {
      // The common case (the session goes on) makes no object: the session's fields are the
      // user's current ones, and the event's number is passed beside them.
      if (u.sessionChangesLocked(at, timeout)) sc = new SessionEvents();
      eventNum = u.eventNumForEventLocked(at, timeout, sc);
      session = u.currentSessionLocked();
    }
    if (sc != null) offerAll(u, sc);
    offerSerialized(u, valid, session, eventNum, timestamp);
  }

  /**
   * Starts (after ending the current one) or ends a user's session now and queues the events that
   * emits.
   */
  public void session(UserContext u, boolean start) {
    try {
      if (intake.isClosed()) return;
      SessionEvents sc = new SessionEvents();
      long now = clock.millis();
      synchronized (u.lock) {
        if (start) {
          u.restartSessionLocked(now, sc);
        } else {
          u.endSessionLocked(now, sc);
        }
      }
      offerAll(u, sc);
    } catch (RuntimeException e) {
      LOG.warn("spoke: {} failed", start ? "startSession" : "endSession", e);
    }
  }

  /**
   * Opts the user out of (or back into) tracking: logs an {@code opt_out} event for the current
   * user, stops collection, persists the state and tells kits behind the events already queued.
   */
  public void optOut(boolean out) {
    try {
      if (out == optOut.isOptedOut()) return;
      if (!intake.isClosed()) {
        capture(users.current(), OptOut.builder(out).build());
      }
      optOut.set(out);
      intake.offerSignal(Record.signal(() -> kits.onOptOut(out)));
    } catch (RuntimeException e) {
      if (e instanceof SpokeValidationException) throw e;
      LOG.warn("spoke: setOptOut failed", e);
    }
  }

  private void offerAll(UserContext u, SessionEvents sc) {
    for (int i = 0; i < sc.size(); i++) {
      Event e = sc.event(i); // emitted complete: timestamp and id set
      SessionContext s = sc.session(i);
      offerSerialized(u, e, s, s.eventNum(), e.timestampMillis());
    }
  }

  /**
   * Serializes on the calling thread (once) and queues a compact record; the event object travels
   * too only while kits may want it.
   *
   * @param session the user's running session
   * @param eventNum the event's number in that session (written as {@code event_num})
   * @param timestamp the event's timestamp, or the capture time when it has none
   */
  private void offerSerialized(
      UserContext u, Event valid, SessionContext session, long eventNum, long timestamp) {
    long idHigh = 0L;
    long idLow = 0L;
    if (Validator.needsId(valid)) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      idHigh = Ids.high(random.nextLong());
      idLow = Ids.low(random.nextLong());
    }
    byte[] json;
    try {
      json = serializers.serialize(valid, session, eventNum, timestamp, idHigh, idLow);
    } catch (IllegalArgumentException e) {
      drop("a " + valid.type().wireName() + " event could not be sent: " + e.getMessage());
      return;
    }
    Event forKits = null;
    if (kits.wantsEvents()) {
      // Kits see the event as before: timestamp and id filled, attribute values as text.
      String id = idHigh != 0L ? new UUID(idHigh, idLow).toString() : null;
      forKits = Validator.completed(valid, timestamp, id);
    }
    Record r = Record.serialized(u, forKits, json, timestamp, valid.type());
    if (journalOnReturn) {
      intake.offerDurably(r, headers.userFragment(u));
    } else {
      intake.offer(r);
    }
  }

  private void drop(String message) {
    counters.drop(DropReason.VALIDATION, 1);
    listener.onDrop(DropReason.VALIDATION, 1, message);
  }
}
