package dev.spoke.springboot;

import dev.spoke.devserver.DevServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Runs the example against the local platform in-process, no account needed: {@code mvn -B -q
 * -Pdemo -pl examples/spring-boot -am package -DskipTests} (Ctrl-C stops it; the stop flushes
 * Spoke). Lives with the tests because the app itself knows nothing of the local platform: it only
 * gets {@code spoke.endpoint}, the key and the secret, as a deployment would.
 */
public final class LocalDemo {
  private LocalDemo() {}

  /**
   * The workspace enables the counting kit, so the kit meters have something to show. Not
   * annotated: it is passed to the application as a source, and the tests' component scan must not
   * find it.
   */
  static class DemoKit {
    @Bean
    SpokeOptionsCustomizer countingKit() {
      return options -> options.kit(new CountingKit.Factory());
    }
  }

  public static void main(String[] args) {
    DevServer platform = LocalPlatform.server();
    List<String> all =
        new ArrayList<>(
            List.of(
                "--spoke.endpoint=" + platform.baseUri(),
                "--spoke.api-key=" + LocalPlatform.KEY,
                // The local platform's demo secret; a real deployment sets SPOKE_SECRET in the
                // environment.
                "--spoke.secret=" + LocalPlatform.SECRET));
    all.addAll(Arrays.asList(args));
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SpokeExampleApplication.class, DemoKit.class)
            .run(all.toArray(String[]::new));
    String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    System.out.println();
    System.out.println(
        "Spoke Spring Boot example on " + base + ", local platform on " + platform.baseUri());
    System.out.println("received batches: " + platform.batchLog().toAbsolutePath());
    System.out.println("try:");
    System.out.println(
        "  curl -X POST -H 'X-User-Id: alice' '" + base + "/search?q=trail%20shoes'");
    System.out.println(
        "  curl -X POST -H 'X-User-Id: bob' -H 'Content-Type: application/json' '"
            + base
            + "/orders' -d '{\"orderId\":\"T-1\",\"sku\":\"sku-7\",\"name\":\"Trail shoe\",\"price\":89.5,\"quantity\":2,\"currency\":\"EUR\"}'");
    System.out.println("  curl '" + base + "/actuator/health'");
    System.out.println("  curl -s '" + base + "/actuator/prometheus' | grep '^spoke_'");
    System.out.println("Ctrl-C stops the app (Spoke delivers what it still holds first).");
  }
}
