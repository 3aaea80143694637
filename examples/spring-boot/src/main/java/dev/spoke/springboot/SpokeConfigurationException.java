package dev.spoke.springboot;

/**
 * Spoke's configuration cannot work as given. The message names the {@code spoke.*} property and
 * the fix and never holds the secret; {@link SpokeFailureAnalyzer} turns it into Spring Boot's
 * "APPLICATION FAILED TO START" report.
 */
public class SpokeConfigurationException extends RuntimeException {
  private final String property;
  private final String action;

  public SpokeConfigurationException(String property, String problem, String action) {
    super(problem);
    this.property = property;
    this.action = action;
  }

  /** The property at fault, e.g. {@code spoke.secret}. */
  public String property() {
    return property;
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
