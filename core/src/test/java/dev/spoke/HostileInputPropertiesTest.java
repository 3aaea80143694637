package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import dev.spoke.event.Event;
import dev.spoke.event.ScreenView;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.internal.json.ParsedEvent;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import okhttp3.mockwebserver.MockResponse;

/**
 * Adversarial values through every public tracking and user method: huge, empty, null, control
 * characters, unpaired surrogates, NaN and infinities, deep nesting, a million attributes, values
 * switching between list and scalar. Outside strict mode no call throws; nothing on the wire
 * exceeds the platform's limits; every change or drop is reported with its rule.
 */
class HostileInputPropertiesTest {
  private static final ServiceLimits LIMITS = ServiceLimits.defaults();

  private RecordingServer server;
  private Spoke spoke;
  private final AtomicLong reportedIssues = new AtomicLong();
  private final AtomicLong issuesWithoutRule = new AtomicLong();
  private final AtomicLong reportedValidationDrops = new AtomicLong();
  private final AtomicLong largestRequest = new AtomicLong();
  private long tries;

  @BeforeProperty
  void start() throws Exception {
    server = new RecordingServer();
    server.answer =
        r -> {
          largestRequest.accumulateAndGet(r.getBodySize(), Math::max);
          return new MockResponse().setResponseCode(202);
        };
    spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder("key-hostile", "secret-hostile").build())
                .endpoint(server.root())
                .kitsEnabled(false)
                .gzip(false)
                .uploadInterval(Duration.ofMillis(50))
                .listener(
                    new SpokeListener() {
                      @Override
                      public void onValidation(ValidationIssue issue) {
                        reportedIssues.incrementAndGet();
                        if (issue.rule() == null || issue.action() == null)
                          issuesWithoutRule.incrementAndGet();
                      }

                      @Override
                      public void onDrop(DropReason reason, long count, String detail) {
                        if (reason == DropReason.VALIDATION)
                          reportedValidationDrops.addAndGet(count);
                      }
                    })
                .build());
  }

  @AfterProperty
  void checkTheWireAndStop() throws Exception {
    FlushResult r = spoke.flush(Duration.ofSeconds(30));
    spoke.close();
    server.close();
    SpokeMetrics m = spoke.metrics();
    System.out.println(
        "FIGURES HostileInputPropertiesTest: tries="
            + tries
            + " validation_issues="
            + reportedIssues.get()
            + " dropped="
            + m.dropped()
            + " delivered="
            + m.delivered()
            + " batches="
            + server.accepted.size()
            + " largest_request_bytes="
            + largestRequest.get());
    assertThat(r.complete()).isTrue();
    assertThat(issuesWithoutRule.get()).isZero();
    long validationCount = 0;
    for (long v : m.validationIssues().values()) validationCount += v;
    assertThat(validationCount).as("every issue reported").isEqualTo(reportedIssues.get());
    assertThat(reportedValidationDrops.get())
        .isEqualTo(m.dropped().getOrDefault(DropReason.VALIDATION, 0L));
    assertThat(m.dropped().keySet()).allMatch(d -> d == DropReason.VALIDATION);
    assertThat(m.delivered()).isEqualTo(m.accepted());
    assertThat(largestRequest.get()).isLessThanOrEqualTo(LIMITS.requestMaxBytes());
    synchronized (server.accepted) {
      for (ParsedBatch b : server.accepted) checkLimits(b);
    }
  }

  private static void checkLimits(ParsedBatch b) {
    assertThat(b.attributes().size()).isLessThanOrEqualTo(LIMITS.userAttributesPerUser());
    for (Map.Entry<String, Object> a : b.attributes().entrySet()) {
      assertThat(a.getKey().length()).isLessThanOrEqualTo(LIMITS.userAttributeNameMaxChars());
      if (a.getValue() instanceof String) {
        assertThat(((String) a.getValue()).length())
            .isLessThanOrEqualTo(LIMITS.userAttributeValueMaxChars());
      } else if (a.getValue() instanceof List) {
        List<?> l = (List<?>) a.getValue();
        assertThat(l.size()).isLessThanOrEqualTo(LIMITS.userAttributeListMaxEntries());
        for (Object e : l)
          assertThat(String.valueOf(e).length())
              .isLessThanOrEqualTo(LIMITS.userAttributeListEntryMaxChars());
      }
    }
    for (String v : b.identities().asMap().values()) {
      // Identities have the attribute value limit (the Android SDK's LIMIT_ATTR_VALUE),
      // docs/WIRE.md section 4.
      assertThat(v.length()).isLessThanOrEqualTo(LIMITS.userAttributeValueMaxChars());
    }
    for (ParsedEvent pe : b.events()) {
      Event e = pe.event();
      if (e instanceof CustomEvent) {
        assertThat(((CustomEvent) e).name()).isNotNull();
        assertThat(((CustomEvent) e).name().length())
            .isLessThanOrEqualTo(LIMITS.eventNameMaxChars());
      }
      assertThat(e.customAttributes().size()).isLessThanOrEqualTo(LIMITS.attributesPerEvent());
      for (Map.Entry<String, Object> a : e.customAttributes().entrySet()) {
        assertThat(a.getKey().length()).isLessThanOrEqualTo(LIMITS.eventAttributeKeyMaxChars());
        assertThat(String.valueOf(a.getValue()).length())
            .isLessThanOrEqualTo(LIMITS.eventAttributeValueMaxChars());
      }
    }
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<String> hostileStrings() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(""),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings()
            .withChars('\u0000', '\u001f', '\u007f', '\u2028', '\uFEFF')
            .ofMinLength(1)
            .ofMaxLength(20),
        Arbitraries.strings()
            .withChars('\uD800', '\uDBFF', '\uDC00', 'a')
            .ofMinLength(1)
            .ofMaxLength(30),
        Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(9_000),
        Arbitraries.integers().between(1, 20_000).map(n -> "\uD83D\uDE00".repeat(n)));
  }

  @Provide
  Arbitrary<Object> hostileValues() {
    return Arbitraries.oneOf(
        hostileStrings().map(s -> (Object) s),
        Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0d,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Long.MIN_VALUE,
                Float.NaN,
                new java.math.BigDecimal("1e400"),
                java.math.BigInteger.TEN.pow(500),
                true)
            .map(v -> (Object) v),
        Arbitraries.integers().between(1, 2_000).map(HostileInputPropertiesTest::nested),
        Arbitraries.just(new Object()),
        hostileStrings().list().ofMaxSize(1_100).map(l -> (Object) l));
  }

  private static Object nested(int depth) {
    Object o = "leaf";
    for (int i = 0; i < depth; i++) {
      Map<String, Object> m = new HashMap<>();
      m.put("k", i % 2 == 0 ? o : List.of(o));
      o = m;
    }
    return o;
  }

  @Provide
  Arbitrary<Map<String, Object>> hostileAttributes() {
    return Arbitraries.maps(
            hostileStrings().filter(s -> s != null), hostileValues().injectNull(0.1))
        .ofMaxSize(120);
  }

  // ------------------------------------------------------------------ properties

  @Property(tries = 200)
  void trackingNeverThrowsAndStaysWithinLimits(
      @ForAll("hostileStrings") String name,
      @ForAll("hostileAttributes") Map<String, Object> attributes,
      @ForAll("hostileStrings") String userId,
      @ForAll("hostileStrings") String flagValue) {
    tries++;
    SpokeUser u = spoke.user(userId);
    u.logEvent(CustomEvent.builder(name).attributes(attributes).flag(name, flagValue).build());
    u.logEvent(ScreenView.builder(name).attributes(attributes).build());
    spoke.logEvent(CustomEvent.builder(name).attributes(attributes).build());
    spoke.logEvent(null);
    spoke.user((UserIdentities) null).logEvent(CustomEvent.builder("ok").build());
  }

  @Property(tries = 200)
  void userMethodsNeverThrowAndStayWithinLimits(
      @ForAll("hostileStrings") String name,
      @ForAll("hostileValues") Object value,
      @ForAll("hostileStrings") String identity,
      @ForAll("hostileStrings") String other) {
    tries++;
    SpokeUser u =
        spoke.user(
            UserIdentities.builder()
                .put(IdentityType.CUSTOMER_ID, identity)
                .put(IdentityType.EMAIL, other)
                .build());
    u.setAttribute(name, value);
    // The same name switching between list and scalar, both ways.
    u.setAttributeList(
        name, value instanceof List ? (List<?>) value : List.of(String.valueOf(value)));
    u.setAttribute(name, other);
    u.setAttributeList(name, null);
    u.incrementAttribute(name, value instanceof Number ? (Number) value : Double.NaN);
    u.incrementAttribute(other, null);
    u.setTag(name);
    u.removeAttribute(other);
    u.removeAttribute(null);
    u.setAttribute(null, null);
    u.setGdprConsent(name, null);
    u.setConsentState(null);
  }

  /** One event with a million attributes, and a user given a thousand and one attribute names. */
  @Example
  void aMillionAttributesAreCutToTheLimitAndReported() {
    tries++;
    Map<String, Object> huge = new LinkedHashMap<>();
    for (int i = 0; i < 1_000_000; i++) huge.put("k" + i, i);
    long before = reportedIssues.get();
    spoke.user("million").logEvent(CustomEvent.builder("million").attributes(huge).build());
    SpokeUser u = spoke.user("many-attributes");
    for (int i = 0; i < 1_001; i++) u.setAttribute("attr-" + i, i);
    List<String> big = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) big.add("entry-" + i);
    u.setAttributeList("list", big);
    assertThat(reportedIssues.get()).isGreaterThan(before);
  }
}
