package dev.spoke.internal.durability;

import dev.spoke.SpokeOptions.FsyncPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process for {@link JournalCrashTest}: appends and acknowledges forever with fsync ALWAYS,
 * printing "A seq" after each append returned, "I seq" before acknowledging and "K seq" after the
 * acknowledgement returned, until it is killed.
 */
public final class JournalCrashChild {
  private JournalCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Random rnd = new Random(Long.parseLong(args[1]));
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    JournalConfig cfg =
        JournalConfig.builder()
            .fsync(FsyncPolicy.ALWAYS)
            .segmentBytes(16 * 1024)
            .maxTotalBytes(64L * 1024 * 1024)
            .build();
    try (Journal j = Journal.open(dir, cfg, JournalListener.NONE)) {
      List<Long> open = new ArrayList<>();
      j.replay((seq, payload) -> open.add(seq));
      out.println("R");
      out.flush();
      while (true) {
        long seq = j.append(JournalTest.payload(rnd.nextInt(100_000)));
        out.println("A " + seq);
        out.flush();
        open.add(seq);
        if (rnd.nextInt(3) == 0 && !open.isEmpty()) {
          int k = 1 + rnd.nextInt(Math.min(8, open.size()));
          long[] acks = new long[k];
          for (int i = 0; i < k; i++) {
            acks[i] = open.remove(rnd.nextInt(open.size()));
          }
          // Announce first: a kill between the ack and its confirmation line must not look like
          // a lost record to the parent.
          StringBuilder intent = new StringBuilder();
          for (long a : acks) {
            intent.append("I ").append(a).append('\n');
          }
          out.print(intent);
          out.flush();
          j.acknowledge(acks);
          StringBuilder sb = new StringBuilder();
          for (long a : acks) {
            sb.append("K ").append(a).append('\n');
          }
          out.print(sb);
          out.flush();
        }
      }
    }
  }
}
