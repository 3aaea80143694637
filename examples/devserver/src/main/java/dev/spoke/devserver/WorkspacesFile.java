package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local platform's tenants: organizations, their accounts, and the accounts' workspaces, each
 * workspace with its API key and secret, identity scope, input kind and kit configuration.
 *
 * <p>Parsed from JSON (see {@code example-workspaces.json} next to this class for the format).
 * Immutable.
 */
public final class WorkspacesFile {

  /** The commerce entity attribute filter, keyed by entity. */
  static final String AFA = "afa";

  /** Classpath location of the example file shipped with the devserver. */
  public static final String EXAMPLE_RESOURCE = "dev/spoke/devserver/example-workspaces.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Organization> organizations;
  private final Map<String, Workspace> byApiKey;

  private WorkspacesFile(List<Organization> organizations) {
    this.organizations = List.copyOf(organizations);
    Map<String, Workspace> keys = new HashMap<>();
    for (Organization org : this.organizations) {
      for (Account account : org.accounts()) {
        for (Workspace ws : account.workspaces()) {
          if (keys.putIfAbsent(ws.apiKey(), ws) != null) {
            throw new IllegalArgumentException(
                "workspaces: apiKey '"
                    + ws.apiKey()
                    + "' is used by two workspaces; give every workspace its own key");
          }
        }
      }
    }
    this.byApiKey = Collections.unmodifiableMap(keys);
  }

  /** Parses a workspaces document; fails fast with a message naming the bad field. */
  public static WorkspacesFile parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("workspaces: not valid JSON: " + e.getMessage(), e);
    }
    return fromTree(root);
  }

  /** Reads and parses a workspaces file. */
  public static WorkspacesFile load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("workspaces: cannot read " + file, e);
    }
  }

  /** The example file shipped on the classpath ({@link #EXAMPLE_RESOURCE}). */
  public static WorkspacesFile example() {
    try (InputStream in =
        WorkspacesFile.class.getClassLoader().getResourceAsStream(EXAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + EXAMPLE_RESOURCE + " not found");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EXAMPLE_RESOURCE, e);
    }
  }

  /** All organizations, in file order. */
  public List<Organization> organizations() {
    return organizations;
  }

  /** The workspace owning {@code apiKey}, if any. */
  public Optional<Workspace> workspace(String apiKey) {
    return Optional.ofNullable(byApiKey.get(apiKey));
  }

  /** Every workspace of every organization. */
  public List<Workspace> workspaces() {
    List<Workspace> all = new ArrayList<>();
    organizations.forEach(o -> o.accounts().forEach(a -> all.addAll(a.workspaces())));
    return List.copyOf(all);
  }

  /**
   * A copy of this file with the kits of one workspace replaced (used to change kit configuration
   * at runtime).
   */
  WorkspacesFile withKits(String apiKey, List<Kit> kits) {
    if (!byApiKey.containsKey(apiKey)) {
      throw new IllegalArgumentException(
          "apiKey '" + apiKey + "' is not a workspace of this server");
    }
    List<Organization> orgs = new ArrayList<>();
    for (Organization o : organizations) {
      List<Account> accounts = new ArrayList<>();
      for (Account a : o.accounts()) {
        List<Workspace> wss = new ArrayList<>();
        for (Workspace w : a.workspaces()) {
          wss.add(w.apiKey().equals(apiKey) ? w.withKits(kits) : w);
        }
        accounts.add(new Account(a.id(), wss));
      }
      orgs.add(new Organization(o.id(), accounts));
    }
    return new WorkspacesFile(orgs);
  }

  /**
   * Written in a kit setting, stands for the running server's base URL (e.g. a partner endpoint on
   * its sink).
   */
  public static final String SERVER_PLACEHOLDER = "{devserver}";

  /**
   * A copy with {@value #SERVER_PLACEHOLDER} in every kit setting replaced by {@code baseUri}, so a
   * workspaces file can point a kit at the server's own partner sink ({@code /sink/...}) whatever
   * port it gets.
   */
  WorkspacesFile withServer(String baseUri) {
    List<Organization> orgs = new ArrayList<>();
    for (Organization o : organizations) {
      List<Account> accounts = new ArrayList<>();
      for (Account a : o.accounts()) {
        List<Workspace> wss = new ArrayList<>();
        for (Workspace w : a.workspaces()) {
          wss.add(w.withKits(withServer(w.kits(), baseUri)));
        }
        accounts.add(new Account(a.id(), wss));
      }
      orgs.add(new Organization(o.id(), accounts));
    }
    return new WorkspacesFile(orgs);
  }

  static List<Kit> withServer(List<Kit> kits, String baseUri) {
    List<Kit> out = new ArrayList<>(kits.size());
    for (Kit k : kits) {
      Map<String, String> settings = new LinkedHashMap<>();
      k.settings().forEach((name, v) -> settings.put(name, v.replace(SERVER_PLACEHOLDER, baseUri)));
      out.add(
          new Kit(
              k.id(),
              settings,
              k.filters(),
              k.bucket(),
              k.consent(),
              k.attributeValue(),
              k.eau(),
              k.projections(),
              k.attributeMappings()));
    }
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  // parsing

  private static WorkspacesFile fromTree(JsonNode root) {
    JsonNode orgs = root.path("organizations");
    if (!orgs.isArray() || orgs.isEmpty()) {
      throw new IllegalArgumentException("workspaces: 'organizations' must be a non-empty array");
    }
    List<Organization> organizations = new ArrayList<>();
    for (JsonNode o : orgs) {
      String orgId = text(o, "id", "organization", null);
      List<Account> accounts = new ArrayList<>();
      for (JsonNode a : array(o, "accounts", "organization " + orgId)) {
        String accountId = text(a, "id", "account of organization " + orgId, null);
        List<Workspace> workspaces = new ArrayList<>();
        for (JsonNode w : array(a, "workspaces", "account " + accountId)) {
          workspaces.add(workspace(w, orgId, accountId));
        }
        accounts.add(new Account(accountId, workspaces));
      }
      organizations.add(new Organization(orgId, accounts));
    }
    return new WorkspacesFile(organizations);
  }

  private static Workspace workspace(JsonNode w, String orgId, String accountId) {
    String where = "workspace of account " + accountId;
    String id = text(w, "id", where, null);
    where = "workspace " + id;
    String apiKey = text(w, "apiKey", where, null);
    String apiSecret = text(w, "apiSecret", where, null);
    String pod = text(w, "pod", where, podOf(apiKey));
    InputKind inputKind = InputKind.parse(text(w, "inputKind", where, "platform"), where);
    IdentityScope scope = IdentityScope.parse(text(w, "identityScope", where, "workspace"), where);
    String environment = text(w, "environment", where, "development");
    if (!environment.equals("development") && !environment.equals("production")) {
      throw new IllegalArgumentException(
          where + ": environment '" + environment + "' is invalid; use development or production");
    }
    List<Kit> kits = new ArrayList<>();
    JsonNode ks = w.path("kits");
    if (!ks.isMissingNode()) {
      if (!ks.isArray()) {
        throw new IllegalArgumentException(where + ": 'kits' must be an array");
      }
      for (JsonNode k : ks) {
        kits.add(kit(k, where));
      }
    }
    return new Workspace(
        id,
        orgId,
        accountId,
        apiKey,
        apiSecret,
        pod,
        inputKind,
        scope,
        environment,
        kits,
        w.path("stl").asInt(60),
        w.path("uitl").asInt(600),
        w.path("oo").asBoolean(false),
        w.path("rp").asInt(100),
        stringMap(w.path("flags"), where + " flags"));
  }

  private static Kit kit(JsonNode k, String where) {
    if (!k.path("id").canConvertToInt()) {
      throw new IllegalArgumentException(
          where + ": every kit needs an integer 'id' (the kit module id)");
    }
    int id = k.get("id").asInt();
    String kw = where + " kit " + id;
    Map<String, Map<String, Integer>> filters = new LinkedHashMap<>();
    Map<String, Map<String, String>> attributeMappings = new LinkedHashMap<>();
    JsonNode hs = k.path("filters");
    for (Map.Entry<String, JsonNode> e : hs.properties()) {
      if (ATTRIBUTE_MAPPINGS.contains(e.getKey())) {
        // eaa/ear/eas: hash → user attribute name (Android KitConfiguration.convertToSparseMap)
        attributeMappings.put(e.getKey(), stringMap(e.getValue(), kw + " filter " + e.getKey()));
        continue;
      }
      if (e.getKey().equals(AFA)) {
        // afa is keyed by commerce entity, each with its own {hash: 0|1}: kept as "afa.<entity>"
        // filters.
        for (Map.Entry<String, JsonNode> entity : e.getValue().properties()) {
          if (!entity.getValue().isObject()) {
            throw new IllegalArgumentException(
                kw
                    + ": filter afa["
                    + entity.getKey()
                    + "] must be an object {hash: 0|1} per commerce entity (1 product, 2 promotion, 3 impression)");
          }
          filters.put(
              AFA + "." + entity.getKey(),
              hashes(entity.getValue(), kw, AFA + "[" + entity.getKey() + "]"));
        }
        continue;
      }
      filters.put(e.getKey(), hashes(e.getValue(), kw, e.getKey()));
    }
    Bucket bucket = null;
    if (k.hasNonNull("bk")) {
      bucket = new Bucket(k.get("bk").path("lo").asInt(0), k.get("bk").path("hi").asInt(100));
    }
    ConsentFilter consent = null;
    if (k.hasNonNull("crvf")) {
      List<ConsentRule> rules = new ArrayList<>();
      for (JsonNode r : k.get("crvf").path("v")) {
        rules.add(new ConsentRule(r.path("h").asInt(), r.path("c").asBoolean()));
      }
      consent = new ConsentFilter(k.get("crvf").path("i").asBoolean(), rules);
    }
    AttributeValueFilter avf = null;
    if (k.hasNonNull("avf")) {
      JsonNode a = k.get("avf");
      avf =
          new AttributeValueFilter(
              a.path("i").asBoolean(), a.path("a").asInt(), a.path("v").asInt());
    }
    JsonNode pr = k.get("pr");
    if (pr != null && !pr.isNull() && !pr.isArray()) {
      throw new IllegalArgumentException(kw + ": 'pr' (projections) must be an array");
    }
    return new Kit(
        id,
        stringMap(k.path("settings"), kw + " settings"),
        filters,
        bucket,
        consent,
        avf,
        k.path("eau").asBoolean(false),
        pr == null || pr.isNull() ? null : pr.deepCopy(),
        attributeMappings);
  }

  private static Map<String, Integer> hashes(JsonNode node, String kw, String name) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> h : node.properties()) {
      int v = h.getValue().asInt(-1);
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException(
            kw + ": filter " + name + "[" + h.getKey() + "] must be 0 (blocked) or 1 (allowed)");
      }
      m.put(h.getKey(), v);
    }
    return m;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
    JsonNode a = node.path(field);
    if (!a.isArray()) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be an array");
    }
    return a;
  }

  private static String text(JsonNode node, String field, String where, String dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (dflt == null) {
        throw new IllegalArgumentException(where + ": '" + field + "' is required");
      }
      return dflt;
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new IllegalArgumentException(
          where + ": '" + field + "' must be a non-empty string, was " + v);
    }
    return v.asText();
  }

  private static Map<String, String> stringMap(JsonNode node, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": must be an object of strings");
    }
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** WIRE §1: the pod is the key's text before the first '-', or us1. */
  static String podOf(String apiKey) {
    int dash = apiKey.indexOf('-');
    return dash > 0 ? apiKey.substring(0, dash).toLowerCase(Locale.ROOT) : "us1";
  }

  // ----------------------------------------------------------------------------------------------
  // model

  /**
   * Where user attributes sent to a workspace come from, for the attribute source priority (WIRE
   * §4).
   */
  public enum InputKind {
    /** An SDK input: attributes rank as "SDK input". */
    PLATFORM,
    /** A custom feed: attributes rank as "custom feed input", above SDK input. */
    CUSTOM_FEED;

    static InputKind parse(String s, String where) {
      switch (s) {
        case "platform":
          return PLATFORM;
        case "custom_feed":
          return CUSTOM_FEED;
        default:
          throw new IllegalArgumentException(
              where + ": inputKind '" + s + "' is invalid; use platform or custom_feed");
      }
    }
  }

  /** Which workspaces share one identity graph (and one profile per MPID). */
  public enum IdentityScope {
    /** Each workspace has its own MPIDs. */
    WORKSPACE,
    /** All workspaces of the account share MPIDs. */
    ACCOUNT,
    /** All workspaces of the organization share MPIDs. */
    ORGANIZATION;

    static IdentityScope parse(String s, String where) {
      switch (s) {
        case "workspace":
          return WORKSPACE;
        case "account":
          return ACCOUNT;
        case "organization":
          return ORGANIZATION;
        default:
          throw new IllegalArgumentException(
              where
                  + ": identityScope '"
                  + s
                  + "' is invalid; use workspace, account or organization");
      }
    }
  }

  /** An organization and its accounts. */
  public record Organization(String id, List<Account> accounts) {
    /** Copies the list. */
    public Organization {
      accounts = List.copyOf(accounts);
    }
  }

  /** An account and its workspaces. */
  public record Account(String id, List<Workspace> workspaces) {
    /** Copies the list. */
    public Account {
      workspaces = List.copyOf(workspaces);
    }
  }

  /**
   * One workspace. {@code stl} session timeout (s), {@code uitl} upload interval (s), {@code oo}
   * keep collecting after opt-out, {@code rp} ramp percentage, {@code flags} free-form config
   * flags: all echoed by the kit configuration endpoint.
   */
  public record Workspace(
      String id,
      String organizationId,
      String accountId,
      String apiKey,
      String apiSecret,
      String pod,
      InputKind inputKind,
      IdentityScope identityScope,
      String environment,
      List<Kit> kits,
      int stl,
      int uitl,
      boolean oo,
      int rp,
      Map<String, String> flags) {
    /** Copies the collections. */
    public Workspace {
      kits = List.copyOf(kits);
      flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** The key under which identities and profiles of this workspace are kept. */
    public String scopeKey() {
      switch (identityScope) {
        case ACCOUNT:
          return "account:" + organizationId + "/" + accountId;
        case ORGANIZATION:
          return "organization:" + organizationId;
        default:
          return "workspace:" + organizationId + "/" + accountId + "/" + id;
      }
    }

    Workspace withKits(List<Kit> newKits) {
      return new Workspace(
          id,
          organizationId,
          accountId,
          apiKey,
          apiSecret,
          pod,
          inputKind,
          identityScope,
          environment,
          newKits,
          stl,
          uitl,
          oo,
          rp,
          flags);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Workspace[id="
          + id
          + ", apiKey="
          + apiKey
          + ", scope="
          + identityScope
          + ", inputKind="
          + inputKind
          + ", kits="
          + kits.size()
          + "]";
    }
  }

  /** The {@code hs} maps whose values are user attribute names, not 0|1. */
  static final java.util.Set<String> ATTRIBUTE_MAPPINGS = java.util.Set.of("eaa", "ear", "eas");

  /**
   * One kit (partner forwarder) enabled in a workspace, as served in {@code eks[]} (WIRE §6), with
   * its projections ({@code pr}) and event-attribute to user-attribute mappings ({@code
   * hs.eaa/ear/eas}).
   *
   * @param filters the {@code hs} maps: filter name ({@code et, ec, ea, svec, svea, ua, cea, uid,
   *     ent}) to (hash as decimal string to 0|1); {@code afa}, keyed by commerce entity as the
   *     platform sends it, is held as one filter per entity named {@code afa.<entity>} ({@code
   *     afa.1} products, {@code afa.2} promotions, {@code afa.3} impressions) and served nested
   *     again
   */
  public record Kit(
      int id,
      Map<String, String> settings,
      Map<String, Map<String, Integer>> filters,
      Bucket bucket,
      ConsentFilter consent,
      AttributeValueFilter attributeValue,
      boolean eau,
      JsonNode projections,
      Map<String, Map<String, String>> attributeMappings) {
    /** Copies the maps. */
    public Kit {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      Map<String, Map<String, Integer>> f = new LinkedHashMap<>();
      filters.forEach((k, v) -> f.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
      filters = Collections.unmodifiableMap(f);
      projections = projections == null ? null : projections.deepCopy();
      Map<String, Map<String, String>> m = new LinkedHashMap<>();
      attributeMappings.forEach(
          (k, v) -> m.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
      attributeMappings = Collections.unmodifiableMap(m);
    }

    /** A kit without projections ({@code pr}) or event-attribute mappings ({@code eaa/ear/eas}). */
    public Kit(
        int id,
        Map<String, String> settings,
        Map<String, Map<String, Integer>> filters,
        Bucket bucket,
        ConsentFilter consent,
        AttributeValueFilter attributeValue,
        boolean eau) {
      this(id, settings, filters, bucket, consent, attributeValue, eau, null, Map.of());
    }

    /**
     * @param pr the projections, served as {@code pr} exactly as given (JSON array), or null
     * @return a copy with these projections
     */
    public Kit withProjections(JsonNode pr) {
      return new Kit(
          id, settings, filters, bucket, consent, attributeValue, eau, pr, attributeMappings);
    }

    /** A kit with settings only and no filters. */
    public static Kit of(int id, Map<String, String> settings) {
      return new Kit(id, settings, Map.of(), null, null, null, false);
    }
  }

  /** {@code bk}: the kit is active iff lo ≤ bucket &lt; hi. */
  public record Bucket(int lo, int hi) {}

  /** {@code crvf}: include the kit iff {@code include} equals "some rule matched". */
  public record ConsentFilter(boolean include, List<ConsentRule> rules) {
    /** Copies the list. */
    public ConsentFilter {
      rules = List.copyOf(rules);
    }
  }

  /** One {@code crvf.v[]} rule: purpose hash and the consented value it matches. */
  public record ConsentRule(int hash, boolean consented) {}

  /** {@code avf}: include the kit iff {@code include} equals "attribute hash has value hash". */
  public record AttributeValueFilter(boolean include, int attributeHash, int valueHash) {}

  /** Serializes a kit as its {@code eks[]} entry. */
  static ObjectNode toEks(Kit kit, ObjectMapper mapper) {
    ObjectNode k = mapper.createObjectNode();
    k.put("id", kit.id());
    ObjectNode as = k.putObject("as");
    kit.settings().forEach(as::put);
    ObjectNode hs = k.putObject("hs");
    kit.filters()
        .forEach(
            (name, m) -> {
              ObjectNode f;
              if (name.startsWith(AFA + ".")) {
                ObjectNode afa = hs.has(AFA) ? (ObjectNode) hs.get(AFA) : hs.putObject(AFA);
                f = afa.putObject(name.substring(AFA.length() + 1));
              } else {
                f = hs.putObject(name);
              }
              m.forEach(f::put);
            });
    if (kit.bucket() != null) {
      k.putObject("bk").put("lo", kit.bucket().lo()).put("hi", kit.bucket().hi());
    }
    if (kit.consent() != null) {
      ObjectNode c = k.putObject("crvf");
      c.put("i", kit.consent().include());
      var v = c.putArray("v");
      kit.consent().rules().forEach(r -> v.addObject().put("h", r.hash()).put("c", r.consented()));
    }
    if (kit.attributeValue() != null) {
      k.putObject("avf")
          .put("i", kit.attributeValue().include())
          .put("a", kit.attributeValue().attributeHash())
          .put("v", kit.attributeValue().valueHash());
    }
    kit.attributeMappings()
        .forEach(
            (name, m) -> {
              ObjectNode f = hs.putObject(name);
              m.forEach(f::put);
            });
    if (kit.projections() != null) {
      k.set("pr", kit.projections().deepCopy());
    }
    k.put("eau", kit.eau());
    return k;
  }
}
