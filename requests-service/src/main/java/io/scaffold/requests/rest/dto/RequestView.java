package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.domain.Urgency;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A help request as the caller may see it: an anonymous requester's id is shown to the requester alone. */
@Schema(name = "Request")
public record RequestView(
        UUID id, String title, String body, List<String> tags, Urgency urgency, RequestStatus status,
        UUID communityId, String communityName,
        @Schema(description = "Null when the request is anonymous and the caller is not the requester")
        String requesterId,
        boolean anonymous,
        @Schema(description = "How to refer to the requester, e.g. \"a member of Kafka practitioners\"")
        String requesterLabel,
        @Schema(description = "The caller asked this") boolean mine,
        int responseCount, UUID acceptedResponseId, String acceptedHelperId, int escalationLevel,
        Instant createdAt, Instant updatedAt, Instant firstResponseAt, Instant resolvedAt, Instant publishedAt,
        @Schema(description = "Full-text rank, on searches only") Float rank,
        long version) {
}
