package dev.spoke.user;

import java.util.Objects;

/**
 * One consent decision (a GDPR purpose or CCPA data-sale opt-out), as sent in {@code
 * consent_state}.
 */
public final class ConsentDecision {
  private final boolean consented;
  private final String document;
  private final Long timestampMillis;
  private final String location;
  private final String hardwareId;

  private ConsentDecision(Builder b) {
    this.consented = b.consented;
    this.document = b.document;
    this.timestampMillis = b.timestampMillis;
    this.location = b.location;
    this.hardwareId = b.hardwareId;
  }

  /**
   * @param consented whether the user consented (for CCPA: true means opted OUT of sale)
   * @return a builder (never throws)
   */
  public static Builder builder(boolean consented) {
    Builder b = new Builder();
    b.consented(consented);
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return whether the user consented (for CCPA: true means opted OUT of sale)
   */
  public boolean consented() {
    return consented;
  }

  /**
   * @return the consent document, or null
   */
  public String document() {
    return document;
  }

  /**
   * @return when the decision was made, epoch milliseconds, or null
   */
  public Long timestampMillis() {
    return timestampMillis;
  }

  /**
   * @return where the decision was collected, or null
   */
  public String location() {
    return location;
  }

  /**
   * @return the hardware id the decision was collected on, or null
   */
  public String hardwareId() {
    return hardwareId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ConsentDecision)) {
      return false;
    }
    ConsentDecision that = (ConsentDecision) o;
    return consented == that.consented
        && Objects.equals(document, that.document)
        && Objects.equals(timestampMillis, that.timestampMillis)
        && Objects.equals(location, that.location)
        && Objects.equals(hardwareId, that.hardwareId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(consented, document, timestampMillis, location, hardwareId);
  }

  @Override
  public String toString() {
    return "ConsentDecision["
        + "consented="
        + consented
        + ", document="
        + document
        + ", timestampMillis="
        + timestampMillis
        + ", location="
        + location
        + ", hardwareId="
        + hardwareId
        + "]";
  }

  /** Builds a {@link ConsentDecision}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private boolean consented;
    private String document;
    private Long timestampMillis;
    private String location;
    private String hardwareId;

    private Builder() {}

    private Builder(ConsentDecision v) {
      this.consented = v.consented;
      this.document = v.document;
      this.timestampMillis = v.timestampMillis;
      this.location = v.location;
      this.hardwareId = v.hardwareId;
    }

    /**
     * @param consented whether the user consented (for CCPA: true means opted OUT of sale)
     * @return this builder
     */
    public Builder consented(boolean consented) {
      this.consented = consented;
      return this;
    }

    /**
     * @param document the consent document, or null
     * @return this builder
     */
    public Builder document(String document) {
      this.document = document;
      return this;
    }

    /**
     * @param timestampMillis when the decision was made, epoch milliseconds, or null: then Spoke
     *     stamps the time it is set on a user (on the configured clock), as the platform's SDKs do
     * @return this builder
     */
    public Builder timestampMillis(Long timestampMillis) {
      this.timestampMillis = timestampMillis;
      return this;
    }

    /**
     * @param location where the decision was collected, or null
     * @return this builder
     */
    public Builder location(String location) {
      this.location = location;
      return this;
    }

    /**
     * @param hardwareId the hardware id the decision was collected on, or null
     * @return this builder
     */
    public Builder hardwareId(String hardwareId) {
      this.hardwareId = hardwareId;
      return this;
    }

    /**
     * @return the value
     */
    public ConsentDecision build() {
      return new ConsentDecision(this);
    }
  }
}
