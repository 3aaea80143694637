package dev.spoke.devserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The identity graphs, one per identity scope key: which MPID owns which identity. Not API.
 *
 * <p>User identities (customerid, email, …) belong to exactly one MPID. Device identities point at
 * the MPID that used the device last, so after a logout the device resolves to the new anonymous
 * user.
 */
final class Identities {

  static final Set<String> USER_TYPES =
      Set.of(
          "customerid",
          "email",
          "other",
          "other2",
          "other3",
          "other4",
          "other5",
          "other6",
          "other7",
          "other8",
          "other9",
          "other10",
          "mobile_number",
          "phone_number_2",
          "phone_number_3",
          "facebook",
          "facebookcustomaudienceid",
          "google",
          "microsoft",
          "twitter",
          "yahoo",
          "alias");
  static final Set<String> DEVICE_TYPES =
      Set.of(
          "device_application_stamp",
          "android_uuid",
          "ios_idfv",
          "ios_idfa",
          "android_aaid",
          "push_token",
          "roku_aid",
          "roku_publisher_id",
          "fire_aid");

  /** Resolution modes of the IDSync calls. */
  enum Mode {
    IDENTIFY,
    LOGIN,
    LOGOUT,
    SEARCH
  }

  /**
   * Result of one call: MPID (null for a failed search), login state and the identities that
   * matched.
   */
  record Result(Long mpid, boolean loggedIn, Map<String, String> matched) {}

  private static final class Graph {
    final Map<String, Long> userIds = new HashMap<>();
    final Map<String, Long> deviceIds = new HashMap<>();
    final Map<Long, Map<String, String>> byMpid = new HashMap<>();
    final Map<Long, Boolean> loggedIn = new HashMap<>();
  }

  private final Map<String, Graph> graphs = new HashMap<>();
  private final Set<Long> issued = new HashSet<>();
  private final SplittableRandom random;

  Identities(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private static String k(String type, String value) {
    return type + '\u0000' + value;
  }

  private long newMpid(Graph g) {
    long mpid;
    do {
      mpid = random.nextLong() & Long.MAX_VALUE;
    } while (mpid == 0 || !issued.add(mpid));
    g.byMpid.put(mpid, new LinkedHashMap<>());
    g.loggedIn.put(mpid, false);
    return mpid;
  }

  synchronized Result resolve(String scope, Mode mode, Map<String, String> known) {
    Graph g = graphs.computeIfAbsent(scope, s -> new Graph());
    Map<String, String> matched = new LinkedHashMap<>();
    Long mpid = null;
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (e.getValue() == null || !USER_TYPES.contains(e.getKey())) {
        continue;
      }
      Long owner = g.userIds.get(k(e.getKey(), e.getValue()));
      if (owner != null) {
        matched.put(e.getKey(), e.getValue());
        if (mpid == null) {
          mpid = owner;
        }
      }
    }
    // Without a user-identity match, the device may name the user: not after logout (a new
    // anonymous user),
    // and not when that user already holds a different identity of a type the request carries.
    if (mpid == null && mode != Mode.LOGOUT) {
      for (Map.Entry<String, String> e : known.entrySet()) {
        if (e.getValue() == null || !DEVICE_TYPES.contains(e.getKey())) {
          continue;
        }
        Long owner = g.deviceIds.get(k(e.getKey(), e.getValue()));
        if (owner != null && !conflicts(g.byMpid.get(owner), known)) {
          matched.put(e.getKey(), e.getValue());
          mpid = owner;
          break;
        }
      }
    }
    if (mode == Mode.SEARCH) {
      return new Result(mpid, mpid != null && g.loggedIn.getOrDefault(mpid, false), matched);
    }
    if (mpid == null) {
      mpid = newMpid(g);
    }
    Map<String, String> ids = g.byMpid.get(mpid);
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (USER_TYPES.contains(e.getKey())) {
        String key = k(e.getKey(), e.getValue());
        if (!g.userIds.containsKey(key) && !ids.containsKey(e.getKey())) {
          g.userIds.put(key, mpid);
          ids.put(e.getKey(), e.getValue());
        }
      } else {
        g.deviceIds.put(k(e.getKey(), e.getValue()), mpid);
      }
    }
    if (mode == Mode.LOGIN) {
      g.loggedIn.put(mpid, true);
    } else if (mode == Mode.LOGOUT) {
      g.loggedIn.put(mpid, false);
    }
    return new Result(mpid, g.loggedIn.getOrDefault(mpid, false), matched);
  }

  private static boolean conflicts(Map<String, String> owned, Map<String, String> known) {
    if (owned == null) {
      return false;
    }
    for (Map.Entry<String, String> e : known.entrySet()) {
      String have = owned.get(e.getKey());
      if (have != null && e.getValue() != null && !have.equals(e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** One {@code identity_changes[]} entry. */
  record Change(String type, String oldValue, String newValue) {}

  /**
   * Applies identity changes to a known MPID.
   *
   * @return null when the MPID is unknown in the scope; otherwise per change the MPID now holding
   *     it
   * @throws IllegalStateException when a new value already belongs to another MPID
   */
  synchronized List<Long> modify(String scope, long mpid, List<Change> changes) {
    Graph g = graphs.get(scope);
    if (g == null || !g.byMpid.containsKey(mpid)) {
      return null;
    }
    Map<String, String> ids = g.byMpid.get(mpid);
    for (Change c : changes) {
      if (c.newValue() != null && USER_TYPES.contains(c.type())) {
        Long owner = g.userIds.get(k(c.type(), c.newValue()));
        if (owner != null && owner != mpid) {
          throw new IllegalStateException(c.type() + " is already used by another user");
        }
      }
    }
    List<Long> results = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Long> index = USER_TYPES.contains(c.type()) ? g.userIds : g.deviceIds;
      if (c.oldValue() != null) {
        index.remove(k(c.type(), c.oldValue()), mpid);
        if (c.oldValue().equals(ids.get(c.type()))) {
          ids.remove(c.type());
        }
      }
      if (c.newValue() != null) {
        String current = ids.get(c.type());
        if (current != null && USER_TYPES.contains(c.type())) {
          index.remove(k(c.type(), current), mpid);
        }
        index.put(k(c.type(), c.newValue()), mpid);
        if (USER_TYPES.contains(c.type())) {
          ids.put(c.type(), c.newValue());
        }
      }
      results.add(mpid);
    }
    return results;
  }

  /**
   * A batch that names its MPID: that user now holds the batch's user identities that nobody holds
   * yet (a user identity owned by another MPID stays there), and the batch's devices point at it.
   */
  synchronized void claim(String scope, long mpid, Map<String, String> known) {
    Graph g = graphs.computeIfAbsent(scope, s -> new Graph());
    Map<String, String> ids =
        g.byMpid.computeIfAbsent(
            mpid,
            m -> {
              issued.add(m);
              g.loggedIn.put(m, false);
              return new LinkedHashMap<>();
            });
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (USER_TYPES.contains(e.getKey())) {
        String key = k(e.getKey(), e.getValue());
        if (!g.userIds.containsKey(key) && !ids.containsKey(e.getKey())) {
          g.userIds.put(key, mpid);
          ids.put(e.getKey(), e.getValue());
        }
      } else if (DEVICE_TYPES.contains(e.getKey())) {
        g.deviceIds.put(k(e.getKey(), e.getValue()), mpid);
      }
    }
  }

  synchronized boolean loggedIn(String scope, long mpid) {
    Graph g = graphs.get(scope);
    return g != null && g.loggedIn.getOrDefault(mpid, false);
  }

  /** The MPID holding a user identity, or null. */
  synchronized Long mpidOf(String scope, String type, String value) {
    Graph g = graphs.get(scope);
    return g == null ? null : g.userIds.get(k(type, value));
  }
}
