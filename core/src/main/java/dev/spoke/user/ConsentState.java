package dev.spoke.user;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A user's consent state: GDPR decisions per purpose and the CCPA data-sale decision. Purpose keys
 * are lower-cased ({@link Locale#ROOT}), as the platform matches them.
 */
public final class ConsentState {
  private static final ConsentState EMPTY = new ConsentState(new LinkedHashMap<>(), null);

  private final Map<String, ConsentDecision> gdpr;
  private final ConsentDecision ccpa;

  private ConsentState(Map<String, ConsentDecision> gdpr, ConsentDecision ccpa) {
    this.gdpr = Collections.unmodifiableMap(gdpr);
    this.ccpa = ccpa;
  }

  /**
   * @return a state without any decision
   */
  public static ConsentState empty() {
    return EMPTY;
  }

  /**
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder holding this state
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.gdpr.putAll(gdpr);
    b.ccpa = ccpa;
    return b;
  }

  /**
   * @return GDPR decisions by lower-cased purpose, unmodifiable
   */
  public Map<String, ConsentDecision> gdpr() {
    return gdpr;
  }

  /**
   * @return the CCPA data-sale decision ({@code consented} true means opted OUT of sale), or null
   */
  public ConsentDecision ccpa() {
    return ccpa;
  }

  /**
   * @param purpose a GDPR purpose (any case), may be null
   * @return a copy without that purpose's decision
   */
  public ConsentState withoutGdpr(String purpose) {
    return toBuilder().withoutGdpr(purpose).build();
  }

  /**
   * @return true if there is no decision at all
   */
  public boolean isEmpty() {
    return gdpr.isEmpty() && ccpa == null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ConsentState)) {
      return false;
    }
    ConsentState that = (ConsentState) o;
    return gdpr.equals(that.gdpr) && Objects.equals(ccpa, that.ccpa);
  }

  @Override
  public int hashCode() {
    return Objects.hash(gdpr, ccpa);
  }

  @Override
  public String toString() {
    return "ConsentState[gdpr=" + gdpr + ", ccpa=" + ccpa + "]";
  }

  /** Builds a {@link ConsentState}; never throws. */
  public static final class Builder {
    private final Map<String, ConsentDecision> gdpr = new LinkedHashMap<>();
    private ConsentDecision ccpa;

    private Builder() {}

    /**
     * @param purpose a GDPR purpose, lower-cased on the way in; null is ignored
     * @param decision the decision; null removes the purpose
     * @return this builder
     */
    public Builder gdpr(String purpose, ConsentDecision decision) {
      if (purpose == null) {
        return this;
      }
      String key = purpose.toLowerCase(Locale.ROOT);
      if (decision == null) {
        gdpr.remove(key);
      } else {
        gdpr.put(key, decision);
      }
      return this;
    }

    /**
     * @param purpose a GDPR purpose (any case); null is ignored
     * @return this builder
     */
    public Builder withoutGdpr(String purpose) {
      if (purpose != null) {
        gdpr.remove(purpose.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * @param decision the CCPA data-sale decision ({@code consented} true means opted OUT of sale),
     *     or null
     * @return this builder
     */
    public Builder ccpa(ConsentDecision decision) {
      this.ccpa = decision;
      return this;
    }

    /**
     * @return the consent state
     */
    public ConsentState build() {
      return gdpr.isEmpty() && ccpa == null
          ? EMPTY
          : new ConsentState(new LinkedHashMap<>(gdpr), ccpa);
    }
  }
}
