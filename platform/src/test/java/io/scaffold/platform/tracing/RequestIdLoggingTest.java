package io.scaffold.platform.tracing;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** The request id the gateway sends is in the logging context of the work the request does. */
@QuarkusTest
class RequestIdLoggingTest {

    @Test
    void theGatewaysRequestIdIsInTheLoggingContextOfTheResource() {
        given().header("Authorization", TestTokens.bearer("ana")).header("X-Request-Id", "req-7f3a")
                .get("/api/widgets/whoami").then().statusCode(200).body("requestId", equalTo("req-7f3a"));
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        given().header("Authorization", TestTokens.bearer("ana"))
                .get("/api/widgets/whoami").then().statusCode(200)
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }
}
