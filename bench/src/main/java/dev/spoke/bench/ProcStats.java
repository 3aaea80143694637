package dev.spoke.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a live process's memory and CPU figures from Linux's /proc. */
final class ProcStats {
  /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build. */
  static final long CLOCK_TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /**
   * @return a {@code Vm*:} field of /proc/pid/status in kB, or -1 if unreadable
   */
  static long statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          String v = line.substring(field.length() + 1).trim();
          int sp = v.indexOf(' ');
          return Long.parseLong(sp > 0 ? v.substring(0, sp) : v);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * @return user + system CPU seconds of the process so far, or -1 if unreadable
   */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; fields are counted after its closing paren.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(f[11]); // field 14
      long stime = Long.parseLong(f[12]); // field 15
      return (utime + stime) / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/status"));
  }
}
