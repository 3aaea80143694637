package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.NOW_MS;
import static dev.spoke.devserver.TestSupport.batch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that open a connection, send part of a request and go silent must not stop the server
 * answering others (a fixed pool of four handler threads used to be frozen by four such clients).
 *
 * <p>No test here sleeps: each waits on a socket with a read timeout, which bounds it.
 */
class SlowClientsTest {

  /**
   * Generous: on a loaded machine a normal answer still comes in milliseconds; only a frozen server
   * waits this.
   */
  private static final int ANSWER_TIMEOUT_MS = 8_000;

  private final List<Socket> sockets = new ArrayList<>();
  private DevServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), ANSWER_TIMEOUT_MS);
    s.setSoTimeout(ANSWER_TIMEOUT_MS);
    return s;
  }

  /** Half a request line and headers, then silence. */
  private void halfHeaders() throws IOException {
    OutputStream out = connect().getOutputStream();
    out.write(
        "POST /v2/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Complete headers announcing a body, then half of the body and silence. */
  private void halfBody() throws IOException {
    OutputStream out = connect().getOutputStream();
    out.write(
        ("POST /v2/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + TestSupport.basic("k1", "s1")
                + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                + "{\"environment\":\"devel")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * A complete request on a raw socket; returns the status line, or fails if no answer comes in
   * time.
   */
  private String normalRequest() throws IOException {
    Socket s = connect();
    byte[] body = batch("normal", 1, NOW_MS).getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /v2/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + TestSupport.basic("k1", "s1")
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return statusLine(s.getInputStream());
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }

  @Test
  void moreSlowClientsThanThreadsDoNotStopANormalRequest() throws IOException {
    server = TestSupport.server().threads(2).build().start();
    for (int i = 0; i < 4; i++) {
      halfHeaders();
      halfBody();
    }
    String status;
    try {
      status = normalRequest();
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no answer within "
              + ANSWER_TIMEOUT_MS
              + " ms while 8 slow clients hold"
              + " connections to a server with 2 handler threads",
          e);
    }
    assertThat(status).isEqualTo("HTTP/1.1 202 Accepted");
    assertThat(server.stats().batchesAccepted()).isEqualTo(1);
  }

  @Test
  void clientsThatNeverFinishTheirRequestAreDisconnectedByTheReadTimeout() throws IOException {
    // The build runs these tests with a 2 s read timeout (sun.net.httpserver.maxReqTime in the
    // surefire
    // configuration); the socket's own timeout bounds the wait if the server never closes.
    server = TestSupport.server().build().start();
    halfHeaders();
    halfBody();
    for (Socket silent : sockets) {
      int read;
      try {
        read = silent.getInputStream().read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "a client that sent half a request was not disconnected within "
                + ANSWER_TIMEOUT_MS
                + " ms",
            e);
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).as("the server closes the connection without an answer").isEqualTo(-1);
    }
  }

  /** Polls a condition (no fixed sleep); fails after {@code ANSWER_TIMEOUT_MS}. */
  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline =
        System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  @Test
  void pastMaxConnectionsANewRequestIsRefusedNotHeldAndTheServerRecovers() throws IOException {
    server = TestSupport.server().threads(1).maxConnections(1).build().start();
    halfHeaders();
    Socket slow = sockets.get(0);
    await("the slow client holds the only handler", () -> server.busyHandlers() == 1);

    // Refused: its connection is closed by the read timeout instead of waiting forever behind the
    // slow one.
    String status;
    try {
      status = normalRequest();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("a request past maxConnections was held, not refused", e);
    } catch (IOException reset) {
      status = "";
    }
    assertThat(status).isEmpty();
    assertThat(server.stats().faults()).containsEntry("refused", 1L);

    slow.close();
    await("the slow client's handler is free", () -> server.busyHandlers() == 0);
    assertThat(normalRequest()).isEqualTo("HTTP/1.1 202 Accepted");
  }
}
