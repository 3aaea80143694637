package dev.spoke;

import java.util.Objects;

/**
 * The platform's service limits (WIRE.md section 4). The defaults are the platform's default
 * limits; an {@link Organization} may carry custom ones.
 */
public final class ServiceLimits {
  private static final ServiceLimits DEFAULTS = builder().build();
  private final int eventNameMaxChars;
  private final int attributesPerEvent;
  private final int eventAttributeKeyMaxChars;
  private final int eventAttributeValueMaxChars;
  private final int userAttributesPerUser;
  private final int userAttributeNameMaxChars;
  private final int userAttributeValueMaxChars;
  private final int userAttributeListMaxEntries;
  private final int userAttributeListEntryMaxChars;
  private final int batchMaxBytes;
  private final int requestMaxBytes;
  private final int batchesPerRequest;
  private final long futureToleranceMillis;
  private final long historicalAfterMillis;
  private final long historicalMinAgeMillis;

  private ServiceLimits(Builder b) {
    this.eventNameMaxChars = b.eventNameMaxChars;
    this.attributesPerEvent = b.attributesPerEvent;
    this.eventAttributeKeyMaxChars = b.eventAttributeKeyMaxChars;
    this.eventAttributeValueMaxChars = b.eventAttributeValueMaxChars;
    this.userAttributesPerUser = b.userAttributesPerUser;
    this.userAttributeNameMaxChars = b.userAttributeNameMaxChars;
    this.userAttributeValueMaxChars = b.userAttributeValueMaxChars;
    this.userAttributeListMaxEntries = b.userAttributeListMaxEntries;
    this.userAttributeListEntryMaxChars = b.userAttributeListEntryMaxChars;
    this.batchMaxBytes = b.batchMaxBytes;
    this.requestMaxBytes = b.requestMaxBytes;
    this.batchesPerRequest = b.batchesPerRequest;
    this.futureToleranceMillis = b.futureToleranceMillis;
    this.historicalAfterMillis = b.historicalAfterMillis;
    this.historicalMinAgeMillis = b.historicalMinAgeMillis;
  }

  /**
   * @return the platform's default limits
   */
  public static ServiceLimits defaults() {
    return DEFAULTS;
  }

  /**
   * @return a builder starting from the default limits
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder starting from these limits
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.eventNameMaxChars = eventNameMaxChars;
    b.attributesPerEvent = attributesPerEvent;
    b.eventAttributeKeyMaxChars = eventAttributeKeyMaxChars;
    b.eventAttributeValueMaxChars = eventAttributeValueMaxChars;
    b.userAttributesPerUser = userAttributesPerUser;
    b.userAttributeNameMaxChars = userAttributeNameMaxChars;
    b.userAttributeValueMaxChars = userAttributeValueMaxChars;
    b.userAttributeListMaxEntries = userAttributeListMaxEntries;
    b.userAttributeListEntryMaxChars = userAttributeListEntryMaxChars;
    b.batchMaxBytes = batchMaxBytes;
    b.requestMaxBytes = requestMaxBytes;
    b.batchesPerRequest = batchesPerRequest;
    b.futureToleranceMillis = futureToleranceMillis;
    b.historicalAfterMillis = historicalAfterMillis;
    b.historicalMinAgeMillis = historicalMinAgeMillis;
    return b;
  }

  /**
   * @return the maximum characters of an event name (default 256)
   */
  public int eventNameMaxChars() {
    return eventNameMaxChars;
  }

  /**
   * @return the maximum custom attributes per event (default 100)
   */
  public int attributesPerEvent() {
    return attributesPerEvent;
  }

  /**
   * @return the maximum characters of an event attribute key (default 256)
   */
  public int eventAttributeKeyMaxChars() {
    return eventAttributeKeyMaxChars;
  }

  /**
   * @return the maximum characters of an event attribute value (default 4096)
   */
  public int eventAttributeValueMaxChars() {
    return eventAttributeValueMaxChars;
  }

  /**
   * @return the maximum user attributes per user (default 100)
   */
  public int userAttributesPerUser() {
    return userAttributesPerUser;
  }

  /**
   * @return the maximum characters of a user attribute name (identities too) (default 256)
   */
  public int userAttributeNameMaxChars() {
    return userAttributeNameMaxChars;
  }

  /**
   * @return the maximum characters of a scalar user attribute value (default 4096)
   */
  public int userAttributeValueMaxChars() {
    return userAttributeValueMaxChars;
  }

  /**
   * @return the maximum entries of a list user attribute (default 1000)
   */
  public int userAttributeListMaxEntries() {
    return userAttributeListMaxEntries;
  }

  /**
   * @return the maximum characters of one list user attribute entry (default 512)
   */
  public int userAttributeListEntryMaxChars() {
    return userAttributeListEntryMaxChars;
  }

  /**
   * @return the maximum bytes of one serialized batch (default 131072)
   */
  public int batchMaxBytes() {
    return batchMaxBytes;
  }

  /**
   * @return the maximum bytes of one request body (default 262144)
   */
  public int requestMaxBytes() {
    return requestMaxBytes;
  }

  /**
   * @return the maximum batches in one bulk request (default 100)
   */
  public int batchesPerRequest() {
    return batchesPerRequest;
  }

  /**
   * @return tolerance, in milliseconds, for timestamps in the future before they are reset to now
   *     (default 15 minutes)
   */
  public long futureToleranceMillis() {
    return futureToleranceMillis;
  }

  /**
   * @return age, in milliseconds, after which data must go to the historical endpoint (default 30
   *     days)
   */
  public long historicalAfterMillis() {
    return historicalAfterMillis;
  }

  /**
   * @return minimum age, in milliseconds, the historical endpoint accepts (default 72 hours)
   */
  public long historicalMinAgeMillis() {
    return historicalMinAgeMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ServiceLimits)) {
      return false;
    }
    ServiceLimits that = (ServiceLimits) o;
    return eventNameMaxChars == that.eventNameMaxChars
        && attributesPerEvent == that.attributesPerEvent
        && eventAttributeKeyMaxChars == that.eventAttributeKeyMaxChars
        && eventAttributeValueMaxChars == that.eventAttributeValueMaxChars
        && userAttributesPerUser == that.userAttributesPerUser
        && userAttributeNameMaxChars == that.userAttributeNameMaxChars
        && userAttributeValueMaxChars == that.userAttributeValueMaxChars
        && userAttributeListMaxEntries == that.userAttributeListMaxEntries
        && userAttributeListEntryMaxChars == that.userAttributeListEntryMaxChars
        && batchMaxBytes == that.batchMaxBytes
        && requestMaxBytes == that.requestMaxBytes
        && batchesPerRequest == that.batchesPerRequest
        && futureToleranceMillis == that.futureToleranceMillis
        && historicalAfterMillis == that.historicalAfterMillis
        && historicalMinAgeMillis == that.historicalMinAgeMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        eventNameMaxChars,
        attributesPerEvent,
        eventAttributeKeyMaxChars,
        eventAttributeValueMaxChars,
        userAttributesPerUser,
        userAttributeNameMaxChars,
        userAttributeValueMaxChars,
        userAttributeListMaxEntries,
        userAttributeListEntryMaxChars,
        batchMaxBytes,
        requestMaxBytes,
        batchesPerRequest,
        futureToleranceMillis,
        historicalAfterMillis,
        historicalMinAgeMillis);
  }

  @Override
  public String toString() {
    return "ServiceLimits["
        + "eventNameMaxChars="
        + eventNameMaxChars
        + ", attributesPerEvent="
        + attributesPerEvent
        + ", eventAttributeKeyMaxChars="
        + eventAttributeKeyMaxChars
        + ", eventAttributeValueMaxChars="
        + eventAttributeValueMaxChars
        + ", userAttributesPerUser="
        + userAttributesPerUser
        + ", userAttributeNameMaxChars="
        + userAttributeNameMaxChars
        + ", userAttributeValueMaxChars="
        + userAttributeValueMaxChars
        + ", userAttributeListMaxEntries="
        + userAttributeListMaxEntries
        + ", userAttributeListEntryMaxChars="
        + userAttributeListEntryMaxChars
        + ", batchMaxBytes="
        + batchMaxBytes
        + ", requestMaxBytes="
        + requestMaxBytes
        + ", batchesPerRequest="
        + batchesPerRequest
        + ", futureToleranceMillis="
        + futureToleranceMillis
        + ", historicalAfterMillis="
        + historicalAfterMillis
        + ", historicalMinAgeMillis="
        + historicalMinAgeMillis
        + "]";
  }

  /** Builds {@link ServiceLimits}; {@link #build()} fails fast on inconsistent limits. */
  public static final class Builder {
    private int eventNameMaxChars = 256;
    private int attributesPerEvent = 100;
    private int eventAttributeKeyMaxChars = 256;
    private int eventAttributeValueMaxChars = 4096;
    private int userAttributesPerUser = 100;
    private int userAttributeNameMaxChars = 256;
    private int userAttributeValueMaxChars = 4096;
    private int userAttributeListMaxEntries = 1000;
    private int userAttributeListEntryMaxChars = 512;
    private int batchMaxBytes = 131072;
    private int requestMaxBytes = 262144;
    private int batchesPerRequest = 100;
    private long futureToleranceMillis = 15L * 60 * 1000;
    private long historicalAfterMillis = 30L * 24 * 60 * 60 * 1000;
    private long historicalMinAgeMillis = 72L * 60 * 60 * 1000;

    private Builder() {}

    /**
     * @param value the maximum characters of an event name, positive
     * @return this builder
     */
    public Builder eventNameMaxChars(int value) {
      this.eventNameMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum custom attributes per event, positive
     * @return this builder
     */
    public Builder attributesPerEvent(int value) {
      this.attributesPerEvent = value;
      return this;
    }

    /**
     * @param value the maximum characters of an event attribute key, positive
     * @return this builder
     */
    public Builder eventAttributeKeyMaxChars(int value) {
      this.eventAttributeKeyMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum characters of an event attribute value, positive
     * @return this builder
     */
    public Builder eventAttributeValueMaxChars(int value) {
      this.eventAttributeValueMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum user attributes per user, positive
     * @return this builder
     */
    public Builder userAttributesPerUser(int value) {
      this.userAttributesPerUser = value;
      return this;
    }

    /**
     * @param value the maximum characters of a user attribute name (identities too), positive
     * @return this builder
     */
    public Builder userAttributeNameMaxChars(int value) {
      this.userAttributeNameMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum characters of a scalar user attribute value, positive
     * @return this builder
     */
    public Builder userAttributeValueMaxChars(int value) {
      this.userAttributeValueMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum entries of a list user attribute, positive
     * @return this builder
     */
    public Builder userAttributeListMaxEntries(int value) {
      this.userAttributeListMaxEntries = value;
      return this;
    }

    /**
     * @param value the maximum characters of one list user attribute entry, positive
     * @return this builder
     */
    public Builder userAttributeListEntryMaxChars(int value) {
      this.userAttributeListEntryMaxChars = value;
      return this;
    }

    /**
     * @param value the maximum bytes of one serialized batch, positive
     * @return this builder
     */
    public Builder batchMaxBytes(int value) {
      this.batchMaxBytes = value;
      return this;
    }

    /**
     * @param value the maximum bytes of one request body, positive
     * @return this builder
     */
    public Builder requestMaxBytes(int value) {
      this.requestMaxBytes = value;
      return this;
    }

    /**
     * @param value the maximum batches in one bulk request, positive
     * @return this builder
     */
    public Builder batchesPerRequest(int value) {
      this.batchesPerRequest = value;
      return this;
    }

    /**
     * @param value tolerance, in milliseconds, for timestamps in the future before they are reset
     *     to now, positive
     * @return this builder
     */
    public Builder futureToleranceMillis(long value) {
      this.futureToleranceMillis = value;
      return this;
    }

    /**
     * @param value age, in milliseconds, after which data must go to the historical endpoint,
     *     positive
     * @return this builder
     */
    public Builder historicalAfterMillis(long value) {
      this.historicalAfterMillis = value;
      return this;
    }

    /**
     * @param value minimum age, in milliseconds, the historical endpoint accepts, positive
     * @return this builder
     */
    public Builder historicalMinAgeMillis(long value) {
      this.historicalMinAgeMillis = value;
      return this;
    }

    /**
     * @return the limits
     * @throws IllegalArgumentException if a limit is not positive, a request cannot hold one batch,
     *     or the historical ages are inconsistent
     */
    public ServiceLimits build() {
      requirePositive("eventNameMaxChars", eventNameMaxChars);
      requirePositive("attributesPerEvent", attributesPerEvent);
      requirePositive("eventAttributeKeyMaxChars", eventAttributeKeyMaxChars);
      requirePositive("eventAttributeValueMaxChars", eventAttributeValueMaxChars);
      requirePositive("userAttributesPerUser", userAttributesPerUser);
      requirePositive("userAttributeNameMaxChars", userAttributeNameMaxChars);
      requirePositive("userAttributeValueMaxChars", userAttributeValueMaxChars);
      requirePositive("userAttributeListMaxEntries", userAttributeListMaxEntries);
      requirePositive("userAttributeListEntryMaxChars", userAttributeListEntryMaxChars);
      requirePositive("batchMaxBytes", batchMaxBytes);
      requirePositive("requestMaxBytes", requestMaxBytes);
      requirePositive("batchesPerRequest", batchesPerRequest);
      requireNonNegative("futureToleranceMillis", futureToleranceMillis);
      requirePositive("historicalAfterMillis", historicalAfterMillis);
      requirePositive("historicalMinAgeMillis", historicalMinAgeMillis);
      if (requestMaxBytes < batchMaxBytes) {
        throw new IllegalArgumentException(
            "requestMaxBytes ("
                + requestMaxBytes
                + ") must be >= batchMaxBytes ("
                + batchMaxBytes
                + "): a request must be able to carry one full batch; raise requestMaxBytes or lower batchMaxBytes");
      }
      if (historicalMinAgeMillis > historicalAfterMillis) {
        throw new IllegalArgumentException(
            "historicalMinAgeMillis ("
                + historicalMinAgeMillis
                + ") must be <= historicalAfterMillis ("
                + historicalAfterMillis
                + "): data old enough for the historical endpoint must be accepted by it; lower historicalMinAgeMillis");
      }
      return new ServiceLimits(this);
    }

    private static void requirePositive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(
            name + " must be positive, was " + value + ": pass a value > 0 or keep the default");
      }
    }

    private static void requireNonNegative(String name, long value) {
      if (value < 0) {
        throw new IllegalArgumentException(
            name
                + " must not be negative, was "
                + value
                + ": pass a value >= 0 or keep the default");
      }
    }
  }
}
