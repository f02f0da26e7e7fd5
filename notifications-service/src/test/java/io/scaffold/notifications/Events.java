package io.scaffold.notifications;

import io.scaffold.platform.privacy.SealedIds;
import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TestInfrastructure;
import io.scaffold.platform.testing.TestEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Plays the other services in the tests: publishes their events on the real topics, each checked first against the
 * producer's own schema files (read from the producer's module, never copied).
 */
public final class Events {
    public static final String REQUESTS = "scaffold.requests.events";
    public static final String COMMUNITIES = "scaffold.communities.events";
    static final EventSchemas REQUEST_SCHEMAS = EventSchemas.in("../requests-service/src/main/resources/schemas");
    static final EventSchemas COMMUNITY_SCHEMAS = EventSchemas.in("../communities-service/src/main/resources/schemas");
    static final EventSchemas PERSON_SCHEMAS = EventSchemas.in("../platform/src/main/resources/schemas");

    /** Seals as requests-service does, with the key this test JVM gives the services. */
    public static final SealedIds SEALS = SealedIds.withKeys(TestInfrastructure.SEALED_IDS_KEY, List.of());

    private Events() {
    }

    /**
     * The requester's fields of a request event, as requests-service writes them: in clear, or sealed when anonymous
     * (and {@code actedAsRequester}: the requester is also the actor).
     */
    public static String requester(String requestId, String requester, boolean anonymous, boolean actedAsRequester) {
        if (!anonymous) {
            return "\"requesterId\":\"" + requester + "\",\"anonymous\":false,"
                    + (actedAsRequester ? "\"actorId\":\"" + requester + "\"," : "");
        }
        return "\"sealedRequesterId\":\"" + SEALS.seal(requester, requestId) + "\",\"anonymous\":true,"
                + (actedAsRequester ? "\"sealedActorId\":\"" + SEALS.seal(requester, requestId) + "\"," : "");
    }

    /** Publishes a requests-service event with the given id (to simulate redelivery) and returns the id. */
    public static String request(String eventId, String type, String requestId, String data) {
        REQUEST_SCHEMAS.assertValid(type, data);
        TestEvents.publishCloudEvent(REQUESTS, requestId, eventId, type, "/requests-service", data);
        return eventId;
    }

    public static String request(String type, String requestId, String data) {
        return request(UUID.randomUUID().toString(), type, requestId, data);
    }

    /** A requests-service event published in a trace, as the relay publishes it. */
    public static String requestInTrace(String type, String requestId, String data, String traceparent) {
        REQUEST_SCHEMAS.assertValid(type, data);
        String eventId = UUID.randomUUID().toString();
        TestEvents.publishCloudEvent(REQUESTS, requestId, eventId, type, "/requests-service", data,
                java.util.Map.of("traceparent", traceparent));
        return eventId;
    }

    public static void community(String type, String communityId, String data) {
        COMMUNITY_SCHEMAS.assertValid(type, data);
        TestEvents.publishCloudEvent(COMMUNITIES, communityId, type, "/communities-service", data);
    }

    /**
     * requests-service announces a person as its callers' tokens describe them (scaffold.person.updated.v1), observed
     * now; {@code email} or {@code zone} may be null.
     */
    public static void person(String userId, String name, String email, String zone) {
        String data = "{\"userId\":\"" + userId + "\",\"name\":" + quoted(name) + ",\"email\":" + quoted(email)
                + ",\"zoneinfo\":" + quoted(zone) + ",\"locale\":null,\"observedAt\":\"" + Instant.now() + "\"}";
        PERSON_SCHEMAS.assertValid("scaffold.person.updated.v1", data);
        TestEvents.publishCloudEvent(REQUESTS, userId, UUID.randomUUID().toString(), "scaffold.person.updated.v1",
                "/requests-service", data);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The data of scaffold.help-request.created.v1. */
    public static String created(String requestId, String requester, boolean anonymous, String communityId,
            String communityName, List<String> helpers) {
        return "{\"requestId\":\"" + requestId + "\",\"title\":\"Consumer lag after deploy\",\"tags\":[\"kafka\"],"
                + "\"urgency\":\"HIGH\",\"status\":\"OPEN\"," + community(communityId, communityName)
                + requester(requestId, requester, anonymous, true) + "\"invitedHelperIds\":" + array(helpers)
                + ",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    /** The data of scaffold.help-request.responded.v1. */
    public static String responded(String requestId, String requester, String responder, int count) {
        return "{\"requestId\":\"" + requestId + "\",\"title\":\"Consumer lag after deploy\",\"urgency\":\"HIGH\","
                + "\"requesterId\":\"" + requester + "\",\"anonymous\":false,\"responseId\":\"" + UUID.randomUUID()
                + "\",\"responderId\":\"" + responder + "\",\"kind\":\"ANSWER\",\"responseCount\":" + count
                + ",\"actorId\":\"" + responder + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    /** The data of a membership event of communities-service. */
    public static String membership(String communityId, String name, String userId, String role, String status,
            String actor) {
        return "{\"communityId\":\"" + communityId + "\",\"communityName\":\"" + name + "\",\"visibility\":"
                + "\"PRIVATE\",\"actorId\":\"" + actor + "\",\"occurredAt\":\"" + Instant.now() + "\",\"userId\":\""
                + userId + "\",\"role\":\"" + role + "\",\"status\":\"" + status + "\"}";
    }

    /** {@code user} became an active member of the community with {@code role} (scaffold.membership.joined.v1). */
    public static void joined(String communityId, String name, String user, String role) {
        community("scaffold.membership.joined.v1", communityId, membership(communityId, name, user, role, "ACTIVE",
                user));
    }

    /** The data of scaffold.resource.added.v1. */
    public static String resourceAdded(String communityId, String name, String author, String title) {
        return "{\"communityId\":\"" + communityId + "\",\"communityName\":\"" + name + "\",\"visibility\":"
                + "\"PUBLIC\",\"actorId\":\"" + author + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"resourceId\":\"" + UUID.randomUUID() + "\",\"type\":\"LINK\",\"title\":\"" + title
                + "\",\"tags\":[\"kafka\"],\"url\":\"https://kafka.apache.org/documentation/\",\"authorId\":\""
                + author + "\"}";
    }

    /** The data of scaffold.help-request.escalated.v1 for one rung. */
    public static String escalated(String requestId, String requester, String communityId, String communityName,
            String audienceKind, List<String> audience) {
        return "{\"requestId\":\"" + requestId + "\",\"title\":\"Consumer lag after deploy\",\"urgency\":"
                + "\"BLOCKING\"," + community(communityId, communityName) + "\"requesterId\":\"" + requester
                + "\",\"anonymous\":false,\"level\":3,\"step\":\"LD_DESK\",\"audience\":{\"kind\":\""
                + audienceKind + "\",\"userIds\":" + array(audience) + "},\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    private static String community(String id, String name) {
        return id == null ? "" : "\"communityId\":\"" + id + "\",\"communityName\":\"" + name + "\",";
    }

    static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
