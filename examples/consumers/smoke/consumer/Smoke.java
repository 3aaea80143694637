package consumer;

import com.sun.net.httpserver.HttpServer;
import dev.spoke.FlushResult;
import dev.spoke.Spoke;
import dev.spoke.SpokeOptions;
import dev.spoke.Workspace;
import dev.spoke.event.CustomEvent;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

/**
 * A host app's smoke test, run by each consumer build: its resolved dependencies hold exactly one
 * OkHttp and one Okio (of the expected line), and Spoke, running on that OkHttp, delivers an event to
 * a local server. Arguments: the expected OkHttp major version ("4" or "5") and the dependency list
 * written by {@code dependency:list}.
 */
public final class Smoke {
  private Smoke() {}

  public static void main(String[] args) throws Exception {
    String major = args[0];
    List<String> failures = new ArrayList<>();
    checkDependencyList(Path.of(args[1]), major, failures);
    checkClasspath(major, failures);
    checkDelivery(failures);
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.err.println("consumer smoke test FAILED: " + f));
      System.exit(1);
    }
    System.out.println("consumer smoke test OK: one OkHttp " + okhttp3.OkHttp.VERSION + ", event delivered");
  }

  /** Lines like {@code com.squareup.okhttp3:okhttp:jar:4.12.0:compile:/path/okhttp-4.12.0.jar}. */
  private static void checkDependencyList(Path list, String major, List<String> failures) throws IOException {
    int okhttpJars = 0;
    int okioJars = 0;
    List<String> squareup = new ArrayList<>();
    for (String raw : Files.readAllLines(list)) {
      // groupId:artifactId:type:version:scope:path (outputAbsoluteArtifactFilename), then " -- module …"
      String[] parts = raw.trim().split("\\s+")[0].split(":", 6);
      if (parts.length < 6 || !parts[2].equals("jar")) continue;
      String coordinates = parts[0] + ":" + parts[1] + ":" + parts[3];
      if (parts[0].startsWith("com.squareup.")) squareup.add(coordinates);
      File jar = new File(parts[5]);
      if (!jar.isFile()) {
        failures.add("not a file: " + parts[5]);
        continue;
      }
      if (contains(jar, "okhttp3/OkHttpClient.class")) {
        okhttpJars++;
        if (!parts[3].startsWith(major + ".")) failures.add("OkHttp " + coordinates + " resolved, expected " + major + ".x");
      }
      if (contains(jar, "okio/Buffer.class")) okioJars++;
    }
    System.out.println("resolved OkHttp and Okio artifacts: " + squareup);
    if (okhttpJars != 1) failures.add(okhttpJars + " jars with OkHttp's classes in the dependency list, expected 1: " + squareup);
    if (okioJars != 1) failures.add(okioJars + " jars with Okio's classes in the dependency list, expected 1: " + squareup);
  }

  private static void checkClasspath(String major, List<String> failures) throws IOException {
    int okhttp = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File f = new File(entry);
      if (f.isFile() && contains(f, "okhttp3/OkHttpClient.class")) okhttp++;
    }
    if (okhttp != 1) failures.add(okhttp + " OkHttp jars on the runtime classpath, expected 1");
    if (!okhttp3.OkHttp.VERSION.startsWith(major + ".")) {
      failures.add("OkHttp " + okhttp3.OkHttp.VERSION + " loaded, expected " + major + ".x");
    }
  }

  private static void checkDelivery(List<String> failures) throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      if (exchange.getRequestURI().getPath().startsWith("/v2/bulkevents")) {
        bodies.add(new String(body, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    try {
      URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      Workspace ws = Workspace.builder("us1-consumer", "consumer-secret").build();
      Spoke spoke = Spoke.create(SpokeOptions.builder(ws).endpoint(root).kitsEnabled(false).build());
      spoke.user("consumer-1").logEvent(CustomEvent.builder("consumer smoke").attribute("okhttp", okhttp3.OkHttp.VERSION).build());
      FlushResult r = spoke.close(Duration.ofSeconds(20));
      if (!r.complete() || r.droppedTotal() != 0) failures.add("close did not deliver everything: " + r);
      if (bodies.stream().noneMatch(b -> b.contains("consumer smoke"))) {
        failures.add("the local server received no batch with the event (" + bodies.size() + " uploads)");
      }
    } finally {
      server.stop(0);
    }
  }

  private static boolean contains(File jar, String entry) throws IOException {
    try (ZipFile z = new ZipFile(jar)) {
      return z.getEntry(entry) != null;
    }
  }
}
