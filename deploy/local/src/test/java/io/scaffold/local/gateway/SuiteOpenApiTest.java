package io.scaffold.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteOpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String path, String schemaBody) throws Exception {
        return JSON.readTree("""
                {"openapi":"3.1.0","info":{"title":"x","version":"1.0","license":{"name":"Apache 2.0"}},
                 "servers":[{"url":"http://localhost:8080"}],"security":[{"jwt":[]}],
                 "tags":[{"name":"Shared"}],
                 "paths":{"%s":{"get":{"responses":{"200":{"content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Level"}}}},
                   "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                 "components":{"schemas":{"Level":%s,"Problem":{"type":"object"}}}}
                """.formatted(path, schemaBody));
    }

    @Test
    void pathsAreJoinedSharedComponentsKeptOnceAndClashingOnesKeptApartUnderTheServiceName() throws Exception {
        JsonNode suite = SuiteOpenApi.merge(List.of("communities-service", "requests-service"), List.of(
                document("/api/communities/levels", "{\"enum\":[\"EXPERT\",\"LEARNING\"]}"),
                document("/api/requests/levels", "{\"enum\":[\"HIGH\",\"LOW\"]}")));

        assertEquals("Scaffold API", suite.path("info").path("title").asText());
        assertEquals("http://localhost:8080", suite.path("servers").get(0).path("url").asText());
        assertTrue(suite.path("paths").has("/api/communities/levels"));
        assertTrue(suite.path("paths").has("/api/requests/levels"));
        assertEquals(1, suite.path("tags").size());
        JsonNode schemas = suite.path("components").path("schemas");
        assertEquals("EXPERT", schemas.path("Level").path("enum").get(0).asText());
        assertEquals("HIGH", schemas.path("RequestsLevel").path("enum").get(0).asText());
        assertEquals("#/components/schemas/RequestsLevel", suite.at(
                "/paths/~1api~1requests~1levels/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Problem", suite.at(
                "/paths/~1api~1requests~1levels/get/responses/400/content/application~1problem+json/schema/$ref")
                .asText(), "an identical component stays shared");
    }
}
