package dev.spoke;

/**
 * The values of one {@link ServiceLimits}, with the consistency rules {@link
 * ServiceLimits.Builder#build()} applies (WIRE.md section 4). A record, so that equality, hash and
 * rendering follow the fifteen limits without being written out by hand.
 */
record LimitValues(
    int eventNameMaxChars,
    int attributesPerEvent,
    int eventAttributeKeyMaxChars,
    int eventAttributeValueMaxChars,
    int userAttributesPerUser,
    int userAttributeNameMaxChars,
    int userAttributeValueMaxChars,
    int userAttributeListMaxEntries,
    int userAttributeListEntryMaxChars,
    int batchMaxBytes,
    int requestMaxBytes,
    int batchesPerRequest,
    long futureToleranceMillis,
    long historicalAfterMillis,
    long historicalMinAgeMillis) {

  /**
   * @return these values
   * @throws IllegalArgumentException if a limit is not positive, a request cannot hold one batch,
   *     or the historical ages are inconsistent
   */
  LimitValues check() {
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
    return this;
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
          name + " must not be negative, was " + value + ": pass a value >= 0 or keep the default");
    }
  }
}
