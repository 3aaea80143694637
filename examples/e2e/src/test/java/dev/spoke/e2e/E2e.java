package dev.spoke.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.Environment;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import dev.spoke.devserver.WorkspacesFile;
import dev.spoke.event.CustomEvent;
import dev.spoke.event.CustomEventType;
import dev.spoke.kit.Kit;
import dev.spoke.kit.KitContext;
import dev.spoke.kit.KitFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Shared helpers of the suite: the devserver tenant, Spoke options, numbered events and figure
 * printing.
 */
final class E2e {
  /** The example tenant the devserver serves (examples/devserver's example-workspaces.json). */
  static final String API_KEY = "us1-devkey0000000000000000000001";

  static final String API_SECRET = "dev-secret-1";

  /** Attribute carrying an event's sequence number, used to check delivery and duplicates. */
  static final String SEQ = "seq";

  private E2e() {}

  static DevServer server(Path dir) {
    return DevServer.builder()
        .workspaces(WorkspacesFile.example())
        .dataDirectory(dir)
        .faults(Faults.none())
        .seed(7)
        .build()
        .start();
  }

  static Workspace workspace() {
    return Workspace.builder(API_KEY, API_SECRET).environment(Environment.DEVELOPMENT).build();
  }

  /** Options every test starts from: local platform, no kits, quick ticks and quick retries. */
  static SpokeOptions.Builder options(DevServer server) {
    return SpokeOptions.builder(workspace())
        .endpoint(server.baseUri())
        .kitsEnabled(false)
        .uploadInterval(Duration.ofMillis(50))
        .retryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  static CustomEvent numbered(long seq) {
    return CustomEvent.builder("order placed")
        .customEventType(CustomEventType.TRANSACTION)
        .attribute(SEQ, Long.toString(seq))
        .attribute("sku", "sku-" + (seq % 97))
        .build();
  }

  /**
   * Sequence number → how many times the devserver stored it (after its source_request_id dedup).
   */
  static Map<Long, Integer> storedSeqs(DevServer server) {
    Map<Long, Integer> out = new HashMap<>();
    for (JsonNode batch : server.batches(API_KEY)) {
      for (JsonNode e : batch.path("events")) {
        JsonNode seq = e.path("data").path("custom_attributes").path(SEQ);
        if (seq.isTextual()) out.merge(Long.parseLong(seq.asText()), 1, Integer::sum);
      }
    }
    return out;
  }

  static long duplicates(Map<Long, Integer> stored) {
    long d = 0;
    for (int c : stored.values()) d += c - 1;
    return d;
  }

  /** Waits for a condition with a deadline, polling; fails the test when the deadline passes. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Ordered figures of one test, printed as one line and appended to
   * target/reliability-figures.txt.
   */
  static final class Figures {
    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final long t0 = System.nanoTime();

    Figures(String test) {
      this.test = test;
    }

    Figures put(String name, Object value) {
      values.put(name, value);
      return this;
    }

    void print() {
      values.put("elapsed_ms", (System.nanoTime() - t0) / 1_000_000);
      StringBuilder sb = new StringBuilder("FIGURES ").append(test).append(':');
      values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      String line = sb.toString();
      System.out.println(line);
      try {
        Path out = Paths.get("target", "reliability-figures.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
            out,
            line + System.lineSeparator(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What a test kit factory creates. */
  interface KitCreator {
    Kit create() throws Exception;
  }

  /**
   * A kit factory registered with {@code SpokeOptions.Builder.kit}, creating what {@code creator}
   * makes.
   */
  static KitFactory kitFactory(int moduleId, String name, KitCreator creator) {
    return new KitFactory() {
      @Override
      public int moduleId() {
        return moduleId;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String version() {
        return "test";
      }

      @Override
      public Kit create(KitContext context) throws Exception {
        return creator.create();
      }
    };
  }

  static URI uri(String s) {
    return URI.create(s);
  }

  static List<String> list(String... s) {
    return List.of(s);
  }
}
