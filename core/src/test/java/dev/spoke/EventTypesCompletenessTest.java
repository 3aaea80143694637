package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.Event;
import dev.spoke.event.EventType;
import dev.spoke.event.FirstRun;
import dev.spoke.event.PushMessage;
import dev.spoke.event.Uninstall;
import dev.spoke.internal.json.ParsedEvent;
import dev.spoke.internal.validate.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every Events API event type has a model class (docs/WIRE.md section 3); the newest ones are
 * validated and sent.
 */
class EventTypesCompletenessTest {

  @Test
  void everyWireEventTypeHasAModelClass() {
    Set<EventType> modelled = EnumSet.noneOf(EventType.class);
    for (Class<?> c : modelClasses(Event.class)) {
      String simple = c.getSimpleName();
      for (EventType t : EventType.values()) {
        String camel = toCamel(t.wireName());
        if (camel.equals(simple)
            || (t == EventType.PROFILE && simple.equals("ProfileEvent"))
            || (t == EventType.PUSH_REGISTRATION && simple.equals("PushRegistration"))) {
          modelled.add(t);
        }
      }
    }
    assertThat(modelled).containsExactlyInAnyOrder(EventType.values());
  }

  /** The concrete classes of a sealed hierarchy, through its package-private intermediates. */
  private static List<Class<?>> modelClasses(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isSealed()) out.addAll(modelClasses(c));
      else out.add(c);
    }
    return out;
  }

  private static String toCamel(String wire) {
    StringBuilder b = new StringBuilder();
    for (String part : wire.split("_"))
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    return b.toString();
  }

  @Test
  void pushMessageRequiresTypeTokenAndPayloadAndCapsItsText() {
    List<ValidationIssue> issues = new ArrayList<>();
    Validator v =
        new Validator(
            ServiceLimits.defaults(),
            false,
            Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC),
            issues::add);
    assertThat(v.validate(PushMessage.builder(null, "t", "{}").build())).isNull();
    assertThat(v.validate(PushMessage.builder(PushMessage.PushMessageType.SENT, " ", "{}").build()))
        .isNull();
    assertThat(v.validate(PushMessage.builder(PushMessage.PushMessageType.SENT, "t", null).build()))
        .isNull();
    assertThat(issues)
        .extracting(ValidationIssue::rule)
        .containsOnly(ValidationRule.REQUIRED_FIELD_MISSING);
    assertThat(issues)
        .extracting(ValidationIssue::key)
        .containsExactly("push_message_type", "push_message_token", "push_notification_payload");
    issues.clear();

    PushMessage long1 =
        PushMessage.builder(PushMessage.PushMessageType.ACTION, "t", "{}")
            .actionIdentifier("a".repeat(150))
            .build();
    PushMessage out = (PushMessage) v.validate(long1);
    assertThat(out.actionIdentifier()).hasSize(100);
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.rule()).isEqualTo(ValidationRule.FIELD_TRUNCATED);
              assertThat(i.key()).isEqualTo("action_identifier");
            });
    assertThat(v.validate(FirstRun.builder().build())).isNotNull();
    assertThat(v.validate(Uninstall.builder().attribute("why", "space").build()).customAttributes())
        .containsEntry("why", "space");
  }

  @Test
  void theNewTypesAreSentAsTheSchemaDefinesThem() throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("key-1", "secret-1").build())
                  .endpoint(s.root())
                  .kitsEnabled(false)
                  .uploadInterval(Duration.ofMillis(10))
                  .build());
      SpokeUser u = spoke.user("c-1");
      u.logEvent(FirstRun.builder().build());
      u.logEvent(
          PushMessage.builder(PushMessage.PushMessageType.RECEIVED, "tok", "{\"a\":1}")
              .applicationState(PushMessage.ApplicationState.FOREGROUND)
              .behavior(PushMessage.Behavior.READ)
              .build());
      u.logEvent(Uninstall.builder().build());
      assertThat(spoke.flush(Duration.ofSeconds(10)).complete()).isTrue();
      spoke.close();
      assertThat(s.events("first_run")).hasSize(1);
      assertThat(s.events("uninstall")).hasSize(1);
      List<ParsedEvent> push = s.events("push_message");
      assertThat(push).hasSize(1);
      PushMessage p = (PushMessage) push.get(0).event();
      assertThat(p.token()).isEqualTo("tok");
      assertThat(p.payload()).isEqualTo("{\"a\":1}");
      assertThat(p.applicationState()).isEqualTo(PushMessage.ApplicationState.FOREGROUND);
      assertThat(p.behavior()).isEqualTo(PushMessage.Behavior.READ);
    }
  }
}
