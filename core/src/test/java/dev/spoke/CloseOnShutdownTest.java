package dev.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * closeOnShutdown: a host that forgets close() and exits normally still delivers what it logged.
 */
class CloseOnShutdownTest {

  @Test
  void aForgottenCloseStillDeliversWithTheHook(@TempDir Path dir) throws Exception {
    try (RecordingServer s = new RecordingServer()) {
      assertThat(runChild(s, "hook", dir)).isZero();
      assertThat(s.events("custom_event")).hasSize(3);
    }
  }

  @Test
  void withoutTheHookTheEventsAreLost(@TempDir Path dir) throws Exception {
    // The control: the default (no hook) loses them, which is what the option is for.
    try (RecordingServer s = new RecordingServer()) {
      assertThat(runChild(s, "nohook", dir)).isZero();
      assertThat(s.events("custom_event")).isEmpty();
    }
  }

  @Test
  void closeRemovesTheHook() {
    Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(Workspace.builder("us1-hook", "secret").build())
                .endpoint(java.net.URI.create("http://127.0.0.1:9/"))
                .kitsEnabled(false)
                .closeOnShutdown(Duration.ofSeconds(1))
                .build());
    Thread hook = spoke.shutdownHook();
    assertThat(hook).isNotNull();
    spoke.close(Duration.ofMillis(200));
    // Removing it again answers false only because close() already removed it.
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
  }

  private static int runChild(RecordingServer s, String mode, Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ForgetfulHost.class.getName(),
                s.root().toString(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not exit within 60 s");
    }
    System.out.print(Files.readString(dir.resolve("child.log")));
    return p.exitValue();
  }
}
