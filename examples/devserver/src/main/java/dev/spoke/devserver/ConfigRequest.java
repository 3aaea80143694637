package dev.spoke.devserver;

/**
 * One kit-configuration request the devserver saw (for tests to check what the SDK sent).
 *
 * @param apiKey the key in the path
 * @param env the {@code x-mp-env} header, or null
 * @param kits the {@code x-mp-kits} header, or null
 * @param appVersion the {@code av} query parameter, or null
 * @param sdkVersion the {@code sv} query parameter, or null
 * @param ifNoneMatch the {@code If-None-Match} header, or null
 * @param status the status answered (200, 304, 401 or 404)
 * @param ifModifiedSince the {@code If-Modified-Since} header, or null
 * @param planId the {@code plan_id} query parameter, or null
 * @param planVersion the {@code plan_version} query parameter, or null
 * @param signed null when the request carried no {@code x-mp-signature}, else whether it matched
 */
public record ConfigRequest(
    String apiKey,
    String env,
    String kits,
    String appVersion,
    String sdkVersion,
    String ifNoneMatch,
    int status,
    String ifModifiedSince,
    String planId,
    String planVersion,
    Boolean signed) {}
