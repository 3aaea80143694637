package dev.spoke.devserver;

import static dev.spoke.devserver.TestSupport.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigApiTest {

  DevServer server;

  @BeforeEach
  void start() {
    server = TestSupport.server().build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String key, String ifNoneMatch) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(server.configBaseUri() + "/" + key + "/config?av=1.2&sv=0.1.0"))
            .header("x-mp-env", "1")
            .header("x-mp-kits", "160,92");
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return TestSupport.send(b.GET().build());
  }

  @Test
  void servesTheWorkspacesKitsAndSettingsInWireFormat() {
    HttpResponse<String> r = get("k1", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = tree(r.body());
    assertThat(doc.get("stl").asInt()).isEqualTo(60);
    assertThat(doc.get("uitl").asInt()).isEqualTo(10);
    assertThat(doc.get("oo").asBoolean()).isTrue();
    assertThat(doc.has("rp")).isTrue();
    assertThat(doc.get("flags").isObject()).isTrue();
    JsonNode eks = doc.get("eks");
    assertThat(eks).hasSize(2);
    JsonNode kit = eks.get(0);
    assertThat(kit.get("id").asInt()).isEqualTo(160);
    assertThat(kit.at("/as/apiKey").asText()).isEqualTo("x");
    assertThat(kit.at("/hs/et/1573").asInt()).isZero();
    assertThat(kit.at("/hs/uid/7").asInt()).isZero();
    assertThat(kit.at("/bk/hi").asInt()).isEqualTo(50);
    assertThat(kit.at("/crvf/i").asBoolean()).isTrue();
    assertThat(kit.at("/crvf/v/0/h").asInt()).isEqualTo(-324077161);
    assertThat(kit.at("/avf/a").asInt()).isEqualTo(96619420);
    assertThat(kit.get("eau").asBoolean()).isTrue();
    assertThat(eks.get(1).get("id").asInt()).isEqualTo(92);
    assertThat(tree(get("k3", null).body()).get("eks")).isEmpty();
  }

  @Test
  void strongEtagAnd304() {
    HttpResponse<String> first = get("k1", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
    HttpResponse<String> again = get("k1", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("k1", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(get("k2", null).headers().firstValue("ETag"))
        .isNotEqualTo(first.headers().firstValue("ETag"));
  }

  @Test
  void changingKitsChangesTheEtag() {
    String etag = get("k1", null).headers().firstValue("ETag").orElseThrow();
    server.kits("k1", List.of(WorkspacesFile.Kit.of(77, Map.of("a", "b"))));
    HttpResponse<String> r = get("k1", etag);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(tree(r.body()).at("/eks/0/id").asInt()).isEqualTo(77);
    assertThat(r.headers().firstValue("ETag")).isNotEqualTo(etag);
  }

  @Test
  void servesAfaKeyedPerCommerceEntity() throws Exception {
    WorkspacesFile f =
        WorkspacesFile.parse(
            "{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\","
                + "\"workspaces\":[{\"id\":\"w\",\"apiKey\":\"k9\",\"apiSecret\":\"s\",\"kits\":[{\"id\":5,"
                + "\"filters\":{\"afa\":{\"1\":{\"93997959\":0},\"2\":{\"1820422063\":0}},\"cea\":{\"7\":0}}}]}]}]}]}");
    server.kits("k1", f.workspace("k9").orElseThrow().kits());
    JsonNode hs = tree(get("k1", null).body()).at("/eks/0/hs");
    assertThat(hs.at("/afa/1/93997959").asInt()).isZero();
    assertThat(hs.at("/afa/2/1820422063").asInt()).isZero();
    assertThat(hs.at("/cea/7").asInt()).isZero();
    assertThat(hs.has("afa.1")).isFalse();
  }

  @Test
  void aFlatAfaInTheWorkspacesFileFailsNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                WorkspacesFile.parse(
                    "{\"organizations\":[{\"id\":\"o\","
                        + "\"accounts\":[{\"id\":\"a\",\"workspaces\":[{\"id\":\"w\",\"apiKey\":\"k9\",\"apiSecret\":\"s\","
                        + "\"kits\":[{\"id\":5,\"filters\":{\"afa\":{\"93997959\":0}}}]}]}]}]}"))
        .hasMessageContaining("afa[93997959]")
        .hasMessageContaining("per commerce entity");
  }

  @Test
  void servesDeliberatelyMalformedEntriesVerbatimAfterTheKits() {
    server.rawKitEntries(
        "k1", List.of("{\"id\":5,\"bk\":{\"lo\":10}}", "{\"id\":160}", "\"not an entry\""));
    JsonNode eks = tree(get("k1", null).body()).get("eks");
    assertThat(eks).hasSize(5);
    assertThat(eks.get(2).toString()).isEqualTo("{\"id\":5,\"bk\":{\"lo\":10}}");
    assertThat(eks.get(3).get("id").asInt()).as("a duplicate of kit 160, as given").isEqualTo(160);
    assertThat(eks.get(4).asText()).isEqualTo("not an entry");
    server.rawKitEntries("k1", List.of());
    assertThat(tree(get("k1", null).body()).get("eks")).hasSize(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> server.rawKitEntries("k1", List.of("{oops")))
        .hasMessageContaining("not JSON")
        .hasMessageContaining("{oops");
  }

  @Test
  void unknownKeyIs404() {
    assertThat(get("nope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void recordsTheHeadersAndQueryItSaw() {
    get("k1", null);
    get("nope", null);
    assertThat(server.configRequests()).hasSize(2);
    ConfigRequest r = server.configRequests().get(0);
    assertThat(r.apiKey()).isEqualTo("k1");
    assertThat(r.env()).isEqualTo("1");
    assertThat(r.kits()).isEqualTo("160,92");
    assertThat(r.appVersion()).isEqualTo("1.2");
    assertThat(r.sdkVersion()).isEqualTo("0.1.0");
    assertThat(r.status()).isEqualTo(200);
    assertThat(server.configRequests().get(1).status()).isEqualTo(404);
  }

  private okhttp3.Response raw(String pathAndQuery, Map<String, String> headers)
      throws java.io.IOException {
    okhttp3.Request.Builder b =
        new okhttp3.Request.Builder()
            .url(server.configBaseUri().toString().replaceAll("/v4$", "") + pathAndQuery);
    headers.forEach(b::header);
    return new okhttp3.OkHttpClient().newCall(b.build()).execute();
  }

  @Test
  void lastModifiedAndIfModifiedSinceAnswer304UntilTheDocumentChanges() throws Exception {
    HttpResponse<String> first = get("k1", null);
    String modified = first.headers().firstValue("Last-Modified").orElseThrow();
    HttpResponse<String> same =
        TestSupport.send(
            HttpRequest.newBuilder(URI.create(server.configBaseUri() + "/k1/config"))
                .header("If-Modified-Since", modified)
                .GET()
                .build());
    assertThat(same.statusCode()).isEqualTo(304);
    server.kits("k1", List.of(WorkspacesFile.Kit.of(77, Map.of("a", "b"))));
    HttpResponse<String> changed =
        TestSupport.send(
            HttpRequest.newBuilder(URI.create(server.configBaseUri() + "/k1/config"))
                .header("If-Modified-Since", modified)
                .GET()
                .build());
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("Last-Modified").orElseThrow()).isNotEqualTo(modified);
    assertThat(server.configRequests().get(1).ifModifiedSince()).isEqualTo(modified);
  }

  @Test
  void verifiesTheAndroidSdksSignatureAndRecordsPlanParameters() throws Exception {
    String path = "/v4/k1/config?av=1.2&sv=0.1.0&plan_id=p&plan_version=2";
    String date = "Wed, 01 Jan 2025 00:00:00 GMT";
    // HMAC-SHA256("s1", "GET\n" + date + "\n" + path), computed outside the project.
    String good = "fe744bc38670493160adc56f2b2605e40b0297fd2d145648fe2a62a4750282e3";
    try (okhttp3.Response ok = raw(path, Map.of("Date", date, "x-mp-signature", good))) {
      assertThat(ok.code()).isEqualTo(200);
    }
    try (okhttp3.Response bad =
        raw(path, Map.of("Date", date, "x-mp-signature", good.replace('f', '0')))) {
      assertThat(bad.code()).isEqualTo(401);
      assertThat(bad.body().string()).contains("x-mp-signature");
    }
    try (okhttp3.Response noDate = raw(path, Map.of("x-mp-signature", good))) {
      assertThat(noDate.code()).isEqualTo(401);
    }
    try (okhttp3.Response unsigned = raw(path, Map.of())) {
      assertThat(unsigned.code()).isEqualTo(200);
    }
    List<ConfigRequest> seen = server.configRequests();
    assertThat(seen).extracting(ConfigRequest::signed).containsExactly(true, false, false, null);
    assertThat(seen.get(0).planId()).isEqualTo("p");
    assertThat(seen.get(0).planVersion()).isEqualTo("2");
  }
}
