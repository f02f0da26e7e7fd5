package io.scaffold.communities.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.scaffold.communities.Api.SCHEMAS;
import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.addMember;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.makeFacilitator;
import static io.scaffold.communities.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Snapshots restate every community on the events topic, in pages (two items per page in tests), for consumers that
 * rebuild their projections from the topic.
 */
@QuarkusTest
class SnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSnapshotRestatesActiveMembersWithSkillsAndTheLibraryInContiguousPages() throws Exception {
        String owner = unique("owner");
        String id = createCommunity(owner, unique("Snapshot"), "PRIVATE", "kafka");
        List<String> members = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 4; i++) {
            String member = unique("m" + i);
            addMember(id, owner, member);
            members.add(member);
        }
        makeFacilitator(id, owner, members.get(1));
        as(members.get(2)).body("{\"skills\":[{\"skill\":\"kafka\",\"level\":\"EXPERT\"},"
                + "{\"skill\":\"sql\",\"level\":\"LEARNING\"}]}").put("/api/communities/" + id + "/members/"
                + members.get(2) + "/skills").then().statusCode(200);
        String pending = unique("pending");
        as(pending).post("/api/communities/" + id + "/members").then().statusCode(200)
                .body("status", equalTo("PENDING"));
        String leaver = unique("leaver");
        addMember(id, owner, leaver);
        as(leaver).delete("/api/communities/" + id + "/members/" + leaver).then().statusCode(204);
        List<String> resources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            resources.add(as(owner).body("{\"type\":\"LINK\",\"title\":\"Runbook " + i + "\",\"tags\":[\"kafka\"],"
                            + "\"url\":\"https://example.org/runbook/" + i + "\"}")
                    .post("/api/communities/" + id + "/resources").then().statusCode(201).extract().path("id"));
        }

        List<JsonNode> pages = new ArrayList<>();
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String run = as("olga", "ops").post("/api/communities/ops/snapshots").then().statusCode(202)
                    .header("Location", containsString("/api/communities/ops/snapshots/")).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("olga", "ops")
                    .get("/api/communities/ops/snapshots/" + run).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")));
            while (pages.isEmpty() || !pages.get(pages.size() - 1).path("lastPart").asBoolean()) {
                String part = "\"part\":" + (pages.size() + 1) + ",";
                ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key())
                        && EventTypes.COMMUNITY_SNAPSHOT.equals(TopicProbe.header(r, "ce_type"))
                        && r.value().contains(run) && r.value().contains(part), Duration.ofSeconds(20));
                SCHEMAS.assertValid(EventTypes.COMMUNITY_SNAPSHOT, record.value());
                pages.add(JSON.readTree(record.value()));
            }
        }

        assertThat(pages).extracting(p -> p.path("part").asInt()).containsExactly(1, 2, 3);
        Map<String, String> roles = new TreeMap<>();
        Map<String, List<String>> skills = new TreeMap<>();
        String bound = null;
        for (JsonNode page : pages) {
            JsonNode section = page.path("members");
            if (section.isMissingNode()) {
                continue;
            }
            assertThat(section.path("after").asText(null)).as("pages are contiguous").isEqualTo(bound);
            bound = section.path("through").asText(null);
            for (JsonNode member : section.path("items")) {
                roles.put(member.path("userId").asText(), member.path("role").asText());
                List<String> declared = new ArrayList<>();
                member.path("skills").forEach(s -> declared.add(s.path("skill").asText() + ":"
                        + s.path("level").asText()));
                skills.put(member.path("userId").asText(), declared);
            }
        }
        assertThat(bound).as("the last page is open-ended").isNull();
        assertThat(roles.keySet()).containsExactlyInAnyOrderElementsOf(members);
        assertThat(roles).containsEntry(owner, "OWNER").containsEntry(members.get(1), "FACILITATOR")
                .containsEntry(members.get(3), "MEMBER");
        assertThat(skills.get(members.get(2))).containsExactly("kafka:EXPERT", "sql:LEARNING");
        assertThat(skills.get(members.get(3))).isEmpty();

        List<String> restated = new ArrayList<>();
        String resourceBound = null;
        for (JsonNode page : pages) {
            JsonNode section = page.path("resources");
            if (section.isMissingNode()) {
                continue;
            }
            assertThat(section.path("after").asText(null)).isEqualTo(resourceBound);
            resourceBound = section.path("through").asText(null);
            section.path("items").forEach(r -> restated.add(r.path("resourceId").asText()));
        }
        assertThat(resourceBound).isNull();
        assertThat(restated).containsExactlyInAnyOrderElementsOf(resources)
                .isSortedAccordingTo(Comparator.naturalOrder()); // PostgreSQL's uuid order: unsigned, byte by byte
        assertThat(pages.get(0).path("visibility").asText()).isEqualTo("PRIVATE");
    }

    @Test
    void onlyOperatorsAskForOrReadSnapshots() {
        as("mallory").post("/api/communities/ops/snapshots").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("ops"));
        as("mallory").get("/api/communities/ops/snapshots").then().statusCode(403);
        as("olga", "ops").get("/api/communities/ops/snapshots/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        as("olga", "ops").get("/api/communities/ops/snapshots/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
