package dev.spoke.internal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.event.CommerceEvent;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.event.Impression;
import dev.spoke.event.Product;
import dev.spoke.event.ProductAction;
import dev.spoke.event.ProductActionType;
import dev.spoke.event.Promotion;
import dev.spoke.event.PromotionAction;
import dev.spoke.event.PromotionActionType;
import dev.spoke.event.ScreenView;
import dev.spoke.kit.KitReport;
import dev.spoke.kit.KitUser;
import dev.spoke.kit.SideloadedKit;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The kit conformance suite: every case under {@code src/test/resources/conformance/kits/*.json}
 * gives a kit configuration, the calls a host makes, and the exact calls each kit must receive,
 * with the platform SDK source the behaviour comes from. The format is described in that folder's
 * README.md. Each case runs a real {@link KitManager} (fixed configuration, kits registered in
 * code) and compares what the recording kits got.
 */
class KitConformanceTest {
  static final String FOLDER = "conformance/kits";

  /** Report kinds a case's {@code reports} list is checked against (all of them, exactly). */
  static final Set<String> CHECKED_REPORTS = Set.of("CONFIG_INVALID", "KIT_ENTRY_INVALID");

  static final OkHttpClient HTTP = new OkHttpClient();

  @TestFactory
  Stream<DynamicTest> cases() throws Exception {
    return loadCases().stream()
        .map(c -> DynamicTest.dynamicTest(c.file + ": " + c.name, () -> run(c)));
  }

  @Test
  void everyCaseNamesItsSourceAndNamesAreUnique() throws Exception {
    List<Case> all = loadCases();
    Set<String> names = new HashSet<>();
    for (Case c : all) {
      assertThat(names.add(c.name)).as("duplicate case name %s", c.name).isTrue();
      // "owner/repository path": the platform SDK repository and the file the behaviour is read
      // from.
      assertThat(c.source).as("source of %s", c.name).matches("mParticle/[\\w.-]+ \\S+.*");
    }
  }

  // ---- loading
  // ----------------------------------------------------------------------------------------------

  static final class Case {
    String file;
    String name;
    String source;
    Map<String, Object> json;
  }

  @SuppressWarnings("unchecked")
  static List<Case> loadCases() throws IOException, URISyntaxException {
    URL url = KitConformanceTest.class.getClassLoader().getResource(FOLDER);
    assertThat(url).as("test resources folder " + FOLDER).isNotNull();
    Path dir = Paths.get(url.toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    List<Case> out = new ArrayList<>();
    for (Path f : files) {
      Object doc = JsonTree.parse(Files.readString(f, StandardCharsets.UTF_8));
      String defaultSource = (String) ((Map<String, Object>) doc).get("source");
      for (Object o : (List<Object>) ((Map<String, Object>) doc).get("cases")) {
        Map<String, Object> m = (Map<String, Object>) o;
        Case c = new Case();
        c.file = f.getFileName().toString();
        c.name = (String) m.get("name");
        c.source = m.get("source") == null ? defaultSource : (String) m.get("source");
        c.json = m;
        out.add(c);
      }
    }
    return out;
  }

  // ---- running
  // ----------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static void run(Case c) throws Exception {
    Map<String, Object> j = c.json;
    String doc =
        j.containsKey("configText")
            ? (String) j.get("configText")
            : JsonTree.write(hashes(j.get("config")));
    KitConfiguration config = KitConfiguration.parse(doc);

    Map<String, Object> kitKinds =
        j.get("kits") == null ? Map.of() : (Map<String, Object>) j.get("kits");
    Map<String, Object> expect =
        j.get("expect") == null ? Map.of() : (Map<String, Object>) j.get("expect");
    Map<Integer, ConformanceKit.Factory> factories = new TreeMap<>();
    Set<String> ids = new HashSet<>(kitKinds.keySet());
    ids.addAll(expect.keySet());
    for (String id : ids) {
      boolean commerce = "commerce".equals(kitKinds.get(id));
      factories.put(
          Integer.parseInt(id), new ConformanceKit.Factory(Integer.parseInt(id), commerce));
    }
    List<KitReport> reports = new CopyOnWriteArrayList<>();
    KitManagerBuilder b =
        KitManager.builder()
            .httpClient(HTTP)
            .environment(Environment.DEVELOPMENT)
            .discoverKits(false)
            .configuration(config)
            .reportListener(reports::add);
    Set<Integer> sideloadedIds = new HashSet<>();
    for (Object o : (List<Object>) j.getOrDefault("sideloaded", List.of())) {
      SideloadedKit sk = sideloaded((Map<String, Object>) o, factories);
      sideloadedIds.add(sk.moduleId());
      b.sideloadedKit(sk);
    }
    factories.values().stream().filter(f -> !sideloadedIds.contains(f.id)).forEach(b::kit);
    KitManager m = b.build();
    List<Integer> active;
    try {
      m.start();
      active = m.activeKits();
      KitUser user = user(j.get("user"));
      for (Object s : (List<Object>) j.getOrDefault("steps", List.of())) {
        Map<String, Object> step = (Map<String, Object>) s;
        if (step.containsKey("user")) {
          user = user(step.get("user"));
        } else {
          step(m, step, user);
        }
      }
    } finally {
      // close delivers every queued call before the kits close: no waiting on time.
      assertThat(m.close(Duration.ofSeconds(10))).as("kits closed in time").isTrue();
    }

    if (j.containsKey("active")) {
      List<Integer> want = new ArrayList<>();
      for (Object o : (List<Object>) j.get("active")) {
        want.add(((Number) o).intValue());
      }
      assertThat(active).as("%s: active kits", c.name).containsExactlyInAnyOrderElementsOf(want);
    }
    for (Map.Entry<String, Object> e : expect.entrySet()) {
      ConformanceKit kit = factories.get(Integer.parseInt(e.getKey())).kit;
      List<Object> want = (List<Object>) e.getValue();
      List<Object> got = new ArrayList<>();
      if (kit != null) {
        for (int i = 0; i < kit.calls.size(); i++) {
          Map<String, Object> call = new LinkedHashMap<>(kit.calls.get(i));
          // The user view is compared only where the case states it.
          if (i < want.size()
              && want.get(i) instanceof Map
              && ((Map<String, Object>) want.get(i)).containsKey("user")) {
            call.put("user", kit.users.get(i));
          }
          got.add(call);
        }
      }
      assertThat(canonical(got))
          .as("%s: calls received by kit %s", c.name, e.getKey())
          .isEqualTo(canonical(want));
    }
    List<Object> wantReports = (List<Object>) j.getOrDefault("reports", List.of());
    List<KitReport> gotReports =
        reports.stream()
            .filter(r -> CHECKED_REPORTS.contains(r.kind().name()))
            .collect(Collectors.toList());
    assertThat(gotReports)
        .as("%s: reports %s", c.name, gotReports.stream().map(KitReport::message).toList())
        .hasSize(wantReports.size());
    for (int i = 0; i < wantReports.size(); i++) {
      Map<String, Object> w = (Map<String, Object>) wantReports.get(i);
      KitReport r = gotReports.get(i);
      assertThat(r.kind().name()).as("%s: report %d kind", c.name, i).isEqualTo(w.get("kind"));
      if (w.containsKey("moduleId")) {
        assertThat(r.moduleId())
            .as("%s: report %d module id", c.name, i)
            .isEqualTo(((Number) w.get("moduleId")).intValue());
      }
      for (Object s : (List<Object>) w.getOrDefault("contains", List.of())) {
        assertThat(r.message()).as("%s: report %d message", c.name, i).contains((String) s);
      }
    }
  }

  /**
   * A sideloaded kit of a case: {@code id}, {@code settings}, {@code filters} with the builder's
   * filters ({@code eventType: [type]}, {@code eventName: [[type, name]]}, {@code eventAttribute:
   * [[type, name, key]]}, {@code screenName: [name]}, {@code screenAttribute: [[screen, key]]},
   * {@code userAttribute: [key]}, {@code identity: [Events API identity name]}).
   */
  @SuppressWarnings("unchecked")
  static SideloadedKit sideloaded(
      Map<String, Object> s, Map<Integer, ConformanceKit.Factory> factories) {
    int id = ((Number) s.get("id")).intValue();
    ConformanceKit.Factory f =
        factories.computeIfAbsent(id, x -> new ConformanceKit.Factory(x, false));
    SideloadedKit.Builder b = SideloadedKit.builder(f);
    map(s.get("settings")).forEach((k, v) -> b.setting(k, String.valueOf(v)));
    Map<String, Object> filters = map(s.get("filters"));
    for (Object o : (List<Object>) filters.getOrDefault("eventType", List.of())) {
      b.addEventTypeFilter(type(o));
    }
    for (Object o : (List<Object>) filters.getOrDefault("eventName", List.of())) {
      List<Object> l = (List<Object>) o;
      b.addEventNameFilter(type(l.get(0)), (String) l.get(1));
    }
    for (Object o : (List<Object>) filters.getOrDefault("eventAttribute", List.of())) {
      List<Object> l = (List<Object>) o;
      b.addEventAttributeFilter(type(l.get(0)), (String) l.get(1), (String) l.get(2));
    }
    for (Object o : (List<Object>) filters.getOrDefault("screenName", List.of())) {
      b.addScreenNameFilter((String) o);
    }
    for (Object o : (List<Object>) filters.getOrDefault("screenAttribute", List.of())) {
      List<Object> l = (List<Object>) o;
      b.addScreenAttributeFilter((String) l.get(0), (String) l.get(1));
    }
    for (Object o : (List<Object>) filters.getOrDefault("userAttribute", List.of())) {
      b.addUserAttributeFilter((String) o);
    }
    for (Object o : (List<Object>) filters.getOrDefault("identity", List.of())) {
      b.addUserIdentityFilter(
          IdentityType.fromEventsApiKey((String) o)
              .orElseThrow(() -> new AssertionError("unknown identity " + o)));
    }
    return b.build();
  }

  static CustomEventType type(Object o) {
    return CustomEventType.valueOf(((String) o).toUpperCase(Locale.ROOT));
  }

  @SuppressWarnings("unchecked")
  static void step(KitManager m, Map<String, Object> step, KitUser user) {
    if (step.containsKey("event")) {
      m.onEvent(customEvent((Map<String, Object>) step.get("event")), user);
    } else if (step.containsKey("screen")) {
      Map<String, Object> s = (Map<String, Object>) step.get("screen");
      m.onEvent(
          ScreenView.builder((String) s.get("name")).attributes(map(s.get("attributes"))).build(),
          user);
    } else if (step.containsKey("commerce")) {
      m.onEvent(commerceEvent((Map<String, Object>) step.get("commerce")), user);
    } else if (step.containsKey("userAttribute")) {
      Map<String, Object> a = (Map<String, Object>) step.get("userAttribute");
      m.onUserAttributeSet(user, (String) a.get("key"), (String) a.get("value"));
    } else if (step.containsKey("optOut")) {
      m.onOptOut((Boolean) step.get("optOut"));
    } else {
      throw new AssertionError(
          "unknown step " + step.keySet() + "; see conformance/kits/README.md");
    }
  }

  static CustomEvent customEvent(Map<String, Object> e) {
    String type = (String) e.getOrDefault("type", "other");
    return CustomEvent.builder((String) e.get("name"))
        .customEventType(CustomEventType.valueOf(type.toUpperCase(Locale.ROOT)))
        .attributes(map(e.get("attributes")))
        .build();
  }

  @SuppressWarnings("unchecked")
  static CommerceEvent commerceEvent(Map<String, Object> c) {
    CommerceEvent.Builder b;
    if (c.containsKey("productAction")) {
      Map<String, Object> a = (Map<String, Object>) c.get("productAction");
      ProductAction.Builder pa =
          ProductAction.builder(
                  ProductActionType.valueOf(((String) a.get("action")).toUpperCase(Locale.ROOT)))
              .transactionId((String) a.get("transactionId"))
              .affiliation((String) a.get("affiliation"))
              .totalAmount(dbl(a.get("totalAmount")))
              .taxAmount(dbl(a.get("taxAmount")))
              .shippingAmount(dbl(a.get("shippingAmount")))
              .couponCode((String) a.get("couponCode"))
              .checkoutStep(
                  a.get("checkoutStep") == null
                      ? null
                      : ((Number) a.get("checkoutStep")).intValue())
              .checkoutOptions((String) a.get("checkoutOptions"))
              .productActionList((String) a.get("productActionList"))
              .productListSource((String) a.get("productListSource"));
      pa.products(products(a.get("products")));
      b = CommerceEvent.productAction(pa.build());
    } else if (c.containsKey("promotionAction")) {
      Map<String, Object> a = (Map<String, Object>) c.get("promotionAction");
      PromotionAction.Builder pr =
          PromotionAction.builder(
              PromotionActionType.valueOf(((String) a.get("action")).toUpperCase(Locale.ROOT)));
      for (Object o : (List<Object>) a.getOrDefault("promotions", List.of())) {
        Map<String, Object> p = (Map<String, Object>) o;
        pr.promotion(
            Promotion.builder((String) p.get("id"))
                .name((String) p.get("name"))
                .creative((String) p.get("creative"))
                .position((String) p.get("position"))
                .build());
      }
      b = CommerceEvent.promotionAction(pr.build());
    } else {
      List<Impression> impressions = new ArrayList<>();
      for (Object o : (List<Object>) c.getOrDefault("impressions", List.of())) {
        Map<String, Object> i = (Map<String, Object>) o;
        impressions.add(
            Impression.builder((String) i.get("list"))
                .products(products(i.get("products")))
                .build());
      }
      b = CommerceEvent.impressions(impressions);
    }
    b.currencyCode((String) c.get("currency"))
        .screenName((String) c.get("screenName"))
        .attributes(map(c.get("attributes")));
    return b.build();
  }

  @SuppressWarnings("unchecked")
  static List<Product> products(Object v) {
    List<Product> out = new ArrayList<>();
    for (Object o : v == null ? List.of() : (List<Object>) v) {
      Map<String, Object> p = (Map<String, Object>) o;
      out.add(
          Product.builder((String) p.get("id"), (String) p.get("name"))
              .brand((String) p.get("brand"))
              .category((String) p.get("category"))
              .variant((String) p.get("variant"))
              .position(p.get("position") == null ? null : ((Number) p.get("position")).intValue())
              .price(dbl(p.get("price")))
              .quantity(dbl(p.get("quantity")))
              .couponCode((String) p.get("couponCode"))
              .attributes(map(p.get("attributes")))
              .build());
    }
    return out;
  }

  /**
   * A user: {@code mpid} (number or null), {@code attributes}, {@code identities} (Events API
   * names), {@code consent} ({@code gdpr}: purpose → consented, {@code ccpa}: consented), {@code
   * loggedIn}.
   */
  @SuppressWarnings("unchecked")
  static KitUser user(Object v) {
    if (v == null) {
      return null;
    }
    Map<String, Object> u = (Map<String, Object>) v;
    UserIdentities.Builder ids = UserIdentities.builder();
    map(u.get("identities"))
        .forEach(
            (k, val) ->
                ids.put(
                    IdentityType.fromEventsApiKey(k)
                        .orElseThrow(() -> new AssertionError("unknown identity " + k)),
                    String.valueOf(val)));
    ConsentState.Builder consent = ConsentState.builder();
    Map<String, Object> cs = map(u.get("consent"));
    map(cs.get("gdpr"))
        .forEach((p, val) -> consent.gdpr(p, ConsentDecision.builder((Boolean) val).build()));
    if (cs.get("ccpa") != null) {
      consent.ccpa(ConsentDecision.builder((Boolean) cs.get("ccpa")).build());
    }
    Long mpid = u.get("mpid") == null ? null : ((Number) u.get("mpid")).longValue();
    return new KitUser(
        mpid,
        ids.build(),
        map(u.get("attributes")),
        consent.build(),
        Boolean.TRUE.equals(u.getOrDefault("loggedIn", Boolean.TRUE)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v) {
    return v == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) v);
  }

  static Double dbl(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  static final String HASH = "#hash:";

  /**
   * Replaces {@code "#hash:<text>"} (as an object key or a string value) with the platform's filter
   * hash of the text, so cases read as what they mean. The hash is computed here the way the
   * Android SDK's {@code MPUtility.mpHash} does ((h << 5) - h + c over the lower-cased text),
   * independently of {@link KitHash}, which is checked against published vectors in {@code
   * KitHashTest}.
   */
  @SuppressWarnings("unchecked")
  static Object hashes(Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) v)
          .forEach(
              (k, x) ->
                  out.put(
                      k.startsWith(HASH) ? String.valueOf(mpHash(k.substring(HASH.length()))) : k,
                      hashes(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<Object>) v).forEach(x -> out.add(hashes(x)));
      return out;
    }
    if (v instanceof String && ((String) v).startsWith(HASH)) {
      return (long) mpHash(((String) v).substring(HASH.length()));
    }
    return v;
  }

  static int mpHash(String input) {
    int h = 0;
    for (char c : input.toLowerCase(Locale.ROOT).toCharArray()) {
      h = ((h << 5) - h) + c;
    }
    return h;
  }

  /**
   * Scalars compared as text (numbers without trailing zeros), so 1, 1.0 and "1" are the same
   * value.
   */
  @SuppressWarnings("unchecked")
  static Object canonical(Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> out.put(k, canonical(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<Object>) v).forEach(x -> out.add(canonical(x)));
      return out;
    }
    if (v instanceof Number) {
      return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
    }
    return v == null ? null : v.toString();
  }
}
