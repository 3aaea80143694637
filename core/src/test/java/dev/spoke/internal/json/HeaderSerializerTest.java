package dev.spoke.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spoke.Environment;
import dev.spoke.user.ApplicationInfo;
import dev.spoke.user.ConsentState;
import dev.spoke.user.DeviceInfo;
import dev.spoke.user.UserIdentities;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderSerializerTest {
  private final HeaderSerializer header = new HeaderSerializer();

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownUserIsAnEmptyFragment() {
    assertThat(header.userFragment(UserSnapshot.empty())).isEmpty();
    assertThat(
            header.userFragment(
                UserSnapshot.builder()
                    .identities(UserIdentities.empty())
                    .consent(ConsentState.empty())
                    .deletedAttributes(List.of())
                    .build()))
        .isEmpty();
  }

  @Test
  void userFragmentIsAnObjectBodyWithMpidAsANumber() {
    UserSnapshot user =
        UserSnapshot.builder()
            .mpid(-5L)
            .identities(UserIdentities.builder().customerId("c1").build())
            .attribute("tag", null)
            .attribute("list", List.of("a", "b"))
            .attribute("n", "v")
            .build();
    assertThat(s(header.userFragment(user)))
        .isEqualTo(
            "\"mpid\":-5,\"user_identities\":{\"customer_id\":\"c1\"},"
                + "\"user_attributes\":{\"tag\":null,\"list\":[\"a\",\"b\"],\"n\":\"v\"}");
  }

  @Test
  void instanceFragmentLeavesOutWhatIsAbsentOrEmpty() {
    assertThat(s(header.instanceFragment(Environment.PRODUCTION, null, null, null, null, 4, null)))
        .isEqualTo("\"environment\":\"production\"");
    DeviceInfo emptyDevice = DeviceInfo.builder().platform(null).build();
    ApplicationInfo emptyApp = ApplicationInfo.builder().os(null).build();
    assertThat(
            s(
                header.instanceFragment(
                    Environment.DEVELOPMENT, emptyDevice, emptyApp, "1.2", "plan", null, "d")))
        .isEqualTo(
            "\"environment\":\"development\",\"mp_deviceid\":\"d\",\"sdk_version\":\"1.2\","
                + "\"context\":{\"data_plan\":{\"plan_id\":\"plan\"}}");
  }

  @Test
  void batchFramesFragmentsAndEvents() {
    byte[] instance =
        header.instanceFragment(Environment.PRODUCTION, null, null, null, null, null, null);
    byte[] e1 = "{\"event_type\":\"session_start\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThat(s(HeaderSerializer.batch(instance, new byte[0], "id-\"1\"", List.of(e1, e1))))
        .isEqualTo(
            "{\"environment\":\"production\",\"source_request_id\":\"id-\\\"1\\\"\","
                + "\"events\":["
                + s(e1)
                + ","
                + s(e1)
                + "]}");
    byte[] user = header.userFragment(UserSnapshot.builder().mpid(1L).build());
    assertThat(s(HeaderSerializer.batch(instance, user, "x", List.of())))
        .isEqualTo(
            "{\"environment\":\"production\",\"mpid\":1,\"source_request_id\":\"x\","
                + "\"events\":[]}");
  }

  @Test
  void framedBatchReadsBack() {
    BatchReader reader = new BatchReader();
    byte[] batch =
        HeaderSerializer.batch(
            header.instanceFragment(Environment.PRODUCTION, null, null, null, null, null, null),
            header.userFragment(GoldenCases.user()),
            "srid",
            List.of());
    ParsedBatch read = reader.readBatch(batch);
    assertThat(read.user()).isEqualTo(GoldenCases.user());
    assertThat(read.mpid()).isEqualTo(GoldenCases.user().mpid());
    assertThat(read.sourceRequestId()).isEqualTo("srid");
  }
}
