package io.scaffold.communities.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.domain.Visibility;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Community")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommunityView(
        UUID id,
        @Schema(example = "Kafka practitioners") String name,
        @Schema(example = "Running Kafka in production: patterns, incidents, help") String description,
        Visibility visibility,
        @Schema(example = "[\"kafka\", \"streaming\"]") List<String> tags,
        @Schema(description = "Active members") int memberCount,
        boolean archived,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The caller's role, when they are a member") Role myRole,
        @Schema(description = "The caller's membership status (ACTIVE, PENDING request, INVITED)")
        MembershipStatus myStatus,
        @JsonIgnore @Schema(hidden = true) long version) {
}
