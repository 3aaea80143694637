package dev.spoke.internal.kit;

import dev.spoke.internal.pipeline.Record;
import dev.spoke.internal.pipeline.UserContext;
import dev.spoke.kit.KitStats;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the kit hub hands out: the kits' view of a user and the counters by kit name. */
final class HubViews {
  private HubViews() {}

  static KitUser kitUser(UserContext u) {
    if (u == null) return null;
    return new KitUser(u.mpid(), u.identities(), u.attributesSnapshot(), u.consent(), u.loggedIn());
  }

  /** The user as of the record: the consent it was captured under, when it carries one. */
  static KitUser kitUser(Record r) {
    UserContext u = r.user();
    if (u == null) return null;
    ConsentState consent = r.consent() != null ? r.consent() : u.consent();
    return new KitUser(u.mpid(), u.identities(), u.attributesSnapshot(), consent, u.loggedIn());
  }

  /** Per kit name: counter name → value; plus the calls lost before the first configuration. */
  static Map<String, Map<String, Long>> counters(
      Map<Integer, KitStats> stats, long replayDropped, ForwardingStats fs) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (KitStats s : stats.values()) {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("moduleId", (long) s.moduleId());
      m.put("received", s.received());
      m.put("delivered", s.delivered());
      m.put("forwarded", s.forwarded());
      m.put("filtered", s.filteredTotal());
      m.put("dropped", s.dropped());
      m.put("failed", s.failed());
      s.filtered().forEach((rule, n) -> m.put("filtered." + rule, n));
      s.dataPlanBlocked().forEach((kind, n) -> m.put("dataPlanBlocked." + kind, n));
      out.put(s.name(), m);
    }
    if (replayDropped > 0) {
      // Events that overflowed the buffer kept for kits until the first configuration arrived.
      out.put("(before the kit configuration)", Map.of("dropped", replayDropped));
    }
    if (fs != null && fs.sent() + fs.pending() + fs.dropped() + fs.rejected() > 0) {
      // Records of what kits forwarded, reported to the platform; drops and rejections are counted,
      // not silent.
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("sent", fs.sent());
      m.put("pending", (long) fs.pending());
      m.put("dropped", fs.dropped());
      m.put("rejected", fs.rejected());
      out.put("(forwarding statistics)", m);
    }
    return out;
  }
}
