package dev.spoke.devserver;

/**
 * One alias request the local platform accepted ({@code POST /v1/identity/<apiKey>/alias}).
 *
 * @param apiKey the key in the path
 * @param sourceMpid {@code data.source_mpid}
 * @param destinationMpid {@code data.destination_mpid}
 * @param startMillis {@code data.start_unixtime_ms}
 * @param endMillis {@code data.end_unixtime_ms}
 * @param environment {@code environment}
 * @param signed whether an {@code x-mp-signature} came with it (it is verified when it does)
 */
public record AliasRecord(
    String apiKey,
    long sourceMpid,
    long destinationMpid,
    long startMillis,
    long endMillis,
    String environment,
    boolean signed) {}
