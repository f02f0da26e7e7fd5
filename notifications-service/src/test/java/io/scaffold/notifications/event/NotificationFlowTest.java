package io.scaffold.notifications.event;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The rule table on the real broker: events from the other services become the right people's notifications. */
@QuarkusTest
class NotificationFlowTest {

    private static int items(String user) {
        return as(user).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    private static void awaitItems(String user, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> items(user) == count);
    }

    @Test
    void invitedHelpersHearOfANewRequestOnceEvenWhenTheEventIsDeliveredTwice() {
        String requester = unique("asker");
        String bob = unique("bob");
        String carol = unique("carol");
        String requestId = UUID.randomUUID().toString();
        String data = Events.created(requestId, requester, false, null, null, List.of(bob, carol));
        String eventId = Events.request(UUID.randomUUID().toString(), "scaffold.help-request.created.v1", requestId,
                data);
        Events.request(eventId, "scaffold.help-request.created.v1", requestId, data); // redelivery
        awaitItems(bob, 1);
        awaitItems(carol, 1);
        // a later event on the same key is applied after the redelivery: still one item each
        Events.request("scaffold.help-request.responded.v1", requestId, Events.responded(requestId, requester, bob,
                1));
        awaitItems(requester, 1);
        assertThat(items(bob)).isEqualTo(1);
        as(bob).get("/api/notifications").then()
                .body("items[0].kind", equalTo("REQUEST_INVITATION"))
                .body("items[0].title", equalTo(requester + " asked for help: Consumer lag after deploy"))
                .body("items[0].link", equalTo("/api/requests/" + requestId))
                .body("items[0].urgency", equalTo("HIGH"))
                .body("items[0].status", equalTo("UNREAD"))
                .body("items[0].eventId", equalTo(eventId)); // for Scaffold-After-Events elsewhere
    }

    @Test
    void responsesToOneRequestCollapseIntoOneUnreadItemWithACount() {
        String requester = unique("asker");
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.responded.v1", requestId, Events.responded(requestId, requester,
                unique("h1"), 1));
        Events.request("scaffold.help-request.responded.v1", requestId, Events.responded(requestId, requester,
                unique("h2"), 2));
        String third = unique("h3");
        Events.request("scaffold.help-request.responded.v1", requestId, Events.responded(requestId, requester, third,
                3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(requester).get("/api/notifications").then()
                .body("items.size()", equalTo(1)).body("items[0].count", equalTo(3))
                .body("items[0].body", equalTo(third + " answered.")));
        long id = ((Number) as(requester).get("/api/notifications").path("items[0].id")).longValue();
        as(requester).post("/api/notifications/" + id + "/read").then().statusCode(200);
        // once read, the next response is a new item
        Events.request("scaffold.help-request.responded.v1", requestId, Events.responded(requestId, requester,
                unique("h4"), 4));
        awaitItems(requester, 2);
        as(requester).get("/api/notifications?status=unread").then().body("items[0].count", equalTo(1));
    }

    @Test
    void anAnonymousRequesterIsNotNamedToTheHelpers() {
        String requester = unique("shy");
        String helper = unique("helper");
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, requester, true,
                UUID.randomUUID().toString(), "Streams", List.of(helper)));
        awaitItems(helper, 1);
        String inbox = as(helper).get("/api/notifications").asString();
        assertThat(inbox).doesNotContain(requester).contains("A member of Streams asked for help");
    }

    @Test
    void aRequestToJoinReachesTheOwnersAndFacilitatorsKnownFromMembershipEvents() {
        String communityId = UUID.randomUUID().toString();
        String owner = unique("owner");
        String facilitator = unique("facilitator");
        String member = unique("member");
        String applicant = unique("applicant");
        Events.community("scaffold.membership.joined.v1", communityId,
                Events.membership(communityId, "Streams", owner, "OWNER", "ACTIVE", owner));
        Events.community("scaffold.membership.joined.v1", communityId,
                Events.membership(communityId, "Streams", facilitator, "MEMBER", "ACTIVE", facilitator));
        Events.community("scaffold.membership.joined.v1", communityId,
                Events.membership(communityId, "Streams", member, "MEMBER", "ACTIVE", member));
        Events.community("scaffold.membership.role-changed.v1", communityId,
                Events.membership(communityId, "Streams", facilitator, "FACILITATOR", "ACTIVE", owner)
                        .replace("}", ",\"previousRole\":\"MEMBER\"}"));
        Events.community("scaffold.membership.requested.v1", communityId,
                Events.membership(communityId, "Streams", applicant, "MEMBER", "PENDING", applicant));
        awaitItems(owner, 1);
        awaitItems(facilitator, 2); // their role change, then the request to join
        as(facilitator).get("/api/notifications?kind=MEMBERSHIP_REQUESTED").then()
                .body("items[0].title", equalTo(applicant + " asked to join Streams"))
                .body("items[0].communityId", equalTo(communityId));
        assertThat(items(member)).isZero();
        assertThat(items(applicant)).isZero();
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextIsStillApplied() {
        try (TopicProbe deadLetters = TopicProbe.tail("scaffold.notifications.dlq")) {
            String key = UUID.randomUUID().toString();
            String eventId = TestEvents.publishCloudEvent(Events.REQUESTS, key, "scaffold.help-request.created.v1",
                    "/requests-service", "{\"title\":\"no request id\"}");
            ConsumerRecord<String, String> dead = deadLetters.await(r -> eventId.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).contains("event data has no");
        }
        String helper = unique("helper");
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, unique("a"), false,
                null, null, List.of(helper)));
        awaitItems(helper, 1);
    }
}
