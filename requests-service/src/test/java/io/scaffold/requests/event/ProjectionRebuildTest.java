package io.scaffold.requests.event;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.requests.Communities;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** The communities projection, damaged or lost, is rebuilt from the topic; a snapshot restates a community. */
@QuarkusTest
class ProjectionRebuildTest {

    @Test
    void aDamagedProjectionIsRebuiltFromTheTopicToExactlyWhatTheEventsSay() {
        String owner = unique("owner");
        String helper = unique("helper");
        String leaver = unique("leaver");
        Communities community = Communities.create(owner, "PRIVATE", "kafka").member(helper, "MEMBER")
                .member(leaver, "MEMBER").skills(helper, "kafka", "EXPERT").resource("Lag runbook", "kafka")
                .left(leaver);
        String gone = community.projected().stream().filter(r -> r.startsWith("resource ")).findFirst().orElseThrow()
                .substring("resource ".length());
        community.resourceRemoved(gone).resource("Partition guide", "kafka");
        List<String> truth = community.projected();
        assertThat(truth).contains("member " + owner + " OWNER", "member " + helper + " MEMBER",
                "skill " + helper + " kafka 3").noneMatch(r -> r.contains(leaver) || r.contains(gone));

        Communities.sql("DELETE FROM community_member WHERE community_id = '" + community.id() + "'");
        Communities.sql("INSERT INTO community_member (community_id, user_id, role) VALUES ('" + community.id()
                + "', 'ghost', 'OWNER')");
        Communities.sql("DELETE FROM community_resource WHERE community_id = '" + community.id() + "'");
        assertThat(community.projected()).isNotEqualTo(truth);

        as("olga", "ops").post("/api/requests/ops/projections/communities/rebuild").then().statusCode(200)
                .body("projection", equalTo("communities"))
                .body("topics", equalTo(List.of("scaffold.communities.events")))
                .body("records", greaterThan(0)).body("applied", greaterThan(6))
                .body("requestedBy", equalTo("olga"));
        assertThat(community.projected()).isEqualTo(truth);
    }

    @Test
    void aSnapshotMakesTheCommunityExactlyWhatItStates() {
        String owner = unique("owner");
        String helper = unique("helper");
        String newcomer = unique("newcomer");
        Communities community = Communities.create(owner, "PUBLIC", "sql").member(helper, "MEMBER")
                .skills(helper, "sql", "EXPERT").resource("Index guide", "sql");
        String resource = java.util.UUID.randomUUID().toString();
        community.snapshot("[{\"userId\":\"" + owner + "\",\"role\":\"OWNER\",\"skills\":[]},{\"userId\":\""
                        + newcomer + "\",\"role\":\"FACILITATOR\",\"skills\":[{\"skill\":\"postgres\",\"level\":"
                        + "\"PRACTITIONER\"}]}]",
                "[{\"resourceId\":\"" + resource + "\",\"type\":\"GUIDE\",\"title\":\"Vacuum\",\"tags\":[\"sql\"],"
                        + "\"authorId\":\"" + owner + "\"}]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(community.projected())
                .containsExactly("member " + newcomer + " FACILITATOR", "member " + owner + " OWNER",
                        "resource " + resource, "skill " + newcomer + " postgres 2"));
    }

    @Test
    void onlyOperatorsListOrRebuildProjections() {
        as("olga", "ops").get("/api/requests/ops/projections").then().statusCode(200)
                .body("communities", equalTo(List.of("scaffold.communities.events")));
        as("mallory").get("/api/requests/ops/projections").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("ops"));
        as("mallory").post("/api/requests/ops/projections/communities/rebuild").then().statusCode(403);
        as("olga", "ops").post("/api/requests/ops/projections/nothing-here/rebuild").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
