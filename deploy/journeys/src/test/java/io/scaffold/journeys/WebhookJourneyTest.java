package io.scaffold.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A system outside Kafka hears of the suite through a webhook, on the full local stack: an integration admin
 * registers a receiver through the gateway; a member asks anonymously in a community (requests-service); the event
 * crosses the broker to notifications-service, which POSTs it to the receiver, signed. The signature verifies with
 * Standard Webhooks' own library, and nothing in what the receiver got names the anonymous requester.
 */
class WebhookJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JourneyStack stack;
    private static HttpServer receiver;
    private static final List<Map.Entry<Map<String, List<String>>, String>> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTheSuiteAndAReceiver() throws Exception {
        stack = JourneyStack.shared();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/", exchange -> {
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            RECEIVED.add(Map.entry(headers, new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopTheReceiver() {
        receiver.stop(0);
    }

    @Test
    void anAnonymousAskReachesARegisteredReceiverSignedAndWithoutTheRequestersName() throws Exception {
        String integrator = RestAssured.get(stack.gateway + "/dev/token?user=iris&roles=integration-admin").then()
                .statusCode(200).extract().path("token");
        String secret = given().baseUri(stack.gateway).header("Authorization", "Bearer " + integrator)
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://localhost:" + receiver.getAddress().getPort() + "/scaffold",
                        "eventTypes", List.of("scaffold.help-request.created.v1"), "description", "Chat bot"))
                .post("/api/notifications/webhooks").then().statusCode(201).extract().path("secret");
        stack.as("noor").get("/api/notifications/webhooks").then().statusCode(403);

        String communityId = stack.as("maya").body("{\"name\":\"Hooks " + System.nanoTime() + "\",\"description\":"
                        + "\"Integrations\",\"visibility\":\"PUBLIC\",\"tags\":[\"bots\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
        stack.as("noor").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        String ask = "{\"title\":\"Bot token expired\",\"body\":\"Since this morning\",\"tags\":[\"bots\"],"
                + "\"urgency\":\"NORMAL\",\"anonymous\":true,\"communityId\":\"" + communityId + "\"}";
        String[] requestId = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var asked = stack.as("noor").header("Idempotency-Key", "webhook-journey-" + communityId).body(ask)
                    .post("/api/requests");
            requestId[0] = asked.statusCode() / 100 == 2 ? asked.path("id") : null;
            return requestId[0] != null;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVED.stream()
                .anyMatch(r -> r.getValue().contains(requestId[0])));
        Map.Entry<Map<String, List<String>>, String> delivery = RECEIVED.stream()
                .filter(r -> r.getValue().contains(requestId[0])).findFirst().orElseThrow();
        new Webhook(secret).verify(delivery.getValue(), Map.of(
                "webhook-id", delivery.getKey().get("webhook-id"),
                "webhook-timestamp", delivery.getKey().get("webhook-timestamp"),
                "webhook-signature", delivery.getKey().get("webhook-signature")));
        JsonNode event = JSON.readTree(delivery.getValue());
        assertThat(event.path("type").asText()).isEqualTo("scaffold.help-request.created.v1");
        assertThat(event.path("source").asText()).isEqualTo("/requests-service");
        assertThat(event.path("data").path("communityId").asText()).isEqualTo(communityId);
        assertThat(delivery.getValue()).doesNotContain("noor").doesNotContain("sealed");
    }
}
