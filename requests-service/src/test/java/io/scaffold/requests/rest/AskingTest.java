package io.scaffold.requests.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import io.scaffold.requests.event.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.ask;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.requestJson;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AskingTest {

    @Test
    void aMemberAsksInTheirCommunityAndTheRequestIsRecordedWithItsEvent() {
        String owner = unique("owner");
        String asker = unique("asker");
        Communities community = Communities.create(owner, "PRIVATE", "kafka").member(asker, "MEMBER");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            var created = as(asker).body(requestJson("Consumer lag keeps growing", community.id(), "HIGH", false,
                            "Kafka", "consumer lag"))
                    .post("/api/requests").then().statusCode(201)
                    .header("Location", containsString("/api/requests/"))
                    .header("ETag", notNullValue())
                    .body("title", equalTo("Consumer lag keeps growing"))
                    .body("tags", equalTo(java.util.List.of("kafka", "consumer-lag")))
                    .body("urgency", equalTo("HIGH"))
                    .body("status", equalTo("OPEN"))
                    .body("communityName", equalTo(community.name()))
                    .body("requesterId", equalTo(asker))
                    .body("mine", equalTo(true))
                    .extract();
            String id = created.path("id");
            ConsumerRecord<String, String> event = assertPublished(probe, EventTypes.CREATED, id);
            assertThat(event.key()).isEqualTo(id);
            assertThat(event.value()).contains("\"requesterId\":\"" + asker + "\"")
                    .contains("\"communityId\":\"" + community.id() + "\"").contains("\"anonymous\":false");
            as(asker).get("/api/requests/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                    .body("id", equalTo(id));
        }
    }

    @Test
    void aRequestInACommunityIsInvisibleToOutsidersButOneOutsideAnyCommunityIsForEveryone() {
        String owner = unique("owner");
        String asker = unique("asker");
        String stranger = unique("stranger");
        Communities community = Communities.create(owner, "PUBLIC", "sql").member(asker, "MEMBER");
        String inCommunity = ask(asker, community.id(), "NORMAL", "sql");
        String open = ask(asker, null, "NORMAL", "sql");

        as(stranger).get("/api/requests/" + inCommunity).then().statusCode(404)
                .contentType("application/problem+json");
        as(owner).get("/api/requests/" + inCommunity).then().statusCode(200);
        as(stranger).get("/api/requests/" + open).then().statusCode(200);
        as(stranger).get("/api/requests?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem(inCommunity))).body("items.id", hasItem(open));
        as(stranger).get("/api/requests/" + inCommunity + "/responses").then().statusCode(404);
        as(stranger).get("/api/requests/" + inCommunity + "/similar").then().statusCode(404);
        as(stranger).body("{\"kind\":\"ANSWER\",\"text\":\"hi\"}").post("/api/requests/" + inCommunity + "/responses")
                .then().statusCode(404);
    }

    @Test
    void askingInACommunityTheCallerIsNotAMemberOfIsForbidden() {
        Communities community = Communities.create(unique("owner"), "PUBLIC", "go");
        as(unique("outsider")).body(requestJson("Help", community.id(), "LOW", false, "go"))
                .post("/api/requests").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("communityId"));
        as(unique("outsider")).body(requestJson("Help", UUID.randomUUID().toString(), "LOW", false, "go"))
                .post("/api/requests").then().statusCode(403);
    }

    @Test
    void aNewMemberWhoNamesTheJoinEventIsToldToRetryUntilThisServiceHasAppliedItThenMayAsk() {
        Communities community = Communities.create(unique("owner"), "PUBLIC", "go");
        String newcomer = unique("newcomer");
        String joinEvent = com.fasterxml.uuid.Generators.timeBasedEpochRandomGenerator().generate().toString();
        String body = requestJson("Help with generics", community.id(), "LOW", false, "go");

        // communities-service said "joined" (Scaffold-Events), but the event has not reached this service yet
        as(newcomer).header("Scaffold-After-Events", joinEvent).body(body).post("/api/requests").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:catching-up"))
                .header("Retry-After", equalTo("1"));
        // without naming it, the answer is the refusal the service believes in
        as(newcomer).body(body).post("/api/requests").then().statusCode(403);

        community.joinedWithoutWaiting(newcomer, joinEvent);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> as(newcomer)
                .header("Scaffold-After-Events", joinEvent).body(body).post("/api/requests").statusCode() != 409);
        as(newcomer).header("Scaffold-After-Events", joinEvent).body(body).post("/api/requests").then()
                .statusCode(201);
    }

    @Test
    void eventIdsThatCannotBeAwaitedAreRefusedOrNoLongerWaitedFor() {
        Communities community = Communities.create(unique("owner"), "PUBLIC", "go");
        String body = requestJson("Help", community.id(), "LOW", false, "go");
        as(unique("outsider")).header("Scaffold-After-Events", UUID.randomUUID().toString()).body(body)
                .post("/api/requests").then().statusCode(400)
                .body("errors[0].field", equalTo("Scaffold-After-Events"));
        // a UUIDv7 made a minute ago: an event that late is not coming soon, so the refusal stands
        long minuteAgo = System.currentTimeMillis() - 60_000;
        UUID stale = new UUID((minuteAgo << 16) | 0x7000L | 0x123L, 0x8000000000000000L | 42L);
        as(unique("outsider")).header("Scaffold-After-Events", stale.toString()).body(body)
                .post("/api/requests").then().statusCode(403);
    }

    @Test
    void anAnonymousRequesterIsNamedToNobodyElseOnAnyEndpoint() {
        String owner = unique("owner");
        String asker = unique("shy");
        String helper = unique("helper");
        Communities community = Communities.create(owner, "PUBLIC", "security").member(asker, "MEMBER")
                .member(helper, "MEMBER").skills(helper, "security", "EXPERT");
        String id = as(asker).body(requestJson("Is this token leak serious", community.id(), "HIGH", true,
                "security")).post("/api/requests").then().statusCode(201).body("requesterId", equalTo(asker))
                .extract().path("id");

        for (String other : new String[] {owner, helper}) {
            String single = as(other).get("/api/requests/" + id).then().statusCode(200)
                    .body("requesterId", nullValue()).body("anonymous", equalTo(true))
                    .body("requesterLabel", equalTo("a member of " + community.name()))
                    .body("mine", equalTo(false)).extract().asString();
            assertThat(single).doesNotContain(asker);
            assertThat(as(other).get("/api/requests?limit=100").asString()).doesNotContain(asker);
            assertThat(as(other).get("/api/requests?q=token+leak").asString()).doesNotContain(asker);
            assertThat(as(other).get("/api/requests/" + id + "/similar").asString()).doesNotContain(asker);
        }
        String responseId = io.scaffold.requests.Api.respond(helper, id, "ANSWER");
        assertThat(as(helper).get("/api/requests/" + id + "/responses").asString()).doesNotContain(asker);
        assertThat(as(owner).get("/api/requests/" + id + "/helpers").then().statusCode(200).extract().asString())
                .doesNotContain(asker);
        String accepted = as(asker).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then()
                .statusCode(200).extract().asString();
        assertThat(accepted).contains(asker); // the requester sees themselves
        assertThat(as(helper).get("/api/requests/" + id).asString()).doesNotContain(asker);
        assertThat(as(helper).body("{}").post("/api/requests/" + id + "/publish").then().statusCode(200)
                .extract().asString()).doesNotContain(asker);
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheFirstRequestAndADifferentBodyIsRejected() {
        String asker = unique("retrier");
        String body = requestJson("Build fails on CI only", null, "NORMAL", false, "maven");
        String id = as(asker).header("Idempotency-Key", "key-1").body(body).post("/api/requests").then()
                .statusCode(201).extract().path("id");
        as(asker).header("Idempotency-Key", "key-1").body(body).post("/api/requests").then().statusCode(200)
                .body("id", equalTo(id));
        as(asker).header("Idempotency-Key", "key-1").body(requestJson("Another", null, "NORMAL", false, "maven"))
                .post("/api/requests").then().statusCode(422).contentType("application/problem+json");
        // keys belong to their caller: another person's same key creates their own request
        as(unique("other")).header("Idempotency-Key", "key-1").body(body).post("/api/requests").then()
                .statusCode(201).body("id", not(equalTo(id)));
        as(asker).get("/api/requests?mine=true").then().body("items.size()", equalTo(1));
        as(asker).header("Idempotency-Key", " bad key ").body(body).post("/api/requests").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void badInputOfAnyShapeIsAProblemWithFieldErrorsAndCreatesNothing() {
        String asker = unique("careless");
        as(asker).body("{\"body\":\"x\"}").post("/api/requests").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("title"));
        as(asker).body("{\"title\":\"t\",\"body\":\"b\",\"urgency\":\"PANIC\"}").post("/api/requests").then()
                .statusCode(400).body("errors.field", hasItem("urgency"));
        as(asker).body("{\"title\":\"t\",\"body\":\"b\",\"anonymous\":\"perhaps\"}").post("/api/requests").then()
                .statusCode(400).body("errors.field", hasItem("anonymous"));
        as(asker).body("{\"title\":\"t\",\"body\":\"b\",\"communityId\":\"nope\"}").post("/api/requests").then()
                .statusCode(400).body("errors.field", hasItem("communityId"));
        as(asker).body("{\"title\":").post("/api/requests").then().statusCode(400)
                .contentType("application/problem+json");
        as(asker).body("{\"title\":\"" + "x".repeat(201) + "\",\"body\":\"b\"}").post("/api/requests").then()
                .statusCode(400).body("errors.field", hasItem("title"));
        String tenThousandTags = "[" + String.join(",", Collections.nCopies(10_000, "\"t\"")) + "]";
        as(asker).body("{\"title\":\"t\",\"body\":\"b\",\"tags\":" + tenThousandTags + "}").post("/api/requests")
                .then().statusCode(400).body("errors.field", hasItem("tags"));
        as(asker).body("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"<script>\"]}").post("/api/requests").then()
                .statusCode(400).body("errors[0].field", containsString("tags"));
        as(asker).body("[]").post("/api/requests").then().statusCode(400);
        as(asker).get("/api/requests?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        as(asker).get("/api/requests?status=DONE").then().statusCode(400).body("errors.field", hasItem("status"));
        as(asker).get("/api/requests?communityId=x").then().statusCode(400);
        as(asker).get("/api/requests?cursor=garbage").then().statusCode(400);
        as(asker).get("/api/requests/not-a-uuid").then().statusCode(404);
        as(asker).get("/api/requests?mine=true").then().statusCode(200).body("items", equalTo(java.util.List.of()));
    }

    @Test
    void everyEndpointNeedsAVerifiedToken() {
        String id = ask(unique("asker"), null, "LOW", "docker");
        given().contentType(ContentType.JSON).body(requestJson("t", null, "LOW", false)).post("/api/requests")
                .then().statusCode(401).contentType("application/problem+json");
        given().get("/api/requests").then().statusCode(401);
        given().get("/api/requests/" + id).then().statusCode(401);
        given().get("/api/requests/" + id + "/responses").then().statusCode(401);
        given().get("/api/requests/" + id + "/helpers").then().statusCode(401);
        given().get("/api/requests/" + id + "/similar").then().statusCode(401);
        given().get("/api/requests/stats").then().statusCode(401);
        given().header("Authorization", io.scaffold.platform.testing.TestTokens.forgedBearer("mallory"))
                .get("/api/requests/" + id).then().statusCode(401);
        given().header("Authorization", io.scaffold.platform.testing.TestTokens.expiredBearer("mallory"))
                .get("/api/requests").then().statusCode(401);
    }

    @Test
    void listsFilterByCommunityStatusTagMineAndTextAndPageWithCursors() {
        String owner = unique("owner");
        String asker = unique("lister");
        Communities community = Communities.create(owner, "PUBLIC", "terraform").member(asker, "MEMBER");
        String tag = "tf-" + UUID.randomUUID().toString().substring(0, 6);
        String first = ask(asker, community.id(), "LOW", tag);
        String second = ask(asker, community.id(), "LOW", tag);
        String third = ask(asker, community.id(), "LOW", tag);
        as(asker).post("/api/requests/" + first + "/cancel").then().statusCode(200);

        var page1 = as(owner).get("/api/requests?communityId=" + community.id() + "&limit=2").then().statusCode(200)
                .body("items.id", equalTo(java.util.List.of(third, second))).extract();
        as(owner).get("/api/requests?communityId=" + community.id() + "&limit=2&cursor=" + page1.path("nextCursor"))
                .then().body("items.id", equalTo(java.util.List.of(first))).body("nextCursor", nullValue());
        as(owner).get("/api/requests?tag=" + tag + "&status=OPEN").then()
                .body("items.id", equalTo(java.util.List.of(third, second)));
        as(owner).get("/api/requests?tag=" + tag + "&mine=true").then().body("items", equalTo(java.util.List.of()));
        as(asker).get("/api/requests?tag=" + tag + "&status=cancelled").then()
                .body("items.id", equalTo(java.util.List.of(first)));

        String special = as(asker).body(requestJson("Terraform state lock never released", community.id(), "LOW",
                false, tag)).post("/api/requests").then().statusCode(201).extract().path("id");
        as(owner).queryParam("q", "state lock released").get("/api/requests").then().statusCode(200)
                .body("items[0].id", equalTo(special)).body("items[0].rank", notNullValue())
                .body("items.status", everyItem(notNullValue()));
    }

    @Test
    void aCursorOfTheWrongShapeIsA400OnTheCursorParameterNeverA500() {
        String asker = unique("shaper");
        String tag = "shape-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            ask(asker, null, "LOW", tag);
        }
        String newest = as(asker).queryParam("tag", tag).queryParam("limit", 1).get("/api/requests").then()
                .statusCode(200).extract().path("nextCursor");
        assertThat(newest).isNotNull();
        // A list's cursor (created at, id) is not a search's (rank, id)
        as(asker).queryParam("q", "shape").queryParam("cursor", newest).get("/api/requests").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("cursor", Cursor.of(Instant.now().toString(), "not-a-uuid").encode())
                .get("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("cursor", Cursor.of("0.5", UUID.randomUUID().toString()).encode())
                .get("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("q", "shape").queryParam("cursor", Cursor.of("0.5", "not-a-uuid").encode())
                .get("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("q", "shape").queryParam("cursor", Cursor.of("NaN", UUID.randomUUID().toString())
                .encode()).get("/api/requests").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("tag", tag).queryParam("cursor", newest).get("/api/requests").then().statusCode(200)
                .body("items.size()", equalTo(2));
    }

    @Test
    void theRequesterEditsWithIfMatchAndOthersCannot() {
        String owner = unique("owner");
        String asker = unique("editor");
        Communities community = Communities.create(owner, "PUBLIC", "css").member(asker, "MEMBER");
        String id = ask(asker, community.id(), "LOW", "css");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            as(asker).header("If-Match", "\"0\"").body("{\"title\":\"Grid overflows on Safari\",\"urgency\":\"HIGH\"}")
                    .patch("/api/requests/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                    .body("title", equalTo("Grid overflows on Safari")).body("urgency", equalTo("HIGH"))
                    .body("tags", equalTo(java.util.List.of("css")));
            assertPublished(probe, EventTypes.UPDATED, id);
        }
        as(asker).header("If-Match", "\"0\"").body("{\"title\":\"stale\"}").patch("/api/requests/" + id).then()
                .statusCode(412).contentType("application/problem+json");
        as(owner).body("{\"title\":\"hijack\"}").patch("/api/requests/" + id).then().statusCode(403);
        as(unique("stranger")).body("{\"title\":\"hijack\"}").patch("/api/requests/" + id).then().statusCode(404);
        as(asker).body("{\"title\":\"   \"}").patch("/api/requests/" + id).then().statusCode(400)
                .body("errors.field", hasItem("title"));
        as(asker).get("/api/requests/" + id).then().body("title", equalTo("Grid overflows on Safari"));
    }

    @Test
    void theRequesterCancelsResolvesAndReopensAndNobodyElseCan() {
        String asker = unique("closer");
        String other = unique("other");
        String id = ask(asker, null, "LOW", "k8s");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            as(other).post("/api/requests/" + id + "/resolve").then().statusCode(403);
            as(other).post("/api/requests/" + id + "/cancel").then().statusCode(403);
            as(asker).post("/api/requests/" + id + "/resolve").then().statusCode(200)
                    .body("status", equalTo("RESOLVED")).body("resolvedAt", notNullValue());
            assertPublished(probe, EventTypes.RESOLVED, id);
            as(asker).post("/api/requests/" + id + "/resolve").then().statusCode(409);
            as(other).post("/api/requests/" + id + "/reopen").then().statusCode(403);
            as(asker).post("/api/requests/" + id + "/reopen").then().statusCode(200).body("status", equalTo("OPEN"));
            assertPublished(probe, EventTypes.REOPENED, id);
            as(asker).post("/api/requests/" + id + "/reopen").then().statusCode(409);
            as(asker).post("/api/requests/" + id + "/cancel").then().statusCode(200)
                    .body("status", equalTo("CANCELLED"));
            assertPublished(probe, EventTypes.CANCELLED, id);
            as(asker).body("{\"title\":\"late edit\"}").patch("/api/requests/" + id).then().statusCode(409);
        }
    }

    @Test
    void similarFindsResolvedRequestsAndCommunityResourcesFirst() {
        String owner = unique("owner");
        String asker = unique("similar");
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        Communities community = Communities.create(owner, "PUBLIC", "kafka").member(asker, "MEMBER")
                .resource("Runbook for " + word + " rebalancing storms", "kafka");
        String solved = as(asker).body(requestJson("Why does " + word + " rebalance forever", community.id(), "LOW",
                false, "kafka")).post("/api/requests").then().statusCode(201).extract().path("id");
        as(asker).post("/api/requests/" + solved + "/resolve").then().statusCode(200);
        String unsolved = as(asker).body(requestJson("Unrelated " + word + " question", null, "LOW", false, "x"))
                .post("/api/requests").then().statusCode(201).extract().path("id");
        String fresh = as(asker).body(requestJson("Consumers " + word + " rebalance all the time", null, "LOW",
                false, "kafka")).post("/api/requests").then().statusCode(201).extract().path("id");

        as(asker).get("/api/requests/" + fresh + "/similar").then().statusCode(200)
                .body("find { it.kind == 'REQUEST' }.id", equalTo(solved))
                .body("find { it.kind == 'RESOURCE' }.title", containsString("Runbook"))
                .body("id", not(hasItem(unsolved))).body("id", not(hasItem(fresh)));
        as(asker).get("/api/requests/" + fresh + "/similar?limit=51").then().statusCode(400);
    }
}
