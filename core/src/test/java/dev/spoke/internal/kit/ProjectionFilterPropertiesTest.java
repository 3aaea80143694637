package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentState;
import dev.spoke.user.UserIdentities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okhttp3.OkHttpClient;

/**
 * For any event, any {@code ea}/{@code ec}/{@code svec}/{@code svea} filter and any projections
 * ({@code pr}), nothing the filters block reaches the kit: projections run after the filters
 * (mParticle/mparticle-android-sdk
 * android-kit-base/src/main/java/com/mparticle/kits/KitManagerImpl.java, logMPEvent and logScreen)
 * and can only rename or re-map what is left, or add the configuration's own static values. Every
 * attribute value is a token unique to its event and key, so a blocked value cannot hide under a
 * projected name.
 */
class ProjectionFilterPropertiesTest {
  static final OkHttpClient HTTP = new OkHttpClient();
  static final List<String> NAMES = List.of("Signup", "Buy", "Home");
  static final List<String> KEYS = List.of("a", "b", "email", "plan");
  static final KitUser USER =
      new KitUser(2560L, UserIdentities.builder().build(), Map.of(), ConsentState.empty(), true);

  /**
   * One logged event: a custom event (type, name) or a screen (type null), with attributes key →
   * token.
   */
  record Logged(CustomEventType type, String name, Map<String, String> attributes) {
    String prefix() {
      return type == null ? "0" + name : type.filterNumber() + name;
    }
  }

  /**
   * The configuration under test: blocked names, blocked attribute keys (per event prefix),
   * projections.
   */
  record Setup(List<String> blockedNames, List<String> blockedAttributes, String projections) {}

  @Provide
  Arbitrary<List<Logged>> events() {
    Arbitrary<CustomEventType> type =
        Arbitraries.of(
                CustomEventType.NAVIGATION, CustomEventType.OTHER, CustomEventType.TRANSACTION)
            .injectNull(0.3);
    Arbitrary<Map<String, String>> attrs =
        Arbitraries.subsetOf(KEYS)
            .map(
                keys -> {
                  Map<String, String> m = new LinkedHashMap<>();
                  keys.forEach(k -> m.put(k, "k-" + k));
                  return m;
                });
    return Combinators.combine(type, Arbitraries.of(NAMES), attrs)
        .as(Logged::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<Setup> setups() {
    Arbitrary<String> prefix =
        Combinators.combine(Arbitraries.of("0", "1", "4", "8"), Arbitraries.of(NAMES))
            .as((t, n) -> t + n);
    Arbitrary<List<String>> names = prefix.list().ofMaxSize(3);
    Arbitrary<List<String>> attributes =
        Combinators.combine(prefix, Arbitraries.of(KEYS)).as((p, k) -> p + k).list().ofMaxSize(6);
    return Combinators.combine(names, attributes, projection().list().ofMaxSize(3))
        .as((n, a, pr) -> new Setup(n, a, "[" + String.join(",", pr) + "]"));
  }

  Arbitrary<String> projection() {
    Arbitrary<String> match =
        Arbitraries.oneOf(
            Combinators.combine(Arbitraries.of("0", "1", "4", "8"), Arbitraries.of(NAMES))
                .as(
                    (t, n) ->
                        "{\"message_type\":"
                            + (t.equals("0") ? 3 : 4)
                            + ",\"event_match_type\":\"Hash\",\"event\":\""
                            + KitHash.hash(t + n)
                            + "\"}"),
            Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(KEYS))
                .as(
                    (n, k) ->
                        "{\"message_type\":4,\"event_match_type\":\"String\",\"event\":\""
                            + n
                            + "\",\"attribute_key\":\""
                            + k
                            + "\",\"attribute_values\":["
                            + values(k)
                            + "]}"),
            Arbitraries.of("{\"message_type\":4}", "{\"message_type\":3}"));
    Arbitrary<String> map =
        Arbitraries.oneOf(
            Arbitraries.of(KEYS)
                .map(
                    k ->
                        "{\"projected_attribute_name\":\"email\",\"match_type\":\"String\",\"value\":\""
                            + k
                            + "\"}"),
            Combinators.combine(
                    Arbitraries.of("0", "1", "4", "8"), Arbitraries.of(NAMES), Arbitraries.of(KEYS))
                .as(
                    (t, n, k) ->
                        "{\"projected_attribute_name\":\"x-"
                            + k
                            + "\",\"match_type\":\"Hash\",\"value\":\""
                            + KitHash.hash(t + n + k)
                            + "\",\"is_required\":"
                            + (k.length() % 2 == 0)
                            + "}"),
            Arbitraries.just(
                "{\"projected_attribute_name\":\"name\",\"match_type\":\"Field\",\"value\":\"n\"}"),
            Arbitraries.just(
                "{\"projected_attribute_name\":\"plan\",\"match_type\":\"Static\",\"value\":\"static\"}"));
    return Combinators.combine(
            Arbitraries.integers().between(1, 99),
            match,
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 5),
            map.list().ofMaxSize(3),
            Arbitraries.of(true, false))
        .as(
            (id, m, append, max, maps, isDefault) ->
                "{\"id\":"
                    + id
                    + ",\"matches\":["
                    + m
                    + "],"
                    + "\"behavior\":{\"append_unmapped_as_is\":"
                    + append
                    + ",\"max_custom_params\":"
                    + max
                    + ",\"is_default\":"
                    + isDefault
                    + "},\"action\":{\"projected_event_name\":\"p"
                    + id
                    + "\",\"attribute_maps\":["
                    + String.join(",", maps)
                    + "]}}");
  }

  @Property(tries = 150)
  void nothingAFilterBlocksReachesTheKitThroughAProjection(
      @ForAll("events") List<Logged> events, @ForAll("setups") Setup setup) throws Exception {
    StringBuilder ec = new StringBuilder();
    StringBuilder svec = new StringBuilder();
    for (String n : setup.blockedNames()) {
      StringBuilder target = n.startsWith("0") ? svec : ec;
      target
          .append(target.length() == 0 ? "" : ",")
          .append('"')
          .append(KitHash.hash(n))
          .append("\":0");
    }
    StringBuilder ea = new StringBuilder();
    StringBuilder svea = new StringBuilder();
    for (String a : setup.blockedAttributes()) {
      StringBuilder target = a.startsWith("0") ? svea : ea;
      target
          .append(target.length() == 0 ? "" : ",")
          .append('"')
          .append(KitHash.hash(a))
          .append("\":0");
    }
    String doc =
        "{\"eks\":[{\"id\":1,\"hs\":{\"ec\":{"
            + ec
            + "},\"svec\":{"
            + svec
            + "},\"ea\":{"
            + ea
            + "},\"svea\":{"
            + svea
            + "}},\"pr\":"
            + setup.projections()
            + "}]}";
    KitConfiguration config = KitConfiguration.parse(doc);
    assertThat(config.kits()).as("configuration %s", doc).hasSize(1);
    ConformanceKit.Factory factory = new ConformanceKit.Factory(1, false);
    KitManager m =
        KitManager.builder()
            .httpClient(HTTP)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .kit(factory)
            .configuration(config)
            .build();
    try {
      m.start();
      for (int i = 0; i < events.size(); i++) {
        // Each event's tokens are unique to it: suffixed with its position.
        Logged e = events.get(i);
        m.onEvent(
            e.type() == null
                ? ScreenView.builder(e.name()).attributes(tokens(e, i)).build()
                : CustomEvent.builder(e.name())
                    .customEventType(e.type())
                    .attributes(tokens(e, i))
                    .build(),
            USER);
      }
    } finally {
      assertThat(m.close(Duration.ofSeconds(10))).isTrue();
    }
    List<String> received = new ArrayList<>();
    for (Map<String, Object> call : factory.kit.calls) {
      for (Object payload : call.values()) {
        Object attrs = ((Map<?, ?>) payload).get("attributes");
        ((Map<?, ?>) attrs).values().forEach(v -> received.add(String.valueOf(v)));
      }
    }
    for (int i = 0; i < events.size(); i++) {
      Logged e = events.get(i);
      boolean eventBlocked =
          setup.blockedNames().stream().anyMatch(n -> n.equalsIgnoreCase(e.prefix()));
      for (Map.Entry<String, String> a : tokens(e, i).entrySet()) {
        boolean blocked =
            eventBlocked
                || setup.blockedAttributes().stream()
                    .anyMatch(b -> b.equalsIgnoreCase(e.prefix() + a.getKey()));
        if (blocked) {
          assertThat(received)
              .as("blocked %s of %s with %s", a.getKey(), e, doc)
              .doesNotContain(a.getValue());
        }
      }
    }
  }

  /** The tokens key {@code k} takes in any event (a String match may then fire). */
  static String values(String k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add("\"k-" + k + "-" + i + "\"");
    }
    return String.join(",", out);
  }

  static Map<String, String> tokens(Logged e, int index) {
    Map<String, String> m = new LinkedHashMap<>();
    e.attributes().forEach((k, v) -> m.put(k, v + "-" + index));
    return m;
  }
}
