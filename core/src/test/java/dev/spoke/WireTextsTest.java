package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoke.event.CustomEvent;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Every string that reaches the wire is well-formed: one user's unpaired surrogate or control
 * character is fixed (and reported) before it can make the platform refuse a bulk request.
 */
class WireTextsTest {

  /** Request bodies as received, for a strict check of every string in them. */
  static final class Bodies {
    final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
  }

  private static Spoke spoke(
      RecordingServer s,
      Bodies bodies,
      List<ValidationIssue> issues,
      DeviceInfo device,
      ApplicationInfo app) {
    s.answer =
        r -> {
          if (r.getPath().startsWith("/v2/bulkevents")) {
            bodies.bodies.add(r.getBody().clone().readByteArray());
          }
          return new MockResponse().setResponseCode(202);
        };
    SpokeOptions.Builder b =
        SpokeOptions.builder(Workspace.builder("key-wt", "secret-wt").build())
            .endpoint(s.root())
            .kitsEnabled(false)
            .gzip(false)
            .uploadInterval(Duration.ofMillis(20))
            .listener(
                new SpokeListener() {
                  @Override
                  public void onValidation(ValidationIssue issue) {
                    issues.add(issue);
                  }
                });
    if (device != null) b.deviceInfo(device);
    if (app != null) b.applicationInfo(app);
    return Spoke.create(b.build());
  }

  /** Fails unless the body is strict UTF-8 JSON whose every name and string is well-formed text. */
  static void assertWellFormed(byte[] body) throws Exception {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new AssertionError("request body is not UTF-8: " + e);
    }
    try (JsonParser p = new JsonFactory().createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
          String s = p.getText();
          for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
              i++;
              continue;
            }
            assertThat(Character.isSurrogate(c)).as("unpaired surrogate in %s", s).isFalse();
            assertThat(c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                .as("control char in %s", s)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void oneUsersBrokenConsentPurposeIsFixedAndReportedAndNobodysBatchIsLost() throws Exception {
    Bodies bodies = new Bodies();
    List<ValidationIssue> issues = new CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke = spoke(s, bodies, issues, null, null);
      SpokeUser bad = spoke.user("hostile");
      bad.setGdprConsent(
          "marketing\uD800",
          ConsentDecision.builder(true)
              .document("doc\u0000v1")
              .location("\uDC00here")
              .hardwareId("hw\u0007")
              .build());
      for (int i = 0; i < 3; i++) {
        bad.logEvent(CustomEvent.builder("bad-" + i).build());
        spoke.user("innocent-" + i).logEvent(CustomEvent.builder("good-" + i).build());
      }
      FlushResult r = spoke.close(Duration.ofSeconds(10));
      assertThat(r.droppedTotal()).isZero();
      assertThat(bodies.bodies).isNotEmpty();
      for (byte[] b : bodies.bodies) {
        assertWellFormed(b);
      }
      assertThat(s.events("custom_event")).hasSize(6);
      assertThat(issues)
          .filteredOn(i -> i.rule() == ValidationRule.STRING_SANITIZED)
          .extracting(ValidationIssue::key)
          .contains(
              "consent_state.gdpr",
              "consent_state.gdpr.marketing\uFFFD.document",
              "consent_state.gdpr.marketing\uFFFD.location",
              "consent_state.gdpr.marketing\uFFFD.hardware_id");
      String text = new String(bodies.bodies.get(0), StandardCharsets.UTF_8);
      assertThat(
              String.join(
                  "",
                  bodies.bodies.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList()))
          .contains("marketing\uFFFD")
          .contains("docv1");
      assertThat(text).doesNotContainIgnoringCase("\\ud800");
    }
  }

  @Test
  void aCallersMalformedSourceMessageIdIsReplacedAndReported() throws Exception {
    Bodies bodies = new Bodies();
    List<ValidationIssue> issues = new CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke = spoke(s, bodies, issues, null, null);
      spoke.logEvent(CustomEvent.builder("with id").sourceMessageId("id\",\"x\":\"\uD800").build());
      spoke.close(Duration.ofSeconds(10));
      for (byte[] b : bodies.bodies) {
        assertWellFormed(b);
      }
      assertThat(s.events("custom_event"))
          .singleElement()
          .satisfies(e -> assertThat(e.event().sourceMessageId()).matches("[0-9a-f-]{36}"));
      assertThat(issues)
          .anySatisfy(
              i -> {
                assertThat(i.rule()).isEqualTo(ValidationRule.FIELD_INVALID);
                assertThat(i.key()).isEqualTo("source_message_id");
              });
    }
  }

  /**
   * Property: hostile text in every slot that reaches the wire (consent purpose, document,
   * location, hardware id; device and app info; event name, attribute key and value; identity; user
   * attribute; source_message_id): every request body is strict UTF-8 JSON of well-formed strings,
   * nothing is dropped for it, and every fix is reported.
   */
  @Property(tries = 15)
  void everyWireStringIsWellFormed(
      @ForAll("hostile") String h1, @ForAll("hostile") String h2, @ForAll("hostile") String h3)
      throws Exception {
    Bodies bodies = new Bodies();
    List<ValidationIssue> issues = new CopyOnWriteArrayList<>();
    try (RecordingServer s = new RecordingServer()) {
      Spoke spoke =
          spoke(
              s,
              bodies,
              issues,
              DeviceInfo.builder()
                  .osVersion(h1)
                  .deviceModel(h2)
                  .localeLanguage(h3)
                  .userAgent(h1 + h2)
                  .build(),
              ApplicationInfo.builder()
                  .applicationName(h2)
                  .applicationVersion(h3)
                  .packageName(h1)
                  .build());
      SpokeUser u = spoke.user(UserIdentities.of(IdentityType.EMAIL, "u" + h1));
      u.setGdprConsent(
          "p" + h1, ConsentDecision.builder(true).document(h2).location(h3).hardwareId(h1).build());
      u.setAttribute("a" + h2, "v" + h3);
      u.logEvent(
          CustomEvent.builder("e" + h3).attribute("k" + h1, "v" + h2).sourceMessageId(h2).build());
      spoke.user("innocent").logEvent(CustomEvent.builder("plain").build());
      FlushResult r = spoke.close(Duration.ofSeconds(10));
      assertThat(r.dropped()).doesNotContainKeys(DropReason.BAD_REQUEST, DropReason.REJECTED);
      for (byte[] b : bodies.bodies) {
        assertWellFormed(b);
      }
      assertThat(s.events("custom_event"))
          .extracting(e -> ((CustomEvent) e.event()).name())
          .contains("plain");
      assertThat(issues).allSatisfy(i -> assertThat(i.rule()).isNotNull());
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<Character> bad =
        Arbitraries.of(
            '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\u0001', '\u001F', '\u007F',
            '\u0085', '\u2028', '\uFEFF', '"', '\\', 'a', 'é', '\uD83D');
    return Arbitraries.oneOf(
        bad.list()
            .ofMinSize(1)
            .ofMaxSize(20)
            .map(
                l -> {
                  StringBuilder sb = new StringBuilder();
                  l.forEach(sb::append);
                  return sb.toString();
                }),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
        Arbitraries.just("x".repeat(3000) + "\uD800"));
  }
}
