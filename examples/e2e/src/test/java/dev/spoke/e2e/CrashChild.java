package dev.spoke.e2e;

import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The app that gets killed: logs numbered events with a durable journal against the parent's
 * devserver, printing {@code L <n>} once {@code logEvent(n)} returned and {@code F <n>} once a
 * flush started after event n completed (everything up to n delivered). Runs until killed.
 *
 * <p>args: devserver root URI, data directory, first sequence number, events between flushes, and
 * optionally {@code durableOnReturn} (default true).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) {
    URI root = URI.create(args[0]);
    Path dir = Path.of(args[1]);
    long first = Long.parseLong(args[2]);
    int flushEvery = Integer.parseInt(args[3]);
    boolean durableOnReturn = args.length < 5 || Boolean.parseBoolean(args[4]);
    PrintStream out = System.out;
    Spoke spoke =
        Spoke.create(
            SpokeOptions.builder(E2e.workspace())
                .endpoint(root)
                .kitsEnabled(false)
                .dataDirectory(dir)
                .durableOnReturn(durableOnReturn)
                .uploadInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .build());
    SpokeUser[] users = {spoke.user("crash-a"), spoke.user("crash-b"), spoke.user("crash-c")};
    out.println("READY");
    out.flush();
    for (long n = first; ; n++) {
      users[(int) (n % users.length)].logEvent(E2e.numbered(n));
      out.println("L " + n);
      out.flush();
      if ((n - first + 1) % flushEvery == 0) {
        FlushResult r = spoke.flush(Duration.ofSeconds(10));
        if (r.complete()) {
          out.println("F " + n);
          out.flush();
        }
      }
    }
  }
}
