package io.scaffold.communities.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.domain.Visibility;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Community")
public record CommunityView(
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7") UUID id,
        @Schema(example = "Kafka practitioners") String name,
        @Schema(example = "Running Kafka in production: patterns, incidents, help") String description,
        @Schema(example = "PUBLIC") Visibility visibility,
        @Schema(example = "[\"kafka\", \"streaming\"]") List<String> tags,
        @Schema(description = "Active members", example = "42") int memberCount,
        @Schema(example = "false") boolean archived,
        @Schema(example = "2025-03-14T09:30:00Z") Instant createdAt,
        @Schema(example = "2025-04-02T16:45:00Z") Instant updatedAt,
        @Schema(nullable = true, description = "The caller's role; null when they are neither a member nor pending "
                + "nor invited", example = "MEMBER") Role myRole,
        @Schema(nullable = true, description = "The caller's membership status (ACTIVE, PENDING request, INVITED); "
                + "null when they have none", example = "ACTIVE")
        MembershipStatus myStatus,
        @JsonIgnore @Schema(hidden = true) long version) {
}
