package dev.spoke;

/**
 * The platform's service limits (WIRE.md section 4). The defaults are the platform's default
 * limits; an {@link Organization} may carry custom ones.
 */
public final class ServiceLimits {
  private static final ServiceLimits DEFAULTS = builder().build();
  private final LimitValues values;

  private ServiceLimits(LimitValues values) {
    this.values = values;
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
    b.eventNameMaxChars = values.eventNameMaxChars();
    b.attributesPerEvent = values.attributesPerEvent();
    b.eventAttributeKeyMaxChars = values.eventAttributeKeyMaxChars();
    b.eventAttributeValueMaxChars = values.eventAttributeValueMaxChars();
    b.userAttributesPerUser = values.userAttributesPerUser();
    b.userAttributeNameMaxChars = values.userAttributeNameMaxChars();
    b.userAttributeValueMaxChars = values.userAttributeValueMaxChars();
    b.userAttributeListMaxEntries = values.userAttributeListMaxEntries();
    b.userAttributeListEntryMaxChars = values.userAttributeListEntryMaxChars();
    b.batchMaxBytes = values.batchMaxBytes();
    b.requestMaxBytes = values.requestMaxBytes();
    b.batchesPerRequest = values.batchesPerRequest();
    b.futureToleranceMillis = values.futureToleranceMillis();
    b.historicalAfterMillis = values.historicalAfterMillis();
    b.historicalMinAgeMillis = values.historicalMinAgeMillis();
    return b;
  }

  /**
   * @return the maximum characters of an event name (default 256)
   */
  public int eventNameMaxChars() {
    return values.eventNameMaxChars();
  }

  /**
   * @return the maximum custom attributes per event (default 100)
   */
  public int attributesPerEvent() {
    return values.attributesPerEvent();
  }

  /**
   * @return the maximum characters of an event attribute key (default 256)
   */
  public int eventAttributeKeyMaxChars() {
    return values.eventAttributeKeyMaxChars();
  }

  /**
   * @return the maximum characters of an event attribute value (default 4096)
   */
  public int eventAttributeValueMaxChars() {
    return values.eventAttributeValueMaxChars();
  }

  /**
   * @return the maximum user attributes per user (default 100)
   */
  public int userAttributesPerUser() {
    return values.userAttributesPerUser();
  }

  /**
   * @return the maximum characters of a user attribute name (identities too) (default 256)
   */
  public int userAttributeNameMaxChars() {
    return values.userAttributeNameMaxChars();
  }

  /**
   * @return the maximum characters of a scalar user attribute value (default 4096)
   */
  public int userAttributeValueMaxChars() {
    return values.userAttributeValueMaxChars();
  }

  /**
   * @return the maximum entries of a list user attribute (default 1000)
   */
  public int userAttributeListMaxEntries() {
    return values.userAttributeListMaxEntries();
  }

  /**
   * @return the maximum characters of one list user attribute entry (default 512)
   */
  public int userAttributeListEntryMaxChars() {
    return values.userAttributeListEntryMaxChars();
  }

  /**
   * @return the maximum bytes of one serialized batch (default 131072)
   */
  public int batchMaxBytes() {
    return values.batchMaxBytes();
  }

  /**
   * @return the maximum bytes of one request body (default 262144)
   */
  public int requestMaxBytes() {
    return values.requestMaxBytes();
  }

  /**
   * @return the maximum batches in one bulk request (default 100)
   */
  public int batchesPerRequest() {
    return values.batchesPerRequest();
  }

  /**
   * @return tolerance, in milliseconds, for timestamps in the future before they are reset to now
   *     (default 15 minutes)
   */
  public long futureToleranceMillis() {
    return values.futureToleranceMillis();
  }

  /**
   * @return age, in milliseconds, after which data must go to the historical endpoint (default 30
   *     days)
   */
  public long historicalAfterMillis() {
    return values.historicalAfterMillis();
  }

  /**
   * @return minimum age, in milliseconds, the historical endpoint accepts (default 72 hours)
   */
  public long historicalMinAgeMillis() {
    return values.historicalMinAgeMillis();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof ServiceLimits that && values.equals(that.values));
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ServiceLimits["
        + "eventNameMaxChars="
        + values.eventNameMaxChars()
        + ", attributesPerEvent="
        + values.attributesPerEvent()
        + ", eventAttributeKeyMaxChars="
        + values.eventAttributeKeyMaxChars()
        + ", eventAttributeValueMaxChars="
        + values.eventAttributeValueMaxChars()
        + ", userAttributesPerUser="
        + values.userAttributesPerUser()
        + ", userAttributeNameMaxChars="
        + values.userAttributeNameMaxChars()
        + ", userAttributeValueMaxChars="
        + values.userAttributeValueMaxChars()
        + ", userAttributeListMaxEntries="
        + values.userAttributeListMaxEntries()
        + ", userAttributeListEntryMaxChars="
        + values.userAttributeListEntryMaxChars()
        + ", batchMaxBytes="
        + values.batchMaxBytes()
        + ", requestMaxBytes="
        + values.requestMaxBytes()
        + ", batchesPerRequest="
        + values.batchesPerRequest()
        + ", futureToleranceMillis="
        + values.futureToleranceMillis()
        + ", historicalAfterMillis="
        + values.historicalAfterMillis()
        + ", historicalMinAgeMillis="
        + values.historicalMinAgeMillis()
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
      return new ServiceLimits(
          new LimitValues(
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
                  historicalMinAgeMillis)
              .check());
    }
  }
}
