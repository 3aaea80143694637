package dev.spoke.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Accepted batches (JSONL log + optional in-memory copies), dedup ids and failures. Not API. */
final class BatchStore implements Closeable {

  /**
   * Failures kept for queries; older ones are forgotten so a long benchmark cannot exhaust memory.
   */
  static final int MAX_FAILURES = 10_000;

  private final Path log;
  private final OutputStream out;
  private final boolean retain;
  private final Map<String, Set<String>> seenRequestIds = new ConcurrentHashMap<>();
  private final Map<String, List<Stored>> batches = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> eventCounts = new ConcurrentHashMap<>();
  private final Deque<BatchFailure> failures = new ArrayDeque<>();

  /** One stored batch: its key, endpoint, MPID (or null) and the copy with timestamps reset. */
  record Stored(String apiKey, String path, Long mpid, ObjectNode batch) {}

  BatchStore(Path dataDirectory, boolean retain) throws IOException {
    Files.createDirectories(dataDirectory);
    this.log = dataDirectory.resolve("batches.jsonl");
    // A fresh log per run: dedup and profiles are in memory only, so an old log would not match
    // them.
    this.out =
        new BufferedOutputStream(
            Files.newOutputStream(
                log,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            1 << 16);
    this.retain = retain;
  }

  Path log() {
    return log;
  }

  /** True the first time this key sends this {@code source_request_id}. */
  boolean firstSeen(String apiKey, String sourceRequestId) {
    return seenRequestIds
        .computeIfAbsent(apiKey, k -> ConcurrentHashMap.newKeySet())
        .add(sourceRequestId);
  }

  /**
   * Appends one batch to the log exactly as received, on one line. Raw CR/LF bytes can only be
   * insignificant whitespace in valid JSON (inside strings they must be escaped), so dropping them
   * keeps the text equivalent.
   */
  void append(byte[] raw, int from, int to) throws IOException {
    synchronized (out) {
      int start = from;
      for (int i = from; i < to; i++) {
        byte b = raw[i];
        if (b == '\n' || b == '\r') {
          out.write(raw, start, i - start);
          start = i + 1;
        }
      }
      out.write(raw, start, to - start);
      out.write('\n');
    }
  }

  void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }

  void store(String apiKey, String path, Long mpid, ObjectNode batch, int events) {
    eventCounts.computeIfAbsent(apiKey, k -> new LongAdder()).add(events);
    if (retain) {
      batches
          .computeIfAbsent(apiKey, k -> Collections.synchronizedList(new ArrayList<>()))
          .add(new Stored(apiKey, path, mpid, batch));
    }
  }

  List<Stored> stored(String apiKey) {
    List<Stored> list = batches.get(apiKey);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  long eventCount(String apiKey) {
    LongAdder n = eventCounts.get(apiKey);
    return n == null ? 0 : n.sum();
  }

  void fail(BatchFailure failure) {
    synchronized (failures) {
      if (failures.size() == MAX_FAILURES) {
        failures.removeFirst();
      }
      failures.addLast(failure);
    }
  }

  List<BatchFailure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  static List<JsonNode> copies(List<Stored> stored) {
    List<JsonNode> out = new ArrayList<>(stored.size());
    stored.forEach(s -> out.add(s.batch().deepCopy()));
    return out;
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
