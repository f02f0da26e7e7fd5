package io.scaffold.notifications.event;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Preferences applied by the fan-out, on the real broker: opt-ins, mutes, kinds turned off, critical kinds. */
@QuarkusTest
class PreferenceRulesFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static int items(String user, String kind) {
        return as(user).get("/api/notifications?kind=" + kind).then().statusCode(200).extract()
                .path("items.size()");
    }

    private static void prefer(String user, String json) {
        as(user).body(json).put("/api/notifications/preferences").then().statusCode(200);
    }

    @Test
    void membersWhoFollowACommunitysNewRequestsHearOfThemAndNobodyElseDoes() {
        String communityId = UUID.randomUUID().toString();
        String follower = unique("follower");
        String quietMember = unique("member");
        String outsider = unique("outsider");
        String requester = unique("asker");
        Events.joined(communityId, "Streams", follower, "MEMBER");
        Events.joined(communityId, "Streams", quietMember, "MEMBER");
        Events.joined(communityId, "Streams", requester, "MEMBER");
        prefer(follower, "{\"newRequestCommunities\":[\"" + communityId + "\"]}");
        prefer(requester, "{\"newRequestCommunities\":[\"" + communityId + "\"]}");
        // following a community one is not a member of brings nothing
        prefer(outsider, "{\"newRequestCommunities\":[\"" + communityId + "\"]}");
        await().atMost(WAIT).until(() -> as(follower).get("/api/notifications").statusCode() == 200);

        String requestId = UUID.randomUUID().toString();
        // the membership events and this request share no key: wait until the projection has the members
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String id = UUID.randomUUID().toString();
            Events.request("scaffold.help-request.created.v1", id, Events.created(id, requester, false,
                    communityId, "Streams", List.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> items(follower, "COMMUNITY_REQUEST") > 0);
        });
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, requester, true,
                communityId, "Streams", List.of()));
        await().atMost(WAIT).untilAsserted(() -> as(follower).get("/api/notifications?kind=COMMUNITY_REQUEST")
                .then().body("items[0].subjectId", equalTo(requestId))
                .body("items[0].title", equalTo("New request in Streams: Consumer lag after deploy"))
                .body("items[0].body", equalTo("A member of Streams asked for help on kafka.")));
        assertThat(items(quietMember, "COMMUNITY_REQUEST")).isZero();
        assertThat(items(outsider, "COMMUNITY_REQUEST")).isZero();
        assertThat(items(requester, "COMMUNITY_REQUEST")).isZero();
    }

    @Test
    void followersOfALibraryHearOfNewResourcesButTheAuthorDoesNot() {
        String communityId = UUID.randomUUID().toString();
        String reader = unique("reader");
        String author = unique("author");
        Events.joined(communityId, "Streams", reader, "MEMBER");
        Events.joined(communityId, "Streams", author, "MEMBER");
        prefer(reader, "{\"newResourceCommunities\":[\"" + communityId + "\"]}");
        prefer(author, "{\"newResourceCommunities\":[\"" + communityId + "\"]}");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Events.community("scaffold.resource.added.v1", communityId,
                    Events.resourceAdded(communityId, "Streams", author, "Kafka docs"));
            await().atMost(Duration.ofSeconds(5)).until(() -> items(reader, "RESOURCE_ADDED") > 0);
        });
        as(reader).get("/api/notifications?kind=RESOURCE_ADDED").then()
                .body("items[0].title", equalTo("New in Streams: Kafka docs"))
                .body("items[0].communityId", equalTo(communityId));
        assertThat(items(author, "RESOURCE_ADDED")).isZero();
    }

    @Test
    void aMutedCommunityAndAKindTurnedOffKeepTheInboxQuietButADeskEscalationAlwaysArrives() {
        String communityId = UUID.randomUUID().toString();
        String muter = unique("muter");
        String noInvites = unique("busy");
        String witness = unique("witness");
        prefer(muter, "{\"mutedCommunities\":[\"" + communityId + "\"]}");
        prefer(noInvites, "{\"kinds\":{\"REQUEST_INVITATION\":{\"inApp\":false}}}");
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, unique("asker"),
                false, communityId, "Streams", List.of(muter, noInvites, witness)));
        await().atMost(WAIT).until(() -> items(witness, "REQUEST_INVITATION") == 1);
        assertThat(items(muter, "REQUEST_INVITATION")).isZero();
        assertThat(items(noInvites, "REQUEST_INVITATION")).isZero();

        // the L&D desk's escalation is critical: it reaches the inbox of someone who muted the community
        Events.request("scaffold.help-request.escalated.v1", requestId, Events.escalated(requestId, unique("asker"),
                communityId, "Streams", "LD_DESK", List.of(muter)));
        await().atMost(WAIT).until(() -> items(muter, "DESK_ESCALATION") == 1);
        as(muter).get("/api/notifications/unread-count").then().body("unread", equalTo(1));
    }

    @Test
    void eachPersonalRuleReachesItsOnePersonOnly() {
        String communityId = UUID.randomUUID().toString();
        String owner = unique("owner");
        String helper = unique("helper");
        String facilitator = unique("facilitator");
        String joiner = unique("joiner");
        String invitee = unique("invitee");
        String requestId = UUID.randomUUID().toString();
        String requester = unique("asker");
        Events.request("scaffold.help-request.response-accepted.v1", requestId, "{\"requestId\":\"" + requestId
                + "\",\"title\":\"Consumer lag after deploy\",\"tags\":[\"kafka\"],"
                + Events.requester(requestId, requester, true, true) + "\"responseId\":\"" + UUID.randomUUID()
                + "\",\"helperId\":\"" + helper + "\",\"occurredAt\":\"" + java.time.Instant.now() + "\"}");
        Events.request("scaffold.help-request.escalated.v1", requestId, Events.escalated(requestId, requester,
                communityId, "Streams", "FACILITATOR", List.of(facilitator)).replace("\"level\":3,\"step\":\"LD_DESK\"",
                "\"level\":2,\"step\":\"FACILITATORS\""));
        Events.community("scaffold.membership.approved.v1", communityId, Events.membership(communityId, "Streams",
                joiner, "MEMBER", "ACTIVE", owner).replace("\"status\":\"ACTIVE\"",
                "\"status\":\"ACTIVE\",\"previousStatus\":\"PENDING\""));
        Events.community("scaffold.membership.role-changed.v1", communityId, Events.membership(communityId, "Streams",
                joiner, "FACILITATOR", "ACTIVE", owner).replace("\"role\":\"FACILITATOR\"",
                "\"role\":\"FACILITATOR\",\"previousRole\":\"MEMBER\""));
        Events.community("scaffold.membership.invited.v1", communityId, Events.membership(communityId, "Streams",
                invitee, "MEMBER", "INVITED", owner));

        await().atMost(WAIT).untilAsserted(() -> as(helper).get("/api/notifications?kind=ANSWER_ACCEPTED").then()
                .body("items.size()", equalTo(1))
                .body("items[0].body", equalTo("The requester marked it as the help that solved the problem.")));
        await().atMost(WAIT).untilAsserted(() -> as(facilitator).get("/api/notifications?kind=ESCALATION").then()
                .body("items.size()", equalTo(1)).body("items[0].urgency", equalTo("BLOCKING"))
                .body("items[0].body", org.hamcrest.Matchers.endsWith("You are asked as a facilitator.")));
        await().atMost(WAIT).untilAsserted(() -> as(joiner).get("/api/notifications").then()
                .body("items.kind", org.hamcrest.Matchers.containsInAnyOrder("MEMBERSHIP_APPROVED", "ROLE_CHANGED"))
                .body("items.find { it.kind == 'ROLE_CHANGED' }.title",
                        equalTo("Your role in Streams is now facilitator")));
        await().atMost(WAIT).untilAsserted(() -> as(invitee).get("/api/notifications").then()
                .body("items.size()", equalTo(1)).body("items[0].kind", equalTo("MEMBERSHIP_INVITATION"))
                .body("items[0].link", equalTo("/api/communities/" + communityId)));
        assertThat(items(owner, "MEMBERSHIP_APPROVED") + items(requester, "ANSWER_ACCEPTED")).isZero();
    }
}
