package dev.spoke.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmark harness (the W1-W5 workloads of bench/README.md).
 *
 * <p>Usage: {@code java -cp bench/target/classes dev.spoke.bench.Main
 * [all|w1|w1mixed|w2|w3|alloc|w4|w5]... [--quick] [--runs=K] [--sdk=both|spoke|segment]
 * [--w5-rate=R] [--w5-seconds=S]}. Only this class's own directory needs to be on the classpath:
 * when the harness's libraries are missing it starts itself again on {@code
 * target/classpath-spoke.txt} (written by the build), so one short command works from anywhere.
 * This class therefore uses nothing but the JDK.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (onClasspath("com.fasterxml.jackson.databind.ObjectMapper")
        && onClasspath("org.openjdk.jmh.runner.Runner")) {
      System.exit(Harness.run(args));
      return;
    }
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path cpFile = classes.getParent().resolve("classpath-spoke.txt");
    if (!Files.isReadable(cpFile)) {
      System.err.println(
          "missing " + cpFile + ": build first with 'mvn -B -q -pl bench -am package -DskipTests'");
      System.exit(2);
    }
    String cp =
        classes + File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).trim();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-cp",
                cp,
                Main.class.getName()));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    System.exit(p.waitFor());
  }

  private static boolean onClasspath(String name) {
    try {
      Class.forName(name, false, Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
