package dev.spoke.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** HTTP plumbing shared by the endpoints: auth, capped body reading, JSON answers. Not API. */
final class Http {

  private Http() {}

  /** Ends a request early with an HTTP error answer. */
  static final class Failure extends Exception {
    final int status;
    final String code;
    final List<String> messages;
    final RejectReason reason;

    Failure(int status, String code, String message, RejectReason reason) {
      this(status, code, List.of(message), reason);
    }

    Failure(int status, String code, List<String> messages, RejectReason reason) {
      super(String.join("; ", messages), null, false, false);
      this.status = status;
      this.code = code;
      this.messages = List.copyOf(messages);
      this.reason = reason;
    }
  }

  /**
   * HTTP Basic against the workspaces: 401 when missing or malformed, 403 when unknown or wrong.
   */
  static WorkspacesFile.Workspace authenticate(HttpExchange ex, WorkspacesFile workspaces)
      throws Failure {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new Failure(
          401,
          "UNAUTHORIZED",
          "missing HTTP Basic Authorization header",
          RejectReason.AUTH_MISSING);
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Failure(
          401,
          "UNAUTHORIZED",
          "Authorization header is not valid base64",
          RejectReason.AUTH_MISSING);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new Failure(
          401,
          "UNAUTHORIZED",
          "Authorization header must carry key:secret",
          RejectReason.AUTH_MISSING);
    }
    String key = decoded.substring(0, colon);
    byte[] secret = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    Optional<WorkspacesFile.Workspace> ws = workspaces.workspace(key);
    // Constant-time compare; the message never echoes the secret.
    if (ws.isEmpty()
        || !MessageDigest.isEqual(secret, ws.get().apiSecret().getBytes(StandardCharsets.UTF_8))) {
      throw new Failure(
          403, "FORBIDDEN", "unknown API key or wrong secret", RejectReason.AUTH_INVALID);
    }
    return ws.get();
  }

  /**
   * Reads the request body, inflating gzip, refusing more than {@code cap} decoded bytes with 413.
   */
  static byte[] readBody(HttpExchange ex, int cap, Counters counters) throws Failure, IOException {
    Counting raw = new Counting(ex.getRequestBody());
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = raw;
    try {
      if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
        in = new GZIPInputStream(raw, 8192);
      } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
        throw new Failure(
            400,
            "BAD_REQUEST",
            "unsupported Content-Encoding '" + encoding + "'; send gzip or no encoding",
            RejectReason.INVALID_JSON);
      }
      String length = ex.getRequestHeaders().getFirst("Content-Length");
      int hint = 8192;
      if (length != null && in == raw) {
        try {
          hint = (int) Math.min(Math.max(Long.parseLong(length.trim()), 0), cap + 1L);
        } catch (NumberFormatException ignored) {
          // the server itself rejects a bad Content-Length; keep the default hint
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(hint, 16));
      byte[] buf = new byte[16384];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        if (out.size() > cap) {
          counters.bytesReceived.add(raw.count);
          throw new Failure(
              413,
              "REQUEST_TOO_LARGE",
              "request body exceeds " + cap + " bytes (decompressed)",
              RejectReason.REQUEST_TOO_LARGE);
        }
      }
      counters.bytesReceived.add(raw.count);
      counters.bytesDecoded.add(out.size());
      return out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new Failure(
          400,
          "BAD_REQUEST",
          "body is not valid gzip: " + e.getMessage(),
          RejectReason.INVALID_JSON);
    }
  }

  /** Sends {@code body} (empty: no body) with the given status and content type. */
  static void send(HttpExchange ex, int status, byte[] body, Counters counters) throws IOException {
    if (body.length > 0) {
      ex.getResponseHeaders().set("Content-Type", "application/json");
    }
    counters.status(status);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  /** Sends the platform's error body {@code {"errors":[{"code":…,"message":…},…]}}. */
  static void sendError(
      HttpExchange ex,
      int status,
      String code,
      List<String> messages,
      ObjectMapper json,
      Counters counters)
      throws IOException {
    ObjectNode root = json.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    for (String m : messages) {
      errors.addObject().put("code", code).put("message", m);
    }
    if (status == 401) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"spoke-devserver\"");
    }
    send(ex, status, json.writeValueAsBytes(root), counters);
  }

  static void sendFailure(HttpExchange ex, Failure f, ObjectMapper json, Counters counters)
      throws IOException {
    if (f.reason != null) {
      counters.rejected(f.reason);
    }
    sendError(ex, f.status, f.code, f.messages, json, counters);
  }

  /** Counts the bytes that crossed the wire, before any decompression. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
