package dev.spoke.devserver;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the devserver standalone: {@code java -jar examples/devserver/target/spoke-devserver.jar
 * [options]}. Prints the live page's URL and the endpoint bases, then serves until the process is
 * stopped. A bad argument prints one line saying what is wrong and the usage (exit 2); a failure to
 * start prints one line (exit 1).
 */
@Command(
    name = "spoke-devserver",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    versionProvider = DevServerMain.Version.class,
    description = {
      "The Spoke local platform: Events API, IDSync, kit configuration and a live page, on 127.0.0.1.",
      "Without --workspaces it serves the example workspaces."
    })
public final class DevServerMain implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port on 127.0.0.1; 0 picks a free one" + " (default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(
      names = "--workspaces",
      paramLabel = "FILE",
      description =
          "Workspaces JSON file (format: docs/DEVSERVER.md)" + "; default: the example workspaces.")
  Path workspaces;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where batches.jsonl is written; default: a new" + " temporary directory.")
  Path data;

  @Option(
      names = "--no-schema",
      description = "Do not validate batches against the JSON Schema (faster).")
  boolean noSchema;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Handler threads kept alive (default: ${DEFAULT-VALUE}).")
  int threads = 4;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Requests served at once, including those"
              + " still arriving (default: ${DEFAULT-VALUE}).")
  int maxConnections = 64;

  @Option(
      names = "--read-timeout",
      paramLabel = "SECONDS",
      description =
          "Seconds a client may take to send a"
              + " whole request before it is disconnected (default: ${DEFAULT-VALUE}).")
  long readTimeoutSeconds = DevServer.DEFAULT_READ_TIMEOUT_SECONDS;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed for reproducible MPIDs (default: time-based).")
  Long seed;

  private DevServerMain() {}

  /**
   * Entry point; exits with 0 after {@code --help}, 2 on a bad argument, 1 when the server cannot
   * start.
   */
  public static void main(String[] args) {
    // One short line per log record on stderr, unless the user configured slf4j-simple otherwise.
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The command line parser, with one-line errors (no stack trace) for bad arguments. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DevServerMain());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("spoke-devserver: " + ex.getMessage());
          ex.getCommandLine().usage(err);
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println("spoke-devserver: " + describe(ex));
          return 1;
        });
    return cl;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port is " + port + "; use 0 (any free port) to 65535");
    }
    if (readTimeoutSeconds < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--read-timeout is " + readTimeoutSeconds + "; use 1 or more seconds");
    }
    if (workspaces != null && !Files.isRegularFile(workspaces)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--workspaces " + workspaces + " is not a readable file");
    }
    // Read once by the JDK's HTTP server, before its first use: set it before the server class
    // loads.
    System.setProperty(DevServer.READ_TIMEOUT_PROPERTY, Long.toString(readTimeoutSeconds));
    DevServer.Builder b =
        DevServer.builder()
            .workspaces(
                workspaces == null ? WorkspacesFile.example() : WorkspacesFile.load(workspaces))
            .port(port)
            .threads(threads)
            .maxConnections(maxConnections)
            .validateSchema(!noSchema);
    if (data != null) {
      b.dataDirectory(data);
    }
    if (seed != null) {
      b.seed(seed);
    }
    DevServer server = b.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "spoke-devserver-shutdown"));
    System.out.println("spoke devserver at " + server.baseUri());
    System.out.println(
        "  live page "
            + server.livePageUri()
            + "   (counters as JSON: "
            + server.baseUri()
            + "/stats)");
    System.out.println("  events    " + server.eventsBaseUri());
    System.out.println("  identity  " + server.identityBaseUri());
    System.out.println("  config    " + server.configBaseUri());
    System.out.println("  log       " + server.batchLog());
    for (WorkspacesFile.Workspace ws : server.workspacesFile().workspaces()) {
      System.out.println("  workspace " + ws.id() + " key " + ws.apiKey());
    }
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** One line for a start failure: what failed and, where known, how to fix it. */
  static String describe(Exception ex) {
    Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex.getCause();
    if (cause instanceof BindException) {
      return ex.getMessage() + ": the port is in use; pass --port N, or --port 0 for any free port";
    }
    String m = ex.getMessage();
    if (cause != null
        && cause.getMessage() != null
        && (m == null || !m.contains(cause.getMessage()))) {
      m = (m == null ? "" : m + ": ") + cause.getMessage();
    }
    // One line: some messages (a JSON parser's) carry a second line with the location.
    return (m == null ? ex.toString() : m).replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** {@code --version}: the jar's implementation version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package p = DevServerMain.class.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return new String[] {"spoke-devserver " + (v == null ? "dev" : v)};
    }
  }
}
