package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.SolutionKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Solution", description = "A problem the caller solved without asking")
public record SolutionView(UUID id, SolutionKind kind,
        @Schema(description = "The request or resource that solved it") UUID targetId,
        @Schema(nullable = true) UUID communityId, String title,
        @Schema(description = "The words the caller searched") String query, Instant solvedAt) {
}
