package io.scaffold.notifications.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The audience preview, from the membership projection the real broker fed and people's preferences. */
@QuarkusTest
class PreviewApiTest {
    private static final String PATH = "/api/notifications/preview";

    @Test
    void aFacilitatorSeesWhoWouldHearOfANewRequestAndWhoIsLeftOutWithWhy() {
        String communityId = UUID.randomUUID().toString();
        String facilitator = unique("fac");
        String follower = unique("follower");
        String muter = unique("muter");
        String member = unique("member");
        Events.community("scaffold.community.created.v1", communityId, community(communityId, facilitator));
        Events.joined(communityId, "Private streams", facilitator, "FACILITATOR");
        Events.joined(communityId, "Private streams", follower, "MEMBER");
        Events.joined(communityId, "Private streams", muter, "MEMBER");
        Events.joined(communityId, "Private streams", member, "MEMBER");
        as(follower).body("{\"newRequestCommunities\":[\"" + communityId + "\"],\"quietHours\":{\"from\":\"00:00\","
                + "\"to\":\"23:59\",\"timeZone\":\"UTC\"}}").put("/api/notifications/preferences").then()
                .statusCode(200);
        as(muter).body("{\"newRequestCommunities\":[\"" + communityId + "\"],\"mutedCommunities\":[\"" + communityId
                + "\"]}").put("/api/notifications/preferences").then().statusCode(200);
        String query = PATH + "?eventType=scaffold.help-request.created.v1&communityId=" + communityId;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(facilitator).get(query).then()
                .statusCode(200)
                .body("kind", equalTo("COMMUNITY_REQUEST"))
                .body("total", equalTo(1))
                .body("recipients[0].userId", equalTo(follower))
                .body("recipients[0].email", equalTo("DIGEST"))
                .body("excludedTotal", equalTo(1))
                .body("excluded[0].userId", equalTo(muter))
                .body("excluded[0].reason", equalTo("muted the community"))
                .body("notes[0]", containsString("REQUEST_INVITATION")));
        as(facilitator).get(PATH + "?eventType=scaffold.membership.requested.v1&communityId=" + communityId).then()
                .statusCode(200).body("kind", equalTo("MEMBERSHIP_REQUESTED"))
                .body("recipients.userId", equalTo(java.util.List.of(facilitator)));
    }

    @Test
    void onlyOwnersAndFacilitatorsMayPreviewAndStrangersOfAPrivateCommunityLearnNothing() {
        String communityId = UUID.randomUUID().toString();
        String owner = unique("owner");
        String member = unique("member");
        Events.community("scaffold.community.created.v1", communityId, community(communityId, owner));
        Events.joined(communityId, "Private streams", owner, "OWNER");
        Events.joined(communityId, "Private streams", member, "MEMBER");
        String query = PATH + "?eventType=scaffold.resource.added.v1&communityId=" + communityId;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(member).get(query).then().statusCode(403)
                .contentType("application/problem+json"));
        as(owner).get(query).then().statusCode(200);
        as(unique("stranger")).get(query).then().statusCode(404);
        as(unique("stranger")).get(PATH + "?eventType=scaffold.resource.added.v1&communityId=" + UUID.randomUUID())
                .then().statusCode(404);
        given().get(query).then().statusCode(401);
    }

    @Test
    void aPreviewNeedsAKnownEventTypeAndACommunity() {
        String user = unique("asker");
        as(user).get(PATH + "?communityId=" + UUID.randomUUID()).then().statusCode(400)
                .body("errors[0].field", equalTo("eventType"));
        as(user).get(PATH + "?eventType=scaffold.nothing.v1&communityId=" + UUID.randomUUID()).then()
                .statusCode(400).body("errors[0].field", equalTo("eventType"));
        as(user).get(PATH + "?eventType=scaffold.resource.added.v1").then().statusCode(400)
                .body("errors[0].field", equalTo("communityId"));
        as(user).get(PATH + "?eventType=scaffold.resource.added.v1&communityId=nope").then().statusCode(400)
                .body("errors[0].field", equalTo("communityId"));
        as(user).get(PATH + "?eventType=scaffold.resource.added.v1&communityId=" + UUID.randomUUID() + "&limit=0")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private static String community(String id, String owner) {
        return "{\"communityId\":\"" + id + "\",\"communityName\":\"Private streams\",\"visibility\":\"PRIVATE\","
                + "\"actorId\":\"" + owner + "\",\"occurredAt\":\"" + java.time.Instant.now() + "\",\"description\":\"\","
                + "\"tags\":[],\"archived\":false}";
    }
}
