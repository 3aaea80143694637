package dev.spoke.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a child's CPU went, by thread role, measured in the child at the end of its run. Java
 * threads are read with {@link ThreadMXBean} (nanosecond CPU time, by name); the JVM's own threads
 * (GC, JIT compilers, VM thread), which that bean does not list, come from {@code
 * /proc/self/task/<tid>/stat} (USER_HZ ticks). Threads that ended before the measure (and rounding)
 * are what remains of the process's total and are reported as {@code exited/other}, so the roles
 * always add up to the process's CPU. JDK only: both children load it.
 */
final class ThreadBudget {
  /** Role names in report order. */
  static final String[] ROLES = {
    "producers",
    "worker",
    "upload",
    "journal",
    "sdk-other",
    "gc",
    "jit",
    "vm",
    "java-other",
    "exited/other"
  };

  private final long totalNanos;
  private final Map<String, Long> roles;
  private final Map<String, Long> threads;

  private ThreadBudget(long totalNanos, Map<String, Long> roles, Map<String, Long> threads) {
    this.totalNanos = totalNanos;
    this.roles = roles;
    this.threads = threads;
  }

  /**
   * The role of a Java thread by its name (Spoke's names are set in core; OkHttp names its own).
   */
  static String javaRole(String name) {
    if (name.startsWith("bench-producer-")) {
      return "producers";
    }
    if (name.startsWith("spoke-worker-")) {
      return "worker";
    }
    if (name.startsWith("spoke-upload-")
        || name.startsWith("spoke-http-")
        || name.startsWith("OkHttp")
        || name.startsWith("Okio")) {
      return "upload";
    }
    if (name.startsWith("spoke-journal")) {
      return "journal";
    }
    if (name.startsWith("spoke-") || name.startsWith("Analytics") || name.contains("segment")) {
      return "sdk-other";
    }
    return "java-other";
  }

  /**
   * The role of a JVM-internal thread by its kernel name (at most 15 characters), or null for a
   * thread that {@link ThreadMXBean} accounts for.
   */
  static String nativeRole(String comm) {
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
      return "gc";
    }
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return "jit";
    }
    if (comm.startsWith("VM Thread") || comm.startsWith("VM Periodic")) {
      return "vm";
    }
    return null;
  }

  /**
   * @param endedProducerNanos the CPU of the producer threads, which have ended by now (each read
   *     its own as it finished)
   */
  static ThreadBudget measure(long endedProducerNanos) {
    Map<String, Long> roles = new LinkedHashMap<>();
    for (String r : ROLES) {
      roles.put(r, 0L);
    }
    Map<String, Long> threads = new TreeMap<>();
    roles.put("producers", endedProducerNanos);
    threads.put("bench-producer-#", endedProducerNanos);
    long attributed = endedProducerNanos;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (mx.isThreadCpuTimeSupported()) {
      for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (ti == null) {
          continue; // ended meanwhile
        }
        long ns = mx.getThreadCpuTime(ti.getThreadId());
        if (ns <= 0) {
          continue;
        }
        String name = ti.getThreadName();
        roles.merge(javaRole(name), ns, Long::sum);
        threads.merge(name.replaceAll("[0-9]+", "#"), ns, Long::sum);
        attributed += ns;
      }
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // ended meanwhile
        }
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String role = nativeRole(comm);
        if (role == null) {
          continue;
        }
        long ns = ticksToNanos(stat);
        roles.merge(role, ns, Long::sum);
        threads.merge(comm.replaceAll("[0-9]+", "#"), ns, Long::sum);
        attributed += ns;
      }
    } catch (IOException | RuntimeException e) {
      // No /proc: the JVM's own threads stay in exited/other.
    }
    long total = processCpuNanos();
    roles.put("exited/other", Math.max(0, total - attributed));
    return new ThreadBudget(total, roles, threads);
  }

  /**
   * @return the calling thread's CPU time in nanoseconds, or -1 where the JVM does not measure it
   */
  static long currentThreadCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
  }

  /**
   * @return user + system CPU of this process so far, in nanoseconds (USER_HZ resolution), or -1
   */
  static long processCpuNanos() {
    try {
      return ticksToNanos(Files.readString(Path.of("/proc/self/stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long ticksToNanos(String stat) {
    // Fields after the command name's closing paren: state is field 3, utime 14, stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * (1_000_000_000L / ProcStats.CLOCK_TICKS_PER_SECOND);
  }

  long totalNanos() {
    return totalNanos;
  }

  Map<String, Long> roles() {
    return roles;
  }

  /** {@code {"totalNanos":…,"roles":{…},"threads":{…}}}, thread names with digits folded. */
  String toJson() {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"totalNanos\":").append(totalNanos).append(",\"roles\":{");
    appendMap(b, roles);
    b.append("},\"threads\":{");
    appendMap(b, threads);
    return b.append("}}").toString();
  }

  private static void appendMap(StringBuilder b, Map<String, Long> m) {
    boolean first = true;
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append('"').append(ChildMain.escape(e.getKey())).append("\":").append(e.getValue());
    }
  }
}
