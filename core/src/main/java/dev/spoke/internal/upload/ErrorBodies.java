package dev.spoke.internal.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns an error response body into a short message. Not API. */
final class ErrorBodies {
  static final int MAX_MESSAGE_CHARS = 512;
  private static final JsonFactory JSON = new JsonFactory();

  private ErrorBodies() {}

  /**
   * "CODE: message; CODE2: message2" from {@code {"errors":[{"code","message"}]}}, else the raw
   * text; truncated to {@link #MAX_MESSAGE_CHARS}.
   */
  static String describe(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String parsed = null;
    try {
      parsed = parseErrors(body);
    } catch (IOException | RuntimeException e) {
      parsed = null; // not the documented shape: fall back to raw text
    }
    String text =
        parsed != null && !parsed.isEmpty()
            ? parsed
            : new String(body, StandardCharsets.UTF_8).trim();
    return truncate(text);
  }

  static String truncate(String s) {
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  private static String parseErrors(byte[] body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      StringBuilder out = new StringBuilder();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken t = p.nextToken();
        if ("errors".equals(name) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String code = null;
            String message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.getCurrentName();
              JsonToken v = p.nextToken();
              if (v.isScalarValue() && "code".equals(f)) {
                code = p.getText();
              } else if (v.isScalarValue() && "message".equals(f)) {
                message = p.getText();
              } else {
                p.skipChildren();
              }
            }
            if (out.length() > 0) {
              out.append("; ");
            }
            out.append(code != null ? code : "ERROR")
                .append(": ")
                .append(message != null ? message : "");
          }
        } else {
          p.skipChildren();
        }
      }
      return out.toString();
    }
  }
}
