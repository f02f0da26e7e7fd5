package io.scaffold.requests.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The data of each event: what notifications-service needs to pick recipients without calling back. When the request
 * is anonymous, the requester's id never travels in clear: {@code requesterId} (and {@code actorId} when the requester
 * acted) are absent and {@code sealedRequesterId}/{@code sealedActorId} carry them sealed for the suite's own services
 * ({@link io.scaffold.platform.privacy.SealedIds}). Schemas: {@code src/main/resources/schemas}.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    /** created / updated / resolved / reopened / cancelled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestChanged(String requestId, String title, List<String> tags, String urgency, String status,
            String communityId, String communityName, String requesterId, String sealedRequesterId, boolean anonymous,
            List<String> invitedHelperIds, String acceptedHelperId, List<String> responderIds, String actorId,
            String sealedActorId, Instant occurredAt) {
    }

    /** responded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Responded(String requestId, String title, String urgency, String communityId, String communityName,
            String requesterId, String sealedRequesterId, boolean anonymous, String responseId, String responderId,
            String kind, int responseCount, String actorId, String sealedActorId, Instant occurredAt) {
    }

    /** response-accepted: communities-service credits the helper's skills with the tags. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseAccepted(String requestId, String title, List<String> tags, String communityId,
            String communityName, String requesterId, String sealedRequesterId, boolean anonymous, String responseId,
            String helperId, String actorId, String sealedActorId, Instant occurredAt) {
    }

    /** escalated: the rung reached and who was added to the audience. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Escalated(String requestId, String title, String urgency, String communityId, String communityName,
            String requesterId, String sealedRequesterId, boolean anonymous, int level, String step, Audience audience,
            Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Audience(String kind, List<String> userIds, String role) {
    }

    /** feedback-given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FeedbackGiven(String requestId, String communityId, String requesterId, String sealedRequesterId,
            boolean anonymous, String acceptedHelperId, boolean unblocked, Integer minutesSaved, String actorId,
            String sealedActorId, Instant occurredAt) {
    }

    /** published: communities-service turns it into a GUIDE resource linked to the request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Published(String requestId, String communityId, String communityName, String title, String guide,
            List<String> tags, String publishedBy, boolean anonymous, String actorId, String sealedActorId,
            Instant occurredAt) {
    }

    /** self-service solved: a suggestion solved someone's problem without a request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SelfServed(String solutionId, String kind, String targetId, String communityId, String title,
            String query, String userId, Instant occurredAt) {
    }
}
