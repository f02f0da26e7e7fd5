package io.scaffold.journeys;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.scaffold.local.LocalStack;
import io.scaffold.local.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The suite as people use it: the full local stack (real broker, PostgreSQL, the three packaged services, the
 * gateway), driven through the gateway with dev tokens. Each step crosses a service boundary over Kafka.
 */
class HelpJourneyTest {
    private static final LocalStack STACK = new LocalStack();
    private static String gateway;

    @BeforeAll
    static void startTheSuite() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("SCAFFOLD_STATE_DIR", Files.createTempDirectory("scaffold-journey").toString());
        for (String port : new String[] {"GATEWAY", "COMMUNITIES", "REQUESTS", "NOTIFICATIONS", "KAFKA",
                "KAFKA_CONTROLLER", "DB"}) {
            env.put("SCAFFOLD_" + port + "_PORT", Integer.toString(freePort()));
        }
        StackSettings settings = StackSettings.fromEnvironment(root, env);
        try {
            STACK.start(settings);
        } catch (RuntimeException e) {
            STACK.stop();
            throw e;
        }
        gateway = "http://localhost:" + settings.gatewayPort();
    }

    @AfterAll
    static void stopTheSuite() {
        STACK.stop();
    }

    @Test
    void aNewMemberAsksInTheirCommunityIsToldOfTheAnswerAndTheHelpBecomesSkillAndGuide() {
        // alice creates a community in communities-service; bob joins it there
        String communityId = as("alice").body("{\"name\":\"Journey " + System.nanoTime() + "\",\"description\":"
                        + "\"Stream processing\",\"visibility\":\"PRIVATE\",\"tags\":[\"kafka\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
        as("bob").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        awaitNotification("alice", "MEMBERSHIP_REQUESTED", "bob asked to join");
        as("alice").post("/api/communities/" + communityId + "/members/bob/approve").then().statusCode(200);
        awaitNotification("bob", "MEMBERSHIP_APPROVED", "You joined");

        // requests-service learns the membership from the events: bob may now ask in that community
        String body = "{\"title\":\"Consumer lag after deploy\",\"body\":\"Lag grows since the 10:00 deploy\","
                + "\"tags\":[\"kafka\"],\"urgency\":\"HIGH\",\"communityId\":\"" + communityId + "\"}";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                as("bob").header("Idempotency-Key", "journey-ask").body(body).post("/api/requests").statusCode()
                        == 201);
        String requestId = as("bob").header("Idempotency-Key", "journey-ask").body(body).post("/api/requests")
                .then().statusCode(200).extract().path("id");
        as("carol").get("/api/requests/" + requestId).then().statusCode(404); // not in the community

        // alice answers, bob accepts: communities-service credits alice with the request's tag
        String responseId = as("alice").body("{\"kind\":\"ANSWER\",\"text\":\"Roll back the max.poll.records "
                + "change\"}").post("/api/requests/" + requestId + "/responses").then().statusCode(201).extract()
                .path("id");
        awaitNotification("bob", "RESPONSE_POSTED", "New response to your request: Consumer lag after deploy");
        as("bob").post("/api/requests/" + requestId + "/responses/" + responseId + "/accept").then()
                .statusCode(200).body("status", equalTo("RESOLVED"));
        awaitNotification("alice", "ANSWER_ACCEPTED", "Your answer was accepted: Consumer lag after deploy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("bob")
                .get("/api/communities/" + communityId + "/experts?skill=kafka").then().statusCode(200)
                .body("[0].userId", equalTo("alice")).body("[0].acceptedHelp", equalTo(1)));

        // bob publishes it: the community's library gets a GUIDE linked to the request
        as("bob").body("{}").post("/api/requests/" + requestId + "/publish").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("alice")
                .get("/api/communities/" + communityId + "/resources?type=GUIDE").then().statusCode(200)
                .body("items[0].sourceRequestId", equalTo(requestId)));
    }

    /** notifications-service turned another service's event into this person's notification. */
    private static void awaitNotification(String user, String kind, String titleStart) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> as(user)
                .get("/api/notifications?kind=" + kind).then().statusCode(200)
                .body("items[0].title", startsWith(titleStart)));
    }

    private static RequestSpecification as(String user) {
        String token = RestAssured.get(gateway + "/dev/token?user=" + user).then().statusCode(200).extract()
                .path("token");
        return given().baseUri(gateway).header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
