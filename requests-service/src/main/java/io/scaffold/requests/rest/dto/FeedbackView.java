package io.scaffold.requests.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "FeedbackGiven")
public record FeedbackView(UUID requestId, boolean unblocked,
        @Schema(nullable = true, description = "Null when the requester did not say") Integer minutesSaved,
        @Schema(nullable = true, description = "Null when the requester left none") String comment,
        Instant givenAt) {
}
