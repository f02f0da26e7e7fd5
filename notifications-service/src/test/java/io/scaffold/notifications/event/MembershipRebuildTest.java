package io.scaffold.notifications.event;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.notifications.repository.MembershipDirectory;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The membership projection the audiences read is rebuilt from the topic after it was lost. */
@QuarkusTest
class MembershipRebuildTest {

    @Test
    void lostMembershipsAreRebuiltFromTheTopicAndAudiencesWorkAgain() {
        String communityId = UUID.randomUUID().toString();
        String owner = unique("owner");
        String facilitator = unique("facilitator");
        Events.community("scaffold.community.created.v1", communityId, "{\"communityId\":\"" + communityId
                + "\",\"communityName\":\"Streams\",\"visibility\":\"PRIVATE\",\"description\":\"\",\"tags\":[],\"archived\":false,"
                + "\"actorId\":\"" + owner + "\",\"occurredAt\":\"" + java.time.Instant.now() + "\"}");
        Events.joined(communityId, "Streams", owner, "OWNER");
        Events.joined(communityId, "Streams", facilitator, "FACILITATOR");
        await().atMost(Duration.ofSeconds(20)).until(() -> managers(communityId).size() == 2);

        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("DELETE FROM community_member WHERE community_id = CAST(:c AS uuid)")
                .setParameter("c", communityId).executeUpdate());
        assertThat(managers(communityId)).isEmpty();

        as("olga", "ops").post("/api/notifications/ops/projections/communities/rebuild").then().statusCode(200)
                .body("projection", equalTo("communities"));
        assertThat(managers(communityId)).containsExactlyInAnyOrder(owner, facilitator);
        as("mallory").post("/api/notifications/ops/projections/communities/rebuild").then().statusCode(403);
    }

    private static List<String> managers(String communityId) {
        return QuarkusTransaction.requiringNew().call(() -> Arc.container().instance(MembershipDirectory.class).get()
                .managers(UUID.fromString(communityId)));
    }
}
