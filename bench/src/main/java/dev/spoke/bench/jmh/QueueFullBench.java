package dev.spoke.bench.jmh;

import dev.spoke.DropReason;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * W3: the same call when the queue is full — an endpoint that accepts connections and never
 * answers, the smallest queue (16) and buffer (1 MB). The call must drop and count, never wait, so
 * it should cost no more than {@link LogEventBench}'s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QueueFullBench {

  /** A Spoke instance whose uploads hang forever, with its queue filled before measuring. */
  @State(Scope.Benchmark)
  public static class Instance {
    ServerSocket blackHole;
    final List<Socket> held = new ArrayList<>();
    Spoke spoke;

    @Setup(Level.Trial)
    public void start() throws IOException {
      blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = blackHole.accept(); // held open, never read, never answered
                    synchronized (held) {
                      held.add(s);
                    }
                  }
                } catch (IOException e) {
                  // closed at tear-down
                }
              },
              "bench-black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
      spoke =
          Spoke.create(
              SpokeOptions.builder(Workspace.builder("bench-key", "bench-secret").build())
                  .endpoint(URI.create("http://127.0.0.1:" + blackHole.getLocalPort()))
                  .kitsEnabled(false)
                  .queueCapacity(16)
                  .maxBufferedBytes(1024 * 1024)
                  .build());
      // Fill the buffer and the queue until calls start being dropped.
      for (int i = 0; i < 10_000_000 && queueFullDrops() == 0; i++) {
        spoke
            .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % 5000)))
            .logEvent(LogEventBench.event(i));
      }
      if (queueFullDrops() == 0) {
        throw new IllegalStateException("could not fill Spoke's queue");
      }
    }

    long queueFullDrops() {
      Long v = spoke.metrics().dropped().get(DropReason.QUEUE_FULL);
      return v == null ? 0 : v;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      spoke.close(Duration.ofMillis(500));
      blackHole.close();
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  /** Each thread's position in the workload. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;
  }

  @Benchmark
  @Threads(1)
  public void queueFull1Thread(Instance s, Cursor c) {
    int i = c.i++;
    s.spoke
        .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % 5000)))
        .logEvent(LogEventBench.event(i));
  }

  @Benchmark
  @Threads(2)
  public void queueFull2Threads(Instance s, Cursor c) {
    int i = c.i++;
    s.spoke
        .user(UserIdentities.of(IdentityType.CUSTOMER_ID, "user-" + (i % 5000)))
        .logEvent(LogEventBench.event(i));
  }
}
