package dev.spoke.internal.validate;

import dev.spoke.ServiceLimits;
import dev.spoke.ValidationRule;
import dev.spoke.event.Breadcrumb;
import dev.spoke.event.CrashReport;
import dev.spoke.event.Event;
import dev.spoke.event.NetworkPerformance;
import dev.spoke.event.PushMessage;
import dev.spoke.event.PushRegistration;
import dev.spoke.event.UserAttributeChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not API. The checks of the event types that carry free text beyond a name (breadcrumb, network
 * performance, push registration and message, crash report) and of user attribute changes. Each
 * returns the event itself when nothing had to change.
 */
final class DetailChecks {
  private final ServiceLimits limits;
  private final Reporter reporter;
  private final Fields fields;

  DetailChecks(ServiceLimits limits, Reporter reporter, Fields fields) {
    this.limits = limits;
    this.reporter = reporter;
    this.fields = fields;
  }

  Event breadcrumb(Breadcrumb e) {
    String label = fields.requiredText(e.label(), "label", Validator.TEXT_MAX_CHARS, e);
    if (label == Fields.DROP) {
      return null;
    }
    return label == e.label() ? e : e.toBuilder().label(label).build();
  }

  Event network(NetworkPerformance e) {
    String url = fields.requiredText(e.url(), "url", Validator.URL_MAX_CHARS, e);
    if (url == Fields.DROP) {
      return null;
    }
    String verb = fields.text(e.httpVerb(), "http_verb", Validator.TEXT_MAX_CHARS, false, url);
    if (url == e.url() && verb == e.httpVerb()) {
      return e;
    }
    return e.toBuilder().url(url).httpVerb(verb).build();
  }

  Event push(PushRegistration e) {
    String token = e.registrationToken();
    if (token == null || token.isBlank()) {
      reporter.report(
          ValidationRule.REQUIRED_FIELD_MISSING, "registration_token", 0, 0, e.type().wireName());
      return null;
    }
    String clean =
        fields.text(
            token, "registration_token", Validator.TEXT_MAX_CHARS, false, e.type().wireName());
    return clean == token ? e : e.toBuilder().registrationToken(clean).build();
  }

  /**
   * {@code push_message}: type, token and payload are required by the OpenAPI description and the
   * JSON Schema; free text is capped like the other fields; {@code action_identifier} at the JSON
   * reference's 100 characters, the payload at {@link #Validator.PAYLOAD_MAX_CHARS}.
   */
  Event pushMessage(PushMessage e) {
    String ev = e.type().wireName();
    if (e.pushMessageType() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_message_type", 0, 0, ev);
      return null;
    }
    if (e.token() == null || e.token().isBlank()) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_message_token", 0, 0, ev);
      return null;
    }
    if (e.payload() == null) {
      reporter.report(ValidationRule.REQUIRED_FIELD_MISSING, "push_notification_payload", 0, 0, ev);
      return null;
    }
    String token =
        fields.text(e.token(), "push_message_token", Validator.TEXT_MAX_CHARS, false, ev);
    String payload =
        fields.text(
            e.payload(), "push_notification_payload", Validator.PAYLOAD_MAX_CHARS, true, ev);
    String message =
        fields.text(e.message(), "message", Validator.CRASH_MESSAGE_MAX_CHARS, true, ev);
    String network = fields.text(e.network(), "network", Validator.TEXT_MAX_CHARS, false, ev);
    String action =
        fields.text(
            e.actionIdentifier(),
            "action_identifier",
            Validator.ACTION_IDENTIFIER_MAX_CHARS,
            false,
            ev);
    if (token == e.token()
        && payload == e.payload()
        && message == e.message()
        && network == e.network()
        && action == e.actionIdentifier()) {
      return e;
    }
    return e.toBuilder()
        .token(token)
        .payload(payload)
        .message(message)
        .network(network)
        .actionIdentifier(action)
        .build();
  }

  Event crash(CrashReport e) {
    String ev = e.type().wireName();
    String className =
        fields.text(e.className(), "class_name", Validator.TEXT_MAX_CHARS, false, ev);
    String severity = fields.text(e.severity(), "severity", Validator.TEXT_MAX_CHARS, false, ev);
    String message =
        fields.text(e.message(), "message", Validator.CRASH_MESSAGE_MAX_CHARS, true, ev);
    String stackTrace =
        fields.text(e.stackTrace(), "stack_trace", Validator.STACK_TRACE_MAX_CHARS, true, ev);
    List<String> crumbs = e.breadcrumbs();
    List<String> cleanCrumbs = crumbs;
    if (!crumbs.isEmpty()) {
      int from = 0;
      if (crumbs.size() > Validator.CRASH_BREADCRUMBS_MAX) {
        reporter.report(
            ValidationRule.FIELD_TRUNCATED,
            "breadcrumbs",
            crumbs.size(),
            Validator.CRASH_BREADCRUMBS_MAX,
            ev);
        from = crumbs.size() - Validator.CRASH_BREADCRUMBS_MAX;
      }
      List<String> out = from > 0 ? new ArrayList<>(Validator.CRASH_BREADCRUMBS_MAX) : null;
      for (int i = from; i < crumbs.size(); i++) {
        String crumb = crumbs.get(i);
        String clean =
            crumb == null
                ? null
                : fields.text(crumb, "breadcrumbs", Validator.TEXT_MAX_CHARS, false, ev);
        if (crumb == null) {
          reporter.report(ValidationRule.FIELD_INVALID, "breadcrumbs", 0, 0, ev);
        }
        if (out == null && (clean == null || clean != crumb)) {
          out = new ArrayList<>(crumbs.subList(from, i));
        }
        if (out != null && clean != null) {
          out.add(clean);
        }
      }
      if (out != null) {
        cleanCrumbs = out;
      }
    }
    if (className == e.className()
        && severity == e.severity()
        && message == e.message()
        && stackTrace == e.stackTrace()
        && cleanCrumbs == crumbs) {
      return e;
    }
    return e.toBuilder()
        .className(className)
        .severity(severity)
        .message(message)
        .stackTrace(stackTrace)
        .breadcrumbs(cleanCrumbs)
        .build();
  }

  Event attributeChange(UserAttributeChange e) {
    String name = e.name();
    if (name == null || name.isBlank()) {
      reporter.report(
          ValidationRule.REQUIRED_FIELD_MISSING, "user_attribute_name", 0, 0, e.type().wireName());
      return null;
    }
    Object newValue = changeValue(e.newValue(), "new");
    Object oldValue = changeValue(e.oldValue(), "old");
    if (newValue == e.newValue() && oldValue == e.oldValue()) {
      return e;
    }
    return e.toBuilder().newValue(newValue).oldValue(oldValue).build();
  }

  /** A change's value must be a String, a list of Strings or null; anything else is made so. */
  private Object changeValue(Object v, String key) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof List) {
      List<?> list = (List<?>) v;
      boolean allStrings = true;
      for (Object o : list) {
        if (!(o instanceof String)) {
          allStrings = false;
          break;
        }
      }
      if (allStrings) {
        return v;
      }
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        String t =
            Texts.estimatedLength(o) > limits.userAttributeValueMaxChars()
                ? null
                : Texts.scalarText(o);
        if (t == null) {
          reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, "user_attribute_change");
        } else {
          out.add(t);
        }
      }
      return Collections.unmodifiableList(out);
    }
    String t =
        Texts.estimatedLength(v) > limits.userAttributeValueMaxChars() ? null : Texts.scalarText(v);
    if (t == null) {
      reporter.report(ValidationRule.FIELD_INVALID, key, 0, 0, "user_attribute_change");
    }
    return t;
  }
}
