package dev.spoke;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A data-hosting pod of the platform; each pod has its own Events API and IDSync hosts.
 *
 * <p>Hosts are derived from the pod id the way the platform's Web SDK derives them from a key's
 * prefix (mparticle-web-sdk, {@code src/store.ts}, {@code processDirectBaseUrls}; the Android SDK
 * does the same in {@code android-core/.../networking/MParticleBaseClientImpl.java}, {@code
 * getPodUrl}): the id is inserted after the service's first host label, so {@code
 * s2s.mparticle.com} becomes {@code s2s.eu1.mparticle.com} and {@code identity.mparticle.com}
 * becomes {@code identity.eu1.mparticle.com}. The kit configuration host is global (neither SDK
 * prefixes it). See docs/WIRE.md section 1.
 *
 * <p>Immutable; equal pods have equal ids.
 */
public final class Pod {
  /** United States 1 (also the pod of keys without a prefix). */
  public static final Pod US1 = new Pod("us1");

  /** United States 2. */
  public static final Pod US2 = new Pod("us2");

  /** European Union 1. */
  public static final Pod EU1 = new Pod("eu1");

  /** Australia 1. */
  public static final Pod AU1 = new Pod("au1");

  /**
   * ST1, the further pod the platform's SDKs name among key prefixes (ConfigManager.getPodPrefix).
   */
  public static final Pod ST1 = new Pod("st1");

  private static final List<Pod> KNOWN = List.of(US1, US2, EU1, AU1, ST1);

  /**
   * The shape of every pod id the platform uses: letters then digits ({@code us1}, {@code eu1}, …).
   */
  private static final Pattern ID = Pattern.compile("[a-z]{2,8}[0-9]{1,3}");

  private final String id;

  private Pod(String id) {
    this.id = id;
  }

  /**
   * A pod by id, for a pod Spoke does not list: its hosts are derived from the id as for the
   * others.
   *
   * @param id the pod id as it appears in key prefixes and host names, e.g. {@code "us2"} (any
   *     case)
   * @return the pod
   * @throws IllegalArgumentException if the id is not letters followed by digits
   */
  public static Pod of(String id) {
    String lower = id == null ? null : id.trim().toLowerCase(Locale.ROOT);
    if (lower == null || !ID.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "pod id \""
              + id
              + "\" is not a pod id: pass letters followed by digits,"
              + " as in the prefix of a key such as \"eu1-…\" (us1, us2, eu1, au1, …)");
    }
    for (Pod known : KNOWN) {
      if (known.id.equals(lower)) {
        return known;
      }
    }
    return new Pod(lower);
  }

  /**
   * @return the pods the platform's SDKs and documentation name
   */
  public static List<Pod> values() {
    return KNOWN;
  }

  /**
   * @return the lower-case pod id as it appears in host names and key prefixes, e.g. {@code "us2"}
   */
  public String id() {
    return id;
  }

  /**
   * @return the Events API base URL, e.g. {@code https://s2s.us1.mparticle.com/v2}
   */
  public String eventsBaseUrl() {
    return "https://s2s." + id + ".mparticle.com/v2";
  }

  /**
   * @return the IDSync base URL, e.g. {@code https://identity.eu1.mparticle.com/v1}
   */
  public String identityBaseUrl() {
    return "https://identity." + id + ".mparticle.com/v1";
  }

  /**
   * @return the base of IDSync alias requests, e.g. {@code
   *     https://nativesdks.eu1.mparticle.com/v1/identity}: the Android SDK sends them to {@code
   *     nativesdks} + pod ({@code NetworkOptionsManager.MP_URL_PREFIX}, {@code
   *     MParticleBaseClientImpl.getUrl}, endpoint {@code ALIAS}), path {@code
   *     /v1/identity/<key>/alias}
   */
  public String aliasBaseUrl() {
    return "https://nativesdks." + id + ".mparticle.com/v1/identity";
  }

  /**
   * @return the kit configuration base URL (one global host for every pod)
   */
  public String configBaseUrl() {
    return "https://config2.mparticle.com";
  }

  /**
   * Reads the pod from an API key's prefix, as the platform's SDKs do: a key with a {@code '-'}
   * names its pod before the first one ({@code "us2-abc"} is {@link #US2}, case-insensitive); a key
   * without one is an older key of {@link #US1}, the documented default. A prefix that names no pod
   * the platform's SDKs list is not guessed at: it is refused, so that data never goes silently to
   * the wrong region.
   *
   * @param apiKey a workspace API key, non-null
   * @return the pod, never null
   * @throws IllegalArgumentException if the key has a prefix that is not a listed pod; the message
   *     says how to set the pod explicitly
   */
  public static Pod fromApiKey(String apiKey) {
    if (apiKey == null) {
      throw new IllegalArgumentException("apiKey is null: pass the workspace's API key");
    }
    int dash = apiKey.indexOf('-');
    if (dash < 0) {
      return US1;
    }
    String prefix = apiKey.substring(0, dash).trim().toLowerCase(Locale.ROOT);
    for (Pod pod : KNOWN) {
      if (pod.id.equals(prefix)) {
        return pod;
      }
    }
    throw new IllegalArgumentException(
        "API key \""
            + apiKey
            + "\" starts with \""
            + apiKey.substring(0, dash + 1)
            + "\", which is not a pod the platform lists (us1-, us2-, eu1-, au1-, st1-); check the key, or set"
            + " the pod explicitly with Workspace.Builder.pod(Pod.of(\"<pod id>\")) (or point Spoke at your own"
            + " endpoints with SpokeOptions.Builder.endpoint)");
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Pod && ((Pod) o).id.equals(id));
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /**
   * @return the id in upper case, e.g. {@code US2}
   */
  @Override
  public String toString() {
    return id.toUpperCase(Locale.ROOT);
  }
}
