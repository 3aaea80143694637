package dev.spoke.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are, found from this class's own location ({@code bench/target/classes}), so the
 * harness runs the same from the repository root, from {@code bench/} or from Maven.
 */
final class BenchPaths {
  private final Path classes;
  private final Path target;
  private final Path module;

  private BenchPaths(Path classes) {
    this.classes = classes;
    this.target = classes.getParent();
    this.module = target.getParent();
  }

  static BenchPaths locate() {
    try {
      Path classes =
          Path.of(BenchPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toAbsolutePath();
      return new BenchPaths(classes);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate bench classes", e);
    }
  }

  Path classes() {
    return classes;
  }

  Path target() {
    return target;
  }

  Path resultsDir() {
    return module.resolve("results");
  }

  Path plotFile() {
    return module.resolve("w4.png");
  }

  Path logDir() {
    Path d = target.resolve("bench-logs");
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Harness, JMH and Spoke child: bench classes plus target/classpath-spoke.txt. */
  String spokeClasspath() {
    return classes + File.pathSeparator + read("classpath-spoke.txt");
  }

  /** The classpath of one SDK's child JVM: only that SDK and its own dependencies. */
  String childClasspath(String sdk) {
    return "segment".equals(sdk)
        ? classes + File.pathSeparator + read("classpath-segment.txt")
        : spokeClasspath();
  }

  private String read(String name) {
    Path f = target.resolve(name);
    try {
      return Files.readString(f, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "missing " + f + ": build with " + "'mvn -B -q -pl bench -am package -DskipTests' first",
          e);
    }
  }
}
