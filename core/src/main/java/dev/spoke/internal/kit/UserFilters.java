package dev.spoke.internal.kit;

import dev.spoke.kit.KitUser;
import dev.spoke.user.ConsentDecision;
import dev.spoke.user.ConsentState;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API. One kit's user-level rules ({@code honorOptOut}, {@code eau}, {@code bk}, {@code crvf},
 * the Web SDK's user-attribute value rule) and its view of a user ({@code uid}, {@code ua} and the
 * data plan). Pure: it holds no mutable state. Part of {@link KitFilters}; the sources of each rule
 * are listed there and in docs/KITS.md.
 */
final class UserFilters {
  private static final int CCPA_HASH = KitHash.hash("2data_sale_opt_out");

  private final KitEntry entry;
  private final DataPlan plan;

  UserFilters(KitEntry entry, DataPlan plan) {
    this.entry = entry;
    this.plan = plan;
  }

  /**
   * @param optedOut whether the user opted out
   * @return the rule that turns the kit off for this user right now, or null if it is on
   */
  public String userRuleBlocking(KitUser user, boolean optedOut) {
    if (optedOut && entry.honorOptOut()) {
      return KitFilters.RULE_OPT_OUT;
    }
    if (entry.excludeAnonymousUsers() && (user == null || !user.loggedIn())) {
      return KitFilters.RULE_ANONYMOUS;
    }
    Bracket bk = entry.bracket();
    // No user or no mpid yet: bucket 0, as Android computes it from its temporary mpid 0.
    if (bk != null && !bk.includes(user == null ? null : user.mpid())) {
      return KitFilters.RULE_BRACKET;
    }
    ConsentFilter crvf = entry.consentFilter();
    if (crvf != null && (user == null || crvf.include() != consentMatches(crvf, user.consent()))) {
      return KitFilters.RULE_CONSENT;
    }
    UserAttributeValueFilter uavf = entry.userAttributeValueFilter();
    if (uavf != null && (user == null || uavf.include() != userAttributeMatches(uavf, user))) {
      return KitFilters.RULE_USER_ATTRIBUTE_VALUE;
    }
    return null;
  }

  static boolean consentMatches(ConsentFilter crvf, ConsentState consent) {
    for (ConsentFilter.Rule rule : crvf.rules()) {
      for (Map.Entry<String, ConsentDecision> p : consent.gdpr().entrySet()) {
        if (p.getValue() != null
            && rule.hash() == KitHash.hash("1" + p.getKey())
            && rule.consented() == p.getValue().consented()) {
          return true;
        }
      }
      ConsentDecision ccpa = consent.ccpa();
      if (ccpa != null && rule.hash() == CCPA_HASH && rule.consented() == ccpa.consented()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Web SDK's rule: some user attribute has the key and value hashes (a list matches on any
   * item).
   */
  private static boolean userAttributeMatches(UserAttributeValueFilter f, KitUser user) {
    for (Map.Entry<String, Object> a : user.attributes().entrySet()) {
      if (KitHash.hash(a.getKey()) != f.keyHash()) {
        continue;
      }
      Object v = a.getValue();
      if (v instanceof List) {
        for (Object item : (List<?>) v) {
          if (item != null && KitHash.hash(item.toString()) == f.valueHash()) {
            return true;
          }
        }
      } else if (KitHash.hash(v == null ? null : v.toString()) == f.valueHash()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param user the full user, or null
   * @param planBlocks receives each identity and user attribute the data plan removed, or null
   * @return the user as this kit may see them, or null for null
   */
  public KitUser userView(KitUser user, List<PlanBlock> planBlocks) {
    if (user == null) {
      return null;
    }
    UserIdentities ids = user.identities();
    if (!entry.identityTypes().allowsAll() || plan.filtersUsers()) {
      UserIdentities.Builder b = UserIdentities.builder();
      boolean changed = false;
      for (Map.Entry<IdentityType, String> e : ids.asMap().entrySet()) {
        if (!entry.identityTypes().allows(e.getKey().filterNumber())) {
          changed = true;
        } else if (!plan.allowsIdentity(e.getKey())) {
          changed = true;
          if (planBlocks != null) {
            planBlocks.add(new PlanBlock(PlanBlock.Kind.IDENTITY, e.getKey().idsyncKey(), null));
          }
        } else {
          b.put(e.getKey(), e.getValue());
        }
      }
      if (changed) {
        ids = b.build();
      }
    }
    Map<String, Object> attrs = user.attributes();
    if (!entry.userAttributes().allowsAll() || plan.filtersUsers()) {
      Map<String, Object> kept = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : attrs.entrySet()) {
        if (!entry.userAttributes().allows(KitHash.hash(e.getKey()))) {
          continue;
        }
        if (!plan.allowsUserAttribute(e.getKey())) {
          if (planBlocks != null) {
            planBlocks.add(new PlanBlock(PlanBlock.Kind.USER_ATTRIBUTE, e.getKey(), null));
          }
          continue;
        }
        kept.put(e.getKey(), e.getValue());
      }
      if (kept.size() != attrs.size()) {
        attrs = kept;
      }
    }
    if (ids == user.identities() && attrs == user.attributes()) {
      return user;
    }
    return new KitUser(user.mpid(), ids, attrs, user.consent(), user.loggedIn());
  }

  /**
   * @param key a user attribute key
   * @return the rule that keeps an attribute call with this key from the kit ({@code ua}, or {@code
   *     dataPlan} when the plan blocks unplanned user attributes), or null if it may pass
   */
  public String userAttributeRuleBlocking(String key) {
    if (!entry.userAttributes().allows(KitHash.hash(key))) {
      return KitFilters.RULE_USER_ATTRIBUTE;
    }
    return plan.allowsUserAttribute(key) ? null : KitFilters.RULE_DATA_PLAN;
  }
}
