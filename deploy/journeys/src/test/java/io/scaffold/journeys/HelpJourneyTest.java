package io.scaffold.journeys;

import io.restassured.specification.RequestSpecification;
import io.scaffold.platform.testing.SseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The suite as people use it: the full local stack (real broker, PostgreSQL, the three packaged services, the
 * gateway), driven through the gateway with dev tokens. Each step crosses a service boundary over Kafka.
 */
class HelpJourneyTest {
    private static JourneyStack stack;
    private static String gateway;

    @BeforeAll
    static void startTheSuite() {
        stack = JourneyStack.shared();
        gateway = stack.gateway;
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

    @Test
    void aPublishedGuideIsSuggestedToTheNextPersonWhoSaysItSolvedTheirProblemAndTheCommunityCountsIt() {
        String word = "zq" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        String communityId = as("ines").body("{\"name\":\"Builds " + System.nanoTime() + "\",\"description\":"
                        + "\"Continuous integration\",\"visibility\":\"PUBLIC\",\"tags\":[\"ci\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
        as("jon").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        as("kim").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        String body = "{\"title\":\"Flaky " + word + " tests on the build server\",\"body\":\"They pass locally\","
                + "\"tags\":[\"ci\"],\"urgency\":\"NORMAL\",\"communityId\":\"" + communityId + "\"}";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                as("jon").header("Idempotency-Key", "guide-" + word).body(body).post("/api/requests").statusCode()
                        / 100 == 2);
        String requestId = as("jon").header("Idempotency-Key", "guide-" + word).body(body).post("/api/requests")
                .then().statusCode(200).extract().path("id");
        String responseId = as("ines").body("{\"kind\":\"ANSWER\",\"text\":\"Pin the test clock to UTC\"}")
                .post("/api/requests/" + requestId + "/responses").then().statusCode(201).extract().path("id");
        as("jon").post("/api/requests/" + requestId + "/responses/" + responseId + "/accept").then().statusCode(200);
        as("jon").body("{}").post("/api/requests/" + requestId + "/publish").then().statusCode(200);

        // kim starts typing a similar problem: the guide (from communities-service's library) is suggested
        String typed = "flaky " + word.substring(0, word.length() - 2);
        String guideId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                as("kim").queryParam("q", typed).get("/api/requests/suggestions").then().statusCode(200)
                        .extract().<List<Map<String, Object>>>path("resources").stream()
                        .filter(r -> "GUIDE".equals(r.get("type"))).map(r -> (String) r.get("resourceId"))
                        .findFirst().orElse(null), id -> id != null);
        as("kim").queryParam("q", typed).get("/api/requests/suggestions").then()
                .body("resources[0].resourceId", equalTo(guideId))
                .body("answers[0].requestId", equalTo(requestId))
                .body("answers[0].acceptedAnswerExcerpt", equalTo("Pin the test clock to UTC"));

        as("kim").body("{\"kind\":\"RESOURCE\",\"id\":\"" + guideId + "\",\"query\":\"" + typed + "\"}")
                .post("/api/requests/suggestions/solved").then().statusCode(201);
        as("ines").queryParam("communityId", communityId).get("/api/requests/stats").then().statusCode(200)
                .body("requests", equalTo(1)).body("selfServed", equalTo(1))
                .body("topSolutions[0].id", equalTo(guideId)).body("topSolutions[0].kind", equalTo("RESOURCE"));
    }

    @Test
    void anInvitedHelperHearsLiveOfTheRequestTheRequesterOfTheAnswerAndTheHelperOfTheAcceptance() {
        // dana's community; erik joins and asks; fay is the expert routing should invite
        String communityId = as("dana").body("{\"name\":\"Live " + System.nanoTime() + "\",\"description\":"
                + "\"Databases\",\"visibility\":\"PUBLIC\",\"tags\":[\"postgres\"]}").post("/api/communities")
                .then().statusCode(201).extract().path("id");
        as("erik").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        as("fay").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        as("fay").body("{\"skills\":[{\"skill\":\"postgres\",\"level\":\"EXPERT\"}]}")
                .put("/api/communities/" + communityId + "/members/fay/skills").then().statusCode(200);

        // browsers open the stream with a ticket (EventSource sends no Authorization), cross-origin via the gateway
        try (SseClient fay = browserStream("fay"); SseClient erik = browserStream("erik")) {
            assertThat(fay.status()).isEqualTo(200);
            assertThat(fay.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            fay.next("unread-count", Duration.ofSeconds(30));
            erik.next("unread-count", Duration.ofSeconds(30));

            // once requests-service has learnt fay's skill from the events, erik's request invites her
            String[] requestId = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                var asked = as("erik").body("{\"title\":\"Vacuum never finishes " + System.nanoTime()
                        + "\",\"body\":\"autovacuum runs for hours\",\"tags\":[\"postgres\"],\"urgency\":"
                        + "\"BLOCKING\",\"communityId\":\"" + communityId + "\"}").post("/api/requests");
                if (asked.statusCode() != 201) {
                    return false;
                }
                requestId[0] = asked.path("id");
                return as("erik").get("/api/requests/" + requestId[0] + "/helpers").path("userId")
                        .toString().contains("fay");
            });
            SseClient.Event invitation = fay.next(event -> "notification".equals(event.name())
                    && event.data().contains(requestId[0]), Duration.ofSeconds(30));
            assertThat(invitation).isNotNull();
            assertThat(invitation.data()).contains("REQUEST_INVITATION").contains("BLOCKING");

            String responseId = as("fay").body("{\"kind\":\"ANSWER\",\"text\":\"A long transaction holds the"
                    + " xmin horizon\"}").post("/api/requests/" + requestId[0] + "/responses").then().statusCode(201)
                    .extract().path("id");
            SseClient.Event answered = erik.next(event -> "notification".equals(event.name())
                    && event.data().contains("RESPONSE_POSTED"), Duration.ofSeconds(30));
            assertThat(answered).isNotNull();
            assertThat(answered.data()).contains(requestId[0]).contains("fay answered.");

            as("erik").post("/api/requests/" + requestId[0] + "/responses/" + responseId + "/accept").then()
                    .statusCode(200);
            SseClient.Event accepted = fay.next(event -> "notification".equals(event.name())
                    && event.data().contains("ANSWER_ACCEPTED"), Duration.ofSeconds(30));
            assertThat(accepted).isNotNull();
            assertThat(accepted.data()).contains(requestId[0]);
        }
    }

    @Test
    void withTwoReplicasOfNotificationsServiceAStreamOnEitherGetsWhatEitherWrote() throws Exception {
        int secondPort = JourneyStack.freePort();
        try (AutoCloseable replica = stack.stack.startReplica("notifications-service", secondPort);
                SseClient onGateway = browserStream("gus");
                SseClient onReplica = SseClient.connect("http://localhost:" + secondPort
                        + "/api/notifications/stream", Map.of("Authorization", "Bearer " + token("gus")))) {
            onGateway.next("unread-count", Duration.ofSeconds(30));
            onReplica.next("unread-count", Duration.ofSeconds(30));
            // six communities (keys over every partition, so over both replicas' consumers): hana asks to join each
            List<String> communities = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = as("gus").body("{\"name\":\"Replica " + i + " " + System.nanoTime() + "\","
                        + "\"description\":\"\",\"visibility\":\"PRIVATE\",\"tags\":[]}").post("/api/communities")
                        .then().statusCode(201).extract().path("id");
                as("hana").post("/api/communities/" + id + "/members").then().statusCode(200);
                communities.add(id);
            }
            for (SseClient stream : List.of(onGateway, onReplica)) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                while (seen.size() < communities.size()) {
                    SseClient.Event item = stream.next("notification", Duration.ofSeconds(30));
                    assertThat(item).as("every join request reaches both replicas' streams").isNotNull();
                    communities.stream().filter(item.data()::contains).forEach(seen::add);
                }
            }
        }
    }

    private static final String ORIGIN = "http://localhost:3000";

    /** What a browser app does: a ticket with its bearer token, then an EventSource on the ticket URL. */
    private static SseClient browserStream(String user) {
        String path = as(user).header("Origin", ORIGIN).post("/api/notifications/stream-tickets").then()
                .statusCode(201).extract().path("streamPath");
        return SseClient.connect(gateway + path, Map.of("Origin", ORIGIN));
    }

    /** notifications-service turned another service's event into this person's notification. */
    private static void awaitNotification(String user, String kind, String titleStart) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> as(user)
                .get("/api/notifications?kind=" + kind).then().statusCode(200)
                .body("items[0].title", startsWith(titleStart)));
    }

    private static RequestSpecification as(String user) {
        return stack.as(user);
    }

    private static String token(String user) {
        return stack.token(user);
    }
}
