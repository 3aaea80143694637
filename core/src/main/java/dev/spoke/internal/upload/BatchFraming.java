package dev.spoke.internal.upload;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one batch's bytes from a pre-serialized header fragment and event objects. Not API.
 *
 * <p>The output is {@code {<header>,"source_request_id":"…","events":[…]}} written into one exactly
 * sized array, so the size a caller computes with {@link #sizeBytes} before building is the size it
 * gets. There is no batch-level {@code timestamp_unixtime_ms}: the platform sets it on arrival and
 * asks Events API clients not to send it (docs/WIRE.md section 2). Stateless and thread-safe.
 */
public final class BatchFraming {
  private static final byte[] SRID = ascii("\"source_request_id\":\"");
  private static final byte[] EVENTS = ascii("\",\"events\":[");

  private BatchFraming() {}

  /**
   * Bytes a batch needs besides the sum of its event byte arrays.
   *
   * @param headerFieldsLength bytes of the header fragment (a JSON object body without braces; 0
   *     when there are no header fields)
   * @param sourceRequestId the batch's id (ASCII, as a UUID is)
   * @param eventCount how many events the batch will hold
   */
  public static int overheadBytes(int headerFieldsLength, String sourceRequestId, int eventCount) {
    if (headerFieldsLength < 0 || eventCount < 0) {
      throw new IllegalArgumentException(
          "headerFieldsLength "
              + headerFieldsLength
              + " / eventCount "
              + eventCount
              + " must be >= 0");
    }
    int n = 1; // {
    if (headerFieldsLength > 0) {
      n += headerFieldsLength + 1; // header + ,
    }
    n += SRID.length + sourceRequestId.length() + EVENTS.length;
    n += eventCount > 1 ? eventCount - 1 : 0; // commas between events
    n += 2; // ]}
    return n;
  }

  /** Total size of the batch {@link #frame} would build. */
  public static int sizeBytes(int headerFieldsLength, String sourceRequestId, List<byte[]> events) {
    long sum = 0;
    for (byte[] e : events) {
      sum += e.length;
    }
    long total = overheadBytes(headerFieldsLength, sourceRequestId, events.size()) + sum;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch of " + total + " bytes is too large");
    }
    return (int) total;
  }

  /**
   * Builds the batch bytes.
   *
   * @param headerFields JSON object body without braces (for example {@code
   *     "environment":"production","mpid":1}), possibly empty, never ending in a comma
   * @param sourceRequestId ASCII id without quotes, backslashes or control characters
   * @param events complete event JSON objects, written in order
   */
  public static byte[] frame(byte[] headerFields, String sourceRequestId, List<byte[]> events) {
    checkId(sourceRequestId);
    byte[][] array = events.toArray(new byte[0][]);
    ArrayOut out =
        new ArrayOut(new byte[sizeBytes(headerFields.length, sourceRequestId, events)], 0);
    write(headerFields, EMPTY, sourceRequestId, array, 0, array.length, out);
    if (out.p != out.a.length) {
      throw new IllegalStateException("framing size mismatch: " + out.p + " != " + out.a.length);
    }
    return out.a;
  }

  /** Where {@link #write} puts a batch's bytes, piece by piece, in order. */
  interface Out {
    void put(byte b);

    void put(byte[] b, int off, int len);

    /** Writes a checked id (one byte per char) without making a byte array of it. */
    void putAscii(String s);
  }

  private static final byte[] EMPTY = new byte[0];

  /** Length of the header fields {@link #write} writes for these two fragments. */
  public static int headerFieldsLength(byte[] instanceFields, byte[] userFields) {
    if (userFields.length == 0) {
      return instanceFields.length;
    }
    return instanceFields.length == 0
        ? userFields.length
        : instanceFields.length + 1 + userFields.length;
  }

  /**
   * The one layout of a batch, written piece by piece: the event arrays are handed to {@code out}
   * as they are, so a batch kept as its parts is framed straight into the request body (see {@link
   * BodyEncoder}) without an array of its own. The header fields are two fragments (the instance's
   * and the user's, either possibly empty) joined by a comma, so a user's header needs no array of
   * its own either. {@code sourceRequestId} must have passed {@link #checkId}.
   */
  static void write(
      byte[] instanceFields,
      byte[] userFields,
      String sourceRequestId,
      byte[][] events,
      int from,
      int to,
      Out out) {
    out.put((byte) '{');
    if (instanceFields.length > 0) {
      out.put(instanceFields, 0, instanceFields.length);
      out.put((byte) ',');
    }
    if (userFields.length > 0) {
      out.put(userFields, 0, userFields.length);
      out.put((byte) ',');
    }
    out.put(SRID, 0, SRID.length);
    out.putAscii(sourceRequestId);
    out.put(EVENTS, 0, EVENTS.length);
    for (int i = from; i < to; i++) {
      if (i > from) {
        out.put((byte) ',');
      }
      out.put(events[i], 0, events[i].length);
    }
    out.put((byte) ']');
    out.put((byte) '}');
  }

  /** Writes into an array from a position (an exactly sized batch, or a plain request body). */
  static final class ArrayOut implements Out {
    final byte[] a;
    int p;

    ArrayOut(byte[] a, int p) {
      this.a = a;
      this.p = p;
    }

    @Override
    public void put(byte b) {
      a[p++] = b;
    }

    @Override
    public void put(byte[] b, int off, int len) {
      System.arraycopy(b, off, a, p, len);
      p += len;
    }

    @Override
    public void putAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        a[p++] = (byte) s.charAt(i);
      }
    }
  }

  static void checkId(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("sourceRequestId is empty: use a UUID string");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      // The id is written raw, so it must need no JSON escaping and be one byte per char.
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "sourceRequestId has character U+"
                + Integer.toHexString(c)
                + " at "
                + i
                + ": use a UUID string");
      }
    }
  }

  static int digits(long v) {
    if (v == Long.MIN_VALUE) {
      return 20;
    }
    int n = 1;
    if (v < 0) {
      n++;
      v = -v;
    }
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
