package dev.spoke.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The developer-facing side of the server: the live page ({@code /}, plain HTML/JS/CSS from
 * resources), its stream ({@code /live/stream}, server-sent events), its start state ({@code
 * /live/state}) and {@code GET /stats}. These paths are never faulted and not counted as API
 * requests, so the page keeps working during an injected outage. Not API.
 */
final class LivePage {

  private static final String RESOURCES = "/dev/spoke/devserver/live/";

  /** Path to (resource, content type). */
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/live.js", new String[] {"live.js", "text/javascript; charset=utf-8"},
          "/live.css", new String[] {"live.css", "text/css; charset=utf-8"});

  private final ObjectMapper json;
  private final Counters counters;
  private final LiveFeed feed;

  LivePage(ObjectMapper json, Counters counters, LiveFeed feed) {
    this.json = json;
    this.counters = counters;
    this.feed = feed;
  }

  /** True for the paths this class answers. */
  static boolean serves(String path) {
    return FILES.containsKey(path) || path.equals("/stats") || path.startsWith("/live/");
  }

  /**
   * Answers one request.
   *
   * @return true when the exchange stays open (a live stream, now owned by the feed): the caller
   *     must not close it
   */
  boolean handle(HttpExchange ex, String path) throws IOException {
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "GET");
      Http.sendError(
          ex, 405, "METHOD_NOT_ALLOWED", List.of(path + " accepts GET only"), json, counters);
      return false;
    }
    String[] file = FILES.get(path);
    if (file != null) {
      sendResource(ex, file[0], file[1]);
      return false;
    }
    switch (path) {
      case "/stats" -> sendJson(ex, json.writeValueAsBytes(feed.statsJson()));
      case "/live/state" -> sendJson(ex, json.writeValueAsBytes(feed.state()));
      case "/live/stream" -> {
        feed.subscribe(ex);
        return true;
      }
      default ->
          Http.sendError(
              ex,
              404,
              "NOT_FOUND",
              List.of("no page " + path + "; the live page is at /"),
              json,
              counters);
    }
    return false;
  }

  private static void sendJson(HttpExchange ex, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("Content-Type", "application/json");
    write(ex, body);
  }

  private static void sendResource(HttpExchange ex, String name, String type) throws IOException {
    byte[] body;
    try (InputStream in = LivePage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the devserver jar lacks " + RESOURCES + name + "; rebuild it");
      }
      body = in.readAllBytes();
    }
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    write(ex, body);
  }

  private static void write(HttpExchange ex, byte[] body) throws IOException {
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(200, head ? -1 : body.length);
    if (!head) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }
}
