package io.scaffold.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scaffold.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * In a cluster the services answer CORS themselves (deploy/k8s sets these two settings): an allowed origin gets its
 * preflight and the headers a browser app needs to read; any other origin gets a 403 problem+json naming it.
 */
@QuarkusTest
@TestProfile(CorsTest.AppOrigin.class)
class CorsTest {
    static final String APP = "https://app.example.com";

    public static class AppOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", APP);
        }
    }

    @Test
    void anAllowedOriginsPreflightAllowsTheSuitesMethodsAndHeaders() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/widgets")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
    }

    @Test
    void anAllowedOriginCanReadTheHeadersTheApiAnswersWith() {
        given().header("Origin", APP).header("Authorization", TestTokens.bearer("ana"))
                .get("/api/widgets/whoami")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Expose-Headers", containsString("Scaffold-Events"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
    }

    @Test
    void anotherOriginIsRefusedWithAProblemDocumentNamingIt() {
        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/api/widgets")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("https://evil.example.net"))
                .body("errors.field", hasItem("Origin"));
        given().header("Origin", "https://evil.example.net").header("Authorization", TestTokens.bearer("ana"))
                .get("/api/widgets/whoami")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:forbidden"));
    }

    @Test
    void requestsWithoutAnOriginAreNotBrowserCallsAndPass() {
        given().header("Authorization", TestTokens.bearer("ana")).get("/api/widgets/whoami").then().statusCode(200);
    }
}
