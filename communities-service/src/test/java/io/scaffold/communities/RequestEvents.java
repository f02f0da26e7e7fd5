package io.scaffold.communities;

import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TestEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plays requests-service in the tests: publishes its events on its topic as it does (key and ce_subject = request id,
 * ce_source /requests-service), each checked first against requests-service's own schema files (read from its
 * module, never copied), so a change to that contract fails this consumer's build.
 */
public final class RequestEvents {
    public static final String TOPIC = "scaffold.requests.events";
    public static final String SOURCE = "/requests-service";
    public static final String RESPONSE_ACCEPTED = "scaffold.help-request.response-accepted.v1";
    public static final String PUBLISHED = "scaffold.help-request.published.v1";
    public static final EventSchemas SCHEMAS = EventSchemas.in("../requests-service/src/main/resources/schemas");

    private RequestEvents() {
    }

    /** Publishes a requests-service event with the given id (to simulate redelivery), once its data is valid. */
    public static void publish(String eventId, String type, String requestId, String data) {
        SCHEMAS.assertValid(type, data);
        TestEvents.publishCloudEvent(TOPIC, requestId, eventId, type, SOURCE, data);
    }

    /** Publishes a requests-service event, once its data is valid, and returns the event id. */
    public static String publish(String type, String requestId, String data) {
        String eventId = UUID.randomUUID().toString();
        publish(eventId, type, requestId, data);
        return eventId;
    }

    /**
     * Publishes data that breaks requests-service's contract (for dead-letter tests), after checking that its schema
     * does reject it; returns the event id.
     */
    public static String publishInvalid(String type, String requestId, String data) {
        assertThatThrownBy(() -> SCHEMAS.assertValid(type, data)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match its schema");
        return TestEvents.publishCloudEvent(TOPIC, requestId, type, SOURCE, data);
    }

    /**
     * The data of scaffold.help-request.response-accepted.v1: the requester ({@code actorId}) accepted the helper's
     * response. {@code communityId} null means a request asked outside any community.
     */
    public static String responseAccepted(String requestId, String communityId, String communityName,
            String requesterId, String helperId, List<String> tags) {
        return "{\"requestId\":\"" + requestId + "\",\"title\":\"Consumer lag after deploy\",\"tags\":" + array(tags)
                + "," + community(communityId, communityName) + "\"requesterId\":\"" + requesterId
                + "\",\"anonymous\":false,\"responseId\":\"" + UUID.randomUUID() + "\",\"helperId\":\"" + helperId
                + "\",\"actorId\":\"" + requesterId + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    /** The data of scaffold.help-request.published.v1: a resolved request that {@code publishedBy} made a guide. */
    public static String published(String requestId, String communityId, String communityName, String title,
            String guide, List<String> tags, String publishedBy) {
        return "{\"requestId\":\"" + requestId + "\"," + community(communityId, communityName) + "\"title\":\""
                + title + "\",\"guide\":\"" + guide + "\",\"tags\":" + array(tags) + ",\"publishedBy\":\""
                + publishedBy + "\",\"anonymous\":false,\"actorId\":\"" + publishedBy + "\",\"occurredAt\":\""
                + Instant.now() + "\"}";
    }

    private static String community(String id, String name) {
        return id == null ? "" : "\"communityId\":\"" + id + "\",\"communityName\":\"" + name + "\",";
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
