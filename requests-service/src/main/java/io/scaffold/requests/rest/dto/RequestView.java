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
        @Schema(nullable = true, description = "Null when the request was asked outside any community")
        UUID communityId,
        @Schema(nullable = true, description = "The community's name when the request was made; null outside any "
                + "community")
        String communityName,
        @Schema(nullable = true, description = "Null when the request is anonymous and the caller is not the requester")
        String requesterId,
        boolean anonymous,
        @Schema(description = "How to refer to the requester, e.g. \"a member of Kafka practitioners\"")
        String requesterLabel,
        @Schema(description = "The caller asked this") boolean mine,
        int responseCount,
        @Schema(nullable = true, description = "The accepted response; null until the requester accepts one (and "
                + "again after a reopen)")
        UUID acceptedResponseId,
        @Schema(nullable = true, description = "Who wrote the accepted response; null while none is accepted")
        String acceptedHelperId,
        int escalationLevel,
        Instant createdAt, Instant updatedAt,
        @Schema(nullable = true, description = "Null until someone responds") Instant firstResponseAt,
        @Schema(nullable = true, description = "Null unless the request is resolved") Instant resolvedAt,
        @Schema(nullable = true, description = "When it was published as a guide; null until then")
        Instant publishedAt,
        @Schema(nullable = true, description = "Full-text rank, on searches only (null otherwise)") Float rank,
        long version) {
}
