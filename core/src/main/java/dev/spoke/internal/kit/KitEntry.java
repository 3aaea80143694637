package dev.spoke.internal.kit;

import dev.spoke.kit.EventAttributeMappings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Not API. One {@code eks[]} entry of the kit configuration: a kit's id, settings, filters and
 * rules.
 */
final class KitEntry {
  /** The setting that decides whether a kit stops receiving data after an opt-out. */
  public static final String HONOR_OPT_OUT = "honorOptOut";

  /** Commerce entity type numbers of the {@code ent} filter. */
  public static final int ENTITY_PRODUCT = 1;

  /** Commerce entity type number of promotions. */
  public static final int ENTITY_PROMOTION = 2;

  /** Commerce entity type number of impressions. */
  public static final int ENTITY_IMPRESSION = 3;

  private final int moduleId;
  private final Map<String, String> settings;
  private final HashFilter eventTypes;
  private final HashFilter eventNames;
  private final HashFilter eventAttributes;
  private final HashFilter screenNames;
  private final HashFilter screenAttributes;
  private final HashFilter userAttributes;
  private final HashFilter identityTypes;
  private final HashFilter commerceAttributes;
  private final HashFilter commerceEntities;
  private final Map<Integer, HashFilter> commerceEntityAttributes;
  private final Bracket bracket;
  private final ConsentFilter consentFilter;
  private final AttributeValueFilter attributeValueFilter;
  private final UserAttributeValueFilter userAttributeValueFilter;
  private final boolean excludeAnonymousUsers;
  private final Projections projections;
  private final EventAttributeMappings eventAttributeMappings;

  private KitEntry(Builder b) {
    this.moduleId = b.moduleId;
    this.settings = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(b.settings));
    this.eventTypes = b.eventTypes;
    this.eventNames = b.eventNames;
    this.eventAttributes = b.eventAttributes;
    this.screenNames = b.screenNames;
    this.screenAttributes = b.screenAttributes;
    this.userAttributes = b.userAttributes;
    this.identityTypes = b.identityTypes;
    this.commerceAttributes = b.commerceAttributes;
    this.commerceEntities = b.commerceEntities;
    this.commerceEntityAttributes =
        Collections.unmodifiableMap(new TreeMap<>(b.commerceEntityAttributes));
    this.bracket = b.bracket;
    this.consentFilter = b.consentFilter;
    this.attributeValueFilter = b.attributeValueFilter;
    this.userAttributeValueFilter = b.userAttributeValueFilter;
    this.excludeAnonymousUsers = b.excludeAnonymousUsers;
    this.projections = b.projections;
    this.eventAttributeMappings = b.eventAttributeMappings;
  }

  /**
   * @param moduleId the kit's module id
   */
  public static Builder builder(int moduleId) {
    return new Builder(moduleId);
  }

  /**
   * The entry of a sideloaded kit: its local settings and filters, no rules from the workspace.
   *
   * @param kit the host's sideloaded kit
   * @return its entry
   */
  public static KitEntry sideloaded(dev.spoke.kit.SideloadedKit kit) {
    Builder b = builder(kit.moduleId()).settings(kit.settings());
    Map<String, java.util.Set<Integer>> f = kit.filters();
    b.eventTypes = blocking(f.get("et"));
    b.eventNames = blocking(f.get("ec"));
    b.eventAttributes = blocking(f.get("ea"));
    b.screenNames = blocking(f.get("svec"));
    b.screenAttributes = blocking(f.get("svea"));
    b.identityTypes = blocking(f.get("uid"));
    b.userAttributes = blocking(f.get("ua"));
    return b.build();
  }

  private static HashFilter blocking(java.util.Set<Integer> blocked) {
    return blocked == null || blocked.isEmpty()
        ? HashFilter.ALLOW_ALL
        : HashFilter.blocking(blocked);
  }

  /**
   * Reads one {@code eks} entry. Absent fields take the defaults the Android SDK's {@code
   * KitConfiguration} gives them (mParticle/mparticle-android-sdk
   * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
   * parseConfiguration}): no filters, no bracket (every bucket), no consent or value rules. A field
   * that is present but cannot be read throws, naming it; the caller then disables this kit only.
   */
  static KitEntry parse(Object v, String path) throws KitConfigurationException {
    Map<String, Object> o = Fields.object(v, path);
    if (o.get("id") == null) {
      throw new KitConfigurationException(
          path + ".id: missing; every eks entry needs its kit's module id");
    }
    Builder b = builder(Fields.intValue(o.get("id"), path + ".id"));
    b.settings(Fields.stringMap(o.get("as"), path + ".as"));
    Map<String, Object> hs = Fields.optObject(o, "hs", path + ".hs");
    String h = path + ".hs.";
    b.eventTypes = HashFilter.parse(hs.get("et"), h + "et");
    b.eventNames = HashFilter.parse(hs.get("ec"), h + "ec");
    b.eventAttributes = HashFilter.parse(hs.get("ea"), h + "ea");
    b.screenNames = HashFilter.parse(hs.get("svec"), h + "svec");
    b.screenAttributes = HashFilter.parse(hs.get("svea"), h + "svea");
    b.userAttributes = HashFilter.parse(hs.get("ua"), h + "ua");
    b.identityTypes = HashFilter.parse(hs.get("uid"), h + "uid");
    b.commerceAttributes = HashFilter.parse(hs.get("cea"), h + "cea");
    b.commerceEntities = HashFilter.parse(hs.get("ent"), h + "ent");
    b.commerceEntityAttributes = parseEntityAttributes(hs.get("afa"), h + "afa");
    b.bracket = Bracket.parse(o.get("bk"), path + ".bk");
    b.consentFilter = ConsentFilter.parse(o.get("crvf"), path + ".crvf");
    b.attributeValueFilter = AttributeValueFilter.parse(o.get("avf"), path + ".avf");
    b.userAttributeValueFilter =
        UserAttributeValueFilter.parse(
            o.get(UserAttributeValueFilter.KEY), path + "." + UserAttributeValueFilter.KEY);
    Boolean eau = Fields.optBool(o, "eau", path + ".eau");
    b.excludeAnonymousUsers = eau != null && eau;
    b.projections = Projections.parse(o.get("pr"), path + ".pr");
    b.eventAttributeMappings =
        EventAttributeMappings.of(
            hashNames(hs.get("eaa"), h + "eaa"),
            hashNames(hs.get("ear"), h + "ear"),
            hashNames(hs.get("eas"), h + "eas"));
    return b.build();
  }

  /**
   * {@code afa} is keyed by commerce entity ({"1": {hash → 0|1}, "2": {…}}), as the Android SDK
   * reads it ({@code KitConfiguration.parseConfiguration}, {@code getJSONObject} per entity): a
   * flat map is not a shape any SDK reads, so it fails here (and disables the kit) rather than
   * being guessed at.
   */
  private static Map<Integer, HashFilter> parseEntityAttributes(Object v, String path)
      throws KitConfigurationException {
    Map<Integer, HashFilter> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    Map<String, Object> o = Fields.object(v, path);
    for (Map.Entry<String, Object> e : o.entrySet()) {
      String p = path + "[\"" + e.getKey() + "\"]";
      int entity = Fields.intValue(e.getKey(), p);
      if (e.getValue() != null && !(e.getValue() instanceof Map)) {
        throw new KitConfigurationException(
            p
                + ": expected an object {hash: 0|1} for commerce entity "
                + entity
                + " (afa is keyed by entity: 1 product, 2 promotion, 3 impression), got "
                + Fields.describe(e.getValue()));
      }
      HashFilter f = HashFilter.parse(e.getValue(), p);
      if (!f.allowsAll()) {
        out.put(entity, f);
      }
    }
    return out;
  }

  /**
   * {@code eaa}/{@code ear}/{@code eas}: {hash → user attribute name}, as
   * KitConfiguration.convertToSparseMap reads them (mParticle/mparticle-android-sdk,
   * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java).
   */
  private static Map<Integer, String> hashNames(Object v, String path)
      throws KitConfigurationException {
    if (v == null) {
      return Collections.emptyMap();
    }
    Map<Integer, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Fields.object(v, path).entrySet()) {
      String p = path + "[\"" + e.getKey() + "\"]";
      if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
        throw new KitConfigurationException(
            p + ": expected a user attribute name, got " + Fields.describe(e.getValue()));
      }
      out.put(Fields.intValue(e.getKey(), p + " (key)"), e.getValue().toString());
    }
    return out;
  }

  /**
   * @return {@code pr}: the kit's projections, {@link Projections#NONE} when none
   */
  public Projections projections() {
    return projections;
  }

  /**
   * @return {@code hs.eaa}/{@code hs.ear}/{@code hs.eas}: event attributes mapped onto user
   *     attributes
   */
  public EventAttributeMappings eventAttributeMappings() {
    return eventAttributeMappings;
  }

  /**
   * @return the kit's module id ({@code id})
   */
  public int moduleId() {
    return moduleId;
  }

  /**
   * @return the kit's settings ({@code as}), unmodifiable
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * @return the {@code honorOptOut} setting read as the Android SDK reads it: absent → true,
   *     otherwise {@link Boolean#parseBoolean} (only "true", in any case, is true; "yes", "1" or ""
   *     are false). Source: mParticle/mparticle-android-sdk
   *     android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
   *     shouldHonorOptOut}.
   */
  public boolean honorOptOut() {
    if (!settings.containsKey(HONOR_OPT_OUT)) {
      return true;
    }
    return Boolean.parseBoolean(settings.get(HONOR_OPT_OUT));
  }

  /**
   * @return {@code hs.et}: hash(typeNumber)
   */
  public HashFilter eventTypes() {
    return eventTypes;
  }

  /**
   * @return {@code hs.ec}: hash(typeNumber + name)
   */
  public HashFilter eventNames() {
    return eventNames;
  }

  /**
   * @return {@code hs.ea}: hash(typeNumber + name + attrKey)
   */
  public HashFilter eventAttributes() {
    return eventAttributes;
  }

  /**
   * @return {@code hs.svec}: hash("0" + screenName)
   */
  public HashFilter screenNames() {
    return screenNames;
  }

  /**
   * @return {@code hs.svea}: hash("0" + screenName + attrKey)
   */
  public HashFilter screenAttributes() {
    return screenAttributes;
  }

  /**
   * @return {@code hs.ua}: hash(userAttrKey)
   */
  public HashFilter userAttributes() {
    return userAttributes;
  }

  /**
   * @return {@code hs.uid}: raw identity type numbers (not hashed)
   */
  public HashFilter identityTypes() {
    return identityTypes;
  }

  /**
   * @return {@code hs.cea}: hash(commerceTypeNumber + attrKey)
   */
  public HashFilter commerceAttributes() {
    return commerceAttributes;
  }

  /**
   * @return {@code hs.ent}: raw commerce entity type numbers (1 product, 2 promotion, 3 impression)
   */
  public HashFilter commerceEntities() {
    return commerceEntities;
  }

  /**
   * @param entity a commerce entity number ({@link #ENTITY_PRODUCT}, {@link #ENTITY_PROMOTION},
   *     {@link #ENTITY_IMPRESSION})
   * @return {@code hs.afa[entity]}: hash(field or attribute key) of that entity's blocked fields
   */
  public HashFilter commerceEntityAttributes(int entity) {
    return commerceEntityAttributes.getOrDefault(entity, HashFilter.ALLOW_ALL);
  }

  /**
   * @return true if {@code hs.afa} blocks anything
   */
  public boolean hasCommerceEntityAttributeFilters() {
    return !commerceEntityAttributes.isEmpty();
  }

  /**
   * @return the {@code bk} bracket, or null
   */
  public Bracket bracket() {
    return bracket;
  }

  /**
   * @return the {@code crvf} consent rules, or null
   */
  public ConsentFilter consentFilter() {
    return consentFilter;
  }

  /**
   * @return the {@code avf} attribute-value filter, or null
   */
  public AttributeValueFilter attributeValueFilter() {
    return attributeValueFilter;
  }

  /**
   * @return the Web SDK's user-attribute value rule ({@code filteringUserAttributeValue}), or null
   */
  public UserAttributeValueFilter userAttributeValueFilter() {
    return userAttributeValueFilter;
  }

  /**
   * @return {@code eau}: true turns the kit off for users who are not logged in
   */
  public boolean excludeAnonymousUsers() {
    return excludeAnonymousUsers;
  }

  /**
   * @return true if everything but the settings is equal (a settings-only change keeps the kit)
   */
  boolean sameRules(KitEntry o) {
    return moduleId == o.moduleId
        && eventTypes.equals(o.eventTypes)
        && eventNames.equals(o.eventNames)
        && eventAttributes.equals(o.eventAttributes)
        && screenNames.equals(o.screenNames)
        && screenAttributes.equals(o.screenAttributes)
        && userAttributes.equals(o.userAttributes)
        && identityTypes.equals(o.identityTypes)
        && commerceAttributes.equals(o.commerceAttributes)
        && commerceEntities.equals(o.commerceEntities)
        && commerceEntityAttributes.equals(o.commerceEntityAttributes)
        && Objects.equals(bracket, o.bracket)
        && Objects.equals(consentFilter, o.consentFilter)
        && Objects.equals(attributeValueFilter, o.attributeValueFilter)
        && Objects.equals(userAttributeValueFilter, o.userAttributeValueFilter)
        && excludeAnonymousUsers == o.excludeAnonymousUsers
        && projections.equals(o.projections)
        && eventAttributeMappings.equals(o.eventAttributeMappings);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KitEntry
        && sameRules((KitEntry) o)
        && settings.equals(((KitEntry) o).settings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(moduleId, settings, eventTypes, eventNames, bracket);
  }

  /** Settings are left out: a kit's settings may hold the partner's credentials. */
  @Override
  public String toString() {
    return "KitEntry{id=" + moduleId + ", settings=" + settings.keySet() + '}';
  }

  /** {@code bk}: the kit is active for users whose bucket, abs(mpid >> 8) % 100, is in [lo, hi). */
  public static final class Bracket {
    private final int lo;
    private final int hi;

    /**
     * @param lo lowest bucket included
     * @param hi first bucket excluded
     */
    public Bracket(int lo, int hi) {
      this.lo = lo;
      this.hi = hi;
    }

    static Bracket parse(Object v, String path) throws KitConfigurationException {
      if (v == null) {
        return null;
      }
      Map<String, Object> o = Fields.object(v, path);
      if (o.isEmpty()) {
        return null; // {} brackets nothing: the Android SDK's defaults, lo 0 and hi 101, admit
        // every bucket
      }
      // Half a bracket is not read as "the other bound defaults": a kit meant for a slice of users
      // would
      // then get everyone on one side. The kit is disabled and reported instead (docs/KITS.md).
      if (o.get("lo") == null || o.get("hi") == null) {
        throw new KitConfigurationException(
            path
                + ": a bracket needs both lo and hi, got only "
                + o.keySet()
                + "; send {\"lo\": 0, \"hi\": 100} style bounds or leave bk out");
      }
      return new Bracket(
          Fields.intValue(o.get("lo"), path + ".lo"), Fields.intValue(o.get("hi"), path + ".hi"));
    }

    /**
     * @return the lowest included bucket
     */
    public int lo() {
      return lo;
    }

    /**
     * @return the first excluded bucket
     */
    public int hi() {
      return hi;
    }

    /**
     * @param mpid a user's mpid
     * @return the user's bucket, 0..99
     */
    public static int bucket(long mpid) {
      // Math.abs(Long.MIN_VALUE >> 8) is positive, so no overflow case here.
      return (int) (Math.abs(mpid >> 8) % 100);
    }

    /**
     * @param mpid a user's mpid, or null when the user has none yet
     * @return whether the kit is active for that user. A user with no mpid is in bucket 0, as on
     *     Android, where the SDK's mpid before identification is {@code Constants.TEMPORARY_MPID} =
     *     0 (mParticle/mparticle-android-sdk
     *     android-core/src/main/java/com/mparticle/internal/ConfigManager.java {@code
     *     getUserBucket}, android-core/src/main/kotlin/com/mparticle/internal/Constants.kt).
     */
    public boolean includes(Long mpid) {
      return includes(mpid == null ? 0L : mpid.longValue());
    }

    /**
     * @param mpid a user's mpid
     * @return whether the kit is active for that user
     */
    public boolean includes(long mpid) {
      int b = bucket(mpid);
      return lo <= b && b < hi;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bracket && ((Bracket) o).lo == lo && ((Bracket) o).hi == hi;
    }

    @Override
    public int hashCode() {
      return 31 * lo + hi;
    }

    @Override
    public String toString() {
      return "Bracket[" + lo + ", " + hi + ")";
    }
  }

  /**
   * {@code crvf}: consent rules; the kit is included iff {@code include} equals "some rule
   * matched".
   */
  public static final class ConsentFilter {
    private final boolean include;
    private final List<Rule> rules;

    /**
     * @param include {@code i}
     * @param rules {@code v}
     */
    public ConsentFilter(boolean include, List<Rule> rules) {
      this.include = include;
      this.rules = Collections.unmodifiableList(new ArrayList<>(rules));
    }

    static ConsentFilter parse(Object v, String path) throws KitConfigurationException {
      if (v == null) {
        return null;
      }
      Map<String, Object> o = Fields.object(v, path);
      Boolean i = Fields.optBool(o, "i", path + ".i");
      List<Rule> rules = new ArrayList<>();
      Object list = o.get("v");
      // The Android SDK reads v with getJSONArray: without it the entry fails to parse and the kit
      // does not
      // start (KitConfiguration.parseConfiguration). Here too: rules that cannot be read never mean
      // "no rules".
      if (list == null) {
        throw new KitConfigurationException(
            path + ".v: missing; consent rules need v, a list of {h, c} (an empty list for none)");
      }
      List<Object> items = Fields.array(list, path + ".v");
      for (int n = 0; n < items.size(); n++) {
        String p = path + ".v[" + n + "]";
        Map<String, Object> r = Fields.object(items.get(n), p);
        if (r.get("h") == null || r.get("c") == null) {
          throw new KitConfigurationException(
              p + ": a consent rule needs h and c, got " + r.keySet());
        }
        rules.add(
            new Rule(
                Fields.intValue(r.get("h"), p + ".h"), Fields.boolValue(r.get("c"), p + ".c")));
      }
      if (rules.isEmpty()) {
        return null; // no rules: nothing to decide, the kit is not restricted by consent
      }
      if (i == null) {
        throw new KitConfigurationException(
            path + ".i: missing; consent rules need i (include when matched)");
      }
      return new ConsentFilter(i, rules);
    }

    /**
     * @return {@code i}
     */
    public boolean include() {
      return include;
    }

    /**
     * @return the rules, unmodifiable
     */
    public List<Rule> rules() {
      return rules;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ConsentFilter
          && ((ConsentFilter) o).include == include
          && ((ConsentFilter) o).rules.equals(rules);
    }

    @Override
    public int hashCode() {
      return Objects.hash(include, rules);
    }

    /** One consent rule: {@code h} the purpose hash, {@code c} the consented value it matches. */
    public static final class Rule {
      private final int hash;
      private final boolean consented;

      /**
       * @param hash {@code h}: hash("1" + gdprPurpose) or hash("2data_sale_opt_out")
       * @param consented {@code c}
       */
      public Rule(int hash, boolean consented) {
        this.hash = hash;
        this.consented = consented;
      }

      /**
       * @return {@code h}
       */
      public int hash() {
        return hash;
      }

      /**
       * @return {@code c}
       */
      public boolean consented() {
        return consented;
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Rule && ((Rule) o).hash == hash && ((Rule) o).consented == consented;
      }

      @Override
      public int hashCode() {
        return hash * 2 + (consented ? 1 : 0);
      }
    }
  }

  /**
   * {@code avf}: an event (custom event, screen view, commerce event) goes to the kit iff {@code
   * include} equals "the event's own custom attributes have one with key hash {@code a} whose value
   * hashes to {@code v}". Source: mParticle/mparticle-android-sdk
   * android-kit-base/src/main/java/com/mparticle/kits/KitConfiguration.java {@code
   * shouldIncludeFromAttributeValueFiltering}; mParticle/mparticle-apple-sdk
   * mParticle-Apple-SDK/Kits/MPKitContainer.m {@code shouldIncludeEventWithAttributes}.
   *
   * @param include {@code i}
   * @param keyHash {@code a}: hash(attrKey)
   * @param valueHash {@code v}: hash(attrValue)
   */
  public record AttributeValueFilter(boolean include, int keyHash, int valueHash) {

    static AttributeValueFilter parse(Object v, String path) throws KitConfigurationException {
      if (v == null) {
        return null;
      }
      Map<String, Object> o = Fields.object(v, path);
      for (String k : new String[] {"i", "a", "v"}) {
        if (o.get(k) == null) {
          throw new KitConfigurationException(
              path + "." + k + ": missing; an attribute-value filter needs i, a and v");
        }
      }
      return new AttributeValueFilter(
          Fields.boolValue(o.get("i"), path + ".i"),
          Fields.intValue(o.get("a"), path + ".a"),
          Fields.intValue(o.get("v"), path + ".v"));
    }
  }

  /**
   * The Web SDK's per-kit user-attribute value rule, {@code filteringUserAttributeValue}
   * {userAttributeName: hash, userAttributeValue: hash, includeOnMatch}: the kit is on for a user
   * iff includeOnMatch equals "one of the user's attributes has that key and value"; with no user,
   * off. Source: mParticle/mparticle-web-sdk src/forwarders.js {@code isEnabledForUserAttributes}.
   * Read only when an {@code eks} entry carries it; an empty object is no rule, as on the web.
   *
   * @param include {@code includeOnMatch}
   * @param keyHash {@code userAttributeName}: hash(key)
   * @param valueHash {@code userAttributeValue}: hash(value)
   */
  public record UserAttributeValueFilter(boolean include, int keyHash, int valueHash) {
    static final String KEY = "filteringUserAttributeValue";

    static UserAttributeValueFilter parse(Object v, String path) throws KitConfigurationException {
      if (v == null) {
        return null;
      }
      Map<String, Object> o = Fields.object(v, path);
      if (o.isEmpty()) {
        return null;
      }
      for (String k : new String[] {"userAttributeName", "userAttributeValue", "includeOnMatch"}) {
        if (o.get(k) == null) {
          throw new KitConfigurationException(
              path
                  + "."
                  + k
                  + ": missing; a user-attribute value rule needs userAttributeName, userAttributeValue and includeOnMatch");
        }
      }
      return new UserAttributeValueFilter(
          Fields.boolValue(o.get("includeOnMatch"), path + ".includeOnMatch"),
          Fields.intValue(o.get("userAttributeName"), path + ".userAttributeName"),
          Fields.intValue(o.get("userAttributeValue"), path + ".userAttributeValue"));
    }
  }

  /** Builds a {@link KitEntry} (tests and fixed configurations). */
  public static final class Builder {
    private final int moduleId;
    private Map<String, String> settings = Collections.emptyMap();
    private HashFilter eventTypes = HashFilter.ALLOW_ALL;
    private HashFilter eventNames = HashFilter.ALLOW_ALL;
    private HashFilter eventAttributes = HashFilter.ALLOW_ALL;
    private HashFilter screenNames = HashFilter.ALLOW_ALL;
    private HashFilter screenAttributes = HashFilter.ALLOW_ALL;
    private HashFilter userAttributes = HashFilter.ALLOW_ALL;
    private HashFilter identityTypes = HashFilter.ALLOW_ALL;
    private HashFilter commerceAttributes = HashFilter.ALLOW_ALL;
    private HashFilter commerceEntities = HashFilter.ALLOW_ALL;
    private Map<Integer, HashFilter> commerceEntityAttributes = new TreeMap<>();
    private Bracket bracket;
    private ConsentFilter consentFilter;
    private AttributeValueFilter attributeValueFilter;
    private UserAttributeValueFilter userAttributeValueFilter;
    private boolean excludeAnonymousUsers;
    private Projections projections = Projections.NONE;
    private EventAttributeMappings eventAttributeMappings = EventAttributeMappings.NONE;

    private Builder(int moduleId) {
      this.moduleId = moduleId;
    }

    /**
     * @param settings the {@code as} map
     */
    public Builder settings(Map<String, String> settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param bracket {@code bk}, or null
     */
    public Builder bracket(Bracket bracket) {
      this.bracket = bracket;
      return this;
    }

    /**
     * @param consentFilter {@code crvf}, or null
     */
    public Builder consentFilter(ConsentFilter consentFilter) {
      this.consentFilter = consentFilter;
      return this;
    }

    /**
     * @param filter {@code avf}, or null
     */
    public Builder attributeValueFilter(AttributeValueFilter filter) {
      this.attributeValueFilter = filter;
      return this;
    }

    /**
     * @param filter the Web SDK's user-attribute value rule, or null
     */
    public Builder userAttributeValueFilter(UserAttributeValueFilter filter) {
      this.userAttributeValueFilter = filter;
      return this;
    }

    /**
     * @param eau {@code eau}
     */
    public Builder excludeAnonymousUsers(boolean eau) {
      this.excludeAnonymousUsers = eau;
      return this;
    }

    /**
     * @param mappings {@code eaa}/{@code ear}/{@code eas}
     */
    public Builder eventAttributeMappings(EventAttributeMappings mappings) {
      this.eventAttributeMappings = Objects.requireNonNull(mappings, "mappings");
      return this;
    }

    /**
     * @param prJson the {@code pr} array as JSON text
     * @throws KitConfigurationException if it is not a valid projection list
     */
    public Builder projections(String prJson) throws KitConfigurationException {
      try {
        this.projections = Projections.parse(JsonTree.parse(prJson), "pr");
      } catch (java.io.IOException e) {
        throw new KitConfigurationException("pr: not valid JSON: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * @return the entry
     */
    public KitEntry build() {
      return new KitEntry(this);
    }
  }
}
