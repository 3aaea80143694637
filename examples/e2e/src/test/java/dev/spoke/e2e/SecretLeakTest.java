package dev.spoke.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.DropReason;
import dev.spoke.Environment;
import dev.spoke.Spoke;
import dev.spoke.SpokeListener;
import dev.spoke.SpokeOptions;
import dev.spoke.SpokeUser;
import dev.spoke.ValidationIssue;
import dev.spoke.Workspace;
import dev.spoke.devserver.DevServer;
import dev.spoke.devserver.Faults;
import dev.spoke.user.IdentityType;
import dev.spoke.user.UserIdentities;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API secret must appear nowhere but in the one object that holds it: not in any log line, not
 * in any listener message, toString or exception message, and not in any other field reachable from
 * a running instance (a heap dump of our own objects).
 */
class SecretLeakTest {
  /** Distinctive, so that a match anywhere is certainly a leak. */
  private static final String WRONG_SECRET = "Zq7-wrong-secret-4c1d";

  @Test
  void theSecretAppearsInNoLogListenerMessageToStringOrObjectButItsHolder(@TempDir Path dir)
      throws Exception {
    E2e.Figures figures = new E2e.Figures("SecretLeakTest");
    List<String> messages = new CopyOnWriteArrayList<>();
    SpokeListener recorder =
        new SpokeListener() {
          @Override
          public void onValidation(ValidationIssue issue) {
            messages.add(String.valueOf(issue));
          }

          @Override
          public void onDrop(DropReason r, long n, String detail) {
            messages.add(r + " " + detail);
          }

          @Override
          public void onRetry(int s, String cause, int attempt, long ms) {
            messages.add(s + " " + cause);
          }

          @Override
          public void onUploadsPaused(int s, String message) {
            messages.add(s + " " + message);
          }

          @Override
          public void onJournal(String message) {
            messages.add(message);
          }

          @Override
          public void onKit(int id, String name, String message) {
            messages.add(message);
          }
        };
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<Object> reachable = new ArrayList<>();
    int objectsScanned;
    List<String> holders;
    try (DevServer server = E2e.server(dir.resolve("server"))) {
      System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
      try {
        // 1. The right secret, with everything that logs: faults, retries, drops, journal trouble,
        // IDSync.
        server.faults(
            Faults.builder().errorRate(0.3).tooManyRequests(0.1, 0).dropRate(0.1).seed(5).build());
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Spoke right =
            Spoke.create(E2e.options(server).dataDirectory(notADir).listener(recorder).build());
        SpokeUser u = right.user(UserIdentities.of(IdentityType.EMAIL, "leak@example.com"));
        u.identify().handle((r, e) -> null).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 300; i++) u.logEvent(E2e.numbered(i));
        u.logEvent(
            dev.spoke.event.CustomEvent.builder("x".repeat(300))
                .attribute("nan", Double.NaN)
                .build());
        u.setAttribute("a".repeat(300), "v");
        right.flush(Duration.ofSeconds(20));
        reachable.add(right);
        // 2. A wrong secret: 403 from the Events API and IDSync, uploads paused.
        server.faults(Faults.none());
        Workspace wrong =
            Workspace.builder(E2e.API_KEY, WRONG_SECRET)
                .environment(Environment.DEVELOPMENT)
                .build();
        SpokeOptions wrongOptions =
            SpokeOptions.builder(wrong)
                .endpoint(server.baseUri())
                .kitsEnabled(false)
                .uploadInterval(Duration.ofMillis(20))
                .listener(recorder)
                .build();
        Spoke refused = Spoke.create(wrongOptions);
        SpokeUser w = refused.user(UserIdentities.of(IdentityType.CUSTOMER_ID, "c-1"));
        Throwable identityError = w.identify().handle((r, e) -> e).get(20, TimeUnit.SECONDS);
        w.logEvent(E2e.numbered(1));
        refused.flush(Duration.ofMillis(500));
        E2e.await(
            "uploads paused on 403",
            Duration.ofSeconds(10),
            () -> messages.stream().anyMatch(m -> m.startsWith("403")));

        // Heap: everything reachable from both live instances through our own classes.
        reachable.add(refused);
        Scan scan = new Scan(List.of(E2e.API_SECRET, WRONG_SECRET));
        for (Object root : reachable) scan.walk(root);
        objectsScanned = scan.seen.size();
        holders = scan.holders;

        // toString of every value a host may print, and the exception the host received.
        List<String> printed =
            new ArrayList<>(
                List.of(
                    right.toString(),
                    refused.toString(),
                    wrongOptions.toString(),
                    wrong.toString(),
                    wrong.secret().toString(),
                    u.toString(),
                    w.toString(),
                    right.metrics().toString(),
                    refused.metrics().toString(),
                    right.close(Duration.ofSeconds(5)).toString(),
                    refused.close(Duration.ofMillis(300)).toString()));
        for (Throwable t = identityError; t != null; t = t.getCause())
          printed.add(String.valueOf(t));
        messages.addAll(printed);
      } finally {
        System.setErr(originalErr);
        System.setOut(originalOut);
      }
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    figures
        .put("log_bytes_scanned", logs.length())
        .put("log_lines", logs.lines().count())
        .put("listener_and_toString_messages", messages.size())
        .put("objects_scanned", objectsScanned)
        .put("secret_holders", holders)
        .print();
    assertThat(logs).as("the scenario did log").contains("HTTP 403").contains("journal");
    assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("403"));
    for (String secret : List.of(E2e.API_SECRET, WRONG_SECRET)) {
      assertThat(logs).doesNotContain(secret);
      assertThat(messages).noneSatisfy(m -> assertThat(m).contains(secret));
    }
    // Exactly one holder per instance: the Secret object of its workspace.
    assertThat(holders)
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h).isEqualTo("dev.spoke.Secret.value"));
  }

  /** Copies everything written to the original stream and to the capture buffer. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) {
      try {
        a.write(c);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (b) {
        try {
          b.write(c);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      try {
        a.write(buf, off, len);
      } catch (java.io.IOException ignored) {
        // the console is best effort
      }
      synchronized (b) {
        try {
          b.write(buf, off, len);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Walks the object graph through the fields of Spoke's own classes (and the collections, maps,
   * arrays and atomic references they hold), recording every field whose String, char[] or byte[]
   * value contains a secret.
   */
  private static final class Scan {
    final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<String> holders = new ArrayList<>();
    private final List<String> secrets;

    Scan(List<String> secrets) {
      this.secrets = secrets;
    }

    void walk(Object root) {
      Deque<Object[]> todo = new ArrayDeque<>();
      todo.push(new Object[] {root, "root"});
      while (!todo.isEmpty()) {
        Object[] next = todo.pop();
        Object o = next[0];
        String where = (String) next[1];
        if (o == null || !seen.add(o)) continue;
        if (o instanceof String || o instanceof char[] || o instanceof byte[]) {
          String text =
              o instanceof String
                  ? (String) o
                  : o instanceof char[]
                      ? new String((char[]) o)
                      : new String((byte[]) o, StandardCharsets.UTF_8);
          for (String s : secrets) if (text.contains(s)) holders.add(where);
          continue;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
          if (!c.getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(o); i++)
              todo.push(new Object[] {Array.get(o, i), where + "[]"});
          }
          continue;
        }
        if (o instanceof Collection) {
          try {
            for (Object e : ((Collection<?>) o).toArray())
              todo.push(new Object[] {e, where + "[]"});
          } catch (RuntimeException ignored) {
            // a collection that cannot be copied now is skipped
          }
          continue;
        }
        if (o instanceof Map) {
          try {
            for (Map.Entry<?, ?> e : new ArrayList<>(((Map<?, ?>) o).entrySet())) {
              todo.push(new Object[] {e.getKey(), where + "{key}"});
              todo.push(new Object[] {e.getValue(), where + "{value}"});
            }
          } catch (RuntimeException ignored) {
            // skipped likewise
          }
          continue;
        }
        if (o instanceof java.util.concurrent.atomic.AtomicReference) {
          todo.push(
              new Object[] {((java.util.concurrent.atomic.AtomicReference<?>) o).get(), where});
          continue;
        }
        if (!c.getName().startsWith("dev.spoke."))
          continue; // not our object: OkHttp, JDK internals
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
          for (Field f : k.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
            if (!f.trySetAccessible()) continue;
            try {
              todo.push(new Object[] {f.get(o), k.getName() + "." + f.getName()});
            } catch (IllegalAccessException ignored) {
              // inaccessible: skipped
            }
          }
        }
      }
    }
  }
}
