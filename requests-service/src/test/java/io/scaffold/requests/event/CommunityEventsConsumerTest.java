package io.scaffold.requests.event;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.scaffold.platform.testing.TopicProbe.header;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.ask;
import static io.scaffold.requests.Api.requestJson;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class CommunityEventsConsumerTest {

    @Test
    void aMembershipEventLetsTheMemberAskAndLeavingTakesTheRightAway() {
        String owner = unique("owner");
        String member = unique("member");
        Communities community = Communities.create(owner, "PRIVATE", "ops");
        as(member).body(requestJson("Pager storm", community.id(), "HIGH", false, "ops")).post("/api/requests")
                .then().statusCode(403);
        community.member(member, "MEMBER");
        String id = ask(member, community.id(), "HIGH", "ops");
        String other = unique("other");
        community.member(other, "MEMBER");
        as(other).get("/api/requests/" + id).then().statusCode(200);
        community.left(other);
        as(other).get("/api/requests/" + id).then().statusCode(404);
    }

    @Test
    void aRedeliveredEventHasOneEffect() {
        String owner = unique("owner");
        Communities community = Communities.create(owner, "PUBLIC", "dup");
        String resourceId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String data = "{\"communityId\":\"" + community.id() + "\",\"communityName\":\"" + community.name()
                + "\",\"visibility\":\"PUBLIC\",\"actorId\":\"" + owner + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"resourceId\":\"" + resourceId + "\",\"type\":\"LINK\",\"title\":\"Once\",\"tags\":[],"
                + "\"url\":\"https://a.example\",\"authorId\":\"" + owner + "\"}";
        TestEvents.publishCloudEvent(Communities.TOPIC, community.id(), eventId, "scaffold.resource.added.v1",
                "/communities-service", data);
        await().atMost(Duration.ofSeconds(20)).until(() -> resources(resourceId) == 1);
        // a redelivery after the resource was removed must not bring it back
        TestEvents.publishCloudEvent(Communities.TOPIC, community.id(), "scaffold.resource.removed.v1",
                "/communities-service", data);
        await().atMost(Duration.ofSeconds(20)).until(() -> resources(resourceId) == 0);
        TestEvents.publishCloudEvent(Communities.TOPIC, community.id(), eventId, "scaffold.resource.added.v1",
                "/communities-service", data);
        community.member(unique("marker"), "MEMBER"); // applied after the redelivery (same key, same partition)
        assertThat(resources(resourceId)).isZero();
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        try (TopicProbe deadLetters = TopicProbe.tail("scaffold.requests.dlq")) {
            String key = UUID.randomUUID().toString();
            String eventId = TestEvents.publishCloudEvent(Communities.TOPIC, key, "scaffold.membership.joined.v1",
                    "/communities-service", "{\"communityId\":\"not-a-uuid\",\"userId\":\"u\"}");
            ConsumerRecord<String, String> dead = deadLetters.await(r -> eventId.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).isNotBlank();
            TestEvents.publish(Communities.TOPIC, key, "{not json", java.util.Map.of());
        }
        String member = unique("after-poison");
        Communities.create(unique("owner"), "PUBLIC", "x").member(member, "MEMBER");
    }

    private static long resources(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container().instance(EntityManager.class)
                .get().createNativeQuery("SELECT count(*) FROM community_resource WHERE id = CAST(:id AS uuid)")
                .setParameter("id", id).getSingleResult()).longValue());
    }
}
