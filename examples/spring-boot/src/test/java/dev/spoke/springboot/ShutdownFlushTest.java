package dev.spoke.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A normal stop delivers what is still in memory: with an upload interval of an hour nothing goes
 * out on its own, so the events can only reach the local platform through the close on shutdown.
 */
class ShutdownFlushTest {

  @Test
  void closingTheApplicationDeliversTheEventsStillInMemory() throws Exception {
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SpokeExampleApplication.class)
            // Command-line arguments, as a deployment would pass them: they override
            // application.yml.
            .run(
                "--server.port=0",
                "--spoke.upload-interval=1h",
                "--spoke.kits-enabled=false",
                "--spoke.api-key=" + LocalPlatform.SHUTDOWN_KEY,
                "--spoke.secret=" + LocalPlatform.SHUTDOWN_SECRET,
                "--spoke.endpoint=" + LocalPlatform.server().baseUri());
    boolean closed = false;
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      for (String user : new String[] {"erin", "frank"}) {
        HttpResponse<String> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/search?q=last%20request"))
                        .header("X-User-Id", user)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
      }
      assertThat(LocalPlatform.server().eventCount(LocalPlatform.SHUTDOWN_KEY))
          .as("nothing sent before the stop")
          .isZero();

      app.close();
      closed = true;

      // close() returned only after Spoke's close: no waiting needed.
      for (String user : new String[] {"erin", "frank"}) {
        assertThat(LocalPlatform.eventsOf(LocalPlatform.SHUTDOWN_KEY, user))
            .anyMatch(e -> e.path("data").path("event_name").asText().equals("Search"));
      }
    } finally {
      if (!closed) app.close();
    }
  }
}
