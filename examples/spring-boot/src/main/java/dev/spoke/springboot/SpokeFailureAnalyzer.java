package dev.spoke.springboot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SpokeConfigurationException} as a short description and action instead of a
 * stack trace.
 */
class SpokeFailureAnalyzer extends AbstractFailureAnalyzer<SpokeConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SpokeConfigurationException cause) {
    return new FailureAnalysis(
        "Spoke cannot start: " + cause.getMessage() + " (property " + cause.property() + ")",
        cause.action(),
        cause);
  }
}
