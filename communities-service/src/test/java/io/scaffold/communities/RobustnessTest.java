package io.scaffold.communities;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.RobustnessContract;
import io.scaffold.platform.testing.TestTokens;

import java.util.Map;

/** The malformed-input sweep over every operation, reaching a real community, member and resource of the caller. */
@QuarkusTest
class RobustnessTest extends RobustnessContract {
    private static final String OWNER = Api.unique("sweeper");

    @Override
    protected String authorization() {
        return TestTokens.bearer(OWNER);
    }

    @Override
    protected Map<String, String> pathValues() {
        String community = Api.createCommunity(OWNER, Api.unique("Sweep"), "PUBLIC", "kafka");
        String resource = Api.as(OWNER).body("{\"type\":\"LINK\",\"title\":\"Kafka guide\","
                        + "\"url\":\"https://docs.example.com/kafka\",\"tags\":[\"kafka\"]}")
                .post("/api/communities/" + community + "/resources").then().statusCode(201).extract().path("id");
        return Map.of("id", community, "userId", OWNER, "rid", resource);
    }
}
