package dev.spoke;

/**
 * Thrown in strict mode by the first local validation rule an input breaks, instead of fixing and
 * reporting it. Strict mode is meant for development: it makes a limit violation fail at the line
 * that caused it. Outside strict mode tracking calls never throw.
 */
public final class SpokeValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationIssue issue;

  /**
   * @param issue the broken rule, not null
   */
  public SpokeValidationException(ValidationIssue issue) {
    super(message(issue));
    this.issue = issue;
  }

  private static String message(ValidationIssue issue) {
    String where = issue.eventName() == null ? "" : " in event '" + issue.eventName() + "'";
    return issue.describe()
        + " [rule "
        + issue.rule()
        + where
        + "; outside strict mode Spoke would "
        + issue.action()
        + "]";
  }

  /**
   * @return the issue that was refused
   */
  public ValidationIssue issue() {
    return issue;
  }
}
