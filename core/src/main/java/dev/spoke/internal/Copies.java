package dev.spoke.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Not API. Null-tolerant defensive copies for the model's value types. */
public final class Copies {
  private Copies() {}

  /**
   * Copies a map keeping insertion order, null keys and null values (the model carries raw input so
   * that validation can see and report it); a null map becomes an empty one.
   */
  public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> source) {
    if (source == null || source.isEmpty()) {
      return Collections.emptyMap();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }

  /**
   * Copies a collection keeping order and null elements; a null collection becomes an empty list.
   */
  public static <T> List<T> list(Collection<? extends T> source) {
    if (source == null || source.isEmpty()) {
      return Collections.emptyList();
    }
    return Collections.unmodifiableList(new ArrayList<>(source));
  }

  /**
   * Adds all entries of {@code source} to {@code target}; never throws, because a caller's map may
   * be concurrently modified or may refuse iteration and a tracking call must survive that.
   */
  public static <K, V> void putAll(Map<K, V> target, Map<? extends K, ? extends V> source) {
    if (source == null) {
      return;
    }
    try {
      for (Map.Entry<? extends K, ? extends V> e : source.entrySet()) {
        target.put(e.getKey(), e.getValue());
      }
    } catch (RuntimeException ignored) {
      // A misbehaving host map: keep what was copied so far rather than throw into the host.
    }
  }

  /**
   * Copies a collection like {@link #list} but survives a misbehaving source (keeps what was read).
   */
  public static <T> List<T> safeList(Collection<? extends T> source) {
    if (source == null) {
      return Collections.emptyList();
    }
    List<T> copy = new ArrayList<>();
    try {
      copy.addAll(source);
    } catch (RuntimeException ignored) {
      // Keep what was copied before the failure; a tracking call never throws.
    }
    return copy.isEmpty() ? Collections.emptyList() : Collections.unmodifiableList(copy);
  }

  /** Copies a map like {@link #map} but survives a misbehaving source (keeps what was read). */
  public static <K, V> Map<K, V> safeMap(Map<? extends K, ? extends V> source) {
    if (source == null) {
      return Collections.emptyMap();
    }
    Map<K, V> copy = new LinkedHashMap<>();
    putAll(copy, source);
    return copy.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(copy);
  }
}
