package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.AttributeSource;
import dev.spoke.InputKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-MPID user profiles, one set per identity scope, merged with the attribute source priority of
 * WIRE §4. Not API.
 */
final class Profiles {

  // The priority model is core's AttributeSource (WIRE §4); the devserver uses nothing else of
  // core, and
  // in particular validates what it receives without core's serializer.
  private record Attr(Object value, AttributeSource source) {}

  private final Map<String, Map<Long, Map<String, Attr>>> scopes = new HashMap<>();

  static AttributeSource sourceOf(WorkspacesFile.InputKind kind) {
    return AttributeSource.forInputKind(
        kind == WorkspacesFile.InputKind.CUSTOM_FEED ? InputKind.CUSTOM_FEED : InputKind.PLATFORM);
  }

  /**
   * Merges a batch's {@code user_attributes} and {@code deleted_user_attributes}. A key held by a
   * higher-priority source is neither overwritten nor deleted by a lower one; a value that would
   * switch between scalar and list is not ingested (the platform refuses that switch).
   */
  synchronized void apply(
      String scopeKey, long mpid, AttributeSource source, JsonNode attributes, JsonNode deleted) {
    Map<String, Attr> profile =
        scopes
            .computeIfAbsent(scopeKey, k -> new HashMap<>())
            .computeIfAbsent(mpid, k -> new LinkedHashMap<>());
    if (attributes != null && attributes.isObject()) {
      attributes
          .properties()
          .forEach(
              e -> {
                Attr existing = profile.get(e.getKey());
                if (existing != null && !source.mayOverwrite(existing.source())) {
                  return;
                }
                Object value = toValue(e.getValue());
                if (existing != null
                    && existing.value() != null
                    && value != null
                    && (existing.value() instanceof List) != (value instanceof List)) {
                  return;
                }
                profile.put(e.getKey(), new Attr(value, source));
              });
    }
    if (deleted != null && deleted.isArray()) {
      for (JsonNode d : deleted) {
        Attr existing = profile.get(d.asText());
        if (existing != null && source.mayOverwrite(existing.source())) {
          profile.remove(d.asText());
        }
      }
    }
  }

  /**
   * A copy of the profile: name to String, List&lt;String&gt; or null (a tag); empty if unknown.
   */
  synchronized Map<String, Object> profile(String scopeKey, long mpid) {
    Map<String, Attr> p = scopes.getOrDefault(scopeKey, Map.of()).get(mpid);
    if (p == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    p.forEach((k, v) -> out.put(k, v.value()));
    return Collections.unmodifiableMap(out);
  }

  /** The source that last wrote the attribute, or null. */
  synchronized String sourceOf(String scopeKey, long mpid, String attribute) {
    Map<String, Attr> p = scopes.getOrDefault(scopeKey, Map.of()).get(mpid);
    Attr a = p == null ? null : p.get(attribute);
    return a == null ? null : a.source().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Object toValue(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      List<String> list = new ArrayList<>(v.size());
      v.forEach(x -> list.add(x.asText()));
      return Collections.unmodifiableList(list);
    }
    return v.asText();
  }
}
