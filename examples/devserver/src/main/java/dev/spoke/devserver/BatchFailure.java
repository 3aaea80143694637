package dev.spoke.devserver;

import java.util.List;

/**
 * One batch the devserver did not accept.
 *
 * @param apiKey the workspace's key
 * @param path the endpoint path, e.g. {@code /v2/bulkevents}
 * @param index position of the batch in the request (0 for /v2/events)
 * @param reason why
 * @param messages human-readable details; for schema failures "JSON pointer: message" per violation
 * @param sourceRequestId the batch's {@code source_request_id}, or null
 */
public record BatchFailure(
    String apiKey,
    String path,
    int index,
    RejectReason reason,
    List<String> messages,
    String sourceRequestId) {
  /** Copies the list. */
  public BatchFailure {
    messages = List.copyOf(messages);
  }
}
