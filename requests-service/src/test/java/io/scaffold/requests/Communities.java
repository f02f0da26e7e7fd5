package io.scaffold.requests;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TestEvents;
import io.scaffold.requests.repository.CommunityDirectory;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Plays communities-service in the tests: publishes its events on the real topic, each checked first against
 * communities-service's own schema files (read from that module's source, never copied), and waits until this
 * service's projection has applied them.
 */
public final class Communities {
    public static final String TOPIC = "scaffold.communities.events";
    static final EventSchemas PRODUCER_SCHEMAS = EventSchemas.in("../communities-service/src/main/resources/schemas");

    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final String visibility;

    private Communities(String name, String visibility) {
        this.name = name;
        this.visibility = visibility;
    }

    /** A community created by {@code owner}, with the given tags. */
    public static Communities create(String owner, String visibility, String... tags) {
        Communities community = new Communities(Api.unique("Community"), visibility);
        community.publish("scaffold.community.created.v1", "{" + community.common(owner)
                + ",\"description\":\"A community of practice\",\"tags\":" + array(tags) + ",\"archived\":false}");
        community.member(owner, "OWNER");
        return community;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** An active member with that role (joined), applied before this returns. */
    public Communities member(String userId, String role) {
        publish("scaffold.membership.joined.v1", "{" + common(userId) + ",\"userId\":\"" + userId + "\",\"role\":\""
                + role + "\",\"status\":\"ACTIVE\"}");
        awaitApplied(() -> role.equals(roleOf(userId)));
        return this;
    }

    /** The joined event with this id is published now; the test itself waits (or not) for it to be applied. */
    public Communities joinedWithoutWaiting(String userId, String eventId) {
        String data = "{" + common(userId) + ",\"userId\":\"" + userId + "\",\"role\":\"MEMBER\","
                + "\"status\":\"ACTIVE\"}";
        PRODUCER_SCHEMAS.assertValid("scaffold.membership.joined.v1", data);
        TestEvents.publishCloudEvent(TOPIC, id, eventId, "scaffold.membership.joined.v1", "/communities-service", data);
        return this;
    }

    public Communities roleChanged(String userId, String role, String previous) {
        publish("scaffold.membership.role-changed.v1", "{" + common("owner") + ",\"userId\":\"" + userId
                + "\",\"role\":\"" + role + "\",\"previousRole\":\"" + previous + "\",\"status\":\"ACTIVE\"}");
        awaitApplied(() -> role.equals(roleOf(userId)));
        return this;
    }

    public Communities left(String userId) {
        publish("scaffold.membership.left.v1", "{" + common(userId) + ",\"userId\":\"" + userId
                + "\",\"role\":\"MEMBER\",\"previousStatus\":\"ACTIVE\"}");
        awaitApplied(() -> roleOf(userId) == null);
        return this;
    }

    /** The member's declared skills, as pairs: "kafka", "EXPERT", "sql", "LEARNING". */
    public Communities skills(String userId, String... skillLevelPairs) {
        StringBuilder skills = new StringBuilder("[");
        for (int i = 0; i < skillLevelPairs.length; i += 2) {
            skills.append(i == 0 ? "" : ",").append("{\"skill\":\"").append(skillLevelPairs[i])
                    .append("\",\"level\":\"").append(skillLevelPairs[i + 1]).append("\"}");
        }
        publish("scaffold.member-skills.updated.v1", "{" + common(userId) + ",\"userId\":\"" + userId
                + "\",\"skills\":" + skills + "]}");
        // skills are applied in order after the membership: wait until the count matches
        int expected = skillLevelPairs.length / 2;
        awaitApplied(() -> countSkills(userId) == expected);
        return this;
    }

    /** A resource of that type (LINK, GUIDE...) in the library, applied before this returns; its id. */
    public String addResource(String type, String title, String... tags) {
        String resourceId = UUID.randomUUID().toString();
        publish("scaffold.resource.added.v1", "{" + common("owner") + ",\"resourceId\":\"" + resourceId
                + "\",\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"tags\":" + array(tags)
                + ",\"url\":\"https://wiki.example.com/" + resourceId + "\",\"authorId\":\"owner\"}");
        awaitApplied(() -> projected().contains("resource " + resourceId));
        return resourceId;
    }

    public Communities resource(String title, String... tags) {
        String resourceId = UUID.randomUUID().toString();
        publish("scaffold.resource.added.v1", "{" + common("owner") + ",\"resourceId\":\"" + resourceId
                + "\",\"type\":\"LINK\",\"title\":\"" + title + "\",\"tags\":" + array(tags)
                + ",\"url\":\"https://wiki.example.com/" + resourceId + "\",\"authorId\":\"owner\"}");
        awaitApplied(() -> QuarkusTransaction.requiringNew().call(() -> !entityManager().createNativeQuery("SELECT 1 FROM community_resource WHERE id = CAST(:id AS uuid)")
                .setParameter("id", resourceId).getResultList().isEmpty()));
        return this;
    }

    /**
     * A one-page snapshot of the community (scaffold.community.snapshot.v1): exactly these members and resources,
     * as JSON arrays of the schema's items. The test waits for it itself.
     */
    public void snapshot(String membersJson, String resourcesJson) {
        publish("scaffold.community.snapshot.v1", "{\"snapshotId\":\"" + UUID.randomUUID() + "\",\"communityId\":\""
                + id + "\",\"communityName\":\"" + name + "\",\"visibility\":\"" + visibility + "\",\"tags\":[],"
                + "\"archived\":false,\"part\":1,\"lastPart\":true,\"members\":{\"items\":" + membersJson + "},"
                + "\"resources\":{\"items\":" + resourcesJson + "},\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    /** The projection's rows for this community: "member user role", "skill user skill level", "resource id". */
    @SuppressWarnings("unchecked")
    public List<String> projected() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager().createNativeQuery("""
                        SELECT 'member ' || user_id || ' ' || role FROM community_member WHERE community_id = CAST(:c AS uuid)
                        UNION ALL SELECT 'skill ' || user_id || ' ' || skill || ' ' || level FROM member_skill
                            WHERE community_id = CAST(:c AS uuid)
                        UNION ALL SELECT 'resource ' || id FROM community_resource WHERE community_id = CAST(:c AS uuid)
                        ORDER BY 1""", String.class).setParameter("c", id).getResultList());
    }

    /** Runs SQL against this service's database (a test that damages the projection on purpose). */
    public static void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager().createNativeQuery(statement).executeUpdate());
    }

    /** Publishes the removal of a resource. */
    public Communities resourceRemoved(String resourceId) {
        publish("scaffold.resource.removed.v1", "{" + common("owner") + ",\"resourceId\":\"" + resourceId
                + "\",\"type\":\"LINK\",\"title\":\"Gone\",\"tags\":[],\"url\":\"https://wiki.example.com/"
                + resourceId + "\",\"authorId\":\"owner\"}");
        awaitApplied(() -> projected().stream().noneMatch(row -> row.equals("resource " + resourceId)));
        return this;
    }

    private long countSkills(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager().createNativeQuery("SELECT count(*) FROM member_skill WHERE community_id = CAST(:c AS uuid)"
                        + " AND user_id = :u").setParameter("c", id).setParameter("u", userId)
                .getSingleResult()).longValue());
    }

    private String common(String actor) {
        return "\"communityId\":\"" + id + "\",\"communityName\":\"" + name + "\",\"visibility\":\"" + visibility
                + "\",\"actorId\":\"" + actor + "\",\"occurredAt\":\"" + Instant.now() + "\"";
    }

    private void publish(String type, String data) {
        PRODUCER_SCHEMAS.assertValid(type, data);
        TestEvents.publishCloudEvent(TOPIC, id, type, "/communities-service", data);
    }

    private String roleOf(String userId) {
        return QuarkusTransaction.requiringNew().call(() -> Arc.container().instance(CommunityDirectory.class).get()
                .role(UUID.fromString(id), userId).orElse(null));
    }

    private static EntityManager entityManager() {
        return Arc.container().instance(EntityManager.class).get();
    }

    private static void awaitApplied(BooleanSupplier applied) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(applied::getAsBoolean);
    }

    static String array(String... values) {
        return List.of(values).stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]").orElse("[]");
    }
}
