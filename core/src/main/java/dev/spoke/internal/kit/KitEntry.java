package dev.spoke.internal.kit;

import dev.spoke.kit.EventAttributeMappings;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

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
  private final HashFilters hs;
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
    this.hs = b.hs;
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
    b.hs = HashFilters.sideloaded(kit.filters());
    return b.build();
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
    b.hs = HashFilters.parse(hs, h);
    b.bracket = Bracket.parse(o.get("bk"), path + ".bk");
    b.consentFilter = ConsentFilter.parse(o.get("crvf"), path + ".crvf");
    b.attributeValueFilter = AttributeValueFilter.parse(o.get("avf"), path + ".avf");
    b.userAttributeValueFilter =
        UserAttributeValueFilter.parse(
            o.get(UserAttributeValueFilter.KEY), path + "." + UserAttributeValueFilter.KEY);
    Boolean eau = Fields.optBool(o, "eau", path + ".eau");
    b.excludeAnonymousUsers = eau != null && eau;
    b.projections = Projections.parse(o.get("pr"), path + ".pr");
    b.eventAttributeMappings = HashFilters.attributeMappings(hs, h);
    return b.build();
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
    return hs.eventTypes();
  }

  /**
   * @return {@code hs.ec}: hash(typeNumber + name)
   */
  public HashFilter eventNames() {
    return hs.eventNames();
  }

  /**
   * @return {@code hs.ea}: hash(typeNumber + name + attrKey)
   */
  public HashFilter eventAttributes() {
    return hs.eventAttributes();
  }

  /**
   * @return {@code hs.svec}: hash("0" + screenName)
   */
  public HashFilter screenNames() {
    return hs.screenNames();
  }

  /**
   * @return {@code hs.svea}: hash("0" + screenName + attrKey)
   */
  public HashFilter screenAttributes() {
    return hs.screenAttributes();
  }

  /**
   * @return {@code hs.ua}: hash(userAttrKey)
   */
  public HashFilter userAttributes() {
    return hs.userAttributes();
  }

  /**
   * @return {@code hs.uid}: raw identity type numbers (not hashed)
   */
  public HashFilter identityTypes() {
    return hs.identityTypes();
  }

  /**
   * @return {@code hs.cea}: hash(commerceTypeNumber + attrKey)
   */
  public HashFilter commerceAttributes() {
    return hs.commerceAttributes();
  }

  /**
   * @return {@code hs.ent}: raw commerce entity type numbers (1 product, 2 promotion, 3 impression)
   */
  public HashFilter commerceEntities() {
    return hs.commerceEntities();
  }

  /**
   * @param entity a commerce entity number ({@link #ENTITY_PRODUCT}, {@link #ENTITY_PROMOTION},
   *     {@link #ENTITY_IMPRESSION})
   * @return {@code hs.afa[entity]}: hash(field or attribute key) of that entity's blocked fields
   */
  public HashFilter commerceEntityAttributes(int entity) {
    return hs.commerceEntityAttributes().getOrDefault(entity, HashFilter.ALLOW_ALL);
  }

  /**
   * @return true if {@code hs.afa} blocks anything
   */
  public boolean hasCommerceEntityAttributeFilters() {
    return !hs.commerceEntityAttributes().isEmpty();
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
        && hs.equals(o.hs)
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
    return Objects.hash(moduleId, settings, hs.eventTypes(), hs.eventNames(), bracket);
  }

  /** Settings are left out: a kit's settings may hold the partner's credentials. */
  @Override
  public String toString() {
    return "KitEntry{id=" + moduleId + ", settings=" + settings.keySet() + '}';
  }

  /** Builds a {@link KitEntry} (tests and fixed configurations). */
  public static final class Builder {
    private final int moduleId;
    private Map<String, String> settings = Collections.emptyMap();
    private HashFilters hs = HashFilters.ALLOW_ALL;
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
