package io.scaffold.requests.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import io.scaffold.requests.event.EventTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.ask;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.respond;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RespondingTest {

    @Test
    void aMemberAnswersTheRequesterAcceptsAndTheHelperIsCredited() {
        String owner = unique("owner");
        String asker = unique("asker");
        String helper = unique("helper");
        Communities community = Communities.create(owner, "PRIVATE", "java").member(asker, "MEMBER")
                .member(helper, "MEMBER");
        String id = ask(asker, community.id(), "HIGH", "java", "gc");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String responseId = as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"Use G1 and look at humongous "
                            + "allocations\",\"links\":[\"https://docs.example.com/g1\"]}")
                    .post("/api/requests/" + id + "/responses").then().statusCode(201)
                    .body("responderId", equalTo(helper)).body("kind", equalTo("ANSWER"))
                    .body("links[0]", equalTo("https://docs.example.com/g1")).extract().path("id");
            String responded = assertPublished(probe, EventTypes.RESPONDED, id).value();
            assertThat(responded).contains("\"responderId\":\"" + helper + "\"").contains("\"requesterId\":\"" + asker);
            as(asker).get("/api/requests/" + id).then().body("responseCount", equalTo(1))
                    .body("firstResponseAt", notNullValue());

            as(helper).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then().statusCode(403);
            as(asker).post("/api/requests/" + id + "/responses/" + java.util.UUID.randomUUID() + "/accept").then()
                    .statusCode(404);
            as(asker).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then().statusCode(200)
                    .body("status", equalTo("RESOLVED")).body("acceptedResponseId", equalTo(responseId))
                    .body("acceptedHelperId", equalTo(helper));
            String accepted = assertPublished(probe, EventTypes.RESPONSE_ACCEPTED, id).value();
            assertThat(accepted).contains("\"helperId\":\"" + helper + "\"").contains("\"tags\":[\"java\",\"gc\"]")
                    .contains("\"communityId\":\"" + community.id() + "\"");
            assertPublished(probe, EventTypes.RESOLVED, id);
            as(asker).get("/api/requests/" + id + "/responses").then().statusCode(200)
                    .body("items[0].accepted", equalTo(true));
            as(unique("late")).body("{\"kind\":\"OFFER\",\"text\":\"I can help\"}")
                    .post("/api/requests/" + id + "/responses").then().statusCode(404);
            as(helper).body("{\"kind\":\"OFFER\",\"text\":\"more\"}").post("/api/requests/" + id + "/responses")
                    .then().statusCode(409);
        }
    }

    @Test
    void theRequesterCannotRespondToTheirOwnRequestAndBadResponsesAreRejected() {
        String asker = unique("asker");
        String id = ask(asker, null, "LOW", "rust");
        as(asker).body("{\"kind\":\"ANSWER\",\"text\":\"self\"}").post("/api/requests/" + id + "/responses").then()
                .statusCode(403).contentType("application/problem+json");
        String helper = unique("helper");
        as(helper).body("{\"kind\":\"LECTURE\",\"text\":\"x\"}").post("/api/requests/" + id + "/responses").then()
                .statusCode(400).body("errors.field", hasItem("kind"));
        as(helper).body("{\"kind\":\"ANSWER\",\"text\":\" \"}").post("/api/requests/" + id + "/responses").then()
                .statusCode(400).body("errors.field", hasItem("text"));
        as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"x\",\"links\":[\"javascript:alert(1)\"]}")
                .post("/api/requests/" + id + "/responses").then().statusCode(400);
        as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"x\",\"links\":\"https://a.example\"}")
                .post("/api/requests/" + id + "/responses").then().statusCode(400);
        as(asker).get("/api/requests/" + id).then().body("responseCount", equalTo(0));
    }

    @Test
    void responsesArePagedOldestFirst() {
        String asker = unique("asker");
        String id = ask(asker, null, "LOW", "python");
        String first = respond(unique("a"), id, "ANSWER");
        String second = respond(unique("b"), id, "OFFER");
        String third = respond(unique("c"), id, "ANSWER");
        String cursor = as(asker).get("/api/requests/" + id + "/responses?limit=2").then().statusCode(200)
                .body("items.id", equalTo(java.util.List.of(first, second))).extract().path("nextCursor");
        as(asker).get("/api/requests/" + id + "/responses?limit=2&cursor=" + cursor).then()
                .body("items.id", equalTo(java.util.List.of(third))).body("nextCursor", nullValue());
        as(asker).get("/api/requests/" + id + "/responses?cursor=abc").then().statusCode(400);
    }

    @Test
    void aResponsesCursorOfTheWrongShapeIsA400OnTheCursorParameter() {
        String asker = unique("asker");
        String id = ask(asker, null, "LOW", "python");
        respond(unique("a"), id, "ANSWER");
        as(asker).queryParam("cursor", Cursor.of(Instant.now().toString(), "not-a-uuid").encode())
                .get("/api/requests/" + id + "/responses").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("cursor", Cursor.of("0.5", UUID.randomUUID().toString()).encode())
                .get("/api/requests/" + id + "/responses").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        as(asker).queryParam("cursor", Cursor.of("+10000-01-01T00:00:00Z", UUID.randomUUID().toString()).encode())
                .get("/api/requests/" + id + "/responses").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void feedbackIsTheRequestersAfterResolutionAndCounts() {
        String asker = unique("asker");
        String helper = unique("helper");
        String id = ask(asker, null, "NORMAL", "excel");
        as(asker).body("{\"unblocked\":true}").put("/api/requests/" + id + "/feedback").then().statusCode(409);
        String responseId = respond(helper, id, "ANSWER");
        as(asker).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then().statusCode(200);
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            as(helper).body("{\"unblocked\":true}").put("/api/requests/" + id + "/feedback").then().statusCode(403);
            as(asker).body("{\"unblocked\":true,\"minutesSaved\":-5}").put("/api/requests/" + id + "/feedback")
                    .then().statusCode(400).body("errors.field", hasItem("minutesSaved"));
            as(asker).body("{\"minutesSaved\":5}").put("/api/requests/" + id + "/feedback").then().statusCode(400)
                    .body("errors.field", hasItem("unblocked"));
            as(asker).body("{\"unblocked\":true,\"minutesSaved\":120,\"comment\":\"Saved my afternoon\"}")
                    .put("/api/requests/" + id + "/feedback").then().statusCode(200)
                    .body("unblocked", equalTo(true)).body("minutesSaved", equalTo(120));
            assertThat(assertPublished(probe, EventTypes.FEEDBACK_GIVEN, id).value())
                    .contains("\"minutesSaved\":120").contains("\"acceptedHelperId\":\"" + helper + "\"");
        }
        as(helper).get("/api/requests/" + id + "/feedback").then().statusCode(200).body("comment",
                equalTo("Saved my afternoon"));
        as(unique("nosy")).get("/api/requests/" + id + "/feedback").then().statusCode(403);
    }

    @Test
    void aResolvedRequestIsPublishedAsAGuideOnceByTheRequesterOrAcceptedHelper() {
        String owner = unique("owner");
        String asker = unique("asker");
        String helper = unique("helper");
        String member = unique("member");
        Communities community = Communities.create(owner, "PUBLIC", "sre").member(asker, "MEMBER")
                .member(helper, "MEMBER").member(member, "MEMBER");
        String id = ask(asker, community.id(), "HIGH", "sre");
        String responseId = respond(helper, id, "ANSWER");
        as(asker).body("{}").post("/api/requests/" + id + "/publish").then().statusCode(409);
        as(asker).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then().statusCode(200);
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            as(member).body("{}").post("/api/requests/" + id + "/publish").then().statusCode(403);
            as(asker).body("{\"guide\":\"" + "x".repeat(20001) + "\"}").post("/api/requests/" + id + "/publish")
                    .then().statusCode(400);
            as(helper).post("/api/requests/" + id + "/publish").then().statusCode(200)
                    .body("publishedAt", notNullValue());
            String published = assertPublished(probe, EventTypes.PUBLISHED, id).value();
            assertThat(published).contains("\"publishedBy\":\"" + helper + "\"")
                    .contains("Try raising max.poll.records").contains("\"communityId\":\"" + community.id() + "\"");
            as(asker).body("{}").post("/api/requests/" + id + "/publish").then().statusCode(200);
            assertThat(probe.collectFor(java.time.Duration.ofSeconds(2)).stream()
                    .filter(r -> EventTypes.PUBLISHED.equals(TopicProbe.header(r, "ce_type")) && id.equals(r.key())))
                    .hasSize(1); // the one awaited above, no second
        }
    }

    @Test
    void statsAreForFacilitatorsOwnersAndTheDesk() {
        String owner = unique("owner");
        String facilitator = unique("facilitator");
        String member = unique("member");
        Communities community = Communities.create(owner, "PUBLIC", "data").member(facilitator, "FACILITATOR")
                .member(member, "MEMBER");
        String answered = ask(member, community.id(), "NORMAL", "data");
        ask(member, community.id(), "NORMAL", "data");
        String helper = unique("helper");
        as(helper).get("/api/requests/" + answered).then().statusCode(404); // not a member: cannot even see it
        String responseId = respond(owner, answered, "ANSWER");
        as(member).post("/api/requests/" + answered + "/responses/" + responseId + "/accept").then().statusCode(200);
        as(member).body("{\"unblocked\":true,\"minutesSaved\":30}").put("/api/requests/" + answered + "/feedback")
                .then().statusCode(200);

        as(facilitator).get("/api/requests/stats?communityId=" + community.id()).then().statusCode(200)
                .body("requests", equalTo(2)).body("answeredShare", equalTo(0.5f))
                .body("medianSecondsToFirstResponse", notNullValue())
                .body("topHelpersLoadShare", equalTo(1.0f)).body("unblockedShare", equalTo(1.0f))
                .body("minutesSaved", equalTo(30)).body("feedbackCount", equalTo(1));
        as(owner).get("/api/requests/stats?communityId=" + community.id()).then().statusCode(200);
        as(unique("desk"), "ld-desk").get("/api/requests/stats?communityId=" + community.id()).then()
                .statusCode(200);
        as(unique("desk"), "ld-desk").get("/api/requests/stats").then().statusCode(200);
        as(member).get("/api/requests/stats?communityId=" + community.id()).then().statusCode(403);
        as(owner).get("/api/requests/stats").then().statusCode(403);
        as(owner).get("/api/requests/stats?communityId=" + community.id() + "&from=2026-02-01&to=2026-01-01").then()
                .statusCode(400).body("errors.field", hasItem("from"));
        as(owner).get("/api/requests/stats?communityId=" + community.id() + "&from=yesterday").then()
                .statusCode(400);
    }
}
