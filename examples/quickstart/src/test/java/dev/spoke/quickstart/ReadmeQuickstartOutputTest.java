package dev.spoke.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sample quickstart output is what the quickstart prints today. Compared line by line
 * with what changes from run to run or with other work masked: numbers (ports, MPIDs, counts, ids),
 * the data directory's path, and "batch"/"batches". To bring the README up to date after a change
 * to the quickstart, run this test with {@code -Dspoke.readme.update=true} and review the diff.
 */
class ReadmeQuickstartOutputTest {
  private static final Path README =
      Paths.get(System.getProperty("user.dir")).resolve("../../README.md").normalize();

  /** The fenced block right after the quickstart's description in the README. */
  private static final Pattern BLOCK =
      Pattern.compile("(## The quickstart\\n.*?\\n```\\n)(.*?)(\\n```\\n)", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theReadmeShowsWhatTheQuickstartPrints() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.Outcome o =
        Quickstart.run(
            dir.resolve("quickstart-data"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(o.ok()).as("the quickstart succeeded: %s", o.problems()).isTrue();
    String printed = bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").strip();

    String readme = Files.readString(README);
    Matcher m = BLOCK.matcher(readme);
    assertThat(m.find()).as("README.md has a fenced block under '## The quickstart'").isTrue();

    if (Boolean.getBoolean("spoke.readme.update")) {
      String shown =
          printed.replaceAll(
              "\\S*/quickstart-data", "/…/examples/quickstart/target/quickstart-data");
      Files.writeString(
          README, readme.substring(0, m.start(2)) + shown + readme.substring(m.end(2)));
      return;
    }
    assertThat(normalize(m.group(2)))
        .as(
            "README.md's quickstart output is stale; run this test with -Dspoke.readme.update=true."
                + " The quickstart printed:%n%s%n",
            printed)
        .isEqualTo(normalize(printed));
  }

  static String normalize(String s) {
    return s.strip()
        .replaceAll("\\S*/quickstart-data", "<data>")
        .replaceAll("\\d+", "N")
        .replaceAll("\\bbatches\\b", "batch")
        .replaceAll("[ \\t]+\\n", "\n");
  }

  @Test
  void normalizingMasksOnlyWhatVaries() {
    assertThat(
            normalize(
                "at http://127.0.0.1:37121\n  sent 23 in 1 batch\njournal /a/b/quickstart-data/spoke (x)"))
        .isEqualTo(
            normalize(
                "at http://127.0.0.1:4000\n  sent 9 in 2 batches\njournal /tmp/x/quickstart-data/spoke (x)"));
    assertThat(normalize("kits\n  Webhook (100001) received 1"))
        .isNotEqualTo(normalize("kits\n  Webhook (100001) forwarded 1"));
    assertThat(normalize("a\nb")).isNotEqualTo(normalize("a\nb\nc"));
  }
}
