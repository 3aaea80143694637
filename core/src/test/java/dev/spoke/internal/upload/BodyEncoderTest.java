package dev.spoke.internal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class BodyEncoderTest {

  private static byte[] gunzip(byte[] gz) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
  }

  private static byte[] written(RequestBody body) throws IOException {
    Buffer sink = new Buffer();
    body.writeTo(sink);
    assertThat(sink.size()).isEqualTo(body.contentLength());
    return sink.readByteArray();
  }

  @Test
  void compressedBodyIsTheJsonArrayOfTheBatches() throws IOException {
    List<SealedBatch> batches =
        List.of(
            RequestPackerTest.batch(100, false, 1),
            RequestPackerTest.batch(30, false, 2),
            RequestPackerTest.batch(8, false, 3));
    BodyEncoder enc = new BodyEncoder();
    byte[] gz = written(UploadBody.gzip(batches, enc));
    assertThat(gunzip(gz)).isEqualTo(RequestPacker.body(batches));
    enc.close();
  }

  @Test
  void plainBodyIsTheJsonArrayOfTheBatchesAndTheBufferIsReused() throws IOException {
    BodyEncoder enc = new BodyEncoder();
    List<SealedBatch> batches =
        List.of(RequestPackerTest.batch(50, false, 1), RequestPackerTest.batch(60, false, 2));
    assertThat(written(UploadBody.plain(batches, enc))).isEqualTo(RequestPacker.body(batches));
    byte[] buffer = enc.buffer();
    assertThat(written(UploadBody.plain(List.of(batches.get(0)), enc)))
        .isEqualTo(RequestPacker.body(List.of(batches.get(0))));
    assertThat(enc.buffer()).isSameAs(buffer);
    // A body larger than the buffer grows it once, and a gzip body after it still round-trips.
    List<SealedBatch> big =
        List.of(
            RequestPackerTest.batch(100_000, false, 3), RequestPackerTest.batch(90_000, false, 4));
    assertThat(written(UploadBody.plain(big, enc))).isEqualTo(RequestPacker.body(big));
    assertThat(gunzip(written(UploadBody.gzip(big, enc)))).isEqualTo(RequestPacker.body(big));
    enc.close();
  }

  @Test
  void oneEncoderServesManyRequestsOfAnySizeAndRetriesGiveIdenticalBytes() throws IOException {
    BodyEncoder enc = new BodyEncoder();
    Random rnd = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<SealedBatch> batches = new ArrayList<>();
      int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        // Random bytes do not compress: the output outgrows the initial buffer.
        batches.add(randomBatch(rnd, 8 + rnd.nextInt(round % 5 == 4 ? 200_000 : 4_000), i));
      }
      byte[] first = written(UploadBody.gzip(batches, enc));
      byte[] again = written(UploadBody.gzip(batches, enc));
      assertThat(again).isEqualTo(first);
      assertThat(gunzip(first)).isEqualTo(RequestPacker.body(batches));
    }
    enc.close();
  }

  @Test
  void everyLevelRoundTripsAndOutOfRangeLevelsAreRefused() throws IOException {
    List<SealedBatch> batches = List.of(RequestPackerTest.batch(5_000, false, 1));
    for (int level = 1; level <= 9; level++) {
      BodyEncoder enc = new BodyEncoder(level);
      assertThat(gunzip(written(UploadBody.gzip(batches, enc))))
          .isEqualTo(RequestPacker.body(batches));
      enc.close();
    }
    assertThatThrownBy(() -> new BodyEncoder(0)).hasMessageContaining("1 to 9");
    assertThatThrownBy(() -> new BodyEncoder(10)).hasMessageContaining("1 to 9");
  }

  private static SealedBatch randomBatch(Random rnd, int size, long seq) {
    byte[] json = new byte[size];
    for (int i = 0; i < size; i++) {
      json[i] = (byte) ('a' + rnd.nextInt(26));
    }
    json[0] = '"';
    json[size - 1] = '"';
    return SealedBatch.builder()
        .sourceRequestId("id-" + seq + "-" + Arrays.hashCode(json))
        .json(json)
        .eventCount(1)
        .sealSequence(seq)
        .build();
  }

  /** A batch kept as its parts (as the pipeline seals it), and the same batch as one array. */
  private static SealedBatch[] partsAndWhole(Random rnd, String id, int events, int maxEvent) {
    byte[] header = "\"environment\":\"production\",\"mpid\":42".getBytes(StandardCharsets.UTF_8);
    byte[][] array = new byte[events + 2][];
    for (int i = 0; i < array.length; i++) {
      int n = 2 + rnd.nextInt(maxEvent);
      StringBuilder sb = new StringBuilder("{\"v\":\"");
      for (int k = 0; k < n; k++) sb.append((char) ('a' + rnd.nextInt(26)));
      array[i] = sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
    // Only the middle of the array belongs to the batch (an open batch's spare slots around it).
    SealedBatch parts =
        SealedBatch.builder()
            .sourceRequestId(id)
            .framed(header, array, 1, events + 1)
            .eventCount(events)
            .build();
    SealedBatch whole =
        SealedBatch.builder()
            .sourceRequestId(id)
            .json(BatchFraming.frame(header, id, Arrays.asList(array).subList(1, events + 1)))
            .eventCount(events)
            .build();
    return new SealedBatch[] {parts, whole};
  }

  @Test
  void batchesKeptAsPartsAreFramedStraightIntoTheBodyWithTheSameBytes() throws IOException {
    BodyEncoder enc = new BodyEncoder();
    Random rnd = new Random(11);
    for (int round = 0; round < 12; round++) {
      List<SealedBatch> parts = new ArrayList<>();
      List<SealedBatch> whole = new ArrayList<>();
      int n = 1 + rnd.nextInt(5);
      for (int i = 0; i < n; i++) {
        // Small events cross the deflater's staging chunks; one of 60 KB is larger than a chunk.
        SealedBatch[] b =
            partsAndWhole(
                rnd, "id-" + round + "-" + i, 1 + rnd.nextInt(300), i == 2 ? 60_000 : 400);
        parts.add(b[0]);
        whole.add(b[1]);
        assertThat(b[0].sizeBytes()).isEqualTo(b[1].sizeBytes());
        assertThat(b[0].json()).isEqualTo(b[1].json());
      }
      // One request may also mix both kinds (a batch read back from the spill file).
      if (round % 3 == 0) {
        parts.set(0, whole.get(0));
      }
      byte[] expected = RequestPacker.body(whole);
      assertThat(RequestPacker.body(parts)).isEqualTo(expected);
      assertThat(RequestPacker.bodySize(parts)).isEqualTo(expected.length);
      assertThat(written(UploadBody.plain(parts, enc))).isEqualTo(expected);
      byte[] gz = written(UploadBody.gzip(parts, enc));
      assertThat(gunzip(gz)).isEqualTo(expected);
      // A retry encodes the same batches again: identical bytes.
      assertThat(written(UploadBody.gzip(parts, enc))).isEqualTo(gz);
    }
    enc.close();
  }

  @Test
  void aBatchKeptAsPartsChecksItsIdAndRange() {
    byte[][] events = {"{}".getBytes(StandardCharsets.UTF_8)};
    assertThatThrownBy(
            () ->
                SealedBatch.builder()
                    .sourceRequestId("bad\"id")
                    .framed(new byte[0], events, 0, 1)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use a UUID string");
    assertThatThrownBy(
            () -> SealedBatch.builder().sourceRequestId("id").framed(new byte[0], events, 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("0..2");
    assertThatThrownBy(() -> SealedBatch.builder().sourceRequestId("id").eventCount(1).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("framed");
    SealedBatch empty =
        SealedBatch.builder().sourceRequestId("id").framed(new byte[0], events, 1, 1).build();
    assertThat(empty.jsonString()).isEqualTo("{\"source_request_id\":\"id\",\"events\":[]}");
    assertThat(empty.sizeBytes()).isEqualTo(empty.json().length);
  }

  @Test
  void aHeaderInTwoFragmentsIsFramedAsTheJoinedHeader() throws IOException {
    byte[] instance = "\"environment\":\"production\"".getBytes(StandardCharsets.UTF_8);
    byte[] user = "\"mpid\":42".getBytes(StandardCharsets.UTF_8);
    byte[] joined = "\"environment\":\"production\",\"mpid\":42".getBytes(StandardCharsets.UTF_8);
    byte[][] events = {"{\"a\":1}".getBytes(StandardCharsets.UTF_8)};
    byte[] none = new byte[0];
    byte[][][] cases = {
      {instance, user, joined}, {instance, none, instance}, {none, user, user}, {none, none, none}
    };
    BodyEncoder enc = new BodyEncoder();
    for (byte[][] c : cases) {
      SealedBatch b =
          SealedBatch.builder().sourceRequestId("id").framed(c[0], c[1], events, 0, 1).build();
      byte[] expected = BatchFraming.frame(c[2], "id", List.of(events[0]));
      assertThat(b.json()).isEqualTo(expected);
      assertThat(b.sizeBytes()).isEqualTo(expected.length);
      assertThat(gunzip(written(UploadBody.gzip(List.of(b), enc))))
          .isEqualTo(RequestPacker.body(List.of(b)));
    }
    enc.close();
  }
}
