package io.scaffold.journeys;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

/**
 * What on-call sees, checked against the running suite: every metric the alerts (PrometheusRule) and the Grafana
 * dashboard of deploy/k8s query is served by the packaged services once events have flowed through them.
 */
class OperationsJourneyTest {
    private static final Path MONITORING = Path.of("../k8s/components/monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b((?:scaffold|kafka_consumer|http_server)_[a-z_]+)\\b");
    private static final List<String> SERVICES = List.of("communities-service", "requests-service",
            "notifications-service");
    private static JourneyStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = JourneyStack.shared();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsServedByTheSuite() throws Exception {
        // Some traffic that crosses every service: a community, a join request, its notification.
        String communityId = stack.as("olga").body("{\"name\":\"Ops " + System.nanoTime() + "\",\"description\":"
                        + "\"On call\",\"visibility\":\"PRIVATE\",\"tags\":[\"sre\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
        stack.as("piet").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> stack
                .as("olga").get("/api/notifications?kind=MEMBERSHIP_REQUESTED").then().statusCode(200)
                .body("items[0].title", startsWith("piet asked to join")));

        Set<String> queried = new HashSet<>(queried(Files.readString(MONITORING.resolve("alerts.yaml"))));
        queried.addAll(queried(Files.readString(MONITORING.resolve("scaffold-dashboard.json"))));
        assertThat(queried).hasSizeGreaterThan(10);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(served()).as("metrics served by the services").containsAll(queried));
    }

    private static Set<String> queried(String text) {
        return METRIC.matcher(text).results().map(match -> match.group(1)).collect(Collectors.toSet());
    }

    private static Set<String> served() {
        Set<String> names = new HashSet<>();
        for (String service : SERVICES) {
            String metrics = RestAssured.get("http://localhost:" + stack.port(service) + "/q/metrics").then()
                    .statusCode(200).extract().asString();
            metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }
}
