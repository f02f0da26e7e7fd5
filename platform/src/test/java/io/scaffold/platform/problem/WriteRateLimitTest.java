package io.scaffold.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scaffold.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** One person's changes beyond the write rate are 429 problem+json with Retry-After; another person is unaffected. */
@QuarkusTest
@TestProfile(WriteRateLimitTest.SlowWrites.class)
class WriteRateLimitTest {

    public static class SlowWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scaffold.http.writes-per-second", "1", "scaffold.http.write-burst", "3");
        }
    }

    private static int create(String user) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType("application/json")
                .body("{\"name\":\"w\"}").post("/api/widgets").statusCode();
    }

    @Test
    void changesBeyondTheBurstAreRefusedWithRetryAfterAndReadsAndOthersGoOn() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(create("hasty"));
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses.get(4)).isEqualTo(429);
        given().header("Authorization", TestTokens.bearer("hasty")).contentType("application/json")
                .body("{\"name\":\"w\"}").post("/api/widgets").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:too-many-requests"))
                .header("Retry-After", notNullValue());
        given().header("Authorization", TestTokens.bearer("hasty")).get("/api/widgets/whoami").then().statusCode(200);
        assertThat(create("patient")).isEqualTo(200);
    }
}
