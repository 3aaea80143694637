package dev.spoke.internal.capture;

import dev.spoke.internal.json.HeaderSerializer;
import dev.spoke.internal.json.UserSnapshot;
import dev.spoke.internal.pipeline.HeaderSource;
import dev.spoke.internal.pipeline.UserContext;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds batch headers: the instance fragment (fixed at start) plus each user's fragment, built
 * from the user's state and cached on the user per state version. One builder and one cache serve
 * the worker (a batch being sealed, the journal) and the tracking threads (an event journaled
 * before its call returns). No lock is shared between threads: serializers are lent from a small
 * lock-free pool and the cache is an immutable value replaced whole. Not API.
 */
public final class BatchHeaders implements HeaderSource {
  private static final int MAX_IDLE = 8;

  /** Room for a user fragment not built yet, when estimating a batch's header. */
  private static final int UNKNOWN_USER_BYTES = 256;

  private final byte[] instanceFragment;
  private final ConcurrentLinkedQueue<HeaderSerializer> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  public BatchHeaders(byte[] instanceFragment) {
    this.instanceFragment = instanceFragment;
  }

  /**
   * The user's part of the exact header for a batch being sealed (the batch is framed from the
   * instance fragment and this one). Attribute deletions pending for the user are consumed and sent
   * once, in this header only.
   */
  @Override
  public byte[] userHeader(UserContext u, long nowMillis) {
    // Drained first, always: a fragment cached by a tracking thread for this version carries no
    // deletions.
    List<String> deleted = u.drainDeleted();
    if (!deleted.isEmpty()) {
      return build(snapshot(u, deleted));
    }
    return current(u).userFragment();
  }

  @Override
  public int estimate(UserContext u) {
    UserContext.HeaderCache c = u.headerCache();
    if (c == null) return instanceFragment.length + UNKNOWN_USER_BYTES;
    int user = c.userFragment().length;
    return user == 0 ? instanceFragment.length : instanceFragment.length + 1 + user;
  }

  /**
   * The user fragment as it stands, without pending deletions (what the journal stores with an
   * event).
   */
  @Override
  public byte[] userFragment(UserContext u) {
    return current(u).userFragment();
  }

  @Override
  public byte[] instanceFragment() {
    return instanceFragment;
  }

  private UserContext.HeaderCache current(UserContext u) {
    int v = u.version();
    UserContext.HeaderCache c = u.headerCache();
    if (c != null && c.version() == v) return c;
    byte[] user = build(snapshot(u, List.of()));
    c = new UserContext.HeaderCache(v, user);
    u.headerCache(c);
    return c;
  }

  private byte[] build(UserSnapshot snapshot) {
    HeaderSerializer s = idle.poll();
    if (s == null) {
      s = new HeaderSerializer();
    } else {
      idleCount.decrementAndGet();
    }
    try {
      return s.userFragment(snapshot);
    } finally {
      if (idleCount.incrementAndGet() <= MAX_IDLE) {
        idle.offer(s);
      } else {
        idleCount.decrementAndGet();
      }
    }
  }

  private static UserSnapshot snapshot(UserContext u, List<String> deleted) {
    return UserSnapshot.builder()
        .mpid(u.mpid())
        .identities(u.identities())
        .attributes(u.attributesSnapshot())
        .deletedAttributes(deleted)
        .consent(u.consent())
        .build();
  }
}
