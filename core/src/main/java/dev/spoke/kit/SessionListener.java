package dev.spoke.kit;

import dev.spoke.event.SessionEnd;
import dev.spoke.event.SessionStart;

/** A kit told when a user's session starts and ends. */
public interface SessionListener {
  default void onSessionStart(SessionStart start, KitUser user) throws Exception {}

  default void onSessionEnd(SessionEnd end, KitUser user) throws Exception {}
}
