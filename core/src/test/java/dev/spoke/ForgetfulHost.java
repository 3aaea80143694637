package dev.spoke;

import dev.spoke.event.CustomEvent;
import java.net.URI;
import java.time.Duration;

/**
 * A host that logs events and returns from main without calling close(), run in a child JVM by
 * {@link CloseOnShutdownTest}. Arguments: the local server's root URI, then "hook" or "nohook".
 */
public final class ForgetfulHost {
  private ForgetfulHost() {}

  public static void main(String[] args) {
    SpokeOptions.Builder b =
        SpokeOptions.builder(Workspace.builder("us1-forgetful", "secret").build())
            .endpoint(URI.create(args[0]))
            .kitsEnabled(false)
            .uploadInterval(Duration.ofHours(1)); // nothing would be uploaded before the JVM exits
    if (args[1].equals("hook")) b.closeOnShutdown(Duration.ofSeconds(10));
    Spoke spoke = Spoke.create(b.build());
    for (int i = 0; i < 3; i++) {
      spoke.user("forgetful").logEvent(CustomEvent.builder("forgotten " + i).build());
    }
    // no close(): Spoke's threads are daemons, so the JVM exits here
  }
}
