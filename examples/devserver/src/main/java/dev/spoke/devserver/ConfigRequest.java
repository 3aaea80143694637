package dev.spoke.devserver;

/**
 * One kit-configuration request the devserver saw (for tests to check what the SDK sent).
 *
 * @param apiKey      the key in the path
 * @param env         the {@code x-mp-env} header, or null
 * @param kits        the {@code x-mp-kits} header, or null
 * @param appVersion  the {@code av} query parameter, or null
 * @param sdkVersion  the {@code sv} query parameter, or null
 * @param ifNoneMatch the {@code If-None-Match} header, or null
 * @param status      the status answered (200, 304 or 404)
 */
public record ConfigRequest(String apiKey, String env, String kits, String appVersion, String sdkVersion,
                            String ifNoneMatch, int status) {
}
