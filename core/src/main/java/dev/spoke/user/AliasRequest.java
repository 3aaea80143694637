package dev.spoke.user;

import java.util.Objects;

/**
 * An IDSync alias request: copy the data of a source user (typically anonymous) collected between a
 * start and an end time to a destination user (typically the one who just logged in), as the
 * platform's SDKs offer it (mparticle-android-sdk {@code com.mparticle.identity.AliasRequest};
 * mparticle-web-sdk {@code Identity.aliasUsers}). Send it with {@code Spoke.aliasUsers};
 * docs/WIRE.md section 5.
 *
 * <p>The builder never throws; {@code Spoke.aliasUsers} checks the request as the SDKs do (both
 * MPIDs set and different, both times set, start not after end) and fails the returned future with
 * a message that names what is wrong.
 */
public final class AliasRequest {
  private final long sourceMpid;
  private final long destinationMpid;
  private final long startTimeMillis;
  private final long endTimeMillis;

  private AliasRequest(Builder b) {
    this.sourceMpid = b.sourceMpid;
    this.destinationMpid = b.destinationMpid;
    this.startTimeMillis = b.startTimeMillis;
    this.endTimeMillis = b.endTimeMillis;
  }

  /**
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the MPID whose data is copied ({@code source_mpid}), 0 when unset
   */
  public long sourceMpid() {
    return sourceMpid;
  }

  /**
   * @return the MPID the data is copied to ({@code destination_mpid}), 0 when unset
   */
  public long destinationMpid() {
    return destinationMpid;
  }

  /**
   * @return the start of the copied window, epoch milliseconds ({@code start_unixtime_ms}), 0 when
   *     unset
   */
  public long startTimeMillis() {
    return startTimeMillis;
  }

  /**
   * @return the end of the copied window, epoch milliseconds ({@code end_unixtime_ms}), 0 when
   *     unset
   */
  public long endTimeMillis() {
    return endTimeMillis;
  }

  /**
   * The first rule of the platform's SDKs this request breaks (mparticle-android-sdk, {@code
   * IdentityApi.aliasUsers}; mparticle-web-sdk, {@code src/identity.js}, {@code aliasUsers}).
   *
   * @return a sentence naming the problem and the fix, or null when the request may be sent
   */
  public String problem() {
    if (sourceMpid == 0 || destinationMpid == 0) {
      return "an alias request needs both a sourceMpid and a destinationMpid (non-zero): resolve both users"
          + " with IDSync first";
    }
    if (sourceMpid == destinationMpid) {
      return "an alias request's sourceMpid and destinationMpid are both "
          + sourceMpid
          + ": alias one user into another";
    }
    if (startTimeMillis == 0 || endTimeMillis == 0) {
      return "an alias request needs both a startTimeMillis and an endTimeMillis: set the window of the"
          + " source user's data to copy";
    }
    if (startTimeMillis > endTimeMillis) {
      return "an alias request's startTimeMillis "
          + startTimeMillis
          + " is after its endTimeMillis "
          + endTimeMillis
          + ": swap them";
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AliasRequest)) {
      return false;
    }
    AliasRequest that = (AliasRequest) o;
    return sourceMpid == that.sourceMpid
        && destinationMpid == that.destinationMpid
        && startTimeMillis == that.startTimeMillis
        && endTimeMillis == that.endTimeMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceMpid, destinationMpid, startTimeMillis, endTimeMillis);
  }

  @Override
  public String toString() {
    return "AliasRequest[sourceMpid="
        + sourceMpid
        + ", destinationMpid="
        + destinationMpid
        + ", startTimeMillis="
        + startTimeMillis
        + ", endTimeMillis="
        + endTimeMillis
        + "]";
  }

  /** Builds an {@link AliasRequest}; never throws. */
  public static final class Builder {
    private long sourceMpid;
    private long destinationMpid;
    private long startTimeMillis;
    private long endTimeMillis;

    private Builder() {}

    /**
     * @param mpid the user whose data is copied
     * @return this builder
     */
    public Builder sourceMpid(long mpid) {
      this.sourceMpid = mpid;
      return this;
    }

    /**
     * @param mpid the user the data is copied to
     * @return this builder
     */
    public Builder destinationMpid(long mpid) {
      this.destinationMpid = mpid;
      return this;
    }

    /**
     * @param millis start of the window, epoch milliseconds
     * @return this builder
     */
    public Builder startTimeMillis(long millis) {
      this.startTimeMillis = millis;
      return this;
    }

    /**
     * @param millis end of the window, epoch milliseconds
     * @return this builder
     */
    public Builder endTimeMillis(long millis) {
      this.endTimeMillis = millis;
      return this;
    }

    /**
     * @return the request
     */
    public AliasRequest build() {
      return new AliasRequest(this);
    }
  }
}
