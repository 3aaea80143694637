package dev.spoke.user;

import java.util.Objects;

/**
 * The outcome of a successful IDSync call: the user's mpid, the opaque {@code context} to send with
 * the next call, and what the server said about the user. Immutable.
 */
public final class IdentityResult {
  private final long mpid;
  private final String context;
  private final boolean loggedIn;
  private final boolean ephemeral;
  private final UserIdentities matchedIdentities;
  private final int httpStatus;

  private IdentityResult(Builder b) {
    this.mpid = b.mpid;
    this.context = b.context;
    this.loggedIn = b.loggedIn;
    this.ephemeral = b.ephemeral;
    this.matchedIdentities = b.matchedIdentities;
    this.httpStatus = b.httpStatus;
  }

  /**
   * @return an empty builder (mpid 0, no context, no identities, status 200)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the user's mpid (sent as a decimal string by the server)
   */
  public long mpid() {
    return mpid;
  }

  /**
   * @return the opaque {@code context} string to pass back on the next IDSync call, or null when
   *     the server sent none
   */
  public String context() {
    return context;
  }

  /**
   * @return the server's {@code is_logged_in}: false when absent
   */
  public boolean loggedIn() {
    return loggedIn;
  }

  /**
   * @return the server's {@code is_ephemeral}: false when absent
   */
  public boolean ephemeral() {
    return ephemeral;
  }

  /**
   * @return the {@code matched_identities} the server reported, with known IDSync keys only (device
   *     ids and unknown keys are not part of {@link UserIdentities}); empty when absent
   */
  public UserIdentities matchedIdentities() {
    return matchedIdentities;
  }

  /**
   * @return the HTTP status of the response that produced this result
   */
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IdentityResult)) {
      return false;
    }
    IdentityResult r = (IdentityResult) o;
    return mpid == r.mpid
        && loggedIn == r.loggedIn
        && ephemeral == r.ephemeral
        && httpStatus == r.httpStatus
        && Objects.equals(context, r.context)
        && matchedIdentities.equals(r.matchedIdentities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mpid, context, loggedIn, ephemeral, matchedIdentities, httpStatus);
  }

  @Override
  public String toString() {
    return "IdentityResult{mpid="
        + mpid
        + ", context="
        + context
        + ", loggedIn="
        + loggedIn
        + ", ephemeral="
        + ephemeral
        + ", matchedIdentities="
        + matchedIdentities
        + ", httpStatus="
        + httpStatus
        + '}';
  }

  /** Builds {@link IdentityResult}; never throws. */
  public static final class Builder {
    private long mpid;
    private String context;
    private boolean loggedIn;
    private boolean ephemeral;
    private UserIdentities matchedIdentities = UserIdentities.empty();
    private int httpStatus = 200;

    private Builder() {}

    /**
     * @param mpid the user's mpid
     * @return this builder
     */
    public Builder mpid(long mpid) {
      this.mpid = mpid;
      return this;
    }

    /**
     * @param context the opaque context, may be null
     * @return this builder
     */
    public Builder context(String context) {
      this.context = context;
      return this;
    }

    /**
     * @param loggedIn the server's {@code is_logged_in}
     * @return this builder
     */
    public Builder loggedIn(boolean loggedIn) {
      this.loggedIn = loggedIn;
      return this;
    }

    /**
     * @param ephemeral the server's {@code is_ephemeral}
     * @return this builder
     */
    public Builder ephemeral(boolean ephemeral) {
      this.ephemeral = ephemeral;
      return this;
    }

    /**
     * @param matchedIdentities the matched identities; null means none
     * @return this builder
     */
    public Builder matchedIdentities(UserIdentities matchedIdentities) {
      this.matchedIdentities =
          matchedIdentities == null ? UserIdentities.empty() : matchedIdentities;
      return this;
    }

    /**
     * @param httpStatus the response status
     * @return this builder
     */
    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    /**
     * @return the result
     */
    public IdentityResult build() {
      return new IdentityResult(this);
    }
  }
}
