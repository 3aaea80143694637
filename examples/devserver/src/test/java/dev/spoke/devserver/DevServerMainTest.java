package dev.spoke.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The standalone command line: bad arguments give one line and the usage, never a stack trace. */
class DevServerMainTest {

  @TempDir Path temp;

  private record Run(int code, String out, String err) {
    String firstErrLine() {
      return err.lines().findFirst().orElse("");
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DevServerMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static void assertNoStackTrace(Run r) {
    assertThat(r.err).doesNotContain("Exception").doesNotContainPattern("\\n\\s+at [a-z]");
  }

  @Test
  void portThatIsNotANumberGivesOneLineAndTheUsage() {
    Run r = run("--port", "abc");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.firstErrLine())
        .isEqualTo("spoke-devserver: Invalid value for option '--port': 'abc' is not an int");
    assertThat(r.err).contains("Usage: spoke-devserver", "--workspaces=FILE");
    assertNoStackTrace(r);
  }

  @Test
  void unknownOptionMissingValueAndOutOfRangePortGiveOneLineAndTheUsage() {
    for (String[] args :
        List.of(
            new String[] {"--bogus"},
            new String[] {"--port"},
            new String[] {"--port", "70000"},
            new String[] {"--read-timeout", "0"},
            new String[] {"--workspaces", temp.resolve("missing.json").toString()})) {
      Run r = run(args);
      assertThat(r.code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.firstErrLine()).startsWith("spoke-devserver: ");
      assertThat(r.err.lines().skip(1).findFirst().orElse("")).startsWith("Usage: spoke-devserver");
      assertNoStackTrace(r);
    }
  }

  @Test
  void invalidWorkspacesFileGivesOneLineNamingTheProblem() throws IOException {
    Path bad = Files.writeString(temp.resolve("bad.json"), "{\"organizations\": [\n");
    Run r = run("--workspaces", bad.toString(), "--port", "0");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err.lines().count()).isEqualTo(1);
    assertThat(r.err).startsWith("spoke-devserver: workspaces: not valid JSON");
  }

  @Test
  void portInUseSaysHowToChooseAnother() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run r = run("--port", Integer.toString(taken.getLocalPort()));
      assertThat(r.code).isEqualTo(1);
      assertThat(r.err.lines().count()).isEqualTo(1);
      assertThat(r.err).contains("port is in use", "--port 0");
    }
  }

  @Test
  void helpPrintsTheUsage() {
    Run r = run("--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("Usage: spoke-devserver", "--port=N", "--data=DIR", "--no-schema");
  }

  /**
   * The real main in a child JVM with no workspaces file: prints the page's URL, serves it and the
   * APIs.
   */
  @Test
  void startsWithNoOtherFileAndServesTheLivePage() throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DevServerMain.class.getName(),
                "--port",
                "0",
                "--data",
                temp.resolve("data").toString())
            .redirectErrorStream(true)
            .start();
    try {
      List<String> lines = new ArrayList<>();
      String page =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> {
                BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  if (line.trim().startsWith("live page ")) {
                    return line.trim().split("\\s+")[2];
                  }
                }
                throw new AssertionError("no live page line in " + lines);
              });
      assertThat(page).matches("http://127\\.0\\.0\\.1:\\d+/");
      var html = TestSupport.send(HttpRequest.newBuilder(URI.create(page)).GET().build());
      assertThat(html.statusCode()).isEqualTo(200);
      assertThat(html.body()).contains("Spoke local platform");
      var config =
          TestSupport.send(
              HttpRequest.newBuilder(
                      URI.create(page + "v4/us1-devkey0000000000000000000001/config"))
                  .GET()
                  .build());
      assertThat(config.body())
          .contains(page + "sink/ga4")
          .doesNotContain(WorkspacesFile.SERVER_PLACEHOLDER);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
