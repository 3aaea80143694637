package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.event.CustomEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * With no listener registered, what Spoke cannot deliver still reaches the host's log through SLF4J
 * (here the slf4j-simple test binding, which writes to the current System.err), without the secret.
 */
class DefaultLoggingTest {

  private static final String SECRET = "very-secret-value-42";

  @Test
  void rejectedAndPausedUploadsAreLoggedWithoutTheSecret() throws Exception {
    String log =
        captureStderr(
            () -> {
              try (RecordingServer s = new RecordingServer()) {
                // The server echoes the credentials in its error body: they must not reach the log.
                s.answer =
                    r ->
                        new MockResponse()
                            .setResponseCode(400)
                            .setBody(
                                "{\"errors\":[{\"code\":\"bad\",\"message\":\"rejected for key us1-log with secret "
                                    + SECRET
                                    + "\"}]}");
                Workspace ws = Workspace.builder("us1-log", SECRET).build();
                try (Spoke spoke =
                    Spoke.create(
                        SpokeOptions.builder(ws).endpoint(s.root()).kitsEnabled(false).build())) {
                  for (int i = 0; i < 5; i++) {
                    spoke.user("u" + i).logEvent(CustomEvent.builder("e" + i).build());
                    spoke.flush(Duration.ofSeconds(5));
                  }
                }
                s.answer = r -> new MockResponse().setResponseCode(401);
                try (Spoke spoke =
                    Spoke.create(
                        SpokeOptions.builder(ws).endpoint(s.root()).kitsEnabled(false).build())) {
                  spoke.user("late").logEvent(CustomEvent.builder("late").build());
                  assertThat(spoke.flush(Duration.ofSeconds(2)).complete())
                      .isFalse(); // paused: the data is kept
                  spoke.close(Duration.ofMillis(300));
                  spoke.user("after").logEvent(CustomEvent.builder("after close").build());
                  spoke.user("after").logEvent(CustomEvent.builder("after close").build());
                }
              }
            });
    assertThat(log).doesNotContain(SECRET);
    // One line for the first rejected batch (a session start and an event), then one summary (at
    // close) for the four held back.
    assertThat(log)
        .containsOnlyOnce(
            "WARN dev.spoke.Spoke - spoke us1-log: 2 events dropped (BAD_REQUEST): HTTP 400");
    assertThat(log).containsOnlyOnce("8 more events dropped (BAD_REQUEST) in the last");
    assertThat(log).contains("ERROR dev.spoke.Spoke - spoke us1-log: 1 upload pauses (HTTP 401)");
    // Closed while paused without a journal: the event is lost, and the log says so.
    assertThat(log).contains("events dropped (UNSENT_AT_CLOSE)");
    // A host logging after close() hears about it once (rate-limited), not never.
    assertThat(log)
        .containsOnlyOnce(
            "1 events dropped (CLOSED): an event was dropped: the instance was closed");
  }

  private static String captureStderr(ThrowingRunnable r) throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    String s = buf.toString(StandardCharsets.UTF_8);
    old.print(s);
    return s;
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
