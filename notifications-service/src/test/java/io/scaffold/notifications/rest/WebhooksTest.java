package io.scaffold.notifications.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.scaffold.notifications.Events;
import io.scaffold.notifications.WebhookReceiver;
import io.scaffold.platform.testing.TestTokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_ROLE = "integration-admin";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    private static RequestSpecification asAdmin(String admin) {
        return given().header("Authorization", TestTokens.bearer(admin, ADMIN_ROLE)).contentType("application/json");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers an endpoint for these types; returns {id, secret}. */
    private static String[] register(String admin, String url, String... types) {
        var created = asAdmin(admin).body(Map.of("url", url, "eventTypes", List.of(types), "description", "test"))
                .post("/api/notifications/webhooks").then().statusCode(201).extract();
        return new String[] {created.path("endpoint.id"), created.path("secret")};
    }

    private static String newRequest(boolean anonymous, String requester) {
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId,
                Events.created(requestId, requester, anonymous, null, null, List.of()));
        return requestId;
    }

    private static List<WebhookReceiver.Received> about(WebhookReceiver receiver, String requestId) {
        return receiver.received().stream().filter(r -> r.body().contains(requestId)).toList();
    }

    private static void verify(String secret, WebhookReceiver.Received received) throws WebhookVerificationException {
        // Standard Webhooks' own verifier, not the suite's code
        new Webhook(secret).verify(received.body(), Map.of(
                "webhook-id", List.of(received.header("webhook-id")),
                "webhook-timestamp", List.of(received.header("webhook-timestamp")),
                "webhook-signature", List.of(received.header("webhook-signature"))));
    }

    @Test
    void onlyIntegrationAdminsManageEndpointsAndTheSecretIsShownOnlyOnce() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            given().header("Authorization", TestTokens.bearer(unique("member"))).contentType("application/json")
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("*")))
                    .post("/api/notifications/webhooks").then().statusCode(403)
                    .contentType("application/problem+json");
            given().header("Authorization", TestTokens.bearer(unique("member")))
                    .get("/api/notifications/webhooks").then().statusCode(403);
            given().get("/api/notifications/webhooks").then().statusCode(401);

            var created = asAdmin(admin).body(Map.of("url", receiver.url(), "eventTypes",
                            List.of("scaffold.help-request.*"), "description", "Chat bot"))
                    .post("/api/notifications/webhooks").then().statusCode(201)
                    .header("Location", containsString("/api/notifications/webhooks/"))
                    .body("secret", startsWith("whsec_")).body("endpoint.enabled", equalTo(true))
                    .body("endpoint.createdBy", equalTo(admin)).extract();
            String id = created.path("endpoint.id");
            String secret = created.path("secret");

            String shown = asAdmin(unique("another-integrator")).get("/api/notifications/webhooks/" + id).then()
                    .statusCode(200).body("description", equalTo("Chat bot")).extract().asString();
            assertThat(shown).doesNotContain(secret.substring(6));
            asAdmin(admin).get("/api/notifications/webhooks").then().statusCode(200).body("id", hasItem(id));

            asAdmin(admin).body(Map.of("url", receiver.url() + "/v2", "eventTypes", List.of("*"), "description",
                            "Chat bot v2", "enabled", false))
                    .put("/api/notifications/webhooks/" + id).then().statusCode(200)
                    .body("url", equalTo(receiver.url() + "/v2")).body("enabled", equalTo(false))
                    .body("disabledReason", containsString(admin));
            asAdmin(admin).delete("/api/notifications/webhooks/" + id).then().statusCode(204);
            asAdmin(admin).get("/api/notifications/webhooks/" + id).then().statusCode(404);
            asAdmin(admin).delete("/api/notifications/webhooks/" + id).then().statusCode(404);
        }
    }

    @Test
    void urlsThatReachPrivateLoopbackOrMetadataAddressesAreRefused() {
        String admin = unique("integrator");
        for (String url : List.of("https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "https://192.168.0.10:8443/hook", "https://100.64.0.1/hook",
                "https://[::ffff:10.0.0.1]/hook", "https://0.0.0.0/hook", "http://8.8.8.8/hook",
                "https://user:pw@8.8.8.8/hook", "ftp://8.8.8.8/hook", "not a url")) {
            asAdmin(admin).body(Map.of("url", url, "eventTypes", List.of("*")))
                    .post("/api/notifications/webhooks").then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        asAdmin(admin).body(Map.of("url", "https://8.8.8.8/hook", "eventTypes", List.of()))
                .post("/api/notifications/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", containsString("eventTypes"));
        asAdmin(admin).body(Map.of("url", "https://8.8.8.8/hook", "eventTypes", List.of("Not A Type!")))
                .post("/api/notifications/webhooks").then().statusCode(400)
                .body("errors[0].field", containsString("eventTypes"));
        asAdmin(admin).body("{\"url\":").post("/api/notifications/webhooks").then().statusCode(400);
        asAdmin(admin).get("/api/notifications/webhooks/not-a-uuid").then().statusCode(404);
    }

    @Test
    void aMatchingEventArrivesAsASignedCloudEventThatNeverRevealsAnAnonymousRequester() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            String[] endpoint = register(admin, receiver.url(), "scaffold.help-request.*");
            String requester = unique("shy");
            String requestId = newRequest(true, requester);
            String communityId = UUID.randomUUID().toString();
            Events.community("scaffold.community.created.v1", communityId, "{\"communityId\":\"" + communityId
                    + "\",\"communityName\":\"Other types\",\"visibility\":\"PUBLIC\",\"actorId\":\"o\","
                    + "\"occurredAt\":\"" + java.time.Instant.now() + "\",\"description\":\"\",\"tags\":[],"
                    + "\"archived\":false}");

            await().atMost(PATIENCE).until(() -> about(receiver, requestId).size() == 1);
            WebhookReceiver.Received received = about(receiver, requestId).get(0);
            assertThat(received.header("content-type")).startsWith("application/cloudevents+json");
            JsonNode event = JSON.readTree(received.body());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("scaffold.help-request.created.v1");
            assertThat(event.path("source").asText()).isEqualTo("/requests-service");
            assertThat(event.path("id").asText()).isEqualTo(received.header("webhook-id"));
            assertThat(event.path("data").path("requestId").asText()).isEqualTo(requestId);
            assertThat(event.path("data").path("anonymous").asBoolean()).isTrue();
            assertThat(received.body()).doesNotContain(requester).doesNotContain("sealed");
            verify(endpoint[1], received);
            assertThat(receiver.received()).noneMatch(r -> r.body().contains("Other types"));

            // the receiver records a request before it answers: the outcome is logged a moment later
            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + endpoint[0] + "/deliveries").then().statusCode(200)
                    .body("items[0].eventId", equalTo(received.header("webhook-id")))
                    .body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", equalTo(1))
                    .body("items[0].lastStatusCode", equalTo(204)).body("items[0].nextAttemptAt", nullValue()));
            asAdmin(admin).get("/api/notifications/webhooks/" + endpoint[0] + "/deliveries?status=bogus").then()
                    .statusCode(400);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics.lines().filter(l -> l.startsWith("scaffold_webhooks_attempts_total{")
                    && l.contains("outcome=\"delivered\"")).findFirst().orElseThrow())
                    .as("delivered attempts are counted").doesNotEndWith(" 0.0");
            assertThat(metrics.lines().filter(l -> l.startsWith("scaffold_webhooks_attempt_latency_seconds_count"))
                    .findFirst().orElseThrow()).doesNotEndWith(" 0.0");
        }
    }

    @Test
    void everyEventGoesToAnEndpointThatWantsAllButTheSnapshotsMeantForTheSuitesOwnProjections() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            register(unique("integrator"), receiver.url(), "*");
            String communityId = UUID.randomUUID().toString();
            String community = "\"communityId\":\"" + communityId + "\",\"communityName\":\"Everything\","
                    + "\"visibility\":\"PUBLIC\",\"tags\":[],\"archived\":false,\"occurredAt\":\""
                    + java.time.Instant.now() + "\"";
            Events.community("scaffold.community.snapshot.v1", communityId, "{\"snapshotId\":\"" + UUID.randomUUID()
                    + "\"," + community + ",\"part\":1,\"lastPart\":true}");
            Events.community("scaffold.community.created.v1", communityId, "{" + community
                    + ",\"actorId\":\"o\",\"description\":\"\"}");
            await().atMost(PATIENCE).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains("scaffold.community.created.v1")));
            assertThat(receiver.received()).noneMatch(r -> r.body().contains("snapshot"));
        }
    }

    @Test
    void failuresAndTimeoutsAreRetriedUntilDeliveredWhileAFastReceiverIsNotHeldUp() throws Exception {
        try (WebhookReceiver flaky = new WebhookReceiver(); WebhookReceiver slow = new WebhookReceiver();
                WebhookReceiver fast = new WebhookReceiver()) {
            String admin = unique("integrator");
            flaky.answer(n -> WebhookReceiver.Answer.status(n <= 2 ? 500 : 200));
            slow.answer(n -> new WebhookReceiver.Answer(200, n == 1 ? 3000 : 0)); // longer than the read timeout
            String[] flakyEndpoint = register(admin, flaky.url(), "scaffold.help-request.created.v1");
            String[] slowEndpoint = register(admin, slow.url(), "scaffold.help-request.created.v1");
            register(admin, fast.url(), "scaffold.help-request.created.v1");
            String requestId = newRequest(false, unique("asker"));

            await().atMost(Duration.ofSeconds(5)).until(() -> about(fast, requestId).size() == 1);
            await().atMost(PATIENCE).until(() -> flaky.received().stream()
                    .filter(r -> r.body().contains(requestId)).count() == 3);
            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + flakyEndpoint[0] + "/deliveries").then()
                    .body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", equalTo(3))
                    .body("items[0].lastStatusCode", equalTo(200)));
            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + slowEndpoint[0] + "/deliveries").then()
                    .body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", equalTo(2)));
            List<WebhookReceiver.Received> retries = about(flaky, requestId);
            assertThat(retries).extracting(r -> r.header("webhook-id")).containsOnly(retries.get(0)
                    .header("webhook-id"));
            verify(flakyEndpoint[1], retries.get(2));
        }
    }

    @Test
    void anEndpointStillFailingAfterTheRetryWindowIsTurnedOffItsCreatorToldAndAReplayDelivers() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            receiver.answer(n -> WebhookReceiver.Answer.status(503));
            String[] endpoint = register(admin, receiver.url(), "scaffold.help-request.created.v1");
            String requestId = newRequest(false, unique("asker"));

            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + endpoint[0]).then()
                    .body("enabled", equalTo(false)).body("disabledReason", containsString("503")));
            String delivery = asAdmin(admin).get("/api/notifications/webhooks/" + endpoint[0] + "/deliveries")
                    .then().body("items[0].status", equalTo("FAILED"))
                    .body("items[0].lastError", containsString("answer 503")).extract().path("items[0].id");
            given().header("Authorization", TestTokens.bearer(admin)).get("/api/notifications?kind=WEBHOOK_DISABLED")
                    .then().statusCode(200).body("items[0].title", containsString(receiver.url()));

            asAdmin(admin).post("/api/notifications/webhooks/" + endpoint[0] + "/deliveries/" + delivery + "/replay")
                    .then().statusCode(409);
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            int before = about(receiver, requestId).size();
            asAdmin(admin).body(Map.of("url", receiver.url(), "eventTypes",
                            List.of("scaffold.help-request.created.v1"), "enabled", true))
                    .put("/api/notifications/webhooks/" + endpoint[0]).then().statusCode(200)
                    .body("disabledReason", nullValue());
            asAdmin(admin).post("/api/notifications/webhooks/" + endpoint[0] + "/deliveries/" + delivery + "/replay")
                    .then().statusCode(202).body("status", equalTo("PENDING"));
            await().atMost(PATIENCE).until(() -> about(receiver, requestId).size() == before + 1);
            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + endpoint[0] + "/deliveries/" + delivery).then()
                    .body("status", equalTo("DELIVERED")));
            asAdmin(admin).post("/api/notifications/webhooks/" + endpoint[0] + "/deliveries/" + UUID.randomUUID()
                    + "/replay").then().statusCode(404);
        }
    }

    @Test
    void duringARotationEachDeliveryIsSignedWithTheOldAndTheNewSecret() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            String[] endpoint = register(admin, receiver.url(), "scaffold.help-request.created.v1");
            String rotated = asAdmin(admin).body(Map.of("overlapSeconds", 3600))
                    .post("/api/notifications/webhooks/" + endpoint[0] + "/rotate-secret").then().statusCode(200)
                    .body("endpoint.previousSecretValidUntil", not(nullValue())).extract().path("secret");
            String during = newRequest(false, unique("asker"));
            await().atMost(PATIENCE).until(() -> about(receiver, during).size() == 1);
            WebhookReceiver.Received overlapping = about(receiver, during).get(0);
            assertThat(overlapping.header("webhook-signature").split(" ")).hasSize(2);
            verify(endpoint[1], overlapping);
            verify(rotated, overlapping);

            String latest = asAdmin(admin).body(Map.of("overlapSeconds", 0))
                    .post("/api/notifications/webhooks/" + endpoint[0] + "/rotate-secret").then().statusCode(200)
                    .body("endpoint.previousSecretValidUntil", nullValue()).extract().path("secret");
            String after = newRequest(false, unique("asker"));
            await().atMost(PATIENCE).until(() -> about(receiver, after).size() == 1);
            WebhookReceiver.Received single = about(receiver, after).get(0);
            verify(latest, single);
            assertThatThrownBy(() -> verify(rotated, single)).isInstanceOf(WebhookVerificationException.class);
            asAdmin(admin).body(Map.of("overlapSeconds", -1))
                    .post("/api/notifications/webhooks/" + endpoint[0] + "/rotate-secret").then().statusCode(400);
        }
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventOnceWhenItReturns() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            register(admin, receiver.url(), "scaffold.help-request.created.v1");
            receiver.down();
            List<String> requests = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                requests.add(newRequest(false, unique("asker")));
            }
            Thread.sleep(1500); // attempts fail while it is down (connection refused), then back off
            receiver.up();
            await().atMost(PATIENCE).until(() -> requests.stream().allMatch(r -> about(receiver, r).size() == 1));
            Thread.sleep(1000); // no late duplicate
            assertThat(requests).allMatch(r -> about(receiver, r).size() == 1);
        }
    }

    @Test
    void aUrlThatNowReachesAPrivateAddressIsRefusedAtDelivery() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = unique("integrator");
            String[] endpoint = register(admin, receiver.url(), "scaffold.help-request.created.v1");
            // as if its name had come to resolve to a private address since it was registered
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "UPDATE webhook_endpoint SET url = 'https://10.20.30.40/hook' WHERE id = :id")
                    .setParameter("id", UUID.fromString(endpoint[0])).executeUpdate());
            String requestId = newRequest(false, unique("asker"));
            await().atMost(PATIENCE).untilAsserted(() -> asAdmin(admin)
                    .get("/api/notifications/webhooks/" + endpoint[0] + "/deliveries").then()
                    .body("items[0].lastError", containsString("refused")));
            assertThat(about(receiver, requestId)).isEmpty();
        }
    }
}
