package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.SpokeValidationException;
import dev.spoke.ValidationIssue;
import dev.spoke.ValidationRule;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Not API. Makes the strings of a batch header fit for the wire the way event fields are ({@link
 * Reporter#text}: capped, unpaired surrogates replaced by U+FFFD, control characters removed, each
 * fix reported): GDPR purposes and every decision's document, location and hardware id; device and
 * application info. A lone surrogate in one user's consent purpose would otherwise make the JSON of
 * the whole bulk request one the platform refuses (400).
 *
 * <p>Caps: a GDPR purpose is a name, capped like a user attribute name ({@link
 * ServiceLimits#userAttributeNameMaxChars()}, 256); every other header text at {@value #TEXT_CAP}
 * chars, as Spoke caps free-text event fields. Thread-safe; outside strict mode never throws.
 */
public final class HeaderValidator {
  static final int TEXT_CAP = 1024;

  private final ServiceLimits limits;
  private final Reporter reporter;

  /**
   * @param limits the limits to enforce
   * @param strict true to throw {@link SpokeValidationException} instead of fixing and reporting
   * @param sink receives each fix; its exceptions are swallowed
   */
  public HeaderValidator(ServiceLimits limits, boolean strict, Consumer<ValidationIssue> sink) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reporter = new Reporter(strict, sink);
  }

  /**
   * @return the consent state with every text fit for the wire (the same instance when it already
   *     was)
   */
  public ConsentState consent(ConsentState state) {
    if (state == null || state.isEmpty()) {
      return state;
    }
    ConsentState.Builder b = ConsentState.builder();
    boolean changed = false;
    for (Map.Entry<String, ConsentDecision> e : state.gdpr().entrySet()) {
      String purpose =
          reporter.text(
              e.getKey(), "consent_state.gdpr", limits.userAttributeNameMaxChars(), false, null);
      if (purpose.isBlank()) {
        // Nothing is left to name the purpose by: the decision cannot be sent or matched.
        reporter.report(ValidationRule.FIELD_INVALID, "consent_state.gdpr", 0, 0, null);
        changed = true;
        continue;
      }
      ConsentDecision d = decision(e.getValue(), "consent_state.gdpr." + purpose);
      changed |= !purpose.equals(e.getKey()) || d != e.getValue();
      b.gdpr(purpose, d);
    }
    if (state.ccpa() != null) {
      ConsentDecision d = decision(state.ccpa(), "consent_state.ccpa.data_sale_opt_out");
      changed |= d != state.ccpa();
      b.ccpa(d);
    }
    return changed ? b.build() : state;
  }

  private ConsentDecision decision(ConsentDecision d, String key) {
    String document = reporter.text(d.document(), key + ".document", TEXT_CAP, false, null);
    String location = reporter.text(d.location(), key + ".location", TEXT_CAP, false, null);
    String hardwareId = reporter.text(d.hardwareId(), key + ".hardware_id", TEXT_CAP, false, null);
    if (Objects.equals(document, d.document())
        && Objects.equals(location, d.location())
        && Objects.equals(hardwareId, d.hardwareId())) {
      return d;
    }
    return d.toBuilder().document(document).location(location).hardwareId(hardwareId).build();
  }

  /**
   * @return device info with every text fit for the wire, or null for null
   */
  public DeviceInfo device(DeviceInfo d) {
    if (d == null) {
      return null;
    }
    return d.toBuilder()
        .platform(reporter.text(d.platform(), "device_info.platform", TEXT_CAP, false, null))
        .osVersion(reporter.text(d.osVersion(), "device_info.os_version", TEXT_CAP, false, null))
        .deviceModel(
            reporter.text(d.deviceModel(), "device_info.device_model", TEXT_CAP, false, null))
        .localeLanguage(
            reporter.text(d.localeLanguage(), "device_info.locale_language", TEXT_CAP, false, null))
        .localeCountry(
            reporter.text(d.localeCountry(), "device_info.locale_country", TEXT_CAP, false, null))
        .userAgent(
            reporter.text(
                d.userAgent(), "device_info.http_header_user_agent", TEXT_CAP, false, null))
        .build();
  }

  /**
   * @return application info with every text fit for the wire, or null for null
   */
  public ApplicationInfo application(ApplicationInfo a) {
    if (a == null) {
      return null;
    }
    return a.toBuilder()
        .applicationName(
            reporter.text(
                a.applicationName(), "application_info.application_name", TEXT_CAP, false, null))
        .applicationVersion(
            reporter.text(
                a.applicationVersion(),
                "application_info.application_version",
                TEXT_CAP,
                false,
                null))
        .buildNumber(
            reporter.text(
                a.buildNumber(),
                "application_info.application_build_number",
                TEXT_CAP,
                false,
                null))
        .installReferrer(
            reporter.text(
                a.installReferrer(), "application_info.install_referrer", TEXT_CAP, false, null))
        .packageName(
            reporter.text(a.packageName(), "application_info.package", TEXT_CAP, false, null))
        .build();
  }
}
