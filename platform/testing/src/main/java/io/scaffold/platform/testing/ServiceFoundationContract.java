package io.scaffold.platform.testing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Scaffold service must offer operators and API users, whatever its domain: probes that reflect its
 * database and broker, its OpenAPI document and Swagger UI, and Prometheus metrics. Each service's test extends it.
 */
public abstract class ServiceFoundationContract {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndCoversTheDatabaseAndTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApiOperationHasAnIdASummaryAndProblemJsonErrors() {
        Map<String, Object> paths = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!path.startsWith("/api/") || !(value instanceof Map<?, ?> operation)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            if (operation.get("operationId") == null) {
                missing.add(name + ": operationId");
            }
            if (operation.get("summary") == null) {
                missing.add(name + ": summary");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (responses == null || !responses.containsKey("401")) {
                missing.add(name + ": 401 response");
            } else {
                responses.forEach((code, response) -> {
                    Object content = ((Map<String, Object>) response).get("content");
                    if (code.startsWith("4") && (content == null
                            || !((Map<String, Object>) content).containsKey("application/problem+json"))) {
                        missing.add(name + ": " + code + " as application/problem+json");
                    }
                });
            }
        }));
        org.assertj.core.api.Assertions.assertThat(missing).as("OpenAPI gaps").isEmpty();
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
