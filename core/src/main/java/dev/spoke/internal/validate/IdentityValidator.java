package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.user.IdentityType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Not API. Checks identity values before they are sent (IDSync or {@code user_identities}):
 * non-blank, at most {@link ServiceLimits#userAttributeNameMaxChars()} chars, sanitized. Issues
 * name the identity type, never the value, which is personal data. Thread-safe; outside strict mode
 * never throws.
 */
public final class IdentityValidator {
  private final ServiceLimits limits;
  private final Reporter reporter;

  /**
   * @param limits the limits to enforce
   * @param strict true to throw {@link SpokeValidationException} instead of refusing and reporting
   * @param sink receives each refusal or fix; its exceptions are swallowed
   */
  public IdentityValidator(ServiceLimits limits, boolean strict, Consumer<ValidationIssue> sink) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reporter = new Reporter(strict, sink);
  }

  /**
   * @param type the identity type
   * @param value the identity value as given
   * @return the value, sanitized (the same instance when clean), or null when refused
   */
  public String clean(IdentityType type, String value) {
    if (type == null) {
      reporter.report(ValidationRule.IDENTITY_INVALID, null, 0, 0, null);
      return null;
    }
    String key = type.eventsApiKey();
    if (value == null) {
      reporter.report(ValidationRule.IDENTITY_INVALID, key, 0, 0, null);
      return null;
    }
    // An identity value has the attribute value limit: the Android SDK refuses identities longer
    // than
    // its LIMIT_ATTR_VALUE, 4096 (mparticle-android-sdk,
    // android-core/src/main/java/com/mparticle/identity/MParticleUserDelegate.java,
    // setUserIdentity).
    int max = limits.userAttributeValueMaxChars();
    if (value.length() > max) {
      int length = Texts.sanitizedLength(value, false);
      if (length > max) {
        reporter.report(ValidationRule.IDENTITY_TOO_LONG, key, length, max, null);
        return null;
      }
    }
    String clean = reporter.sanitize(value, false, key, null);
    if (clean.isBlank()) {
      reporter.report(ValidationRule.IDENTITY_INVALID, key, 0, 0, null);
      return null;
    }
    return clean;
  }
}
