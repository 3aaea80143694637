package dev.spoke.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.WorkspacesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The local platform (examples/devserver) in-process on a random loopback port, shared by every
 * test of this module (started on first use, stopped when the JVM exits: it runs daemon threads).
 * Three workspaces: {@link #KEY} enables the test kit {@link CountingKit#MODULE_ID} and sets the
 * upload interval to 1 s (a workspace configuration's {@code uitl} overrides {@code
 * spoke.upload-interval}); {@link #SHUTDOWN_KEY} is used by the shutdown test alone and {@link
 * #CONTROLLER_KEY} by the controller test alone, so their counts are their own.
 */
final class LocalPlatform {
  static final String KEY = "us1-springbootexample00000000001";
  static final String SECRET = "example-secret-1";
  static final String SHUTDOWN_KEY = "us1-springbootshutdown000000002";
  static final String SHUTDOWN_SECRET = "example-secret-2";
  static final String CONTROLLER_KEY = "us1-springbootcontroller0000003";
  static final String CONTROLLER_SECRET = "example-secret-3";

  private static final String WORKSPACES =
      "{\"organizations\":[{\"id\":\"example\",\"accounts\":[{\"id\":\"web\","
          + "\"workspaces\":["
          + "{\"id\":\"app\",\"apiKey\":\""
          + KEY
          + "\",\"apiSecret\":\""
          + SECRET
          + "\",\"inputKind\":\"platform\","
          + "\"identityScope\":\"workspace\",\"environment\":\"development\",\"uitl\":1,"
          + "\"kits\":[{\"id\":"
          + CountingKit.MODULE_ID
          + ",\"settings\":{}}]},"
          + "{\"id\":\"shutdown\",\"apiKey\":\""
          + SHUTDOWN_KEY
          + "\",\"apiSecret\":\""
          + SHUTDOWN_SECRET
          + "\","
          + "\"inputKind\":\"platform\",\"identityScope\":\"workspace\",\"environment\":\"development\"},"
          + "{\"id\":\"controller\",\"apiKey\":\""
          + CONTROLLER_KEY
          + "\",\"apiSecret\":\""
          + CONTROLLER_SECRET
          + "\","
          + "\"inputKind\":\"platform\",\"identityScope\":\"workspace\",\"environment\":\"development\"}"
          + "]}]}]}";

  private static DevServer server;

  private LocalPlatform() {}

  static synchronized DevServer server() {
    if (server == null) {
      try {
        // Under target/, so the platform's log of accepted batches is easy to find and cleaned with
        // the build.
        Path dir = Files.createDirectories(Path.of("target", "local-platform"));
        server =
            DevServer.builder()
                .workspaces(WorkspacesFile.parse(WORKSPACES))
                .dataDirectory(Files.createTempDirectory(dir, "run-"))
                .build()
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /**
   * The events the local platform accepted for a key whose batch names the customer id, in arrival
   * order.
   */
  static List<JsonNode> eventsOf(String apiKey, String customerId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode batch : server().batches(apiKey)) {
      if (customerId.equals(batch.path("user_identities").path("customer_id").asText(null))) {
        batch.path("events").forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Polls until the condition holds; fails after 15 s. No fixed sleeps: it re-checks every few ms.
   */
  static void await(String what, BooleanSupplier condition) {
    await(what, condition, () -> "");
  }

  static void await(String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting until " + what + "; last state: " + state.get());
      }
      try {
        Thread.sleep(10); // a polling step, not a wait for something to happen
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what);
      }
    }
  }
}
