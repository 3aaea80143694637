package dev.spoke;

import dev.spoke.internal.json.BatchReader;
import dev.spoke.internal.json.ParsedBatch;
import dev.spoke.internal.json.ParsedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A MockWebServer that parses every upload it accepts and answers with a programmable function. */
final class RecordingServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<ParsedBatch> accepted = Collections.synchronizedList(new ArrayList<>());
  final List<String> allSourceRequestIds = Collections.synchronizedList(new ArrayList<>());
  volatile Function<RecordedRequest, MockResponse> answer =
      r -> new MockResponse().setResponseCode(202);

  RecordingServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse res = answer.apply(request);
            if (request.getPath() != null && request.getPath().startsWith("/v2/bulkevents")) {
              try {
                byte[] body = request.getBody().readByteArray();
                if ("gzip".equals(request.getHeader("Content-Encoding"))) {
                  body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
                }
                List<ParsedBatch> batches = new BatchReader().readBulk(body);
                for (ParsedBatch b : batches) allSourceRequestIds.add(b.sourceRequestId());
                if (res.getStatus().contains(" 202 ") || res.getStatus().contains(" 200 ")) {
                  accepted.addAll(batches);
                }
              } catch (IOException e) {
                return new MockResponse().setResponseCode(400).setBody(e.toString());
              }
            }
            return res;
          }
        });
    server.start();
  }

  java.net.URI root() {
    return server.url("/").uri();
  }

  List<ParsedEvent> events() {
    List<ParsedEvent> out = new ArrayList<>();
    synchronized (accepted) {
      for (ParsedBatch b : accepted) out.addAll(b.events());
    }
    return out;
  }

  List<ParsedEvent> events(String wireType) {
    List<ParsedEvent> out = new ArrayList<>();
    for (ParsedEvent e : events()) if (e.event().type().wireName().equals(wireType)) out.add(e);
    return out;
  }

  static String text(RecordedRequest r) {
    return r.getBody().clone().readString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
