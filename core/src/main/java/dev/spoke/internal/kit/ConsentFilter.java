package dev.spoke.internal.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. {@code crvf}: consent rules; the kit is included iff {@code include} equals "some rule
 * matched".
 */
final class ConsentFilter {
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
          new Rule(Fields.intValue(r.get("h"), p + ".h"), Fields.boolValue(r.get("c"), p + ".c")));
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
