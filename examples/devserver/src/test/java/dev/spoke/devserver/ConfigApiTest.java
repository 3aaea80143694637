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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.configBaseUri() + "/" + key + "/config?av=1.2&sv=0.1.0"))
                .header("x-mp-env", "1").header("x-mp-kits", "160,92");
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
        assertThat(get("k2", null).headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
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
        WorkspacesFile f = WorkspacesFile.parse("{\"organizations\":[{\"id\":\"o\",\"accounts\":[{\"id\":\"a\","
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkspacesFile.parse("{\"organizations\":[{\"id\":\"o\","
                + "\"accounts\":[{\"id\":\"a\",\"workspaces\":[{\"id\":\"w\",\"apiKey\":\"k9\",\"apiSecret\":\"s\","
                + "\"kits\":[{\"id\":5,\"filters\":{\"afa\":{\"93997959\":0}}}]}]}]}]}"))
                .hasMessageContaining("afa[93997959]").hasMessageContaining("per commerce entity");
    }

    @Test
    void servesDeliberatelyMalformedEntriesVerbatimAfterTheKits() {
        server.rawKitEntries("k1", List.of("{\"id\":5,\"bk\":{\"lo\":10}}", "{\"id\":160}", "\"not an entry\""));
        JsonNode eks = tree(get("k1", null).body()).get("eks");
        assertThat(eks).hasSize(5);
        assertThat(eks.get(2).toString()).isEqualTo("{\"id\":5,\"bk\":{\"lo\":10}}");
        assertThat(eks.get(3).get("id").asInt()).as("a duplicate of kit 160, as given").isEqualTo(160);
        assertThat(eks.get(4).asText()).isEqualTo("not an entry");
        server.rawKitEntries("k1", List.of());
        assertThat(tree(get("k1", null).body()).get("eks")).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.rawKitEntries("k1", List.of("{oops")))
                .hasMessageContaining("not JSON").hasMessageContaining("{oops");
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
}
