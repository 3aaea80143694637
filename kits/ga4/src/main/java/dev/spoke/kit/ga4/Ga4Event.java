package dev.spoke.kit.ga4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One GA4 event ready to send, with the name of what it came from (for forwarding reports). */
final class Ga4Event {
  final String name;
  final String sourceName;

  /**
   * Parameter values are String, Long, Double or a List of item maps; at most {@link
   * Ga4Mapper#MAX_PARAMS}.
   */
  final Map<String, Object> params;

  Ga4Event(String name, String sourceName, Map<String, Object> params) {
    this.name = name;
    this.sourceName = sourceName;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  @Override
  public String toString() {
    return "Ga4Event{" + name + ", params=" + params.keySet() + '}';
  }
}
