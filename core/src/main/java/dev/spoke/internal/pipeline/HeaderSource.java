package dev.spoke.internal.pipeline;

/**
 * Builds a user's batch header (instance + user fragment, a JSON object body) on the worker thread.
 */
public interface HeaderSource {
  /**
   * The user part of the exact header for a batch being sealed now (consumes pending attribute
   * deletions); the batch is framed from {@link #instanceFragment()} and this, not from a joined
   * copy.
   */
  byte[] userHeader(UserContext user, long nowMillis);

  /**
   * The whole header (instance fragment, a comma when both are non-empty, {@link #userHeader});
   * consumes pending deletions as {@link #userHeader} does. Joins a new array: not for the hot
   * path.
   */
  default byte[] header(UserContext user, long nowMillis) {
    byte[] instance = instanceFragment();
    byte[] userPart = userHeader(user, nowMillis);
    if (userPart.length == 0) return instance;
    if (instance.length == 0) return userPart;
    byte[] full = new byte[instance.length + 1 + userPart.length];
    System.arraycopy(instance, 0, full, 0, instance.length);
    full[instance.length] = ',';
    System.arraycopy(userPart, 0, full, instance.length + 1, userPart.length);
    return full;
  }

  /** A cheap estimate of the whole header's size, for deciding when a batch is full. */
  int estimate(UserContext user);

  /** The user part of the header as it stands (for the journal; consumes nothing). */
  byte[] userFragment(UserContext user);

  /** The instance part of the header (environment, device, application, SDK version). */
  byte[] instanceFragment();
}
