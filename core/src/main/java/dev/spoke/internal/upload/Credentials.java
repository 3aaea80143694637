package dev.spoke.internal.upload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/** Key and secret supplier; the secret is only read to sign a request, never printed. */
final class Credentials {
  final String apiKey;
  private final Supplier<char[]> secret;

  Credentials(String apiKey, Supplier<char[]> secret) {
    this.apiKey = apiKey;
    this.secret = secret;
  }

  String basicAuth() {
    char[] s = secret.get();
    char[] kv = new char[apiKey.length() + 1 + (s == null ? 0 : s.length)];
    apiKey.getChars(0, apiKey.length(), kv, 0);
    kv[apiKey.length()] = ':';
    if (s != null) {
      System.arraycopy(s, 0, kv, apiKey.length() + 1, s.length);
    }
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(kv));
    byte[] bytes = new byte[bb.remaining()];
    bb.get(bytes);
    String header = "Basic " + Base64.getEncoder().encodeToString(bytes);
    Arrays.fill(kv, '\0');
    Arrays.fill(bytes, (byte) 0);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return header;
  }

  @Override
  public String toString() {
    return "Credentials{apiKey=" + apiKey + ", secret=<hidden>}";
  }
}
