package dev.spoke.event;

import dev.spoke.user.IdentityType;
import java.util.Objects;

/** One side ({@code new} or {@code old}) of a {@link UserIdentityChange}. */
public final class IdentityChange {
  private final IdentityType type;
  private final String identity;
  private final long timestampMillis;
  private final boolean createdThisBatch;

  private IdentityChange(Builder b) {
    this.type = b.type;
    this.identity = b.identity;
    this.timestampMillis = b.timestampMillis;
    this.createdThisBatch = b.createdThisBatch;
  }

  /**
   * @param type the identity type, or null if null was given
   * @return a builder (never throws)
   */
  public static Builder builder(IdentityType type) {
    Builder b = new Builder();
    b.type(type);
    return b;
  }

  /**
   * @return a builder holding this value's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @return the identity type, or null if null was given
   */
  public IdentityType type() {
    return type;
  }

  /**
   * @return the identity value, or null when absent
   */
  public String identity() {
    return identity;
  }

  /**
   * @return when the identity was set, epoch milliseconds
   */
  public long timestampMillis() {
    return timestampMillis;
  }

  /**
   * @return true if the identity was created in this batch
   */
  public boolean createdThisBatch() {
    return createdThisBatch;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IdentityChange)) {
      return false;
    }
    IdentityChange that = (IdentityChange) o;
    return Objects.equals(type, that.type)
        && Objects.equals(identity, that.identity)
        && timestampMillis == that.timestampMillis
        && createdThisBatch == that.createdThisBatch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, identity, timestampMillis, createdThisBatch);
  }

  @Override
  public String toString() {
    return "IdentityChange["
        + "type="
        + type
        + ", identity="
        + identity
        + ", timestampMillis="
        + timestampMillis
        + ", createdThisBatch="
        + createdThisBatch
        + "]";
  }

  /** Builds a {@link IdentityChange}; never throws, carrying whatever it is given. */
  public static final class Builder {
    private IdentityType type;
    private String identity;
    private long timestampMillis;
    private boolean createdThisBatch;

    private Builder() {}

    private Builder(IdentityChange v) {
      this.type = v.type;
      this.identity = v.identity;
      this.timestampMillis = v.timestampMillis;
      this.createdThisBatch = v.createdThisBatch;
    }

    /**
     * @param type the identity type, or null if null was given
     * @return this builder
     */
    public Builder type(IdentityType type) {
      this.type = type;
      return this;
    }

    /**
     * @param identity the identity value, or null when absent
     * @return this builder
     */
    public Builder identity(String identity) {
      this.identity = identity;
      return this;
    }

    /**
     * @param timestampMillis when the identity was set, epoch milliseconds
     * @return this builder
     */
    public Builder timestampMillis(long timestampMillis) {
      this.timestampMillis = timestampMillis;
      return this;
    }

    /**
     * @param createdThisBatch true if the identity was created in this batch
     * @return this builder
     */
    public Builder createdThisBatch(boolean createdThisBatch) {
      this.createdThisBatch = createdThisBatch;
      return this;
    }

    /**
     * @return the value
     */
    public IdentityChange build() {
      return new IdentityChange(this);
    }
  }
}
