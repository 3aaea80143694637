package dev.spoke.internal.json;

import java.util.Objects;

/**
 * Not API. The session fields written into an event's {@code data}: {@code session_id}, {@code
 * session_uuid}, {@code session_start_unixtime_ms} and {@code event_num}.
 */
public final class SessionContext {
  private final long sessionId;
  private final String sessionUuid;
  private final long sessionStartMillis;
  private final long eventNum;

  /**
   * @param sessionId the session's int64 id
   * @param sessionUuid the session's UUID, or null to leave {@code session_uuid} out
   * @param sessionStartMillis when the session started, epoch milliseconds
   * @param eventNum the event's sequence number within the session
   */
  public SessionContext(
      long sessionId, String sessionUuid, long sessionStartMillis, long eventNum) {
    this.sessionId = sessionId;
    this.sessionUuid = sessionUuid;
    this.sessionStartMillis = sessionStartMillis;
    this.eventNum = eventNum;
  }

  /**
   * @return the session's int64 id ({@code session_id})
   */
  public long sessionId() {
    return sessionId;
  }

  /**
   * @return the session's UUID ({@code session_uuid}), or null
   */
  public String sessionUuid() {
    return sessionUuid;
  }

  /**
   * @return when the session started ({@code session_start_unixtime_ms})
   */
  public long sessionStartMillis() {
    return sessionStartMillis;
  }

  /**
   * @return the event's number within the session ({@code event_num})
   */
  public long eventNum() {
    return eventNum;
  }

  /**
   * @param eventNum another event number
   * @return this session context with that event number
   */
  public SessionContext withEventNum(long eventNum) {
    return new SessionContext(sessionId, sessionUuid, sessionStartMillis, eventNum);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SessionContext)) {
      return false;
    }
    SessionContext that = (SessionContext) o;
    return sessionId == that.sessionId
        && sessionStartMillis == that.sessionStartMillis
        && eventNum == that.eventNum
        && Objects.equals(sessionUuid, that.sessionUuid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionId, sessionUuid, sessionStartMillis, eventNum);
  }

  @Override
  public String toString() {
    return "SessionContext[sessionId="
        + sessionId
        + ", sessionUuid="
        + sessionUuid
        + ", sessionStartMillis="
        + sessionStartMillis
        + ", eventNum="
        + eventNum
        + "]";
  }
}
